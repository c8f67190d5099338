"""What the people of an amendment hear: MOST is told of a new proposal; the proposing
agency is told when MOST forwards it and when the Government decides, in the application
(both languages) and by e-mail (Vietnamese), with a link to the proposal. A proposal whose
text carries a NUL (which PostgreSQL cannot store) is refused with a message, nothing
saved."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.exporters import programme_to_data
from lotrinh.programmes.loader import load_data
from lotrinh.programmes.models import Programme, Task
from lotrinh.reporting import amendments
from lotrinh.reporting.models import AmendmentProposal, Notification
from lotrinh.reporting.services import AlreadyDone, WorkflowError
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


def _propose(officer, programme):
    return amendments.propose_amendment(
        officer,
        programme,
        kind="deadline",
        task_ref="II.6.c",
        reason="Cần thêm thời gian",
        deadline=datetime.date(2099, 12, 31),
    )


def test_most_is_told_of_a_new_proposal(
    programme, officer_a, most_monitor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = _propose(officer_a, programme)
    told = Notification.objects.get(user=most_monitor)
    assert "II.6.c" in told.message and officer_a.agency.name_vi in told.message
    assert told.link.endswith(f"#amendment-{proposal.pk}")
    assert "II.6.c" in told.message_en
    assert [m.to for m in mail.outbox] == [[most_monitor.email]]
    assert not Notification.objects.filter(user=officer_a).exists()


def test_the_proposer_and_the_agencys_leader_are_told_when_most_forwards_and_when_the_government_decides(
    programme, officer_a, approver_a, officer_b, most_monitor, django_capture_on_commit_callbacks
):
    proposal = _propose(officer_a, programme)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        amendments.consolidate(most_monitor, proposal)
    forwarded = Notification.objects.get(user=officer_a)
    assert "trình Chính phủ" in forwarded.message and "II.6.c" in forwarded.message
    assert Notification.objects.filter(user=approver_a).count() == 1
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        amendments.decide(
            most_monitor, proposal, accepted=True, decision="Nghị quyết số 99/NQ-CP (thử)"
        )
    decided = Notification.objects.filter(user=officer_a).latest("pk")
    assert "Chính phủ đồng ý" in decided.message
    assert "Nghị quyết số 99/NQ-CP (thử)" in decided.message
    assert "31/12/2099" in decided.message
    assert decided.link == reverse("reporting:amendments") + f"#amendment-{proposal.pk}"
    assert "Nghị quyết số 99/NQ-CP (thử)" in decided.message_en
    assert sorted(to for m in mail.outbox for to in m.to) == sorted(
        [officer_a.email, approver_a.email]
    )
    assert "Chính phủ đồng ý" in mail.outbox[0].body
    # Another agency hears nothing of it.
    assert not Notification.objects.filter(user=officer_b).exists()


def test_a_rejection_is_told_too(programme, officer_a, most_monitor):
    proposal = _propose(officer_a, programme)
    amendments.consolidate(most_monitor, proposal)
    amendments.decide(most_monitor, proposal, accepted=False, decision="Công văn số 1/VPCP")
    decided = Notification.objects.filter(user=officer_a).latest("pk")
    assert "Chính phủ không đồng ý" in decided.message and "Công văn số 1/VPCP" in decided.message


def test_a_refused_second_decision_tells_nobody_again(programme, officer_a, most_monitor):
    proposal = _propose(officer_a, programme)
    amendments.consolidate(most_monitor, proposal)
    amendments.decide(most_monitor, proposal, accepted=False, decision="Công văn số 1/VPCP")
    before = Notification.objects.filter(user=officer_a).count()
    with pytest.raises(WorkflowError):
        amendments.decide(most_monitor, proposal, accepted=True, decision="Khác")
    assert Notification.objects.filter(user=officer_a).count() == before


@pytest.mark.parametrize("field", ["reason", "text", "task_ref", "lead", "coordinating"])
def test_a_nul_in_a_proposal_is_refused_and_nothing_is_saved(programme, officer_a, field):
    values = {
        "kind": "roles",
        "task_ref": "II.6.c",
        "reason": "Đổi phân công",
        "text": "",
        "lead": "Bộ Y tế",
        "coordinating": "Bộ Công an",
    }
    values[field] += "\x00"
    response = client_for(officer_a).post(reverse("reporting:amendment_propose"), values)
    assert response.status_code == 400
    assert not AmendmentProposal.objects.exists()
    assert "Văn bản không được chứa ký tự NUL." in response.content.decode()


def test_a_nul_in_the_decision_is_refused(programme, officer_a, most_monitor):
    proposal = _propose(officer_a, programme)
    amendments.consolidate(most_monitor, proposal)
    with pytest.raises(WorkflowError, match="NUL"):
        amendments.decide(most_monitor, proposal, accepted=True, decision="Nghị quyết\x00")
    proposal.refresh_from_db()
    assert proposal.status == "consolidated" and proposal.resulting_version is None


def test_a_refused_proposal_gives_the_form_back_as_typed(programme, officer_a):
    """A wrong task or a past deadline is said at the top, and what was typed (a long
    reason, the proposed text) is still in the form: nothing saved, nothing to retype."""
    response = client_for(officer_a).post(
        reverse("reporting:amendment_propose"),
        {
            "kind": "deadline",
            "task_ref": "II.99.z",
            "deadline": "2099-12-31",
            "reason": "Lý do dài đã soạn <kỹ> lưỡng",
            "text": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Không có nhiệm vụ “II.99.z”" in page
    # The day typed (ISO here, as an old tab sends it) is shown as the page writes dates.
    assert 'value="II.99.z"' in page and 'value="31/12/2099"' in page
    assert "Lý do dài đã soạn &lt;kỹ&gt; lưỡng</textarea>" in page
    assert '<option value="deadline" selected>' in page
    assert not AmendmentProposal.objects.exists()


def test_the_form_offers_the_programmes_task_references(programme, officer_a):
    page = client_for(officer_a).get(reverse("reporting:amendments")).content.decode()
    assert 'list="amendment-refs"' in page and '<option value="II.6.c">' in page


# ---------------------------------------------------------------- double clicks, second officers


def test_a_double_click_on_send_makes_one_proposal_and_tells_most_once(
    programme, officer_a, most_monitor
):
    client = client_for(officer_a)
    values = {
        "kind": "deadline",
        "task_ref": "II.6.c",
        "deadline": "2099-12-31",
        "reason": "Cần thêm thời gian",
    }
    client.post(reverse("reporting:amendment_propose"), values)
    second = client.post(reverse("reporting:amendment_propose"), values, follow=True)
    assert AmendmentProposal.objects.count() == 1
    assert Notification.objects.filter(user=most_monitor).count() == 1
    assert "đã được gửi lúc" in second.content.decode()
    # Another proposal of the same task (another change) is still made.
    values["deadline"] = "2099-06-30"
    client.post(reverse("reporting:amendment_propose"), values)
    assert AmendmentProposal.objects.count() == 2


def test_consolidating_twice_is_harmless(programme, officer_a, most_monitor):
    proposal = _propose(officer_a, programme)
    client = client_for(most_monitor)
    url = reverse("reporting:amendment_decide", args=[proposal.pk])
    client.post(url, {"step": "consolidate"})
    page = client.post(url, {"step": "consolidate"}, follow=True).content.decode()
    assert "không thực hiện lại" in page
    assert "msg-error" not in page and "msg-info" in page
    assert AuditEvent.objects.filter(action="amendment.consolidated").count() == 1
    assert Notification.objects.filter(user=officer_a).count() == 1


def test_a_second_officer_deciding_otherwise_is_told_what_was_decided_and_changes_nothing(
    programme, officer_a, most_monitor
):
    second_officer = make_user("most_2", MOST, Role.MOST_MONITOR)
    proposal = _propose(officer_a, programme)
    amendments.consolidate(most_monitor, proposal)
    amendments.decide(most_monitor, proposal, accepted=True, decision="Nghị quyết số 99/NQ-CP")
    with pytest.raises(WorkflowError, match="Nghị quyết số 99/NQ-CP") as refused:
        amendments.decide(second_officer, proposal, accepted=False, decision="Công văn 2")
    assert not isinstance(refused.value, AlreadyDone)
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.decision == "Nghị quyết số 99/NQ-CP"
    assert Programme.objects.filter(code="50/NQ-CP").count() == 2
    # The same decision again (a double click) is done once, not an error.
    with pytest.raises(AlreadyDone):
        amendments.decide(most_monitor, proposal, accepted=True, decision="Nghị quyết số 99/NQ-CP")
    assert Programme.objects.filter(code="50/NQ-CP").count() == 2


def test_accepting_a_proposal_for_a_task_the_current_version_no_longer_has_is_refused(
    programme, officer_a, most_monitor
):
    proposal = amendments.propose_amendment(
        officer_a, programme, kind="text", task_ref="II.6.c", reason="Sửa", text="Nội dung mới"
    )
    amendments.consolidate(most_monitor, proposal)
    data = programme_to_data(programme)
    data["tasks"] = [t for t in data["tasks"] if t["ref"] != "II.6.c"]
    data["clauses"] = [c for c in data["clauses"] if c["ref"] != "II.6.c"]
    data["programme"].pop("version", None)
    load_data(data, source="tay.json")
    response = client_for(most_monitor).post(
        reverse("reporting:amendment_decide", args=[proposal.pk]),
        {"step": "accept", "decision": "Nghị quyết số 99/NQ-CP"},
        follow=True,
    )
    assert "không còn nhiệm vụ “II.6.c”" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "consolidated"


@pytest.mark.parametrize(
    "kind,extra",
    [
        ("text", {"deadline": "2099-12-31"}),
        ("deadline", {"text": "Nội dung", "deadline": "2099-12-31"}),
        ("deadline", {"lead": "Bộ Y tế", "deadline": "2099-12-31"}),
        ("roles", {"lead": "Bộ Y tế", "text": "Nội dung"}),
    ],
)
def test_a_field_the_kind_of_proposal_does_not_change_is_refused(programme, officer_a, kind, extra):
    """MOST would read a change the Government's acceptance does not make."""
    with pytest.raises(WorkflowError, match="không thay đổi"):
        amendments.propose_amendment(
            officer_a,
            programme,
            kind=kind,
            task_ref="II.6.c",
            reason="Lý do",
            text=extra.get("text", "Nội dung" if kind == "text" else ""),
            deadline=datetime.date.fromisoformat(extra["deadline"])
            if "deadline" in extra
            else None,
            lead=extra.get("lead", ""),
        )
    assert not AmendmentProposal.objects.exists()


