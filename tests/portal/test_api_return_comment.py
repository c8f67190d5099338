"""MOST's comment when it returned a report is for the people of the cycle, never public.

A report returned with a comment, corrected, accepted and published stays public; the
web pages show the comment only while the report is returned (to those who read it
then), and the API's comments endpoint refuses the public. The report resource of the
API kept the comment in `return_comment` for everyone who could read the report, the
public included.
"""

import pytest
from django.test import Client

from lotrinh.reporting import services
from tests.api.conftest import issue, token_client
from tests.conftest import AGENCY_A, AGENCY_B, make_user
from tests.portal.conftest import Cycle

pytestmark = pytest.mark.django_db

COMMENT = "MARKRETURNCOMMENTZ9: bổ sung minh chứng cho nhiệm vụ II.1"


@pytest.fixture
def returned_then_published(cycle: Cycle):
    report = cycle.report(AGENCY_A, 2024, "MARKRETURNEDZ9")
    report = cycle.to_state(report, "submitted")
    report = services.return_report(report, cycle.most, COMMENT)
    approver = cycle.approvers[AGENCY_A]
    report = services.approve_report(report, approver)
    report = services.submit_report(report, approver)
    report = services.accept_report(report, cycle.most)
    cycle.publish(report)
    report.refresh_from_db()
    assert report.return_comment == COMMENT  # kept on the report: the API must not show it
    return report


def test_the_public_does_not_read_the_return_comment_of_a_published_report(
    returned_then_published,
):
    client = Client()
    one = client.get(f"/api/v1/reports/{returned_then_published.pk}/")
    assert one.status_code == 200
    assert one.json()["return_comment"] == ""
    listed = client.get("/api/v1/reports/", {"page_size": 200})
    assert COMMENT not in listed.content.decode()


def test_the_agency_and_most_still_read_it(returned_then_published, cycle):
    admin_a = make_user("api_admin_a", AGENCY_A, "agency_admin")
    own = issue(admin_a, AGENCY_A, "reporter", ["read"], "Hệ thống A")
    answer = token_client(own.secret).get(f"/api/v1/reports/{returned_then_published.pk}/")
    assert answer.json()["return_comment"] == COMMENT
    most = Client()
    most.force_login(cycle.most)
    answer = most.get(f"/api/v1/reports/{returned_then_published.pk}/")
    assert answer.json()["return_comment"] == COMMENT


def test_another_agencys_system_reads_it_as_it_reads_the_comments(returned_then_published, cycle):
    # The same rule as the comments endpoint (the people of the cycle).
    admin_b = make_user("api_admin_b", AGENCY_B, "agency_admin")
    other = token_client(issue(admin_b, AGENCY_B, "reporter", ["read"], "Hệ thống B").secret)
    report = other.get(f"/api/v1/reports/{returned_then_published.pk}/").json()
    comments = other.get(f"/api/v1/reports/{returned_then_published.pk}/comments/")
    assert comments.status_code == 200
    assert report["return_comment"] == comments.json()["return_comment"] == COMMENT
