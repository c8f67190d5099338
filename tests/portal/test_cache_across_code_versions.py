"""The public pages' data cache (portal/cache.py) shared by processes of different code (a
deploy with a shared Redis, a rolling restart): an entry written by another version of the
code is never read, whatever its shape, and one that cannot even be read back (its class
gone) is rebuilt. Before, the key carried a hand-kept number (SHAPE) a developer had to
bump when a cached structure changed; forgotten, the new code read the old shape: a 500."""

import pickle
from pathlib import Path

import pytest
from django.core.cache import cache as django_cache
from django.test import Client
from django.urls import reverse

from lotrinh.portal import cache

pytestmark = pytest.mark.django_db

PAGES = ("portal:overview", "portal:tasks", "portal:documents")


class _OldShape:
    """A value of the old code: not what the new code's pages expect."""

    def __getitem__(self, index: object) -> object:
        raise TypeError("a pair, not a triple")

    def __len__(self) -> int:
        return 1


def test_an_entry_cached_by_another_version_of_the_code_is_never_read(
    seeded_db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    django_cache.clear()
    current = cache.code_version()
    monkeypatch.setattr(cache, "code_version", lambda: "old-code")
    for name in ("programmes", "page:overview", "page:tasks", "page:documents"):
        cache.remember(name, _OldShape)  # the old code's processes fill the shared cache
    monkeypatch.setattr(cache, "code_version", lambda: current)
    client = Client()
    for page in PAGES:
        assert client.get(reverse(page)).status_code == 200, page


def test_an_entry_that_cannot_be_read_back_is_rebuilt(seeded_db: None) -> None:
    django_cache.clear()
    built = cache.remember("probe", lambda: {"shape": "new"})
    assert built == {"shape": "new"}
    # What the shared cache holds under the key: a pickle whose class no longer exists.
    broken = pickle.dumps(_OldShape()).replace(b"_OldShape", b"_GoneShap")
    django_cache._cache[django_cache.make_and_validate_key(cache.key("probe"))] = broken
    assert cache.remember("probe", lambda: {"shape": "rebuilt"}) == {"shape": "rebuilt"}


def test_the_code_version_changes_with_the_code(tmp_path: Path) -> None:
    """Guard of the key's ingredient: any source, template or translation changed is
    another version; the same files give the same version."""
    (tmp_path / "public.py").write_text("PAIRS = True\n")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html").write_text("<p>{{ a }}</p>")
    first = cache.source_version(tmp_path)
    assert cache.source_version(tmp_path) == first
    (tmp_path / "public.py").write_text("PAIRS = False  # triples\n")
    second = cache.source_version(tmp_path)
    assert second != first
    (tmp_path / "templates" / "page.html").write_text("<p>{{ b }}</p>")
    assert cache.source_version(tmp_path) != second
