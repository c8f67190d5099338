"""Public pages' data, cached under a key that changes with what the public may see.

The key holds a fingerprint of the publications (their number and versions: publishing
or withdrawing changes it), of the reports (the latest change of any report: one reopened
for a revision leaves the public at once) and of the programmes. Every process computes
the same fingerprint from the database in one small query, so a per-process cache stays
correct when another process publishes.
"""

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from lotrinh.core.locale import active_language

T = TypeVar("T")
TIMEOUT = 600
# The shape of the cached values: changed with them (a task's addressees became triples),
# so a process of the new code never reads a value pickled by the old one (a shared cache).
SHAPE = 2

_SQL = (
    "SELECT (SELECT COUNT(*) FROM portal_publication),"
    " (SELECT COALESCE(SUM(version), 0) FROM portal_publication),"
    " (SELECT MAX(updated_at) FROM reporting_agencyreport),"
    " (SELECT COUNT(*) FROM reporting_agencyreport),"
    " (SELECT MAX(id) FROM programmes_programme),"
    " (SELECT MAX(id) FROM indicators_observation),"
    " (SELECT COUNT(*) FROM indicators_observation WHERE approval = 'approved')"
)


def fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_SQL)
        row = cursor.fetchone()
    return "-".join(str(v) for v in row).replace(" ", "_")


def remember(name: str, build: Callable[[], T]) -> T:
    """The value of `build()` for the public state of now, in the page's language."""
    key = f"portal:{SHAPE}:{name}:{active_language()}:{fingerprint()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value
