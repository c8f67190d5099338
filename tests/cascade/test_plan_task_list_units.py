"""An agency's plan gives its tasks to its own units: the plan's task list (the programme
pages every reader of the plan opens) names them under "Chủ trì" and "Phối hợp". Both
columns were empty for every task of a plan (144/KH-UBND: 179 of 179), as they listed
agencies only. The page's rows, written directly, equal the template's."""

import re

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.agencies.models import Unit
from lotrinh.programmes.models import UnitAssignment
from tests.conftest import client_for


def _cells(page: str, label: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "|", cell).strip("|")
        for cell in re.findall(rf'<td data-label="{label}">(.*?)</td>', page, re.S)
    ]


def test_the_plans_task_list_names_its_units(province) -> None:
    p = province
    police = Unit.objects.get(code="cong-an")
    UnitAssignment.objects.create(
        task=p["child"].tasks.get(ref="1"), unit=police, role="coordinating"
    )
    url = reverse("programmes:tasks", args=[p["child"].slug])
    page = client_for(p["monitor"]).get(url).content.decode()
    assert _cells(page, "Chủ trì") == [
        "Sở Khoa học và Công nghệ",
        "Công an Thành phố",
        "Sở Khoa học và Công nghệ",
    ]
    assert _cells(page, "Phối hợp") == ["Công an Thành phố", "", ""]


def test_more_units_cost_no_more_queries(province) -> None:
    p = province
    url = reverse("programmes:tasks", args=[p["child"].slug])
    client = client_for(p["monitor"])

    def count() -> int:
        cache.clear()  # the page rendered, not replayed (core/replay_cache.py)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    police = Unit.objects.get(code="cong-an")
    for task in p["child"].tasks.all():
        UnitAssignment.objects.get_or_create(task=task, unit=police, role="coordinating")
    assert count() == before


def test_the_plans_rows_are_the_templates_html(province) -> None:
    from django.template.loader import render_to_string

    from lotrinh.programmes.task_rows_html import task_rows

    p = province
    url = reverse("programmes:tasks", args=[p["child"].slug])
    context = client_for(p["monitor"]).get(url).context
    page, states, programme = context["page"], context["states"], context["programme"]
    expected = render_to_string(
        "programmes/_task_row_items.html",
        {"page": page, "states": states, "programme": programme, "filter": context["filter"]},
    )
    written = str(task_rows(page, states, programme, context["filter"].q))
    assert "Sở Khoa học và Công nghệ" in written
    assert written == expected
