"""Two tabs: a person types in one while the object changes in another session (MOST
returns the report, a colleague answers the request, another monitor decides the value).
What she typed is never lost: the answer gives it back read-only, to copy. When the object
is no longer hers to read, the answer stays a 404 that names no state, the same as for an
address that names nothing (docs/security.md, "Nothing typed is lost")."""

import datetime
import re

import pytest
from django.urls import reverse

from lotrinh.reporting import services
from lotrinh.reporting.models import Comment, ReportStatus
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

TYPED = "Đề nghị bổ sung số liệu\nvề kinh phí năm 2024 & minh chứng <kèm theo>"


def _kept(html: str) -> list[str]:
    """The read-only boxes of the page, as typed (Django writes a newline after the tag)."""
    boxes = re.findall(r"<textarea id=\"typed-\d+\"[^>]*readonly>\n?(.*?)</textarea>", html, re.S)
    from html import unescape

    return [unescape(b) for b in boxes]


def _shown(html: str) -> str:
    """The page's own content (its heading to its last box)."""
    return html.split("<h1>", 1)[1].split("</section>", 1)[0]


@pytest.fixture
def submitted(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    services.submit_report(services.approve_report(report_a, approver_a), approver_a)
    report_a.refresh_from_db()
    return report_a


def test_oversights_comment_on_a_report_returned_meanwhile_comes_back_to_copy(
    submitted, oversight_reader, most_monitor
) -> None:
    oversight, most = client_for(oversight_reader), client_for(most_monitor)
    page = oversight.get(reverse("reporting:report", args=[submitted.pk]))
    assert 'id="report-comment"' in page.content.decode()  # her tab, with the box
    # Meanwhile, in MOST's session, the report is returned.
    returned = most.post(
        reverse("reporting:action", args=[submitted.pk, "return"]),
        {"confirm": submitted.version, "comment": "Bổ sung minh chứng"},
    )
    assert returned.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED

    response = oversight.post(reverse("reporting:comment", args=[submitted.pk]), {"text": TYPED})
    assert response.status_code == 404 and not Comment.objects.exists()
    html = response.content.decode()
    assert _kept(html) == [TYPED]
    assert "Báo cáo này không còn nhận ý kiến của bạn." in html
    # Nothing of the state she may not read: not "returned", not its reason.
    for said in ("Bị trả lại", "trả lại", "Bổ sung minh chứng", str(ReportStatus.RETURNED.label)):
        assert said not in html
    # The same answer as for an address that names no report at all.
    nowhere = oversight.post(reverse("reporting:comment", args=[987654]), {"text": TYPED})
    assert nowhere.status_code == 404
    assert _shown(nowhere.content.decode()) == _shown(html)


def test_an_empty_comment_on_an_unreadable_report_is_the_plain_404(
    submitted, oversight_reader, most_monitor
) -> None:
    services.return_report(submitted, most_monitor, "Bổ sung")
    response = client_for(oversight_reader).post(
        reverse("reporting:comment", args=[submitted.pk]), {"text": "  "}
    )
    assert response.status_code == 404 and "typed-1" not in response.content.decode()


def test_a_comment_in_english_is_given_back_in_english(
    submitted, oversight_reader, most_monitor, monkeypatch
) -> None:
    from tests.core.pending_english import add_pending_english

    add_pending_english(monkeypatch, "defaults")
    services.return_report(submitted, most_monitor, "Bổ sung")
    client = client_for(oversight_reader)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("reporting:comment", args=[submitted.pk]), {"text": "Why?"})
    html = response.content.decode()
    assert response.status_code == 404 and _kept(html) == ["Why?"]
    assert "Not sent" in html and "This report no longer takes your comments." in html


