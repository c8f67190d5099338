"""Change history is written as sentences: every recorded action has its own sentence."""

import ast
import re
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from lotrinh.core.history import DESCRIBERS, describe
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme

SOURCE = Path(__file__).resolve().parents[2] / "lotrinh"
ACTION = re.compile(r"^[a-z_]+(\.[a-z_]+)+$")


def _strings(node: ast.AST) -> set[str]:
    return {
        n.value
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and ACTION.match(n.value)
    }


def recorded_actions() -> set[str]:
    """The action names the code base records, read from its source.

    The string literals (and module constants) given as the action of `record_event`, and
    those given to a function that passes one of its parameters on as the action (such as
    the reports' `_transition(…, event)`).
    """
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "history.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        relays: dict[str, tuple[int, str]] = {}  # function → (position, name) of its action
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            params = [a.arg for a in function.args.args]
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and getattr(call.func, "id", None) == "record_event"
                    and len(call.args) > 1
                    and isinstance(call.args[1], ast.Name)
                    and call.args[1].id in params
                ):
                    relays[function.name] = (params.index(call.args[1].id), call.args[1].id)
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name == "record_event" and len(call.args) > 1:
                action = call.args[1]
                found |= _strings(action)
                if isinstance(action, ast.Name) and action.id in constants:
                    found.add(constants[action.id])
            elif name in relays:
                position, keyword = relays[name]
                if len(call.args) > position:
                    found |= _strings(call.args[position])
                found |= {s for k in call.keywords if k.arg == keyword for s in _strings(k.value)}
    return {a for a in found if ACTION.match(a)}


def event(action: str, before=None, after=None, note: str = "") -> AuditEvent:
    subject = Programme.objects.first()
    return AuditEvent(
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        object_repr="50/NQ-CP",
        before=before,
        after=after,
        note=note,
    )


def test_the_source_scan_finds_the_known_actions():
    actions = recorded_actions()
    assert {"report.entry_saved", "report.approved", "report.tasks_changed"} <= actions
    assert {"observation.approved", "import.published", "plan.saved", "regime.scheduled"} <= actions
    assert len(actions) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_recorded_action_has_its_own_sentence(language):
    missing = {a for a in recorded_actions() if a not in DESCRIBERS and not a.startswith("admin.")}
    assert not missing, f"actions without a sentence in lotrinh/core/history.py: {missing}"
    for action in sorted(recorded_actions()):
        sentence = describe(event(action, before={}, after={}), language)
        assert sentence.known and sentence.text.strip()
        assert action not in sentence.text and "{" not in sentence.text


@pytest.mark.django_db
def test_a_status_change_reads_as_a_sentence_in_each_language():
    saved = event(
        "report.entry_saved",
        before={"status": "not_started", "result": ""},
        after={"status": "in_progress", "result": ""},
        note="II.1.b",
    )
    assert describe(saved, "vi").text == (
        "Trạng thái nhiệm vụ II.1.b: Chưa triển khai → Đang thực hiện, trong hạn"
    )
    english = describe(saved, "en").text
    assert "II.1.b" in english and "→" in english and "not_started" not in english


@pytest.mark.django_db
def test_typed_text_is_quoted_and_marked_vietnamese_on_english_pages():
    commented = event("report.commented", after={"comment": "Cần bổ sung <b>minh chứng</b>"})
    html = describe(commented, "en").html
    assert '<q lang="vi">Cần bổ sung &lt;b&gt;minh chứng&lt;/b&gt;</q>' in html
    assert 'lang="vi"' not in describe(commented, "vi").html


@pytest.mark.django_db
def test_an_unknown_action_gets_a_plain_sentence_never_a_dict():
    odd = event("something.new", before={"a": 1}, after={"a": 2})
    sentence = describe(odd, "vi")
    assert not sentence.known
    assert "{" not in sentence.text and "something.new" not in sentence.text
    assert "50/NQ-CP" in sentence.text


@pytest.mark.django_db
def test_admin_changes_name_the_kind_of_object():
    edited = event("admin.programme.changed", before={"note": "a"}, after={"note": "b"})
    assert describe(edited, "vi").text.startswith("Sửa chương trình trong trang quản trị")


@pytest.mark.django_db
def test_the_report_page_shows_sentences_not_events(report_a, officer_a):
    from tests.conftest import client_for
    from tests.core.conftest import fill

    fill(report_a, officer_a)
    page = client_for(officer_a).get(f"/bao-cao/{report_a.pk}/").content.decode()
    history = page[page.index('id="history"') :]
    assert "report.entry_saved" not in history and "{'" not in history
    assert "Chưa triển khai → Đang thực hiện, trong hạn" in history


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_typed_text_ending_with_a_full_stop_is_not_followed_by_a_semicolon(language):
    saved = event(
        "report.entry_saved",
        before={"status": "not_started", "result": "", "difficulties": ""},
        after={
            "status": "done_on_time",
            "result": "Đã hoàn thành nhiệm vụ được giao.",
            "difficulties": "Thiếu nhân lực",
        },
        note="4.3",
    )
    text = describe(saved, language).text
    assert ".;" not in text
    # The parts are still separated: "; " after a part without a stop of its own.
    assert text.count("; ") == 1 and "được giao. " in text
    assert text.endswith("Thiếu nhân lực")


