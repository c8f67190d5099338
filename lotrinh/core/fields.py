"""`SortKeyField`: a stored sort key of another field, Vietnamese or English order
(docs/architecture.md, "Names in Vietnamese order"); `SearchTextField`: the stored folded
text of some fields, for search."""

from collections.abc import Sequence
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from lotrinh.core.text import en_sort_key, fold, vi_sort_key

KEYS = {"vi": vi_sort_key, "en": en_sort_key}


class SortKeyField(models.TextField):  # type: ignore[type-arg]
    """`vi_sort_key()` of the field named `source`, computed on every insert and save
    (`language="en"`: `en_sort_key()`; `fallback`: the field read when `source` is
    empty, as an English page shows the Vietnamese name of a body with no English one).

    `pre_save` fills it, so `save()`, `create()`, `bulk_create()` and the historical
    models of data migrations all write it; `QuerySet.update(source=…)` and
    `bulk_update()` do not (see `refill_sort_keys`). Lists order by it instead of the
    name: `order_by("name_sort")`. The name itself keeps its equality and uniqueness.

    The key is compared code point by code point: SQLite's default (BINARY) does that,
    and on PostgreSQL the column gets COLLATE "C", whatever the database's collation.
    """

    def __init__(
        self,
        *args: Any,
        source: str = "name_vi",
        fallback: str = "",
        language: str = "vi",
        **kwargs: Any,
    ) -> None:
        self.source = source
        self.fallback = fallback
        self.language = language
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if self.fallback:
            kwargs["fallback"] = self.fallback
        if self.language != "vi":
            kwargs["language"] = self.language
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        if kwargs.get("default") == "":
            del kwargs["default"]
        return name, path, args, kwargs

    @property
    def sources(self) -> list[str]:
        """The fields the key is computed from."""
        return [self.source, *([self.fallback] if self.fallback else [])]

    def key_of(self, instance: Any) -> str:
        text = getattr(instance, self.source) or ""
        if not text and self.fallback:
            text = getattr(instance, self.fallback) or ""
        return KEYS[self.language](text)

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = self.key_of(model_instance)
        setattr(model_instance, self.attname, value)
        return value

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


class SearchTextField(SortKeyField):
    """`fold()` of the fields named in `sources`, one after the other: the stored text a
    list's search compares (`search_text__contains=fold(word)`, docs/architecture.md,
    "Search"). Written like a `SortKeyField` (`pre_save`, `SortKeysOnSave`,
    `refill_sort_keys`), so a name changed by `save(update_fields=[...])` is found."""

    def __init__(self, *args: Any, sources: Sequence[str] = (), **kwargs: Any) -> None:
        self.search_sources = list(sources)
        for key in ("source", "fallback", "language"):
            kwargs.pop(key, None)
        super().__init__(
            *args, source=self.search_sources[0] if self.search_sources else "", **kwargs
        )

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        del kwargs["source"]
        kwargs["sources"] = list(self.search_sources)
        return name, path, args, kwargs

    @property
    def sources(self) -> list[str]:
        return list(self.search_sources)

    def key_of(self, instance: Any) -> str:
        return fold(" ".join(str(getattr(instance, s) or "") for s in self.search_sources))


class SortKeysOnSave:
    """Model mixin: `save(update_fields=[source])` also writes the source's sort key."""

    _meta: Any

    def save(self, *args: Any, **kwargs: Any) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            keys = [
                f.attname
                for f in self._meta.concrete_fields
                if isinstance(f, SortKeyField)
                and any(source in update_fields for source in f.sources)
                and f.attname not in update_fields
            ]
            if keys:
                kwargs["update_fields"] = [*update_fields, *keys]
        super().save(*args, **kwargs)  # type: ignore[misc]


def refill_sort_keys(model: type[models.Model], using: str = "default") -> int:
    """Recompute every `SortKeyField` of `model`'s rows that is out of date (after a
    change of `vi_sort_key`, or rows written by `update()`). Returns how many changed.

    Works on historical models too (data migrations)."""
    fields = [f for f in model._meta.concrete_fields if isinstance(f, SortKeyField)]
    if not fields:
        return 0
    names = ["pk", *(f.attname for f in fields), *{s for f in fields for s in f.sources}]
    changed = []
    for row in model._base_manager.using(using).only(*names).order_by("pk").iterator():
        stale = False
        for f in fields:
            key = f.key_of(row)
            if getattr(row, f.attname) != key:
                setattr(row, f.attname, key)
                stale = True
        if stale:
            changed.append(row)
    model._base_manager.using(using).bulk_update(
        changed, [f.attname for f in fields], batch_size=500
    )
    return len(changed)