def test_a_return_confirmed_after_the_agency_reopened_the_report_keeps_its_reason(
    submitted, most_monitor, officer_a
) -> None:
    """MOST opens "return" in one tab; meanwhile a second monitor accepts the report and
    the ministry reopens it for a revision (a draft MOST does not read)."""
    from tests.conftest import MOST, make_user

    most = client_for(most_monitor)
    confirm = most.get(reverse("reporting:confirm", args=[submitted.pk, "return"]))
    assert confirm.status_code == 200
    second = make_user("most_monitor_2", MOST, "most_monitor")
    services.accept_report(submitted, second)
    services.revise_accepted_report(submitted, officer_a, "Sửa số liệu")
    response = most.post(
        reverse("reporting:action", args=[submitted.pk, "return"]),
        {"confirm": submitted.version, "comment": TYPED},
    )
    assert response.status_code == 404
    html = response.content.decode()
    assert _kept(html) == [TYPED]
    assert "Bước này không còn thực hiện được trên báo cáo này." in html
    assert "Sửa số liệu" not in html and "Bản nháp" not in html


def test_an_entry_saved_without_javascript_after_the_report_was_approved_comes_back(
    report_a, officer_a, approver_a
) -> None:
    entry = report_a.entries.select_related("task").first()
    version = entry.version
    services.approve_report(report_a, approver_a)  # the leader's session, meanwhile
    prefix = f"e{entry.pk}"
    body = {
        f"{prefix}-status": "in_progress",
        f"{prefix}-result": "Đã xây dựng xong dự thảo đề án",
        f"{prefix}-version": version,
    }
    response = client_for(officer_a).post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]), body
    )
    assert response.status_code == 409
    entry.refresh_from_db()
    assert entry.result != "Đã xây dựng xong dự thảo đề án"
    unsaved = response.content.decode().split('id="unsaved"', 1)[1].split("</section>")[0]
    assert entry.task.ref in unsaved and "Đã xây dựng xong dự thảo đề án" in unsaved


def test_a_task_comment_on_a_plan_withdrawn_meanwhile_comes_back_to_copy(
    oversight_reader,
) -> None:
    from lotrinh.programmes.models import Programme, Task

    plan = Programme.objects.filter(implements__isnull=False, status="published").first()
    if plan is None:
        pytest.skip("no agency plan in the seed")
    task = Task.objects.filter(programme=plan).first()
    client = client_for(oversight_reader)
    # Back to a draft by its agency (the oversight reader no longer reads it).
    Programme.objects.filter(pk=plan.pk).update(status="draft")
    response = client.post(reverse("reporting:task_comment", args=[task.pk]), {"text": TYPED})
    assert response.status_code == 404 and not Comment.objects.filter(task=task).exists()
    html = response.content.decode()
    assert _kept(html) == [TYPED] and "Nhiệm vụ này không còn nhận ý kiến của bạn." in html
    assert task.ref not in html and plan.code not in html


def test_a_decision_typed_while_another_officer_decided_comes_back_to_copy(
    officer_a, most_monitor
) -> None:
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import amendments
    from tests.conftest import MOST, make_user

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    proposal = amendments.propose_amendment(
        officer_a,
        programme,
        kind="deadline",
        task_ref="II.6.c",
        reason="Cần thêm thời gian",
        deadline=datetime.date(2099, 12, 31),
    )
    amendments.consolidate(most_monitor, proposal)
    late = client_for(make_user("most_2", MOST, "most_monitor"))
    page = late.get(reverse("reporting:amendments")).content.decode()
    assert 'name="decision"' in page  # her tab, with the box
    decided = client_for(most_monitor).post(
        reverse("reporting:amendment_decide", args=[proposal.pk]),
        {"step": "accept", "decision": "Nghị quyết số 99/NQ-CP"},
    )
    assert decided.status_code == 302  # the other officer, meanwhile
    response = late.post(
        reverse("reporting:amendment_decide", args=[proposal.pk]),
        {"step": "reject", "decision": "Công văn số 2/VPCP-KGVX"},
    )
    assert response.status_code == 409
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.decision == "Nghị quyết số 99/NQ-CP"
    html = response.content.decode()
    assert _kept(html) == ["Công văn số 2/VPCP-KGVX"]
    assert "do người khác ghi nhận trước" in html
