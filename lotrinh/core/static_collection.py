"""Collect the static files only when they changed (`lotrinh serve` at each start).

After a collection, a manifest under the node's `LOTRINH_VAR_DIR` records what was
collected: every file the static finders list (the installed package's and its
dependencies'), with its size and modification time. A start collects again only when
the manifest is missing or unreadable, a source file was added, removed, or changed
since (a new version installed), or a collected file is missing from `STATIC_ROOT`;
otherwise it costs a listing of the sources (a few milliseconds), not a collection.
"""

import hashlib
import json
import os
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command

MANIFEST_NAME = "static-manifest.json"


def manifest_path() -> Path:
    # Beside STATIC_ROOT, not in it: whitenoise would serve it.
    return Path(settings.VAR_DIR) / MANIFEST_NAME


def static_sources() -> dict[str, str]:
    """Each static path collectstatic would copy → "size:mtime_ns" of its source (the
    first finder that has the path wins, as in collectstatic)."""
    ignore = apps.get_app_config("staticfiles").ignore_patterns  # type: ignore[attr-defined]
    found: dict[str, str] = {}
    for finder in get_finders():
        for path, storage in finder.list(ignore):
            prefix = getattr(storage, "prefix", None)
            name = f"{prefix}/{path}" if prefix else path
            if name in found:
                continue
            stat = os.stat(storage.path(path))
            found[name] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return found


def fingerprint(sources: dict[str, str]) -> str:
    text = "\n".join(f"{name}\0{stamp}" for name, stamp in sorted(sources.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def is_current(sources: dict[str, str]) -> bool:
    """Does the manifest match these sources, with every collected file in place?"""
    try:
        recorded = json.loads(manifest_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(recorded, dict) or recorded.get("fingerprint") != fingerprint(sources):
        return False
    root = Path(settings.STATIC_ROOT)
    return all((root / name).is_file() for name in sources)


def write_manifest(sources: dict[str, str]) -> None:
    path = manifest_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"fingerprint": fingerprint(sources), "files": len(sources)})
    # Written whole or not at all: a crash leaves the previous manifest or none.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".static-manifest-")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def collect_if_stale() -> int | None:
    """Run collectstatic when the collected files are not those of the installed sources;
    return the number of source files then, None when nothing had to be done."""
    sources = static_sources()  # listed before the copy: a change during it is seen next time
    if is_current(sources):
        return None
    call_command("collectstatic", interactive=False, verbosity=0)
    write_manifest(sources)
    return len(sources)
