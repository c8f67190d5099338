"""A report reopened for a revision after acceptance is not "Chưa nộp": the pages say it
is being revised after acceptance, and its accepted copy still counts as the report sent
(compliance page, a regime's period page, the agency's own list, the consolidated
document's reading)."""

import re

from django.urls import reverse
from django.utils import timezone

from lotrinh.documents.assemble import read_reports
from lotrinh.reporting import compliance, rules, services
from tests.conftest import AGENCY_A, client_for
from tests.portal.conftest import cycle  # noqa: F401

REVISING = "đang điều chỉnh sau khi tiếp nhận"


def _text(page: bytes) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.decode()))


def _revised(cycle):  # noqa: F811
    report = cycle.accepted(AGENCY_A, 2023, "a")
    return services.revise_accepted_report(report, cycle.reporters[AGENCY_A], "Sửa số liệu")


def test_the_compliance_picture_counts_the_accepted_copy(cycle) -> None:  # noqa: F811
    report = _revised(cycle)
    pic = compliance.picture(cycle.programme, today=timezone.localdate(), years=[2023])
    row = next(r for r in pic.rows if r.agency.pk == report.agency_id)
    cell = row.cells[2023]
    assert cell.state == rules.LATE  # first sent now, after the 2023 deadline
    assert not cell.remindable and row.missing == 0
    assert pic.rates[2023].submitted >= 1
    assert compliance.cell_label(cell.state, cell.report) == f"Muộn ({REVISING})"


def test_mosts_pages_say_it_is_being_revised(cycle) -> None:  # noqa: F811
    report = _revised(cycle)
    name = report.agency.name_vi
    page = client_for(cycle.most).get(reverse("reporting:compliance"), {"year": 2023})
    row = _text(page.content).split(f"{name} ")[1][:120]
    assert REVISING in row and "Chưa nộp" not in row
    page = client_for(cycle.most).get(
        reverse("reporting:regime_compliance", args=[report.period.regime_id]), {"ky": "2023"}
    )
    row = _text(page.content).split(f"{name} ")[1][:80]
    assert REVISING in row and "Chưa nộp" not in row


def test_the_agencys_own_list_says_it_is_being_revised_not_overdue(cycle) -> None:  # noqa: F811
    _revised(cycle)
    page = client_for(cycle.reporters[AGENCY_A]).get(reverse("reporting:my_reports"))
    own = page.content.decode().split("<tbody>")[1].split("</tbody>")[0]
    year_row = next(r for r in own.split("<tr>") if "2023" in r)
    assert "Đang điều chỉnh sau khi tiếp nhận" in year_row
    assert "Đang soạn" not in year_row and "Quá hạn" not in year_row


def test_the_consolidated_document_quotes_the_accepted_copy(cycle) -> None:  # noqa: F811
    report = _revised(cycle)
    reading = read_reports(cycle.periods[2023], timezone.localdate())
    copy, state = reading.quoted[report.agency_id]
    assert (copy.status, state) == ("accepted", "accepted")
    assert reading.unaccepted() == []
    assert reading.states[report.agency_id].describe().endswith("đang điều chỉnh")


def test_the_daily_reminders_do_not_chase_a_report_being_revised(cycle) -> None:  # noqa: F811
    import datetime

    from lotrinh.reporting import reminders

    regime = cycle.periods[2023].regime
    period = next(p for p in services.generate_periods(regime, 2026) if p.year == 2026)
    cycle.periods[2026] = period
    report = cycle.accepted(AGENCY_A, 2026, "a")
    overdue_day = period.due_date + datetime.timedelta(days=7)

    def chased() -> bool:
        return any(
            r.agency.pk == report.agency_id and r.period.pk == period.pk
            for r in reminders.plan_reminders(overdue_day)
        )

    assert not chased()
    services.revise_accepted_report(report, cycle.reporters[AGENCY_A], "Sửa số liệu")
    assert not chased()


def test_the_confirmation_page_says_it_is_being_revised_not_draft(cycle) -> None:  # noqa: F811
    report = _revised(cycle)
    page = client_for(cycle.reporters[AGENCY_A]).get(
        reverse("reporting:confirm", args=[report.pk, "submit"])
    )
    lede = _text(page.content).split("Trạng thái:")[1][:60]
    assert "Đang điều chỉnh sau khi tiếp nhận" in lede and "Đang soạn" not in lede
