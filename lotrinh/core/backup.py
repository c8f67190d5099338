"""Backup and restore: the database and the files under MEDIA_ROOT in one archive.

The archive is a ZIP file:
- `manifest.json`: format name and version, creation time, database vendor, applied
  migrations, the row count of every model, and the SHA-256 of every other member;
- `data/<app_label>.<model>.json`: every row of every model (Django's serializer, as
  JSON with times to the microsecond, primary keys kept), in dependency order;
- `media/<path>`: every file under MEDIA_ROOT, byte for byte.

Django's serializers make it portable: a backup of a SQLite database restores into
PostgreSQL and back. A restore checks the whole archive before it writes anything, and
replaces the database in one transaction; files are written beside MEDIA_ROOT and
swapped in only after the database has been committed.
"""

import datetime
import hashlib
import json
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.core.fields import refill_sort_keys

FORMAT = "lotrinh-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20
# Rows that `migrate` itself creates: a database holding only these counts as empty.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (Django's keeps milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """The archive cannot be restored (damaged, foreign, or the database is not empty)."""


@dataclass
class RestoreSummary:
    rows: int
    files: int


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete, managed model, parents before the rows that point at them."""
    app_list: dict[Any, None] = {config: None for config in apps.get_app_configs()}
    ordered = serializers.sort_dependencies(app_list.items(), allow_cycles=True)
    return [
        model
        for model in ordered
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def all_tables() -> list[str]:
    """Every table the models own, many-to-many link tables included."""
    return [
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and not model._meta.swapped
    ]


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def media_files(root: Path) -> Iterable[tuple[str, Path]]:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> list[str]:
    recorder = MigrationRecorder(connections[using])
    return sorted(f"{app}.{name}" for app, name in recorder.applied_migrations())


# ------------------------------------------------------------------------- backup
def write_backup(target: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write the archive to `target` (via a temporary file, renamed when complete)."""
    media_root = Path(settings.MEDIA_ROOT)
    target.parent.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    checksums: dict[str, str] = {}
    order: list[str] = []
    fd, partial = tempfile.mkstemp(dir=target.parent, prefix=".backup-", suffix=".partial")
    os.close(fd)
    try:
        with (
            tempfile.TemporaryDirectory() as scratch,
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
        ):
            # One snapshot of the database for every table (REPEATABLE READ on PostgreSQL;
            # SQLite's read transaction is a snapshot already).
            outermost = not connections[using].in_atomic_block
            with transaction.atomic(using=using):
                if connections[using].vendor == "postgresql" and outermost:
                    with connections[using].cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                for model in backed_up_models():
                    name = f"data/{label(model)}.json"
                    dump = Path(scratch) / "dump.json"
                    queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
                    rows = serializers.serialize("python", queryset.iterator())
                    with dump.open("w", encoding="utf-8") as handle:
                        json.dump(rows, handle, cls=ExactJSONEncoder, ensure_ascii=False)
                    counts[label(model)] = queryset.count()
                    order.append(label(model))
                    checksums[name] = sha256_file(dump)
                    archive.write(dump, name)
                migrations = applied_migrations(using)
            for relative, path in media_files(media_root):
                name = f"media/{relative}"
                checksums[name] = sha256_file(path)
                archive.write(path, name)
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": timezone.now().isoformat(),
                "database_vendor": connections[using].vendor,
                "migrations": migrations,
                "models": order,
                "counts": counts,
                "checksums": checksums,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return manifest


