"""A comment, a step's reason or a report's text refused with a message comes back with
what was typed, the message beside it: nothing recorded, nothing to type again (a
redirect used to drop it)."""

import re

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Task
from lotrinh.reporting import services, texts
from lotrinh.reporting.models import Comment
from tests.conftest import client_for

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
    error = re.search(r'<span class="errorlist" id="report-comment_error" role="alert">(.*?)<', html)
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