# Base forms an English history sentence must not start with: what happened is told in the
# past tense ("Published the programme"), a button says what to do ("Publish …").
IMPERATIVES = {
    "Start", "Add", "Publish", "Send", "Change", "Confirm", "Record", "Attach", "Import",
    "Remove", "Assign", "Pre-fill", "Issue", "Revoke", "Make", "Invite", "Deactivate",
    "Reactivate", "Accept", "Reopen", "Enter", "Approve", "Reject", "Revise", "Replace",
    "Generate", "Correct", "Merge", "Upload", "Answer", "Sign", "Configure", "Review",
}  # fmt: skip


@pytest.mark.django_db
def test_english_history_tells_what_happened_in_the_past_tense():
    imperative = {}
    for action in sorted(recorded_actions()):
        text = describe(event(action, before={}, after={}), "en").text
        if text.split(" ", 1)[0].rstrip(":") in IMPERATIVES:
            imperative[action] = text
    assert not imperative
    # The same Vietnamese words on a button keep saying what to do.
    from django.utils.translation import gettext, override

    with override("en"):
        assert gettext("Công bố chương trình") == "Publish the programme"


@pytest.mark.django_db
def test_a_plan_tasks_link_and_unit_name_the_parent_task_and_the_unit():
    # Before, "Bỏ liên kết với nhiệm vụ cấp trên: KH-BYT 3" did not say which parent task
    # was unlinked, nor which unit was given the task, though the event keeps both.
    rejected = event("cascade.link_rejected", before={"implements": "II.3.a"})
    assert describe(rejected, "vi").text == (
        "Bỏ liên kết với nhiệm vụ cấp trên: 50/NQ-CP → nhiệm vụ II.3.a"
    )
    confirmed = event("cascade.link_confirmed", after={"implements": "III.1"})
    assert describe(confirmed, "vi").text.endswith("→ nhiệm vụ III.1")
    assert describe(confirmed, "en").text.endswith("→ task III.1")
    assigned = event("cascade.unit_assigned", after={"unit": "Sở Y tế", "role": "lead"})
    assert describe(assigned, "vi").text == "Giao nhiệm vụ cho đơn vị: 50/NQ-CP — Sở Y tế (chủ trì)"
    group = event(
        "cascade.unit_group_assigned",
        after={"group": "communes", "role": "coordinating", "units": ["Xã A", "Phường B"]},
    )
    english = describe(group, "en")
    assert english.text.endswith("— Xã A, Phường B (coordinating)")
    assert '<q lang="vi">Xã A, Phường B</q>' in english.html


@pytest.mark.django_db
def test_a_register_entry_names_its_number_once_and_its_title():
    # The log read "Vào sổ văn bản đi Số: 1/BC-BYT: Số: 1/BC-BYT": the entry's own name is
    # its number, so the sentence said it twice and never said which document it was.
    title = "Kết quả thực hiện Chương trình hành động năm 2026"
    issued = event(
        "register.issued",
        after={"number": "Số: 1/BC-BYT", "issued_on": "2026-12-07", "title": title},
    )
    issued.object_repr = "Số: 1/BC-BYT"
    vietnamese = describe(issued, "vi")
    assert vietnamese.text.count("1/BC-BYT") == 1
    assert title in vietnamese.text and "07/12/2026" in vietnamese.text
    english = describe(issued, "en")
    assert f'<q lang="vi">{title}</q>' in english.html


@pytest.mark.django_db
def test_a_number_or_link_changed_shows_both_sides_as_a_date_does():
    """A short field (the evidence's number, its link) reads "old → new", as the date
    does; the long texts (a result) show the new text only."""
    saved = event(
        "report.entry_saved",
        before={"evidence_number": "", "evidence_date": "", "result": "Cũ"},
        after={"evidence_number": "12/KH-CAHN", "evidence_date": "2026-03-15", "result": "Mới"},
        note="II.3",
    )
    text = describe(saved, "vi").text
    assert "Số, ký hiệu văn bản minh chứng (II.3): (trống) → 12/KH-CAHN" in text
    assert "(empty) → 12/KH-CAHN" in describe(saved, "en").text
    assert "Ngày văn bản minh chứng (II.3): (trống) → 15/03/2026" in text
    assert "Kết quả thực hiện nhiệm vụ II.3: Mới" in text
    changed = event(
        "report.entry_saved",
        before={"evidence_link": "https://a.gov.vn/1"},
        after={"evidence_link": "https://a.gov.vn/2"},
        note="II.3",
    )
    assert "https://a.gov.vn/1 → https://a.gov.vn/2" in describe(changed, "vi").text


@pytest.mark.django_db
def test_a_right_to_left_override_typed_in_a_value_stays_out_of_the_history_line():
    """walk44: a result typed with U+202E (RIGHT-TO-LEFT OVERRIDE) turned round the rest of
    its history line on the page: the closing quote, and the next field's old and new
    evidence number ("‮abc" then "Số, ký hiệu …: 1/KH → 2/KH" read backwards). The
    history quotes typed text without the invisible bidirectional controls; Arabic or
    Hebrew letters stay as typed."""
    saved = event(
        "report.entry_saved",
        before={"result": "", "evidence_number": "1/KH"},
        after={
            "result": "\u202eabc \u2067שלום\u2069 \u202bx\u202c",
            "evidence_number": "2/KH\u202e",
        },
        note="II.3",
    )
    for language in ("vi", "en"):
        sentence = describe(saved, language)
        for control in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            assert control not in sentence.html and control not in sentence.text
        assert "abc שלום x" in sentence.text and "1/KH" in sentence.text and "2/KH" in sentence.text
