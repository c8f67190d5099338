"""Asking the leader to approve shows on the report, returned or not, and is sent once: a
second request while the first waits tells the leader nothing new and is not sent."""

import pytest
from django.urls import reverse

from lotrinh.reporting import guidance, services
from lotrinh.reporting.models import Notification
from tests.conftest import client_for


def _asked(leader) -> int:
    return Notification.objects.filter(
        user=leader, message__contains="đề nghị lãnh đạo duyệt"
    ).count()


def _returned(report, officer, approver, monitor):
    report = services.approve_report(report, approver)
    report = services.submit_report(report, approver)
    return services.return_report(report, monitor, "Bổ sung minh chứng")


def test_a_returned_report_shows_that_approval_was_asked_for_and_when(
    report_a, officer_a, approver_a, most_monitor
) -> None:
    report = _returned(report_a, officer_a, approver_a, most_monitor)
    assert "bạn chỉnh sửa theo ý kiến" in guidance.next_step(report, officer_a)

    client = client_for(officer_a)
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert 'id="request-approval"' in page
    response = client.post(
        reverse("reporting:action", args=[report.pk, "request-approval"]),
        {"confirm": report.version},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã đề nghị lãnh đạo duyệt báo cáo." in page
    day = guidance._day(guidance.approval_requested_at(report))
    assert f"đã đề nghị lãnh đạo duyệt ngày {day}" in page
    assert "bạn chỉnh sửa theo ý kiến" not in page
    assert 'id="request-approval"' not in page  # not offered twice
    assert _asked(approver_a) == 1
    leader_sees = guidance.next_step(services.AgencyReport.objects.get(pk=report.pk), approver_a)
    assert f"cán bộ đã đề nghị duyệt ngày {day}" in leader_sees


@pytest.mark.parametrize("returned", [False, True])
def test_a_second_request_is_not_sent_again(
    report_a, officer_a, approver_a, most_monitor, returned
) -> None:
    report = _returned(report_a, officer_a, approver_a, most_monitor) if returned else report_a
    report = services.request_approval(report, officer_a)
    asked = _asked(approver_a)
    assert asked == 1
    # A fresh confirmation (the current version), not a double click.
    with pytest.raises(services.AlreadyDone, match="Không gửi lại đề nghị"):
        services.request_approval(report, officer_a, expected_version=report.version)
    assert _asked(approver_a) == asked
    page = client_for(officer_a).get(
        reverse("reporting:confirm", args=[report.pk, "request-approval"])
    )
    assert 'id="confirm-action" disabled' in page.content.decode()
    if not returned:
        # Once the leader acted (sent it back), the drafter may ask again.
        report = services.return_to_drafter(report, approver_a, "Viết lại phần đánh giá")
        services.request_approval(report, officer_a)
        assert _asked(approver_a) == asked + 1


def test_the_view_says_clearly_that_the_request_was_already_sent(report_a, officer_a) -> None:
    report = services.request_approval(report_a, officer_a)
    response = client_for(officer_a).post(
        reverse("reporting:action", args=[report.pk, "request-approval"]),
        {"confirm": report.version},
        follow=True,
    )
    assert "Không gửi lại đề nghị." in response.content.decode()
