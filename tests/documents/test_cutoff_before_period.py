"""A cut-off before the period's first day is refused: no report of the period can
exist yet, so the draft said "Có 0/57 cơ quan đã gửi báo cáo … 57 cơ quan chưa gửi"
for a year in which most had reported, and MOST could publish it (a document counting
no report passes the publication check). The page kept the form as sent; nothing is
queued."""

import datetime

import pytest
from django.urls import reverse

from lotrinh.accounts.models import User
from lotrinh.documents.models import GeneratedDocument
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

YEAR = 2025  # 50/NQ-CP's yearly period: data from 01/12/2024 to 30/11/2025


def _ask(user: User, cutoff: str, kind: str = "consolidated"):  # type: ignore[no-untyped-def]
    body = {"kind": kind, "period": f"nam-{YEAR}", "cutoff": cutoff, "fmt": "docx"}
    return client_for(user).post(reverse("documents:request"), body, follow=True)


def test_a_cut_off_before_the_period_begins_is_refused_and_nothing_is_queued(
    seeded_db: None,
    most_monitor: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = _ask(most_monitor, "01/01/2019")
    assert response.status_code == 400
    body = response.content.decode()
    assert "trước kỳ báo cáo" in body and "01/12/2024" in body
    assert not GeneratedDocument.objects.exists() and queued == []


def test_the_periods_first_day_is_a_cut_off_it_accepts(seeded_db: None, most_monitor: User) -> None:
    assert _ask(most_monitor, "01/12/2024").status_code == 200
    assert GeneratedDocument.objects.filter(cutoff=datetime.date(2024, 12, 1)).count() == 1


@pytest.mark.parametrize("kind", ["consolidated", "agency"])
def test_the_operators_command_refuses_a_cut_off_before_the_period_as_the_page_does(
    seeded_db: None, tmp_path, kind: str
) -> None:
    """`lotrinh report` took 01/01/2019 for the year 2025 and wrote the draft that counts
    no report; it now answers with the page's sentence and writes no file."""
    from django.core.management import CommandError, call_command

    from lotrinh.documents.services import annual_period
    from lotrinh.programmes.models import Programme

    # The year's periods exist (as once the year's reporting has begun).
    annual_period(Programme.objects.get(code="50/NQ-CP", status="published"), YEAR)
    out = tmp_path / "bao-cao.docx"
    extra = ["--agency", "Bộ Y tế"] if kind == "agency" else []
    with pytest.raises(CommandError) as refused:
        call_command(
            "report", kind, "--year", str(YEAR), "--cutoff", "2019-01-01", *extra, "-o", str(out)
        )
    assert "trước kỳ báo cáo" in str(refused.value) and "01/12/2024" in str(refused.value)
    assert not out.exists()
