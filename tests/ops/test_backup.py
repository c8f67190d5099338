"""Backup and restore: a round trip gives back every row of every table and every file."""

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import record_event
from lotrinh.core.backup import all_tables, backed_up_models


def every_table() -> dict[str, list]:
    """All rows of every model (many-to-many links included), in primary-key order."""
    return {
        model._meta.label_lower: serializers.serialize(
            "python", model._base_manager.order_by(model._meta.pk.name)
        )
        for model in backed_up_models()
    }


def every_file(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def media(tmp_path, settings) -> Path:
    root = tmp_path / "media"
    (root / "evidence" / "2026").mkdir(parents=True)
    (root / "evidence" / "2026" / "bien-ban họp.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    (root / "documents" / "2026").mkdir(parents=True)
    (root / "documents" / "2026" / "bao-cao.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 5000)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def lived_in(officer_a, approver_a, admin_user, media):
    """A database with users, sessions, audit events and failed logins, beside the seed."""
    Client().force_login(officer_a)  # a session row
    Client().post(
        "/tai-khoan/dang-nhap/", {"username": "officer_a", "password": "sai"}
    )  # a failed login (django-axes)
    agency = Agency.objects.get(code="bo-y-te")
    record_event(admin_user, "test.recorded", agency, before={"a": 1}, after={"a": "hai"})
    DBTaskResult.objects.create(
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="lotrinh.documents.tasks.generate",
        backend_name="default",
        run_after=timezone.now(),
        return_value={"ok": True},
        exception_class_path="",
        traceback="",
    )
    return agency


@pytest.mark.django_db
def test_a_round_trip_gives_back_every_row_of_every_table_and_every_file(lived_in, media, tmp_path):
    before_rows, before_files = every_table(), every_file(media)
    assert before_rows["core.auditevent"] and before_rows["accounts.user"]
    assert before_rows["sessions.session"] and before_rows["contenttypes.contenttype"]
    assert before_rows["django_tasks_database.dbtaskresult"] and before_rows["axes.accessattempt"]
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))

    # Everything changes afterwards: rows added and removed, files changed and added.
    User.objects.create_user("intruder", password="x")
    Agency.objects.filter(code="bo-y-te").update(name_en="changed")
    (media / "evidence" / "2026" / "bien-ban họp.pdf").write_bytes(b"overwritten")
    (media / "new.txt").write_text("new")

    call_command("restore", str(archive), "--force")
    assert every_table() == before_rows
    assert every_file(media) == before_files


@pytest.mark.django_db
def test_a_backup_restores_into_an_emptied_database_without_force(lived_in, media, tmp_path):
    before_rows, before_files = every_table(), every_file(media)
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), all_tables(), allow_cascade=True)
    )
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    call_command("restore", str(archive))
    assert every_table() == before_rows
    assert every_file(media) == before_files


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty_without_force(lived_in, tmp_path):
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))
    User.objects.create_user("after-backup", password="x")
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive))
    assert User.objects.filter(username="after-backup").exists()


def damage_member(archive: Path, target: Path, name: str) -> None:
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == name:
                data = (
                    data.replace(b"bo-y-te", b"bo-y-xx", 1) if b"bo-y-te" in data else data + b" "
                )
            out.writestr(info, data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "damage",
    ["changed row", "changed file", "extra member", "no manifest", "not a zip", "foreign zip"],
)
def test_restore_refuses_a_damaged_or_foreign_archive_and_changes_nothing(
    lived_in, media, tmp_path, damage
):
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))
    bad = tmp_path / "hong.zip"
    if damage == "changed row":
        damage_member(archive, bad, "data/agencies.agency.json")
    elif damage == "changed file":
        damage_member(archive, bad, "media/documents/2026/bao-cao.docx")
    elif damage == "extra member":
        damage_member(archive, bad, "")
        with zipfile.ZipFile(bad, "a") as out:
            out.writestr("data/evil.json", "[]")
    elif damage == "no manifest":
        with zipfile.ZipFile(archive) as source, zipfile.ZipFile(bad, "w") as out:
            for info in source.infolist():
                if info.filename != "manifest.json":
                    out.writestr(info, source.read(info.filename))
    elif damage == "not a zip":
        bad.write_bytes(b"\x00garbage" * 100)
    else:
        with zipfile.ZipFile(bad, "w") as out:
            out.writestr("manifest.json", json.dumps({"format": "other-app", "version": 1}))
    User.objects.create_user("after-backup", password="x")
    rows, files = every_table(), every_file(media)
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(bad), "--force")
    message = str(refused.value)
    assert "sao lưu" in message.lower() or "Không mở được" in message
    assert every_table() == rows
    assert every_file(media) == files


@pytest.mark.django_db
def test_the_manifest_lists_counts_and_checksums(lived_in, tmp_path):
    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))
    with zipfile.ZipFile(archive) as opened:
        manifest = json.loads(opened.read("manifest.json"))
        assert manifest["format"] == "lotrinh-backup" and manifest["version"] == 1
        assert manifest["counts"]["agencies.agency"] == Agency.objects.count()
        for name, digest in manifest["checksums"].items():
            assert hashlib.sha256(opened.read(name)).hexdigest() == digest


@pytest.mark.django_db
def test_an_archive_without_sort_keys_restores_with_them(lived_in, media, tmp_path):
    """An archive made before names had sort keys (docs/architecture.md): the restore
    computes them, so lists come back in Vietnamese order."""
    from lotrinh.core.text import vi_sort_key

    archive = tmp_path / "sao-luu.zip"
    call_command("backup", str(archive))
    older = tmp_path / "truoc.zip"
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(older, "w") as out:
        manifest = json.loads(source.read("manifest.json"))
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename in ("data/agencies.agency.json", "data/accounts.user.json"):
                rows = json.loads(data)
                for row in rows:
                    row["fields"].pop("name_sort", None)
                    row["fields"].pop("full_name_sort", None)
                data = json.dumps(rows, ensure_ascii=False).encode("utf-8")
                manifest["checksums"][info.filename] = hashlib.sha256(data).hexdigest()
            if info.filename != "manifest.json":
                out.writestr(info, data)
        out.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
    call_command("restore", str(older), "--force")
    agencies = list(Agency.objects.values_list("name_vi", "name_sort"))
    assert agencies and all(key == vi_sort_key(name) for name, key in agencies)
    people = list(User.objects.values_list("full_name", "full_name_sort"))
    assert people and all(key == vi_sort_key(name) for name, key in people)
