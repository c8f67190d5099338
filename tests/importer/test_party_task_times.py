"""A Party plan's task says when in the genre's own forms (2026-12-07, issue 14 item 6):
"…, thực hiện hằng năm." is yearly, "…; thực hiện năm 2026." or "thực hiện trong năm 2026"
is due 31/12/2026, "thực hiện quý II/2026" 30/06/2026. Before, "thực hiện (trong) năm Y"
in a task's prose was no deadline (only "hoàn thành/trình/ban hành … năm Y" and a clause
that is nothing but a time were), and an agency's plan kept only the deadline's words:
its tasks had no date and no rhythm. A year after "kết quả thực hiện" is the year a
report covers, never a deadline (guard)."""

import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies.models import Agency
from lotrinh.importer.dates import find_deadline, find_recurrence, task_recurrence
from lotrinh.programmes import cascade
from lotrinh.programmes.services import current_programme

HEADS = (
    "Ban Tuyên giáo và Dân vận Thành ủy chủ trì, phối hợp với các đảng ủy trực thuộc tổ "
    "chức quán triệt Nghị quyết",
    "Tổ chức sơ kết việc thực hiện Nghị quyết số 57-NQ/TW",
    "Rà soát, bổ sung quy chế làm việc của cấp ủy",
)
QUARTERS = {"I": (3, 31), "II": (6, 30), "III": (9, 30), "IV": (12, 31)}
years = st.integers(min_value=2000, max_value=2099)
heads = st.sampled_from(HEADS)
separators = st.sampled_from([", ", "; ", " - ", " ("])
verbs = st.sampled_from(["thực hiện", "Thực hiện", "hoàn thành", "triển khai"])


def _close(separator: str) -> str:
    return ")." if separator == " (" else "."


@settings(max_examples=60, deadline=None)
@given(heads, separators, verbs, years, st.sampled_from(["năm", "trong năm", "Trong năm"]))
def test_done_in_a_year_is_due_on_its_last_day(
    head: str, separator: str, verb: str, year: int, words: str
) -> None:
    text = f"{head}{separator}{verb} {words} {year}{_close(separator)}"
    found = find_deadline(text, 2025)
    assert found is not None and found.date == datetime.date(year, 12, 31), text
    assert str(year) in found.text
    assert task_recurrence(text) is None


@settings(max_examples=60, deadline=None)
@given(
    heads,
    separators,
    verbs,
    years,
    st.sampled_from(sorted(QUARTERS)),
    st.sampled_from(["quý {q}/{y}", "trong quý {q}/{y}", "Quý {q} năm {y}", "quý {q} / {y}"]),
)
def test_done_in_a_quarter_is_due_on_its_last_day(
    head: str, separator: str, verb: str, year: int, quarter: str, form: str
) -> None:
    when = form.format(q=quarter, y=year)
    text = f"{head}{separator}{verb} {when}{_close(separator)}"
    found = find_deadline(text, 2025)
    month, day = QUARTERS[quarter]
    assert found is not None and found.date == datetime.date(year, month, day), text


@settings(max_examples=60, deadline=None)
@given(
    heads,
    separators,
    st.sampled_from(["thực hiện", "Thực hiện", "thực hiện định kỳ", "định kỳ"]),
    st.sampled_from(["hằng năm", "hàng năm", "Hằng năm", "HẰNG NĂM"]),
)
def test_done_every_year_is_yearly_with_no_date(
    head: str, separator: str, verb: str, every: str
) -> None:
    text = f"{head}{separator}{verb} {every}{_close(separator)}"
    assert task_recurrence(text) == "annual", text
    assert find_deadline(text, 2025) is None


@settings(max_examples=40, deadline=None)
@given(years, st.sampled_from(["hằng năm", "Hàng năm", "năm {y}", "Trong năm {y}", "Quý II/{y}"]))
def test_a_deadline_field_reads_the_same_forms(year: int, form: str) -> None:
    value = form.format(y=year)
    found = find_deadline(value, 2025, table_cell=True)
    if "{y}" in form:
        assert found is not None and found.date is not None and found.date.year == year
        assert find_recurrence(value) is None
    else:
        assert find_recurrence(value) == "annual"


@pytest.mark.parametrize(
    "text",
    [
        # The year a report covers, not a deadline.
        "Báo cáo kết quả thực hiện năm 2025 về Ban Thường vụ Thành ủy.",
        "Đánh giá tình hình thực hiện năm 2024 và đề ra nhiệm vụ.",
        # A start, not a deadline.
        "Tổ chức thi đua, thực hiện từ năm 2026.",
    ],
)
def test_a_year_that_is_no_deadline_stays_none(text: str) -> None:
    assert find_deadline(text, 2025) is None


# ------------------------------------------------------------------ an agency's plan


def _parsed(tasks: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "programme": {"code": "12-KH/TU", "title": "Kế hoạch thực hiện", "issuer": ""},
        "clauses": [{"ref": t["ref"], "text": t["text"]} for t in tasks],
        "tasks": tasks,
    }


@pytest.mark.django_db
def test_a_party_plans_tasks_keep_their_date_and_rhythm(seeded_db: None) -> None:
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    prose = [
        {"ref": "1", "text": f"{HEADS[1]}, thực hiện hằng năm."},
        {"ref": "2", "text": f"{HEADS[2]}; thực hiện năm 2026."},
        {"ref": "3", "text": f"{HEADS[0]}, thực hiện quý II/2026."},
    ]
    from lotrinh.importer.dates import find_deadline as deadline_of

    for task in prose:  # as the parser gives them
        found = deadline_of(task["text"], 2025)
        task["deadline"] = (
            {"text": found.text, "date": found.date.isoformat() if found.date else None}
            if found
            else None
        )
        task["recurrence"] = task_recurrence(task["text"])
    fields = [
        {"ref": "4", "text": "Tổ chức hội nghị sơ kết"},
        {"ref": "4.1", "text": "Nhiệm vụ: Tổ chức hội nghị sơ kết"},
        {"ref": "4.2", "text": "Thời gian thực hiện: Hằng năm."},
        {"ref": "5", "text": "Xây dựng đề án"},
        {"ref": "5.1", "text": "Nhiệm vụ: Xây dựng đề án"},
        {"ref": "5.2", "text": "Thời gian thực hiện: trong năm 2026."},
    ]
    data = _parsed(prose + fields[1:3] + fields[4:])
    data["clauses"] = [{"ref": t["ref"], "text": t["text"]} for t in prose] + [
        {**c, "parent": c["ref"].split(".")[0]} if "." in c["ref"] else c
        for c in [{"ref": f["ref"], "text": f["text"]} for f in fields]
    ]
    plan = cascade.child_from_parse(data, committee, current_programme("52-NQ/TW"), None)
    got = {t.ref: (t.deadline, t.recurrence) for t in plan.tasks.all()}
    assert got["1"] == (None, "annual")
    assert got["2"] == (datetime.date(2026, 12, 31), "")
    assert got["3"] == (datetime.date(2026, 6, 30), "")
    assert got["4"] == (None, "annual")
    assert got["5"] == (datetime.date(2026, 12, 31), "")
