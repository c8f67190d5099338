"""The agency dashboard's task rows written directly (`dashboard.task_rows_html`) are the
HTML of the template loop they replaced (`dashboard/_agency_task_rows.html`): dated and
undated deadlines, overdue tasks, statuses with and without a year, text to escape, in
both languages."""

import dataclasses
import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lotrinh.dashboard import queries
from lotrinh.dashboard.task_rows_html import agency_task_rows
from lotrinh.programmes.models import Task
from lotrinh.reporting import services
from tests.conftest import client_for
from tests.dashboard.conftest import submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_agency_task_rows_are_the_templates_html(
    language, periods, officer_a, approver_a, most_monitor
):
    submitted(services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a)
    ob = queries.agency_obligations(most_monitor, officer_a.agency, timezone.localdate())
    assert len(ob.tasks) >= 2
    first, second = ob.tasks[0].task, ob.tasks[1].task
    Task.objects.filter(pk=first.pk).update(
        deadline=datetime.date(2020, 6, 30), text='Làm <b>"rõ"</b> & ' * 30
    )
    Task.objects.filter(pk=second.pk).update(deadline=None, deadline_text="Quý <IV>")
    ob = queries.agency_obligations(most_monitor, officer_a.agency, timezone.localdate())
    assert any(t.overdue for t in ob.tasks) and any(t.year for t in ob.tasks)
    with translation.override(language):
        ob = queries.agency_obligations(most_monitor, officer_a.agency, timezone.localdate())
        expected = render_to_string("dashboard/_agency_task_rows.html", {"tasks": ob.tasks})
        written = str(agency_task_rows(ob.tasks))
        assert written == expected
        unreported = [
            dataclasses.replace(ob.tasks[0], year=None, status="", status_label="<Chưa có>")
        ]
        assert str(agency_task_rows(unreported)) == render_to_string(
            "dashboard/_agency_task_rows.html", {"tasks": unreported}
        )
        assert str(agency_task_rows([])) == render_to_string(
            "dashboard/_agency_task_rows.html", {"tasks": []}
        )
        page = client_for(most_monitor).get(
            reverse("dashboard:agency", args=[officer_a.agency.code]),
            HTTP_ACCEPT_LANGUAGE=language,
        )
        assert written in page.content.decode()
