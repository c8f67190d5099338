"""`SortKeyField`: a stored Vietnamese sort key of another field (docs/architecture.md,
"Names in Vietnamese order")."""

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

from lotrinh.core.text import vi_sort_key


class SortKeyField(models.TextField):  # type: ignore[type-arg]
    """`vi_sort_key()` of the field named `source`, computed on every insert and save.

    `pre_save` fills it, so `save()`, `create()`, `bulk_create()` and the historical
    models of data migrations all write it; `QuerySet.update(source=…)` and
    `bulk_update()` do not (see `refill_sort_keys`). Lists order by it instead of the
    name: `order_by("name_sort")`. The name itself keeps its equality and uniqueness.

    The key is compared code point by code point: SQLite's default (BINARY) does that,
    and on PostgreSQL the column gets COLLATE "C", whatever the database's collation.
    """

    def __init__(self, *args: Any, source: str = "name_vi", **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("editable", False)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        if kwargs.get("editable") is False:
            del kwargs["editable"]
        if kwargs.get("default") == "":
            del kwargs["default"]
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = vi_sort_key(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value

    def db_parameters(self, connection: BaseDatabaseWrapper) -> dict[str, Any]:
        params = super().db_parameters(connection)
        if connection.vendor == "postgresql":
            params["collation"] = "C"
        return params


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
                and f.source in update_fields
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
    names = ["pk", *(f.attname for f in fields), *(f.source for f in fields)]
    changed = []
    for row in model._base_manager.using(using).only(*names).order_by("pk").iterator():
        stale = False
        for f in fields:
            key = vi_sort_key(getattr(row, f.source) or "")
            if getattr(row, f.attname) != key:
                setattr(row, f.attname, key)
                stale = True
        if stale:
            changed.append(row)
    model._base_manager.using(using).bulk_update(
        changed, [f.attname for f in fields], batch_size=500
    )
    return len(changed)