def test_a_new_task_keeps_its_proposed_deadline(programme, officer_a, most_monitor):
    proposal = amendments.propose_amendment(
        officer_a,
        programme,
        kind="new_task",
        task_ref="II.6",
        reason="Bổ sung",
        text="Xây dựng nền tảng y tế số",
        lead="Bộ Y tế",
        deadline=datetime.date(2099, 6, 30),
    )
    amendments.consolidate(most_monitor, proposal)
    version = amendments.decide(
        most_monitor, proposal, accepted=True, decision="Quyết định thử"
    ).resulting_version
    assert Task.objects.get(programme=version, ref="II.6.BS1").deadline == datetime.date(
        2099, 6, 30
    )


def test_the_tasks_page_names_the_decision_that_changed_its_deadline(
    programme, officer_a, most_monitor
):
    decision = "Nghị quyết số 12/NQ-CP ngày 10/12/2026 " + "x" * 200
    proposal = _propose(officer_a, programme)
    amendments.consolidate(most_monitor, proposal)
    version = amendments.decide(
        most_monitor, proposal, accepted=True, decision=decision
    ).resulting_version
    task = Task.objects.get(programme=version, ref="II.6.c")
    assert task.deadline == datetime.date(2099, 12, 31)
    assert task.deadline_text == decision  # not the date again
    assert decision in task.note and officer_a.agency.name_vi in task.note
    page = (
        client_for(officer_a)
        .get(reverse("programmes:task", args=[version.slug, "II-6-c"]))
        .content.decode()
    )
    assert page.count("31/12/2099") >= 1 and "(31/12/2099) (31/12/2099)" not in page
    assert "Nghị quyết số 12/NQ-CP ngày 10/12/2026" in page


@pytest.mark.parametrize("step", [None, "", "accepted", "REJECT"])
def test_a_decision_sent_without_a_known_step_records_nothing(
    programme, officer_a, most_monitor, step
):
    """Only the buttons decide: a form without its button is not a refusal."""
    proposal = _propose(officer_a, programme)
    amendments.consolidate(most_monitor, proposal)
    data = {"decision": "Công văn số 1/VPCP"}
    if step is not None:
        data["step"] = step
    page = (
        client_for(most_monitor)
        .post(reverse("reporting:amendment_decide", args=[proposal.pk]), data, follow=True)
        .content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.status == "consolidated" and proposal.decision == ""
    assert "Chưa rõ thao tác" in page
