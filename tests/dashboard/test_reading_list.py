"""Oversight's list of reports to read: other agencies' submitted and accepted reports,
filterable, each a link to the report where comments are written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.reporting import services
from lotrinh.reporting.models import ReportStatus
from tests.conftest import client_for
from tests.dashboard.conftest import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(periods, officer_a, approver_a, officer_b, most_monitor):
    accepted = submitted(
        services.ensure_report(officer_a.agency, periods[2022]), officer_a, approver_a
    )
    services.accept_report(accepted, most_monitor)
    sent = submitted(services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a)
    returned = submitted(
        services.ensure_report(officer_a.agency, periods[2024]), officer_a, approver_a
    )
    services.return_report(returned, most_monitor, "Bổ sung")
    draft = services.ensure_report(officer_b.agency, periods[2024])
    return {"accepted": accepted, "submitted": sent, "returned": returned, "draft": draft}


def listed(response) -> set[int]:
    return {r.pk for r in response.context["page"].object_list}


def test_oversight_reads_submitted_and_accepted_reports_only(reports, oversight_reader):
    response = client_for(oversight_reader).get(reverse("dashboard:reading"))
    assert response.status_code == 200
    assert listed(response) == {reports["accepted"].pk, reports["submitted"].pk}
    html = response.content.decode()
    assert reverse("reporting:report", args=[reports["submitted"].pk]) in html
    assert reverse("reporting:report", args=[reports["draft"].pk]) not in html


def test_filters_by_year_programme_agency_and_state(reports, oversight_reader, officer_a):
    client = client_for(oversight_reader)
    url = reverse("dashboard:reading")
    assert listed(client.get(url, {"year": 2023})) == {reports["submitted"].pk}
    assert listed(client.get(url, {"state": "accepted"})) == {reports["accepted"].pk}
    assert listed(
        client.get(
            url,
            {
                "agency": officer_a.agency.code,
                "programme": reports["accepted"].period.regime.programme.slug,
            },
        )
    ) == {
        reports["accepted"].pk,
        reports["submitted"].pk,
    }
    assert listed(client.get(url, {"agency": "bo-tai-chinh"})) == set()


def test_a_bad_filter_is_named_and_ignored(reports, oversight_reader):
    response = client_for(oversight_reader).get(
        reverse("dashboard:reading"), {"year": "20x4", "state": "draft"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Năm “20x4” không hợp lệ." in html and "Trạng thái “draft” không hợp lệ." in html
    assert listed(response) == {reports["accepted"].pk, reports["submitted"].pk}


def test_comments_are_counted_and_written_on_the_report(reports, oversight_reader):
    client = client_for(oversight_reader)
    report = reports["submitted"]
    client.post(reverse("reporting:comment", args=[report.pk]), {"text": "Đề nghị làm rõ số liệu"})
    rows = {r.pk: r for r in client.get(reverse("dashboard:reading")).context["page"].object_list}
    assert rows[report.pk].comment_count == 1


def test_agencies_cannot_open_the_reading_list(officer_a):
    assert client_for(officer_a).get(reverse("dashboard:reading")).status_code == 403


def test_the_list_needs_as_many_queries_with_many_reports(periods, oversight_reader):
    client = client_for(oversight_reader)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("dashboard:reading"))
    from django.utils import timezone

    from lotrinh.reporting.demo import generate_demo_cycle

    generate_demo_cycle(seed=1, today=timezone.localdate())
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("dashboard:reading"))
    assert response.context["page"].paginator.count > 20
    assert all(
        r.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        for r in response.context["page"].object_list
    )
    assert len(large.captured_queries) <= len(small.captured_queries) + 1


def test_a_report_revised_after_acceptance_stays_linked_to_its_accepted_copy(
    reports, most_monitor, oversight_reader, officer_a, approver_a
):
    """While its agency corrects an accepted report, MOST still reads it: the list keeps
    it, marked as being revised, and leads to the copy it accepted (never the draft)."""
    report = services.revise_accepted_report(reports["accepted"], officer_a, "Sửa số liệu")
    assert report.status == ReportStatus.DRAFT
    copy = reverse("reporting:accepted_copy", args=[report.pk])
    for reader in (most_monitor, oversight_reader):
        client = client_for(reader)
        response = client.get(reverse("dashboard:reading"))
        assert listed(response) == {reports["accepted"].pk, reports["submitted"].pk}
        html = response.content.decode()
        row = html.split(f'href="{copy}"', 1)[1].split("</tr>", 1)[0]
        assert "Đang điều chỉnh sau khi tiếp nhận" in row
        assert "đọc bản đã tiếp nhận ngày" in row
        assert f'href="{reverse("reporting:report", args=[report.pk])}"' not in html
        assert client.get(copy).status_code == 200
        only = client.get(reverse("dashboard:reading"), {"state": "revising"})
        assert listed(only) == {report.pk}
        assert listed(client.get(reverse("dashboard:reading"), {"state": "accepted"})) == set()
    # Sent again, it is a submitted report like any other, linked to itself.
    services.approve_report(report, approver_a)
    services.submit_report(report, approver_a)
    html = client_for(most_monitor).get(reverse("dashboard:reading")).content.decode()
    assert f'href="{reverse("reporting:report", args=[report.pk])}"' in html
    assert f'href="{copy}"' not in html


def test_the_reading_lists_lede_does_not_say_every_report_went_to_most(reports, oversight_reader):
    """walk44: giamsat's list holds the Party committees' reports to the Commission and
    units' reports their agencies accepted, under a lede that said "reports the agencies
    sent to the Ministry of Science and Technology"."""
    client = client_for(oversight_reader)
    client.cookies["django_language"] = "vi"
    html = client.get(reverse("dashboard:reading")).content.decode()
    lede = html.split('<p class="lede">', 1)[1].split("</p>", 1)[0]
    assert "Báo cáo các cơ quan đã gửi Bộ Khoa học và Công nghệ" not in lede
    assert "cấp ủy, tổ chức đảng gửi cấp ủy cấp trên" in lede and "đơn vị" in lede
