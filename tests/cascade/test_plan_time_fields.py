"""A plan's task field lines name the time in several words (2026-12-07, party41): "Thời
gian:", "Tiến độ:", "Thời hạn:", "Thời gian hoàn thành:". Before, `cascade._FIELDS` read
only "Thời gian thực hiện/hoàn thành" and "Thời hạn": a task written "- Thời gian: năm 2026"
had no deadline, and the line was taken as a task of its own."""

from typing import Any

import pytest

from lotrinh.programmes import cascade

LABELS = ("Thời gian", "Tiến độ", "Tiến độ thực hiện", "Thời hạn", "Thời gian hoàn thành")


def _plan(label: str, value: str) -> dict[str, Any]:
    clauses = [
        {"ref": "II", "text": "NHIỆM VỤ, GIẢI PHÁP", "parent": None},
        {"ref": "II.1", "text": "Xây dựng kho dữ liệu số", "parent": "II"},
        {"ref": "II.1.a", "text": "Nhiệm vụ: Xây dựng kho dữ liệu số", "parent": "II.1"},
        {"ref": "II.1.b", "text": "Cơ quan chủ trì: Văn phòng Thành ủy", "parent": "II.1"},
        {"ref": "II.1.c", "text": f"{label}: {value}", "parent": "II.1"},
    ]
    return {"clauses": clauses, "tasks": [dict(c) for c in clauses[2:]]}


@pytest.mark.parametrize("label", LABELS)
def test_each_time_label_is_the_deadline(label: str) -> None:
    (task,) = cascade.read_plan(_plan(label, "quý II/2026."))
    assert task.deadline_text == "quý II/2026"
    assert str(task.deadline) == "2026-06-30"
    assert task.lead == ["Văn phòng Thành ủy"]


def test_a_yearly_time_is_a_rhythm() -> None:
    (task,) = cascade.read_plan(_plan("Thời gian", "hằng năm."))
    assert (task.deadline, task.recurrence) == (None, "annual")


@pytest.mark.parametrize("label", ["Thời gian tổ chức hội nghị tổng kết", "Tiến độ giải ngân"])
def test_a_longer_label_is_no_time_field(label: str) -> None:
    # Guard: only the bare labels and the genre's own longer ones are the deadline.
    assert cascade._field(f"{label}: quý II/2026") is None
