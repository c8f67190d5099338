"""A browser counts a line break in a text box as one character (the box's `maxlength`)
but sends it as two (CR LF). What people write about a report is therefore counted, and
kept, with one character per line break: a comment the box accepted is never refused by
the server for the line breaks it holds, and so never lost on the way."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.portal import manage
from lotrinh.programmes.models import Programme
from lotrinh.reporting import amendments, services, texts
from lotrinh.reporting.models import Comment, ReportStatus
from tests.conftest import client_for
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

LIMIT = texts.COMMENT_MAX_CHARS


def typed(limit: int) -> str:
    """A text of `limit` characters as the box counts them, 200 lines, sent with CR LF."""
    line = "Đề nghị bổ sung minh chứng, số văn bản và ngày ban hành."
    lines = [(line * 3)[: limit // 200 - 1]] * 200
    text = "\n".join(lines)
    text += "x" * (limit - len(text))
    assert len(text) == limit
    return text.replace("\n", "\r\n")


def test_a_comment_the_box_accepted_is_kept_with_its_line_breaks(report_a, officer_a):
    sent = typed(LIMIT)
    response = client_for(officer_a).post(
        reverse("reporting:comment", args=[report_a.pk]), {"text": sent}, follow=True
    )
    assert "ký tự; tối đa" not in response.content.decode()
    comment = Comment.objects.get(report=report_a)
    assert comment.text == sent.replace("\r\n", "\n")
    assert texts.length_problem(sent + "x", LIMIT)  # one beyond is still refused


def test_a_return_reason_the_box_accepted_is_not_refused_for_its_line_breaks(
    report_a, officer_a, approver_a, most_monitor
):
    fill(report_a, officer_a)
    report = services.submit_report(services.approve_report(report_a, approver_a), approver_a)
    returned = services.return_report(report, most_monitor, typed(LIMIT))
    assert returned.status == ReportStatus.RETURNED
    assert "\r" not in returned.return_comment and len(returned.return_comment) == LIMIT


def test_an_amendment_reason_is_counted_with_one_character_per_line_break(officer_a):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    proposal = amendments.propose_amendment(
        officer_a,
        programme,
        kind="deadline",
        task_ref="II.6.c",
        reason=typed(LIMIT),
        deadline=datetime.date(2027, 12, 31),
    )
    assert "\r" not in proposal.reason and len(proposal.reason) == LIMIT


def test_a_publication_note_is_counted_with_one_character_per_line_break():
    kept = manage._limited(typed(manage.NOTE_MAX_CHARS))
    assert "\r" not in kept and len(kept) == manage.NOTE_MAX_CHARS
