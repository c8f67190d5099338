"""The comparison shown after a stale save writes its dates as the page writes dates:
"01/10/2024" in Vietnamese and in English (docs/architecture.md: dd/mm/yyyy on every page) — in the report page's panel and in
the spreadsheet upload's — while the values the merge fills in stay a date input's."""

import datetime
import re

import pytest

from lotrinh.core.locale import format_date
from lotrinh.reporting import services, xlsx_form
from tests.conftest import client_for, make_user
from tests.reporting.test_versions import entry_post
from tests.reporting.test_xlsx import post_form, save, workbook

pytestmark = pytest.mark.django_db


def cells(html: str, css: str) -> list[str]:
    return re.findall(rf'<td class="{css}"[^>]*>(.*?)</td>', html)


@pytest.mark.parametrize(
    ("language", "mine", "theirs"),
    [("vi", "15/09/2024", "01/10/2024"), ("en", "15/09/2024", "01/10/2024")],
)
def test_the_comparison_panel_shows_dates_in_the_pages_format(
    language, mine, theirs, report_a, officer_a
):
    colleague = make_user("colleague_d", officer_a.agency.code, "reporter")
    entry = report_a.entries.first()
    stale = entry_post(entry, evidence_date="2024-09-15")
    services.save_entry(
        entry,
        colleague,
        {"status": "in_progress", "evidence_date": datetime.date(2024, 10, 1)},
        entry.version,
    )
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
        stale,
        HTTP_HX_REQUEST="true",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert cells(html, "yours") == [mine] and cells(html, "current") == [theirs]
    assert "2024-10-01</td>" not in html and "2024-09-15</td>" not in html
    # "Take theirs" still fills the date input with a value it reads.
    assert 'data-value="2024-10-01"' in html and 'data-value="2024-09-15"' in html
    # The moment of their save is written the same way.
    moment = {
        "vi": r"đã sửa lúc \d\d/\d\d/\d{4} \d\d:\d\d",
        "en": r"on \d\d/\d\d/\d{4} \d\d:\d\d",
    }
    assert re.search(r"Colleague D (changed it )?" + moment[language] + "</p>", html)


def test_the_spreadsheet_conflict_shows_dates_in_the_pages_format(
    report_a, officer_a, django_capture_on_commit_callbacks
):
    colleague = make_user("colleague_x", officer_a.agency.code, "reporter")
    book = workbook(report_a)
    sheet = book[xlsx_form.SHEET]
    entry = report_a.entries.get(task__ref=sheet["A2"].value)
    services.save_entry(
        entry,
        colleague,
        {"status": "in_progress", "evidence_date": datetime.date(2024, 10, 1)},
        entry.version,
    )
    sheet["F2"] = "15/09/2024"
    client = client_for(officer_a)
    response = post_form(client, report_a, save(book), django_capture_on_commit_callbacks)
    html = client.get(response["Location"]).content.decode()
    yours, current = cells(html, "yours"), cells(html, "current")
    assert "15/09/2024" in yours and "01/10/2024" in current
    assert not any(value.startswith("2024-") for value in yours + current)


def test_a_day_in_each_language():
    day = datetime.date(2026, 10, 1)
    assert format_date(day, "vi") == "01/10/2026"
    assert format_date(day, "en") == "01/10/2026"  # day first on English pages too
    assert format_date(None) == ""
