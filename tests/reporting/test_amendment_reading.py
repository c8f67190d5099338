"""MOST decides on what it can read: the amendments page shows a proposal whole (the
proposed text in full, the proposed lead and coordinating agencies, each named), and a
proposal to change who carries out a task names at least its lead."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Programme
from lotrinh.reporting import amendments
from lotrinh.reporting.services import WorkflowError
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

LONG_TEXT = " ".join(f"từ{i}" for i in range(60)) + " CUỐI NỘI DUNG"


@pytest.fixture
def programme():
    return Programme.objects.get(code="50/NQ-CP", status="published")


def test_most_reads_the_whole_proposed_text_and_every_proposed_agency(
    programme, officer_a, most_monitor
):
    amendments.propose_amendment(
        officer_a, programme, kind="text", task_ref="II.6.c", reason="Sửa", text=LONG_TEXT
    )
    amendments.propose_amendment(
        officer_a,
        programme,
        kind="roles",
        task_ref="II.6.c",
        reason="Đổi phân công",
        lead="Bộ Y tế",
        coordinating="Bộ Công an\nBộ Tài chính",
    )
    page = client_for(most_monitor).get(reverse("reporting:amendments")).content.decode()
    assert "CUỐI NỘI DUNG" in page
    assert "Bộ Công an" in page and "Bộ Tài chính" in page


def test_a_roles_proposal_without_a_lead_is_refused(programme, officer_a):
    with pytest.raises(WorkflowError):
        amendments.propose_amendment(
            officer_a, programme, kind="roles", task_ref="II.6.c", reason="Đổi", lead=""
        )


def test_a_proposed_deadline_already_past_is_refused(programme, officer_a):
    with pytest.raises(WorkflowError):
        amendments.propose_amendment(
            officer_a,
            programme,
            kind="deadline",
            task_ref="II.6.c",
            reason="Lùi hạn",
            deadline=datetime.date(2020, 1, 1),
        )
