"""A fingerprint of every table, to prove that a request changed nothing.

`table_hashes()` returns {table: sha256 of all its rows ordered by primary key} for every
model in `apps.get_models()` and every many-to-many through table. Compare two
fingerprints with `changed_tables(before, after)`.

Ignored, on purpose:
- the session table: logging a test client in writes a session row, and Django may
  refresh it on any request; a session is not part of the records;
- django-axes' access logs and attempts (`axes_*`), when installed: recording a login
  attempt is the point of the throttle, not a change to the records.
"""

import hashlib
from collections.abc import Iterable

from django.apps import apps
from django.db import connection

IGNORED_TABLES = frozenset({"django_session"})
IGNORED_PREFIXES = ("axes_",)


def _tables() -> list[tuple[str, list[str], str]]:
    """(table, columns, ordering column) of every model table and m2m through table."""
    seen: dict[str, tuple[str, list[str], str]] = {}
    models: list = list(apps.get_models(include_auto_created=True))
    for model in models:
        meta = model._meta
        if meta.proxy or (not meta.managed and not meta.auto_created):
            continue
        table = meta.db_table
        if table in IGNORED_TABLES or table.startswith(IGNORED_PREFIXES) or table in seen:
            continue
        columns = [field.column for field in meta.concrete_fields]
        seen[table] = (table, columns, meta.pk.column)
        for field in meta.local_many_to_many:
            through = field.remote_field.through._meta
            if through.db_table not in seen:
                seen[through.db_table] = (
                    through.db_table,
                    [f.column for f in through.concrete_fields],
                    through.pk.column,
                )
    return sorted(seen.values())


def table_hashes() -> dict[str, str]:
    """sha256 of every (non-ignored) table's rows, ordered by primary key."""
    result: dict[str, str] = {}
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, columns, pk in _tables():
            cursor.execute(
                "SELECT {} FROM {} ORDER BY {}".format(
                    ", ".join(quote(c) for c in columns), quote(table), quote(pk)
                )
            )
            digest = hashlib.sha256()
            for row in cursor.fetchall():
                digest.update(repr(tuple(_plain(v) for v in row)).encode())
            result[table] = digest.hexdigest()
    return result


def _plain(value: object) -> object:
    # PostgreSQL returns memoryview for binary columns and may return Decimal/str for
    # JSON; repr() of those is stable, but memoryview's repr carries an address.
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The tables whose rows differ between two fingerprints."""
    names: Iterable[str] = sorted(set(before) | set(after))
    return [name for name in names if before.get(name) != after.get(name)]


# ---------------------------------------------------------------- fast path
# Hashing every table takes ~0.1 s; the matrix has thousands of cells. Most requests
# write nothing at all, which the database can tell cheaply: SQLite counts the rows
# changed on the connection (`total_changes()`), PostgreSQL the rows inserted, updated
# and deleted in the current transaction (`pg_stat_xact_user_tables`). When that count
# did not move, no table changed; when it did, the full hashes decide (and name the
# tables), so sessions and axes' logs stay ignored.


def change_count() -> int | None:
    """Rows written so far on this connection/transaction (None: unknown backend)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT total_changes()")
        elif connection.vendor == "postgresql":
            cursor.execute(
                "SELECT COALESCE(SUM(n_tup_ins + n_tup_upd + n_tup_del), 0)"
                " FROM pg_stat_xact_user_tables"
            )
        else:
            return None
        return int(cursor.fetchone()[0])


class WriteWatch:
    """Which tables a block of work changed (inside a transaction, e.g. a test).

    `watch = WriteWatch()` before the work, `watch.changed()` after it. When rows were
    written, the work is rolled back to a savepoint taken at the start to hash the
    tables as they were before, so call `changed()` last.
    """

    def __init__(self) -> None:
        from django.db import transaction

        self._transaction = transaction
        self.count = change_count()
        self.savepoint = transaction.savepoint()
        assert self.savepoint is not None, "WriteWatch needs an open transaction (a test)"
        if self.count is None:
            self.before: dict[str, str] | None = table_hashes()
        else:
            self.before = None

    def changed(self) -> list[str]:
        if self.before is not None:
            return changed_tables(self.before, table_hashes())
        if change_count() == self.count:
            return []
        after = table_hashes()
        self._transaction.savepoint_rollback(self.savepoint)
        return changed_tables(table_hashes(), after)
