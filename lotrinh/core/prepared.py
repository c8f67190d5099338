"""ORM queries of a fixed shape, compiled once per database connection.

A few queries run on every request whatever the page: the session, the signed-in person
(with their agency), the person's unread notifications. Their SQL takes a few hundredths
of a millisecond; building and compiling them through the ORM took ten times more, on
every request. A `Prepared` query is written with the ORM as usual (a function of
placeholder values returning a queryset), compiled the first time a connection runs it,
and then run with new values: the same SQL, the same parameters (each value passes
through its field's `get_db_prep_value`, as in a filter), the same model instances
(`Model.from_db`, with `select_related` objects), through the connection's cursor (so
query logging and execute wrappers see it as any query).

Only for filters on plain field values (`field=value`, `field__gt=value`); a placeholder
may be used several times (`Q(slug=s) | Q(code=s)`), and the samples must be distinct
from each other and from every other value of the query. `tests/core/test_prepared.py` checks it against the
queryset it is built from.
"""

import itertools
from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections
from django.db.models import Field, QuerySet
from django.db.models.query import get_related_populators

_IDS = itertools.count(1)


class Prepared:
    """`Prepared(lambda key, now: Session.objects.filter(session_key=key,
    expire_date__gt=now), [Session._meta.get_field("session_key"), …], [sample, …])`,
    then `.objects(key, now)`. `samples`: one value per placeholder, of its type and
    distinct from each other and from the query's other values, used to find where each
    placeholder lands in the SQL's parameters."""

    def __init__(
        self,
        build: Callable[..., QuerySet],
        fields: Sequence[Field],
        samples: Sequence[Any],
        using: str = "default",
    ) -> None:
        self.build = build
        self.fields = list(fields)
        self.samples = list(samples)
        self.using = using
        self.key = f"_lotrinh_prepared_{next(_IDS)}"

    def _compiled(self, connection: Any) -> tuple[str, list[Any], list[list[int]], Any]:
        compiled = getattr(connection, self.key, None)
        if compiled is not None:
            return compiled
        queryset = self.build(*self.samples)
        compiler = queryset.query.get_compiler(using=self.using)
        sql, params = compiler.as_sql()
        params = list(params)
        slots = []
        for field, sample in zip(self.fields, self.samples, strict=True):
            prepped = field.get_db_prep_value(sample, connection)
            found = [i for i, p in enumerate(params) if p == prepped]
            if not found:
                raise ValueError(f"placeholder {sample!r} not found in {sql}")
            slots.append(found)
        compiled = (sql, params, slots, compiler)
        setattr(connection, self.key, compiled)
        return compiled

    def _fetch(self, values: Sequence[Any]) -> tuple[list[Any], Any]:
        connection = connections[self.using]
        sql, template, slots, compiler = self._compiled(connection)
        params = list(template)
        for places, field, value in zip(slots, self.fields, values, strict=True):
            prepped = field.get_db_prep_value(value, connection)
            for place in places:
                params[place] = prepped
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall(), compiler

    def _plan(self, connection: Any, kind: str, make: Callable[[Any], Any]) -> Any:
        """What reading the rows needs beyond the SQL (converters, the model's fields,
        the related objects' populators), worked out once per connection as the SQL
        is: it depends on the compiled query only, and took longer than the query."""
        key = f"{self.key}_{kind}"
        plan = getattr(connection, key, None)
        if plan is None:
            plan = make(self._compiled(connection)[3])
            setattr(connection, key, plan)
        return plan

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows (tuples) the `values_list()` queryset built from `values` would give."""
        rows, compiler = self._fetch(values)
        if not rows:
            return []

        def make(compiler: Any) -> Any:
            fields = [s[0] for s in compiler.select[: compiler.col_count]]
            return compiler.get_converters(fields)

        converters = self._plan(connections[self.using], "rows", make)
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [tuple(row[: compiler.col_count]) for row in rows]

    def raw(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows as the database gives them (no conversion): for `objects_from`, or
        as a fingerprint of the data (portal/page_cache.py)."""
        return self._fetch(values)[0]

    def objects(self, *values: Any) -> list[Any]:
        """The model instances the queryset built from `values` would give."""
        return self.objects_from(self._fetch(values)[0])

    def objects_from(self, rows: list[Any]) -> list[Any]:
        """The model instances of `rows` read by `raw()` (on this connection)."""
        if not rows:
            return []
        compiler = self._compiled(connections[self.using])[3]

        def make(compiler: Any) -> Any:
            select, klass_info = compiler.select, compiler.klass_info
            fields = [s[0] for s in select[: compiler.col_count]]
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            return (
                compiler.get_converters(fields),
                klass_info["model"],
                start,
                end,
                [f[0].target.attname for f in select[start:end]],
                get_related_populators(klass_info, select, self.using),  # type: ignore[call-arg]
            )

        converters, model, start, end, init_list, populators = self._plan(
            connections[self.using], "objects", make
        )
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        out = []
        for row in rows:
            obj = model.from_db(self.using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            out.append(obj)
        return out


def prefetched(instance: Any, name: str, related: list[Any]) -> None:
    """Store `related` as `instance.<name>.all()`, as `prefetch_related(name)` does, for
    rows read by a `Prepared` query (the template's `.all()` then runs no query)."""
    queryset = getattr(instance, name).all()
    queryset._result_cache = related
    queryset._prefetch_done = True
    cache = getattr(instance, "_prefetched_objects_cache", None)
    if cache is None:
        cache = instance._prefetched_objects_cache = {}
    cache[name] = queryset