# ------------------------------------------------------------------------ restore
def known_migrations() -> set[str]:
    """The migrations this version of the code has (whatever the database holds)."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    return {f"{app}.{name}" for app, name in loader.disk_migrations}


def read_manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (KeyError, ValueError, UnicodeDecodeError) as exc:
        raise BackupError(
            _("Tệp này không phải bản sao lưu của Lộ trình (thiếu hoặc hỏng manifest.json).")
        ) from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("Tệp này không phải bản sao lưu của Lộ trình."))
    if manifest.get("version") != VERSION:
        raise BackupError(
            _(
                "Bản sao lưu có định dạng phiên bản %(version)s, phần mềm này đọc phiên bản %(ours)s."
            )
            % {"version": manifest.get("version"), "ours": VERSION}
        )
    for key, kind in (("models", list), ("counts", dict), ("checksums", dict)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(_("Bản sao lưu bị hỏng: manifest.json không đầy đủ."))
    return manifest


def check_archive(archive: zipfile.ZipFile) -> dict[str, Any]:
    """Every check that can fail, before anything is written."""
    manifest = read_manifest(archive)
    members = {info.filename for info in archive.infolist() if not info.is_dir()}
    listed = set(manifest["checksums"])
    if members - listed - {MANIFEST}:
        raise BackupError(
            _("Bản sao lưu bị hỏng: có tệp không được ghi trong manifest (%(name)s).")
            % {"name": sorted(members - listed - {MANIFEST})[0]}
        )
    for name, expected in manifest["checksums"].items():
        path = PurePosixPath(name)
        if path.is_absolute() or ".." in path.parts or path.parts[0] not in ("data", "media"):
            raise BackupError(
                _("Bản sao lưu bị hỏng: đường dẫn không hợp lệ (%(name)s).") % {"name": name}
            )
        if name not in members:
            raise BackupError(_("Bản sao lưu bị hỏng: thiếu tệp %(name)s.") % {"name": name})
        digest = hashlib.sha256()
        try:
            with archive.open(name) as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise BackupError(
                _("Bản sao lưu bị hỏng: không đọc được %(name)s.") % {"name": name}
            ) from exc
        if digest.hexdigest() != expected:
            raise BackupError(
                _("Bản sao lưu bị hỏng: tệp %(name)s không khớp mã kiểm tra.") % {"name": name}
            )
    known = {label(model) for model in backed_up_models()}
    unknown = sorted(set(manifest["models"]) - known)
    if unknown:
        raise BackupError(
            _("Bản sao lưu chứa dữ liệu mà phiên bản phần mềm này không biết: %(models)s.")
            % {"models": ", ".join(unknown)}
        )
    ours = known_migrations()
    newer = sorted(set(manifest.get("migrations", [])) - ours)
    if newer:
        raise BackupError(
            _(
                "Bản sao lưu được tạo với cấu trúc dữ liệu mới hơn cơ sở dữ liệu này "
                "(%(migration)s…): hãy nâng cấp phần mềm và chạy lotrinh init trước."
            )
            % {"migration": newer[0]}
        )
    return manifest


def database_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    return not any(
        model._base_manager.using(using).exists()
        for model in backed_up_models()
        if label(model) not in CREATED_BY_MIGRATE
    )


def restore_backup(source: Path, *, force: bool, using: str = DEFAULT_DB_ALIAS) -> RestoreSummary:
    """Replace the database and MEDIA_ROOT with the archive's content."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(
            _("Không mở được %(file)s: không phải bản sao lưu của Lộ trình, hoặc tệp bị hỏng.")
            % {"file": source}
        ) from exc
    with archive:
        manifest = check_archive(archive)
        # The schema first (a new database, or one a version behind): nothing else yet.
        call_command("migrate", interactive=False, verbosity=0, database=using)
        if not force and not database_is_empty(using):
            raise BackupError(
                _(
                    "Cơ sở dữ liệu đã có dữ liệu: không phục hồi đè lên. Dùng --force để thay "
                    "toàn bộ dữ liệu và tệp hiện có bằng nội dung bản sao lưu."
                )
            )
        media_root = Path(settings.MEDIA_ROOT)
        media_root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=".restore-media-"))
        try:
            files = stage_media(archive, manifest, staging)
            rows = load_database(archive, manifest, using)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    swap_media(staging, media_root)
    # Object types may have other ids now: forget the ones this process remembers.
    ContentType.objects.clear_cache()
    return RestoreSummary(rows=rows, files=files)


def stage_media(archive: zipfile.ZipFile, manifest: dict[str, Any], staging: Path) -> int:
    count = 0
    for name in manifest["checksums"]:
        if not name.startswith("media/"):
            continue
        target = staging / name.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.open(name) as source, target.open("wb") as handle:
            shutil.copyfileobj(source, handle, CHUNK)
        count += 1
    return count


def load_database(archive: zipfile.ZipFile, manifest: dict[str, Any], using: str) -> int:
    connection = connections[using]
    all_models = backed_up_models()
    total = 0
    with transaction.atomic(using=using):
        tables = all_tables()
        if connection.vendor == "postgresql":
            # TRUNCATE refuses tables with pending deferred checks (rows written earlier
            # in an enclosing transaction): run those checks now, defer them again after.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # TRUNCATE on PostgreSQL (the audit table's trigger refuses row deletes only).
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), tables, reset_sequences=False, allow_cascade=True)
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        with connection.constraint_checks_disabled():
            for model_label in manifest["models"]:
                name = f"data/{model_label}.json"
                with archive.open(name) as handle:
                    objects = serializers.deserialize(
                        "python", json.loads(handle.read().decode("utf-8")), using=using
                    )
                    count = 0
                    for obj in objects:
                        obj.save(using=using)
                        count += 1
                if count != manifest["counts"].get(model_label):
                    raise BackupError(
                        _("Bản sao lưu bị hỏng: số bản ghi của %(model)s không khớp manifest.")
                        % {"model": model_label}
                    )
                total += count
        # Rows are loaded raw, as written: an archive from before the sort keys of names
        # (or from an older `vi_sort_key`) brings none or stale ones. Compute them again.
        for model in all_models:
            refill_sort_keys(model, using=using)
        connection.check_constraints(table_names=tables)
        sequences = connection.ops.sequence_reset_sql(no_style(), all_models)
        if sequences:
            with connection.cursor() as cursor:
                for statement in sequences:
                    cursor.execute(statement)
    return total


def swap_media(staging: Path, media_root: Path) -> None:
    old = None
    if media_root.exists():
        old = media_root.with_name(f".{media_root.name}-before-restore-{os.getpid()}")
        media_root.rename(old)
    staging.rename(media_root)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
