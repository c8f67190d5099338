"""The compliance league rows written directly (`reporting.compliance_html`) are the HTML of
the template loop they replaced (`reporting/_league_rows.html`): every plan state, cell
state, reminder count (plural), link, button, large number and date, in both languages."""

import datetime
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from lotrinh.reporting.compliance_html import league_rows
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _variants(item: dict) -> list[dict]:
    """The page's own first row, and rows with every branch of the template."""
    agency = SimpleNamespace(code="bo-<x>&y")
    out = [item]
    for plan_state in ("on_time", "late", "missing"):
        for reminders, has_account in (([], True), ([datetime.date(2024, 12, 1)], False)):
            row = SimpleNamespace(
                agency=agency,
                plan_state=plan_state,
                plan=SimpleNamespace(document_number='12/KH-"BYT" & <b>'),
                late=3,
                missing=1,
                returned=0,
                days_late=12345,
                last_reminder=reminders[-1] if reminders else None,
                has_account=has_account,
            )
            cell = SimpleNamespace(state="missing", reminders=reminders * 2)
            out.append(
                {
                    "row": row,
                    "cell": cell,
                    "name": "Bộ <Y> & tế",
                    "lang": "vi" if has_account else "",
                    "url": "/co-quan/a&b/",
                    "label": "Chưa nộp",
                    "report_url": "/bao-cao/1/" if has_account else "",
                    "remind_url": "" if has_account else "/nhac/2/3/",
                    # An agency with a published plan: its units and how many are late.
                    "units": SimpleNamespace(units=12 if has_account else 1, late=3),
                    "units_url": "/phan-cap/7/?year=2024&x=<1>#don-vi" if reminders else "",
                }
            )
    out.append({**out[-1], "cell": None})
    out.append(
        {**out[-1], "cell": SimpleNamespace(state="", reminders=[datetime.date(2024, 1, 2)])}
    )
    return out


@pytest.mark.parametrize("language", ["vi", "en"])
def test_league_rows_are_the_templates_html(language, most_monitor, officer_a, period_2024):
    client = client_for(most_monitor)
    response = client.get(reverse("reporting:compliance"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    context = response.context
    assert context["league"]
    with translation.override(language):
        for invite_url in (context["invite_url"], "/moi/?x=1&y=2", None):
            league = _variants(context["league"][0]) + context["league"][1:]
            for rows in (league, []):
                expected = render_to_string(
                    "reporting/_league_rows.html",
                    {"league": rows, "year": context["year"], "invite_url": invite_url},
                )
                assert str(league_rows(rows, context["year"], invite_url)) == expected
    # The page shows the rows written directly.
    body = response.content.decode()
    first = context["league"][0]
    assert f'<tr data-agency="{first["row"].agency.code}">' in body


def test_the_counts_say_which_years_they_cover(most_monitor, officer_a, period_2024):
    """A year asked for is shown with the current cycle: the counts of late, missing and
    returned reports cover both, and the header and each card's labels say so."""
    response = client_for(most_monitor).get(reverse("reporting:compliance"), {"year": 2024})
    context = response.context
    years = context["shown_years"]
    assert years and not context["every_year"]
    body = response.content.decode()
    assert f'data-label="Chưa nộp ({years})"' in body
    assert f'Chưa nộp <span class="small muted">({years})</span>' in body
    # Every year: the labels stand alone.
    everything = client_for(most_monitor).get(reverse("reporting:compliance"), {"years": "all"})
    assert 'data-label="Chưa nộp"' in everything.content.decode()
