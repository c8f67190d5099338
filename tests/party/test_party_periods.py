"""Sub-year periods and the schedule of a regime whose document states no period
(issue 14, item 6): 52-NQ/TW's Party committees report "định kỳ"; the receiving body sets
a six-monthly schedule; periods, reports, reminders and compliance follow."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import events_for
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import rules
from lotrinh.reporting.compliance import period_picture
from lotrinh.reporting.models import AgencyReport, Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.reminders import message_of, plan_reminders
from lotrinh.reporting.schedules import check_schedule, set_regime_schedule
from lotrinh.reporting.services import (
    WorkflowError,
    approve_report,
    open_reporting_cycle,
    period_specs,
    periods_of,
    start_report,
    submit_report,
)
from tests.conftest import make_user

COMMISSION = "ban-kinh-te-trung-uong"
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"


def _regime() -> ReportingRegime:
    return ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )


def _admin() -> User:
    existing = User.objects.filter(username="admin_party").first()
    return existing or make_user("admin_party", COMMISSION, Role.ADMIN)


def _schedule(regime: ReportingRegime, **kwargs: object) -> list[ReportingPeriod]:
    options: dict[str, object] = {
        "frequency": Frequency.SEMIANNUAL,
        "deadline_day": 20,
        "first_year": 2024,
        "recipient": Agency.objects.get(code=COMMISSION),
        "today": datetime.date(2025, 7, 10),
    }
    options.update(kwargs)
    return set_regime_schedule(_admin(), regime, **options)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the rule


def test_six_monthly_periods_follow_decree_09() -> None:
    specs = rules.sub_year_periods(
        "semiannual", 2025, 2025, label=lambda y, p: f"{y}-{p}", deadline_day=20
    )
    assert [(s.part, s.start, s.end, s.due_date) for s in specs] == [
        (1, datetime.date(2024, 12, 15), datetime.date(2025, 6, 14), datetime.date(2025, 6, 20)),
        (2, datetime.date(2025, 6, 15), datetime.date(2025, 12, 14), datetime.date(2025, 12, 20)),
    ]
    # "By the 5th" after a window closing on the 14th is the 5th of the next month.
    quarter = rules.sub_year_periods(
        "quarterly", 2025, 2025, label=lambda y, p: "", deadline_day=5
    )[3]
    assert quarter.due_date == datetime.date(2026, 1, 5)


@given(
    frequency=st.sampled_from(["semiannual", "quarterly", "monthly"]),
    first=st.integers(2019, 2030),
    span=st.integers(0, 3),
    day=st.integers(1, 31),
    before=st.booleans(),
)
def test_sub_year_periods_tile_the_years_without_gaps(
    frequency: str, first: int, span: int, day: int, before: bool
) -> None:
    specs = rules.sub_year_periods(
        frequency, first, first + span, label=lambda y, p: "", deadline_day=day, before=before
    )
    per_year = {"semiannual": 2, "quarterly": 4, "monthly": 12}[frequency]
    assert len(specs) == per_year * (span + 1)
    assert len({s.key for s in specs}) == len(specs)
    for previous, following in zip(specs, specs[1:], strict=False):
        assert following.start == previous.end + datetime.timedelta(days=1)
    for spec in specs:
        assert 1 <= spec.part <= per_year
        assert spec.due_date >= spec.end - datetime.timedelta(days=1)
        assert (spec.due_date - spec.end).days <= 32


def test_a_schedule_is_checked() -> None:
    assert check_schedule("periodic", deadline_day=1, deadline_month=None, first_year=None)
    assert "deadline_month" in check_schedule(
        "annual", deadline_day=20, deadline_month=None, first_year=None
    )
    assert "deadline_day" in check_schedule(
        "annual", deadline_day=31, deadline_month=2, first_year=None
    )
    assert not check_schedule("semiannual", deadline_day=20, deadline_month=None, first_year=2024)


# ---------------------------------------------------------------- the schedule


def test_a_regime_whose_document_states_no_period_has_no_periods(seeded_db: None) -> None:
    regime = _regime()
    assert regime.frequency == Frequency.PERIODIC and regime.states_no_period
    assert period_specs(regime, 2026) == [] and periods_of(regime, 2026) == []
    assert open_reporting_cycle(datetime.date(2025, 7, 10)) >= 0
    assert not regime.periods.exists()


def test_the_administrator_sets_a_six_monthly_schedule_recorded_in_the_audit(
    seeded_db: None,
) -> None:
    regime = _regime()
    periods = _schedule(regime)
    assert [(p.year, p.part) for p in periods] == [(2024, 1), (2024, 2), (2025, 1), (2025, 2)]
    assert [p.label for p in periods[2:]] == ["6 tháng đầu năm 2025", "6 tháng cuối năm 2025"]
    assert periods[2].title == "6 tháng đầu năm 2025"
    regime.refresh_from_db()
    assert regime.frequency == Frequency.PERIODIC  # what the document says is kept
    assert regime.period_frequency == Frequency.SEMIANNUAL and not regime.states_no_period
    assert regime.recipient is not None and regime.recipient.code == COMMISSION
    event = events_for(regime).get(action="regime.scheduled")
    assert event.after["scheduled_frequency"] == "semiannual"
    assert event.actor is not None and event.actor.username == "admin_party"
    with pytest.raises(WorkflowError):
        _schedule(regime, frequency=Frequency.QUARTERLY)  # periods exist: not changed


def test_only_the_receiving_bodys_monitor_or_an_administrator_sets_a_schedule(
    seeded_db: None,
) -> None:
    regime = _regime()
    regime.recipient = Agency.objects.get(code=COMMISSION)
    regime.save()
    day = datetime.date(2025, 7, 10)
    officer = make_user("tu_hn", "thanh-uy-ha-noi", Role.REPORTER)
    most = make_user("most_party", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR)
    old_monitor = make_user("bkt_monitor", COMMISSION, Role.AGENCY_MONITOR)
    for user in (officer, most, old_monitor):
        with pytest.raises(WorkflowError):
            set_regime_schedule(
                user, regime, frequency=Frequency.SEMIANNUAL, deadline_day=20, today=day
            )
    # The Commission was renamed on 24 January 2025: its successor's monitor decides.
    monitor = make_user("bcscl_monitor", SUCCESSOR, Role.AGENCY_MONITOR)
    periods = set_regime_schedule(
        monitor, regime, frequency=Frequency.SEMIANNUAL, deadline_day=20, first_year=2025, today=day
    )
    assert len(periods) == 2
    # A monitor may not name a receiving body the document does not name.
    other = ReportingRegime.objects.get(programme=regime.programme, code="supervision")
    assert other.recipient is not None  # named by the document: Bộ Chính trị


def test_only_an_administrator_names_a_missing_recipient(seeded_db: None) -> None:
    regime = _regime()
    monitor = make_user("bcscl_monitor2", SUCCESSOR, Role.AGENCY_MONITOR)
    with pytest.raises(WorkflowError):
        set_regime_schedule(
            monitor,
            regime,
            frequency=Frequency.SEMIANNUAL,
            deadline_day=20,
            recipient=Agency.objects.get(code=SUCCESSOR),
            today=datetime.date(2025, 7, 10),
        )
    regime.refresh_from_db()
    assert regime.recipient is None and not regime.periods.exists()


def test_a_regime_the_document_gives_a_period_is_not_rescheduled(seeded_db: None) -> None:
    annual = ReportingRegime.objects.filter(
        programme=current_programme("50/NQ-CP"), frequency=Frequency.ANNUAL
    ).first()
    assert annual is not None
    with pytest.raises(WorkflowError):
        set_regime_schedule(_admin(), annual, frequency=Frequency.SEMIANNUAL, deadline_day=20)


# ---------------------------------------------------------------- end to end


def test_six_monthly_reports_reminders_and_compliance_across_the_merger(seeded_db: None) -> None:
    _schedule(_regime())
    regime = _regime()
    created = open_reporting_cycle(datetime.date(2025, 7, 10))
    first_half = ReportingPeriod.objects.get(regime=regime, year=2025, part=1)
    second_half = ReportingPeriod.objects.get(regime=regime, year=2025, part=2)
    # Due 20 June 2025, before the provincial Party committees merged (1 July): 63 of
    # them, the Party committees under the Centre (no ministries' boards any longer).
    first_reporters = set(first_half.reports.values_list("agency__name_vi", flat=True))
    second_reporters = set(second_half.reports.values_list("agency__name_vi", flat=True))
    assert "Tỉnh ủy Bắc Giang" in first_reporters and "Tỉnh ủy Bắc Giang" not in second_reporters
    assert len([n for n in first_reporters if n.startswith(("Tỉnh ủy", "Thành ủy"))]) == 63
    assert len([n for n in second_reporters if n.startswith(("Tỉnh ủy", "Thành ủy"))]) == 34
    assert created >= len(first_reporters) + len(second_reporters)
    assert open_reporting_cycle(datetime.date(2025, 7, 10)) == 0  # idempotent

    # Bắc Ninh's Party committee writes, approves and sends its first-half report late.
    agency = Agency.objects.get(name_vi="Tỉnh ủy Bắc Ninh")
    reporter = make_user("tu_bn_reporter", agency.code, Role.REPORTER)
    leader = make_user("tu_bn_leader", agency.code, Role.APPROVER)
    report = AgencyReport.objects.get(agency=agency, period=first_half)
    assert report.entries.exists()  # the tasks 52-NQ/TW gives to Party committees
    # Opened by the cycle already: start_report finds it and says it did not start it.
    assert start_report(reporter, regime, 2025, part=1) == (report, False)
    approve_report(report, leader)
    submit_report(report, reporter)

    # Reminders: seven days before the second half's deadline, to the Party committees'
    # reporters, naming the Commission's successor that receives it.
    day = second_half.due_date - datetime.timedelta(days=7)
    planned = [r for r in plan_reminders(day) if r.period == second_half]
    assert any(r.agency == agency and reporter in r.recipients for r in planned)
    text = message_of(planned[0].kind, second_half, planned[0].days)
    assert "6 tháng cuối năm 2025" in text
    assert "Ban Chính sách, chiến lược Trung ương" in text

    # Compliance of the first half, on 10 July: Bắc Ninh's sent late, the others missing.
    rows, rates = period_picture(regime, first_half, today=datetime.date(2025, 7, 10))
    states = {row.agency.name_vi: row.state for row in rows}
    assert states["Tỉnh ủy Bắc Ninh"] in (rules.ON_TIME, rules.LATE)
    assert states["Tỉnh ủy Bắc Giang"] == rules.MISSING
    assert rates.submitted == 1 and rates.expected == len(rows)
    # Before its deadline the second half is not due for anyone.
    rows, _rates = period_picture(regime, second_half, today=datetime.date(2025, 7, 10))
    assert {row.state for row in rows} == {rules.NOT_DUE}


def test_the_programme_page_says_who_set_the_period(seeded_db: None, client: object) -> None:
    from django.test import Client
    from django.urls import reverse

    assert isinstance(client, Client)
    url = reverse("programmes:overview", args=[current_programme("52-NQ/TW").slug])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Định kỳ (văn bản không nêu kỳ)" in page
    _schedule(_regime())
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Văn bản không nêu kỳ; cơ quan nhận báo cáo quy định: 6 tháng" in page
    assert "hạn ngày 20" in page
