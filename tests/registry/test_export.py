import json
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from lotrinh.programmes.loader import DATA_DIR

pytestmark = pytest.mark.django_db


def export_json() -> dict:
    out = StringIO()
    call_command("export", "50/NQ-CP", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_json_export_has_every_task_with_its_agencies_as_written():
    source = json.loads((DATA_DIR / "50-NQ-CP.json").read_text(encoding="utf-8"))
    exported = export_json()
    keys = ("ref", "text", "lead", "coordinating", "addressees", "deadline", "recurrence", "output")
    by_ref = {t["ref"]: t for t in exported["tasks"]}
    assert [t["ref"] for t in exported["tasks"]] == [t["ref"] for t in source["tasks"]]
    for task in source["tasks"]:
        got = by_ref[task["ref"]]
        assert all(key in got for key in keys)
        assert got["lead"] == task["lead"]
        assert got["coordinating"] == task["coordinating"]
        assert [(a["generic"], a["role"]) for a in got["addressees"]] == [
            (a["generic"], a["role"]) for a in task.get("addressees", [])
        ]


def test_export_can_be_loaded_back_unchanged_in_substance(tmp_path):
    exported = export_json()
    path = tmp_path / "roundtrip.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    from lotrinh.programmes.loader import read_file, validate

    valid = validate(read_file(path), str(path))
    assert len(valid.data["tasks"]) == len(exported["tasks"])


def test_xlsx_matrix_marks_lead_and_coordinating(tmp_path):
    target = tmp_path / "matrix.xlsx"
    call_command("export", "50/NQ-CP", "--format", "xlsx", "-o", str(target), stderr=StringIO())
    book = load_workbook(BytesIO(target.read_bytes()))
    sheet = book["Ma trận phân công"]
    header = [c.value for c in sheet[1]]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    exported = {t["ref"]: t for t in export_json()["tasks"]}
    assert set(rows) == set(exported)
    for ref, task in exported.items():
        row = rows[ref]
        for name in task["lead"]:
            assert row[header.index(name)] == "L"
        for name in task["coordinating"]:
            assert row[header.index(name)] == "P"
        marked = {header[i] for i, v in enumerate(row) if v in ("L", "P")}
        expected = (
            set(task["lead"]) | set(task["coordinating"]) | {a["text"] for a in task["addressees"]}
        )
        assert marked == expected


def test_export_of_an_unknown_programme_is_a_clear_error():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="99/NQ-CP"):
        call_command("export", "99/NQ-CP")
