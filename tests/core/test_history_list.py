"""A page's change history is written directly (`history_list`): the same HTML as the
template loop it replaced, in both languages, for people's and the system's events."""

import pytest
from django.template import Context, Template
from django.utils import translation

from lotrinh.core.audit import events_for
from tests.reporting.conftest import fill

LOOP = (
    '{% load i18n lotrinh_tags %}<ol class="history small">{% for s in events|history %}<li>'
    '<time datetime="{{ s.occurred_at|date:\'c\' }}">{{ s.occurred_at|date:"d/m/Y H:i" }}'
    "</time> · <strong>{{ s.actor|typed }}</strong>: {{ s.html }}</li>{% empty %}"
    '<li class="muted">{% translate "Chưa có thay đổi nào." %}</li>{% endfor %}</ol>'
)
DIRECT = "{% load lotrinh_tags %}{{ events|history_list }}"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_history_is_written_as_the_template_loop_wrote_it(report_a, officer_a, language):
    fill(report_a, officer_a, status="done_on_time")
    entry = report_a.entries.first()
    events = list(events_for(report_a).order_by("-occurred_at", "-id"))
    events[0].actor = None  # as the system's own events (never saved: events are read-only)
    assert len(events) > 2 and entry is not None
    with translation.override(language):
        for shown in (events, []):
            context = Context({"events": shown})
            direct = Template(DIRECT).render(context)
            assert direct == Template(LOOP).render(context)
            assert ("<strong>" in direct) == bool(shown)
