"""The timeline's rows and list items written directly (`programmes.timeline_html`) are the
HTML the templates `_timeline_row.html` and `_timeline_item.html` write, for every kind of
item (task, plan action with progress, reporting period, milestone, inherited task), in
Vietnamese and English."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lotrinh.programmes.models import Task
from lotrinh.programmes.timeline import Item, Section
from lotrinh.programmes.timeline_html import list_items, section_rows
from lotrinh.reporting import services
from tests.conftest import client_for
from tests.plan_helpers import plan_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def health_action(action_programme, officer_a):
    """An action of Bộ Y tế's plan with a deadline and progress, on task II.1.a."""
    task = Task.objects.get(programme=action_programme, ref="II.1.a")
    return plan_task(
        officer_a.agency,
        action_programme,
        [task],
        "Xây dựng hệ thống <hồ sơ> sức khoẻ điện tử",
        deadline=datetime.date(2023, 6, 30),
    )


def _by_template(section: Section, timeline) -> str:
    out = []
    for item in section.items:
        out.append("\n    ")
        out.append(
            render_to_string(
                "programmes/_timeline_row.html",
                {"item": item, "child": False, "timeline": timeline},
            )
        )
        out.append("\n    ")
        if item.kind != "period":
            for c in item.children:
                out.append(
                    render_to_string(
                        "programmes/_timeline_row.html",
                        {"item": c, "child": True, "timeline": timeline},
                    )
                )
        out.append("\n  ")
    return "".join(out)


def _items_by_template(items: list[Item]) -> str:
    return "".join(render_to_string("programmes/_timeline_item.html", {"item": i}) for i in items)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_rows_and_items_are_the_templates_html(
    language, action_programme, officer_a, regime, health_action
):
    Task.objects.filter(programme=action_programme, ref="II.1.b").update(
        deadline=datetime.date(2025, 12, 31), deadline_text='Quý IV/2025 <&> "x"'
    )
    services.generate_periods(regime, 2024)
    client = client_for(officer_a)
    url = reverse("programmes:timeline", args=[action_programme.slug])
    for query in ("", f"?agency={officer_a.agency.code}"):
        with translation.override(language):
            response = client.get(url + query, HTTP_ACCEPT_LANGUAGE=language)
            timeline = response.context["timeline"]
            kinds = {i.kind for s in timeline.sections for i in s.items}
            kinds |= {c.kind for s in timeline.sections for i in s.items for c in i.children}
            assert {"task", "action", "period", "milestone"} <= kinds
            # An item with every optional part, and one with none.
            extra = Item(
                kind="task",
                title="<b>" + "x" * 200,
                ref="Z.9",
                title_lang="vi",
                recurrence="yearly",
                due_text="Hằng năm",
                note="n" * 200,
                note_lang="vi",
                via="kế thừa",
                status_label="Đang triển khai",
                tone="warn",
                progress=None,
            )
            timeline.sections.append(Section(title="extra", items=[extra, Item("task", "")]))
            for section in timeline.sections:
                assert str(section_rows(section, timeline)) == _by_template(section, timeline)
            every = [i for y in timeline.by_year for m in y.months for i in m.items]
            every += timeline.undated + [extra, Item("task", "")]
            assert str(list_items(every)) == _items_by_template(every)
