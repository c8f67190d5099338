"""Role × own/other agency × action, through the web (URLs and forged form fields)."""

import pytest
from django.urls import reverse

from lotrinh.reporting import services
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

# persona → expected HTTP outcome on (own agency's draft, other agency's draft)
VIEW_DRAFT = {
    "officer_a": (200, 404),
    "approver_a": (200, 404),
    "most_monitor": (404, 404),  # drafts stay inside the agency
    "oversight_reader": (404, 404),
    "anon": (302, 302),
}


@pytest.mark.parametrize("persona", list(VIEW_DRAFT))
def test_who_reads_a_draft(persona, request, report_a, report_b):
    client = (
        request.getfixturevalue("anon")
        if persona == "anon"
        else client_for(request.getfixturevalue(persona))
    )
    own_status, other_status = VIEW_DRAFT[persona]
    assert client.get(reverse("reporting:report", args=[report_a.pk])).status_code == own_status
    assert client.get(reverse("reporting:report", args=[report_b.pk])).status_code == other_status


@pytest.mark.parametrize("persona", ["most_monitor", "oversight_reader", "officer_b"])
def test_submitted_reports_are_read_by_most_and_oversight_only(
    persona, request, report_a, officer_a, approver_a
):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    client = client_for(request.getfixturevalue(persona))
    expected = 404 if persona == "officer_b" else 200
    assert client.get(reverse("reporting:report", args=[report_a.pk])).status_code == expected


SAVE = {
    "officer_a": (200, 404),
    "approver_a": (404, 404),
    "officer_b": (404, 200),
    "most_monitor": (404, 404),
    "oversight_reader": (404, 404),
}


@pytest.mark.parametrize("persona", list(SAVE))
def test_who_edits_an_entry(persona, request, report_a, report_b):
    client = client_for(request.getfixturevalue(persona))
    for report, expected in zip((report_a, report_b), SAVE[persona], strict=True):
        entry = report.entries.first()
        data = {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-result": "x",
            f"e{entry.pk}-version": entry.version,
        }
        response = client.post(
            reverse("reporting:save_entry", args=[report.pk, entry.pk]),
            data,
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == expected, (persona, report.agency)
        entry.refresh_from_db()
        assert (entry.result == "x") is (expected == 200)


def test_a_forged_entry_id_under_ones_own_report_is_refused(officer_a, report_a, report_b):
    other_entry = report_b.entries.first()
    client = client_for(officer_a)
    data = {
        f"e{other_entry.pk}-status": "done_on_time",
        f"e{other_entry.pk}-version": other_entry.version,
    }
    response = client.post(
        reverse("reporting:save_entry", args=[report_a.pk, other_entry.pk]), data
    )
    assert response.status_code == 404
    other_entry.refresh_from_db()
    assert other_entry.status == "not_started"


ACTIONS = [
    # (persona, action, own or other, expected status after)
    ("approver_a", "approve", "own", "approved"),
    ("officer_a", "approve", "own", "draft"),
    ("approver_b", "approve", "other", "draft"),
    ("most_monitor", "approve", "own", "draft"),
]


@pytest.mark.parametrize(("persona", "action", "which", "status"), ACTIONS)
def test_who_approves(persona, action, which, status, request, report_a, db):
    if persona == "approver_b":
        from tests.conftest import make_user

        user = make_user("approver_b", "bo-tai-chinh", "approver")
    else:
        user = request.getfixturevalue(persona)
    response = client_for(user).post(
        reverse("reporting:action", args=[report_a.pk, action]), {"confirm": report_a.version}
    )
    assert response.status_code in (302, 404)
    report_a.refresh_from_db()
    assert report_a.status == status


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("most_monitor", "returned"), ("oversight_reader", "submitted"), ("officer_a", "submitted")],
)
def test_only_most_returns_or_accepts(persona, expected, request, report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    client = client_for(request.getfixturevalue(persona))
    report_a.refresh_from_db()
    client.post(
        reverse("reporting:action", args=[report_a.pk, "return"]),
        {"comment": "Bổ sung", "confirm": report_a.version},
    )
    report_a.refresh_from_db()
    assert report_a.status == expected


def test_report_page_query_count_is_bounded(officer_a, report_a, django_assert_max_num_queries):
    client = client_for(officer_a)
    fill(report_a, officer_a)
    with django_assert_max_num_queries(40):
        response = client.get(reverse("reporting:report", args=[report_a.pk]))
    assert response.status_code == 200
