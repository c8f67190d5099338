"""What the people of an amendment hear: MOST is told of a new proposal; the proposing
agency is told when MOST forwards it and when the Government decides, in the application
(both languages) and by e-mail (Vietnamese), with a link to the proposal. A proposal whose
text carries a NUL (which PostgreSQL cannot store) is refused with a message, nothing
saved."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.reporting import amendments
from lotrinh.reporting.models import AmendmentProposal, Notification
from lotrinh.reporting.services import WorkflowError
from tests.conftest import client_for

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
    assert 'value="II.99.z"' in page and 'value="2099-12-31"' in page
    assert "Lý do dài đã soạn &lt;kỹ&gt; lưỡng</textarea>" in page
    assert '<option value="deadline" selected>' in page
    assert not AmendmentProposal.objects.exists()


def test_the_form_offers_the_programmes_task_references(programme, officer_a):
    page = client_for(officer_a).get(reverse("reporting:amendments")).content.decode()
    assert 'list="amendment-refs"' in page and '<option value="II.6.c">' in page
