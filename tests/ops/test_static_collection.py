"""Static files are collected at a start only when they changed since the last one."""

import os
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from lotrinh.core import static_collection


@pytest.fixture
def node(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A node's own var/ and STATIC_ROOT, a source directory of its own beside the
    apps' static files, and a count of the collections run."""
    source = tmp_path / "source"
    (source / "extra").mkdir(parents=True)
    (source / "extra" / "one.css").write_text("body { color: #111; }")
    var = tmp_path / "var"
    calls: list[str] = []
    real = static_collection.call_command

    def counted(name: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(static_collection, "call_command", counted)
    with override_settings(VAR_DIR=var, STATIC_ROOT=var / "static", STATICFILES_DIRS=[source]):
        yield type("Node", (), {"source": source, "root": var / "static", "calls": calls})


def later(path: Path) -> None:
    """Give `path` a modification time clearly after its current one."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_the_first_start_collects_and_a_restart_does_not(node):
    count = static_collection.collect_if_stale()
    assert count is not None and count > 10
    assert node.calls == ["collectstatic"]
    assert (node.root / "extra" / "one.css").read_text() == "body { color: #111; }"
    assert (node.root / "css" / "site.css").is_file()  # the package's own
    assert static_collection.manifest_path().is_file()
    assert not static_collection.manifest_path().is_relative_to(node.root)  # not served

    assert static_collection.collect_if_stale() is None
    assert static_collection.collect_if_stale() is None
    assert node.calls == ["collectstatic"]


def test_a_newer_source_file_is_collected_again(node):
    static_collection.collect_if_stale()
    source = node.source / "extra" / "one.css"
    source.write_text("body { color: #222; }")
    later(source)
    assert static_collection.collect_if_stale() is not None
    assert (node.root / "extra" / "one.css").read_text() == "body { color: #222; }"
    assert static_collection.collect_if_stale() is None
    assert node.calls == ["collectstatic", "collectstatic"]


def test_an_added_or_removed_source_file_is_seen(node):
    static_collection.collect_if_stale()
    (node.source / "extra" / "two.js").write_text("void 0;")
    assert static_collection.collect_if_stale() is not None
    assert (node.root / "extra" / "two.js").is_file()
    (node.source / "extra" / "two.js").unlink()
    assert static_collection.collect_if_stale() is not None
    assert len(node.calls) == 3


def test_a_missing_collected_file_or_a_broken_manifest_collects_again(node):
    static_collection.collect_if_stale()
    (node.root / "css" / "site.css").unlink()
    assert static_collection.collect_if_stale() is not None
    assert (node.root / "css" / "site.css").is_file()
    static_collection.manifest_path().write_text("{not json")
    assert static_collection.collect_if_stale() is not None
    static_collection.manifest_path().unlink()
    assert static_collection.collect_if_stale() is not None
    assert len(node.calls) == 4
    assert static_collection.collect_if_stale() is None
