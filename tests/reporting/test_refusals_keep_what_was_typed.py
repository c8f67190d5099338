"""A comment, a step's reason or a report's text refused with a message comes back with
what was typed, the message beside it: nothing recorded, nothing to type again (a
redirect used to drop it)."""

import re

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Task
from lotrinh.reporting import services, texts
from lotrinh.reporting.models import Comment, ReportStatus
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

LIMIT = texts.COMMENT_MAX_CHARS


def _box(html: str, box_id: str) -> str:
    """The text inside the textarea `box_id` (Django writes a newline after the tag)."""
    found = re.search(rf'<textarea id="{box_id}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    assert found, box_id
    return found.group(1)


def test_a_report_comment_too_long_comes_back_in_its_box(report_a, officer_a) -> None:
    typed = "Đề nghị làm rõ " + "x" * LIMIT
    response = client_for(officer_a).post(
        reverse("reporting:comment", args=[report_a.pk]), {"text": typed}
    )
    assert response.status_code == 400 and not Comment.objects.exists()
    html = response.content.decode()
    assert _box(html, "report-comment") == typed
    error = re.search(
        r'<span class="errorlist" id="report-comment_error" role="alert">(.*?)<', html
    )
    assert error and "5.000" in error.group(1)
    assert 'aria-describedby="report-comment_error"' in html


def test_an_empty_report_comment_says_so_beside_its_box(report_a, officer_a) -> None:
    response = client_for(officer_a).post(
        reverse("reporting:comment", args=[report_a.pk]), {"text": "   "}
    )
    assert response.status_code == 400 and not Comment.objects.exists()
    assert 'id="report-comment_error" role="alert">Ý kiến không được để trống.' in (
        response.content.decode()
    )


def test_a_task_comment_too_long_comes_back_on_the_task_page(oversight_reader) -> None:
    task = Task.objects.filter(programme__status="published").first()
    typed = "Cần đẩy nhanh tiến độ " + "y" * LIMIT
    response = client_for(oversight_reader).post(
        reverse("reporting:task_comment", args=[task.pk]), {"text": typed}
    )
    assert response.status_code == 400 and not Comment.objects.filter(task=task).exists()
    html = response.content.decode()
    assert _box(html, "task-comment") == typed
    assert 'id="task-comment_error" role="alert">' in html and "5.000" in html
    assert task.ref in html  # the task's own page


def test_a_report_comment_sent_twice_is_still_one_comment_and_no_refusal(
    report_a, officer_a
) -> None:
    client = client_for(officer_a)
    url = reverse("reporting:comment", args=[report_a.pk])
    assert client.post(url, {"text": "Đã bổ sung"}).status_code == 302
    assert client.post(url, {"text": "Đã bổ sung"}).status_code == 302
    assert Comment.objects.filter(report=report_a).count() == 1


@pytest.fixture
def submitted(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    report_a.refresh_from_db()
    return report_a


def test_a_return_with_a_reason_too_long_comes_back_on_its_confirmation(
    submitted, most_monitor
) -> None:
    typed = "Bổ sung minh chứng " + "z" * LIMIT
    url = reverse("reporting:action", args=[submitted.pk, "return"])
    response = client_for(most_monitor).post(url, {"confirm": submitted.version, "comment": typed})
    assert response.status_code == 400
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED and submitted.return_comment == ""
    html = response.content.decode()
    assert _box(html, "confirm-text") == typed
    assert 'id="confirm-text_error" role="alert">' in html and "5.000" in html
    assert f'name="confirm" value="{submitted.version}"' in html


def test_an_empty_reason_is_asked_for_beside_its_box(submitted, most_monitor) -> None:
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    url = reverse("reporting:action", args=[submitted.pk, "return"])
    response = client.post(url, {"confirm": submitted.version, "comment": "  "})
    assert response.status_code == 400
    assert (
        'id="confirm-text_error" role="alert">A comment is required to return a report.'
        in response.content.decode()
    )


def test_a_return_confirmed_after_the_report_was_accepted_keeps_its_reason(
    submitted, most_monitor
) -> None:
    stale = submitted.version
    services.accept_report(submitted, most_monitor)  # from another tab, meanwhile
    url = reverse("reporting:action", args=[submitted.pk, "return"])
    response = client_for(most_monitor).post(url, {"confirm": stale, "comment": "Bổ sung số liệu"})
    assert response.status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.ACCEPTED and submitted.return_comment == ""
    html = response.content.decode()
    assert "readonly>" in html and _box(html, "confirm-text") == "Bổ sung số liệu"
    assert 'id="confirm-action"' not in html  # nothing left to confirm


def test_a_return_on_a_report_sent_again_comes_back_to_be_confirmed_anew(
    submitted, most_monitor, approver_a
) -> None:
    stale = submitted.version
    services.return_report(submitted, most_monitor, "Lần trước")
    services.submit_report(services.approve_report(submitted, approver_a), approver_a)
    submitted.refresh_from_db()
    url = reverse("reporting:action", args=[submitted.pk, "return"])
    response = client_for(most_monitor).post(url, {"confirm": stale, "comment": "Lần này"})
    assert response.status_code == 409
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.SUBMITTED
    html = response.content.decode()
    assert _box(html, "confirm-text") == "Lần này"
    assert f'name="confirm" value="{submitted.version}"' in html


def test_a_double_click_on_return_is_still_one_return(submitted, most_monitor) -> None:
    client = client_for(most_monitor)
    url = reverse("reporting:action", args=[submitted.pk, "return"])
    body = {"confirm": submitted.version, "comment": "Bổ sung"}
    assert client.post(url, body).status_code == 302
    second = client.post(url, body)
    assert second.status_code == 302 and second["Location"].endswith(f"/{submitted.pk}/")
    submitted.refresh_from_db()
    assert submitted.status == ReportStatus.RETURNED


def test_sections_saved_after_the_report_was_sent_come_back_to_be_copied(
    report_a, officer_a, approver_a
) -> None:
    version = report_a.sections_version
    services.approve_report(report_a, approver_a)  # meanwhile, in the leader's tab
    body = {
        "general_assessment": "Cơ bản hoàn thành kế hoạch năm",
        "proposals_to_government": "Bổ sung kinh phí",
        "version": version,
    }
    response = client_for(officer_a).post(
        reverse("reporting:save_sections", args=[report_a.pk]), body
    )
    assert response.status_code == 409
    report_a.refresh_from_db()
    assert report_a.general_assessment == "" and report_a.proposals_to_government == ""
    unsaved = response.content.decode().split('id="unsaved"', 1)[1].split("</section>")[0]
    assert "Cơ bản hoàn thành kế hoạch năm" in unsaved and "Bổ sung kinh phí" in unsaved
    # Approved, not sent: said so (services.check_editable), not "đã gửi".
    assert "Lãnh đạo đã duyệt báo cáo: không sửa được nữa." in response.content.decode()


def test_a_contribution_saved_after_the_report_was_sent_comes_back_to_be_copied(
    period_2024,
) -> None:
    from tests.conftest import make_user

    coordinator = make_user("most_reporter", "bo-khoa-hoc-va-cong-nghe", "reporter")
    approver = make_user("most_approver", "bo-khoa-hoc-va-cong-nghe", "approver")
    report = services.ensure_report(coordinator.agency, period_2024)
    contribution = report.contributions.get(task__ref="II.2.b.2")
    services.approve_report(report, approver)  # meanwhile
    url = reverse("reporting:save_contribution", args=[report.pk, contribution.pk])
    prefix = f"c{contribution.pk}"
    body = {
        f"{prefix}-contribution": "Đã phối hợp xây dựng đề án",
        f"{prefix}-version": contribution.version,
    }
    response = client_for(coordinator).post(url, body)
    assert response.status_code == 409
    contribution.refresh_from_db()
    assert contribution.contribution == ""
    unsaved = response.content.decode().split('id="unsaved"', 1)[1].split("</section>")[0]
    assert "II.2.b.2" in unsaved and "Đã phối hợp xây dựng đề án" in unsaved


def test_a_report_read_only_as_published_offers_no_comment_box(
    report_b, officer_b, officer_a, most_monitor
) -> None:
    """The service refuses a comment there (the thread is the cycle's); the page used to
    offer the box, and what was typed in it was refused."""
    from lotrinh.portal.services import publish_report
    from tests.conftest import AGENCY_B, make_user

    approver_b = make_user("approver_b", AGENCY_B, "approver")

    fill(report_b, officer_b)
    services.submit_report(services.approve_report(report_b, approver_b), approver_b)
    publish_report(most_monitor, services.accept_report(report_b, most_monitor))
    client = client_for(officer_a)
    page = client.get(reverse("reporting:report", args=[report_b.pk]))
    assert page.status_code == 200 and 'id="report-comment"' not in page.content.decode()
    refused = client.post(reverse("reporting:comment", args=[report_b.pk]), {"text": "Hỏi"})
    assert refused.status_code == 400 and not Comment.objects.exists()
    # No box to put it back in: what was typed is shown read-only, to copy.
    html = refused.content.decode()
    assert 'id="report-comment"' not in html and _box(html, "typed-1") == "Hỏi"
