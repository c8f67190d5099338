"""An agency page's task tables written directly (`agencies.task_table_html`) are the HTML
of the template they replaced (`agencies/_task_table.html`): tasks led and coordinated,
held from a predecessor since a day, addressed to every province, and an empty table, in
both languages."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lotrinh.agencies.models import Agency
from lotrinh.agencies.task_table_html import task_table
from lotrinh.programmes.models import Task
from lotrinh.programmes.services import AgencyTaskRow, agency_tasks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_task_tables_are_the_templates_html(language):
    most = Agency.objects.get(name_vi="Bộ Khoa học và Công nghệ")
    province = Agency.objects.get(name_vi="Tỉnh Cao Bằng")
    merged = agency_tasks(most, datetime.date(2025, 3, 1))
    generic = agency_tasks(province, datetime.date(2021, 6, 1))
    task = Task.objects.filter(programme__code="50/NQ-CP").order_by("position").first()
    assert task is not None
    Task.objects.filter(pk=task.pk).update(text='Nhiệm vụ <b>"đặc biệt"</b> & ' * 30)
    task.refresh_from_db()
    odd = [
        AgencyTaskRow(task=task, role="lead", via="inherited", held_from=None, since=None),
        AgencyTaskRow(task=task, role="coordinating", via="generic", generic_label="<Các bộ>"),
    ]
    tables = {
        "lead": merged.lead,
        "coordinating": merged.coordinating,
        "generic": generic.generic,
        "odd": odd,
        "empty": [],
    }
    assert any(r.via == "inherited" and r.since for r in merged.lead)
    assert generic.generic
    with translation.override(language):
        empty_text = translation.gettext("Không có nhiệm vụ phối hợp.")
        for rows in tables.values():
            expected = render_to_string(
                "agencies/_task_table.html", {"rows": rows, "empty_text": empty_text}
            )
            assert str(task_table(rows, empty_text)) == expected
        # The page writes them.
        url = reverse("agencies:detail", args=[most.code])
        body = Client().get(url, {"ngay": "2025-03-01"}, HTTP_ACCEPT_LANGUAGE=language)
        written = str(task_table(merged.lead, translation.gettext("Không có nhiệm vụ chủ trì.")))
        assert written in body.content.decode()
