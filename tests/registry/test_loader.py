import copy
import json

import pytest
from django.core.management import CommandError, call_command

from lotrinh.programmes.loader import DATA_DIR, ProgrammeFileError, load_bundled, load_data
from lotrinh.programmes.models import Clause, Programme, ProgrammeStatus, Task, TaskAssignment

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_50() -> dict:
    return json.loads((DATA_DIR / "50-NQ-CP.json").read_text(encoding="utf-8"))


def counts() -> tuple[int, int, int, int]:
    return (
        Programme.objects.count(),
        Clause.objects.count(),
        Task.objects.count(),
        TaskAssignment.objects.count(),
    )


def test_bundled_programmes_are_loaded_and_published():
    for code in ("52-NQ/TW", "50/NQ-CP"):
        programme = Programme.objects.get(code=code, status=ProgrammeStatus.PUBLISHED)
        assert programme.tasks.exists()
    action = Programme.objects.get(code="50/NQ-CP")
    assert action.implements.code == "52-NQ/TW"


def test_loading_the_bundled_files_again_is_a_no_op():
    before = counts()
    results = load_bundled()
    assert [r.state for r in results] == ["unchanged", "unchanged"]
    assert counts() == before


def test_changed_content_becomes_a_new_version_and_keeps_the_old(seed_50):
    changed = copy.deepcopy(seed_50)
    changed["tasks"][0]["text"] = changed["tasks"][0]["text"] + " (sửa đổi)"
    programme, created = load_data(changed, source="50-NQ-CP-v2.json")
    assert created and programme.version == 2
    old = Programme.objects.get(code="50/NQ-CP", version=1)
    assert old.status == ProgrammeStatus.SUPERSEDED
    assert old.tasks.count() == programme.tasks.count()


def _broken(seed: dict, mutate) -> dict:
    data = copy.deepcopy(seed)
    data["programme"]["code"] = "99/NQ-CP"
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "place", "problem"),
    [
        (
            lambda d: d["tasks"][3]["lead"].append("Bộ Không Tồn Tại"),
            "tasks[3].lead",
            "unknown agency",
        ),
        (
            lambda d: d["clauses"].append(dict(d["clauses"][5])),
            "clauses[",
            "duplicate clause reference",
        ),
        (
            lambda d: d["programme"].__setitem__("issue_date", "2020-02-30"),
            "programme.issue_date",
            "not a valid date",
        ),
        (
            lambda d: d["tasks"][0].__setitem__("lead", "Bộ Y tế"),
            "tasks[0].lead",
            "list of agency names",
        ),
        (
            lambda d: d["tasks"][2].__setitem__("group", "IX.9"),
            "tasks[2].group",
            "unknown task group",
        ),
        (
            lambda d: d["tasks"][1].__setitem__("recurrence", "weekly"),
            "tasks[1].recurrence",
            "unknown value",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_place_and_changes_nothing(
    seed_50, mutate, place, problem
):
    before = counts()
    with pytest.raises(ProgrammeFileError) as excinfo:
        load_data(_broken(seed_50, mutate), source="broken.json")
    message = str(excinfo.value)
    assert "broken.json" in message and place in message and problem in message
    assert counts() == before


def test_the_load_command_names_the_file_and_the_problem(tmp_path, seed_50):
    bad = tmp_path / "bad.json"
    data = _broken(seed_50, lambda d: d["tasks"][0]["coordinating"].append("Bộ Ma"))
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        call_command("load", str(bad))
    assert "bad.json" in str(excinfo.value) and "Bộ Ma" in str(excinfo.value)
    assert counts() == before


def test_invalid_json_is_refused_with_line_and_column(tmp_path):
    bad = tmp_path / "truncated.json"
    bad.write_text('{"format": "lotrinh.programme/1", "programme": {', encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load", str(bad))
    assert "truncated.json" in str(excinfo.value) and "line 1" in str(excinfo.value)
