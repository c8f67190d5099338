"""A programme's number with Vietnamese in it ("308/KH-UBND (minh hoạ)", the demo's plans;
"467/KH-BGDĐT") was left unmarked in the English headings of the reports' pages ("Report
308/KH-UBND (minh hoạ) — Year 2026", "Implementation reports …"): a screen reader read it
with English sounds (day46, hn-dv1-baocao at 1366 and 390 px). It is marked `lang="vi"`
there now, as the programmes' pages mark it (`plan_code`); a number in Latin letters only
("50/NQ-CP") reads the same in both languages and stays as it is."""

import pytest
from django.urls import reverse

from lotrinh.programmes.models import Programme
from tests.conftest import client_for
from tests.reporting.test_report_wording import _yearly_report

pytestmark = pytest.mark.django_db

CODE = "50/NQ-CP (minh hoạ)"


def _heading(client, url: str) -> str:  # type: ignore[no-untyped-def]
    html = client.get(url).content.decode()
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


def test_a_programme_number_in_vietnamese_is_marked_in_english_headings(officer_a) -> None:
    report = _yearly_report(officer_a)
    Programme.objects.filter(pk=report.period.regime.programme_id).update(code=CODE)
    client = client_for(officer_a)
    client.cookies["django_language"] = "en"
    report_url = reverse("reporting:report", args=[report.pk])
    assert _heading(client, report_url) == f'Report <span lang="vi">{CODE}</span> — Year 2024'
    client.cookies["django_language"] = "vi"
    assert _heading(client, report_url) == f"Báo cáo {CODE} — Năm 2024"
