"""The task list's rows written directly (`programmes.task_rows_html`) are the HTML of the
template loop they replaced (`programmes/_task_row_items.html`): deadlines as dates, as text
and recurring, accepted and unaccepted statuses, no report, agencies with a page and generic
addressees, a search match, in both languages."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lotrinh.programmes.models import Task
from lotrinh.programmes.task_rows_html import task_rows
from tests.conftest import client_for
from tests.timeline.conftest import bring_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_task_rows_are_the_templates_html(
    language, action_programme, report_a, officer_a, approver_a, most_monitor
):
    tasks = Task.objects.filter(programme=action_programme).order_by("position")
    first, second, third = tasks[0], tasks[1], tasks[2]
    Task.objects.filter(pk=first.pk).update(
        deadline=datetime.date(2025, 12, 31), deadline_text='Quý IV/2025 <&> "x"'
    )
    Task.objects.filter(pk=second.pk).update(deadline=None, deadline_text="", recurrence="yearly")
    Task.objects.filter(pk=third.pk).update(deadline=None, deadline_text="", recurrence="")
    bring_to(report_a, "submitted", officer_a, approver_a, most_monitor, status="overdue")
    url = reverse("programmes:tasks", args=[action_programme.slug])
    seen = set()
    for persona, query in ((None, {}), (most_monitor, {}), (most_monitor, {"q": "khoa học"})):
        client = client_for(persona) if persona else None
        with translation.override(language):
            from django.test import Client

            response = (client or Client()).get(url, query, HTTP_ACCEPT_LANGUAGE=language)
            context = response.context
            page, states = context["page"], context["states"]
            expected = render_to_string(
                "programmes/_task_row_items.html",
                {
                    "page": page,
                    "states": states,
                    "programme": context["programme"],
                    "filter": context["filter"],
                },
            )
            written = str(task_rows(page, states, context["programme"], context["filter"].q))
            assert written == expected
            assert written in response.content.decode()
            seen |= {states.get(t.ref) is not None for t in page}
            empty = render_to_string(
                "programmes/_task_row_items.html",
                {
                    "page": [],
                    "states": {},
                    "programme": context["programme"],
                    "filter": context["filter"],
                },
            )
            assert str(task_rows([], {}, context["programme"])) == empty
    assert seen == {True, False}
