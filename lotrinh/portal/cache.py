"""Public pages' data, cached under a key that changes with what the public may see.

The key holds a fingerprint of the publications (their number and versions: publishing
or withdrawing changes it), of the reports (the latest change of any report: one reopened
for a revision leaves the public at once) and of the programmes. Every process computes
the same fingerprint from the database in one small query, so a per-process cache stays
correct when another process publishes.

The key also holds the version of the code (`code_version`: a digest of the package's
Python sources, templates and compiled translations, read once per process), so a process
never reads a value another version of the code stored in a shared cache (a deploy, a
rolling restart with Redis): a cached structure changed is another key, with nothing to
remember to bump. A value that cannot be read back at all is built again.
"""

import hashlib
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from django.core.cache import cache
from django.db import connection

from lotrinh.core.locale import active_language

T = TypeVar("T")
TIMEOUT = 600
PACKAGE = Path(__file__).resolve().parent.parent
logger = logging.getLogger(__name__)

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


def source_version(package: Path) -> str:
    """A digest of the Python sources, templates and compiled translations under
    `package`: what builds the cached values and gives them their shape."""
    files = sorted(
        [
            *package.glob("**/*.py"),
            *package.glob("**/templates/**/*.html"),
            *package.glob("**/*.mo"),
        ]
    )
    source = hashlib.blake2b(digest_size=8)
    for path in files:
        source.update(path.relative_to(package).as_posix().encode())
        source.update(path.read_bytes())
    return source.hexdigest()


@lru_cache(maxsize=1)
def _package_version() -> str:
    return source_version(PACKAGE)


def code_version() -> str:
    """The running code's version, the same in every process of one deploy."""
    return _package_version()


def key(name: str) -> str:
    """The cache key of `name` for this code, the page's language and the public state."""
    return f"portal:{code_version()}:{name}:{active_language()}:{fingerprint()}"


def remember(name: str, build: Callable[[], T]) -> T:
    """The value of `build()` for the public state of now, in the page's language."""
    at = key(name)
    try:
        value = cache.get(at)
    except Exception:  # noqa: BLE001 - a value that cannot be unpickled: built again
        logger.warning("portal cache: %s could not be read back; built again", name)
        value = None
    if value is None:
        value = build()
        cache.set(at, value, TIMEOUT)
    return value
