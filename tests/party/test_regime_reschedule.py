"""Changing a regime's schedule after its periods exist (issue 14, item 6): periods with a
report sent or written, or past their deadline, are kept as they are; periods not yet due
without any report are replaced by the new schedule's; the preview says exactly which;
a change that would alter a kept period is refused with its reason; of two monitors
saving different schedules at once, the second is told and nothing of hers is saved."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import events_for
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, Notification, ReportingRegime
from lotrinh.reporting.schedules import ScheduleConflict, set_regime_schedule
from tests.conftest import make_user
from tests.party.test_regime_pages import (
    _client,
    _compliance_url,
    _schedule_url,
)

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2025, 3, 10, 9, 0)
JULY = datetime.datetime(2025, 7, 10, 9, 0)
QUARTERLY = {"frequency": "quarterly", "deadline_day": "20", "first_year": "2025"}


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    """Overrides the July fixture of the pages' tests: in March 2025 nothing is due yet."""
    with time_machine.travel(MARCH, tick=False):
        yield


def _halves(regime: ReportingRegime, first_year: int = 2025) -> None:
    monitor = User.objects.get(username="bcscl_monitor")
    set_regime_schedule(
        monitor, regime, frequency="semiannual", deadline_day=20, first_year=first_year
    )
    services.open_reporting_cycle(datetime.date.today())


def _keys(regime: ReportingRegime) -> list[tuple[int, int]]:
    return sorted(regime.periods.values_list("year", "part"))


def test_periods_not_yet_due_without_reports_are_replaced(
    regime: ReportingRegime,
    people: dict[str, User],
    django_capture_on_commit_callbacks: Any,
) -> None:
    _halves(regime)
    draft = AgencyReport.objects.get(period__regime=regime, agency__name_vi="Thành ủy Hà Nội")
    client = _client(people["monitor"])
    page = client.get(_schedule_url(regime))
    assert page.context["form"]["frequency"].value() == "semiannual"  # the current one
    version = page.context["form"]["version"].value()
    preview = client.get(_schedule_url(regime), {**QUARTERLY, "xem-truoc": "1"})
    change = preview.context["change"]
    assert [p.label for p in change.removed] == ["6 tháng đầu năm 2025", "6 tháng cuối năm 2025"]
    assert [p.label for p in change.added][:2] == ["Quý I năm 2025", "Quý II năm 2025"]
    assert len(change.added) == 4 and not change.kept and not change.refusals
    assert _keys(regime) == [(2025, 1), (2025, 2)]  # a preview saves nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_schedule_url(regime), {**QUARTERLY, "version": version})
    assert response.status_code == 302
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "quarterly"
    assert [p.label for p in regime.periods.order_by("part")] == [
        "Quý I năm 2025",
        "Quý II năm 2025",
        "Quý III năm 2025",
        "Quý IV năm 2025",
    ]
    assert not AgencyReport.objects.filter(pk=draft.pk).exists()  # an empty draft
    assert [e.action for e in events_for(regime)] == ["regime.rescheduled", "regime.scheduled"]
    # The committees' people are told after the change is saved.
    [notice] = Notification.objects.filter(user=people["reporter"])
    # Periods inside the sentence are written as a sentence names them ("quý I năm 2025").
    assert "quý I năm 2025" in notice.message and "6 tháng đầu năm 2025" in notice.message
    assert notice.message == (
        "Lịch báo cáo 52-NQ/TW (Báo cáo định kỳ của cấp uỷ lên cấp uỷ cấp trên) đã thay đổi:"
        " các kỳ mới quý I năm 2025, quý II năm 2025, quý III năm 2025, quý IV năm 2025;"
        " bỏ 6 tháng đầu năm 2025, 6 tháng cuối năm 2025."
    )
    assert notice.message_en == (
        "The reporting schedule of 52-NQ/TW (Periodic report of a party committee to the"
        " committee above) has changed: new periods: quarter I of 2025, quarter II of 2025,"
        " quarter III of 2025, quarter IV of 2025; periods dropped: the first half of 2025,"
        " the second half of 2025."
    )
    assert not Notification.objects.filter(user=people["monitor"]).exists()  # who did it


def test_a_change_altering_a_period_with_a_sent_report_is_refused(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _halves(regime)
    report = AgencyReport.objects.get(
        period__regime=regime, period__part=1, agency__name_vi="Thành ủy Hà Nội"
    )
    leader = make_user("tu_hn_leader", report.agency.code, Role.APPROVER)
    services.approve_report(report, leader)
    services.submit_report(report, people["reporter"])
    client = _client(people["monitor"])
    preview = client.get(_schedule_url(regime), {**QUARTERLY, "xem-truoc": "1"})
    change = preview.context["change"]
    assert [p.label for p in change.kept] == ["6 tháng đầu năm 2025"]
    assert [p.label for p in change.removed] == ["6 tháng cuối năm 2025"]
    assert "Kỳ 6 tháng đầu năm 2025 đã có báo cáo được gửi" in change.refusals[0]
    assert 'id="preview-refusals"' in preview.content.decode()
    response = client.post(_schedule_url(regime), QUARTERLY)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Không thể đổi lịch báo cáo:" in text
    assert "lịch mới sẽ đổi kỳ này thành quý I năm 2025 (hạn 20/03/2025)" in text
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "semiannual" and _keys(regime) == [(2025, 1), (2025, 2)]
    assert AgencyReport.objects.filter(period__regime=regime).count() > 60
    # A schedule from the next year keeps this year's periods as they are.
    later = client.post(_schedule_url(regime), {**QUARTERLY, "first_year": "2026"})
    assert later.status_code == 302
    assert _keys(regime) == [(2025, 1)]  # the first half, sent; the second half dropped


def test_a_draft_someone_wrote_in_keeps_its_period(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _halves(regime)
    second = regime.periods.get(part=2)
    report = services.ensure_report(Agency.objects.get(name_vi="Thành ủy Hà Nội"), second)
    entry = report.entries.first()
    assert entry is not None
    services.save_entry(
        entry,
        people["reporter"],
        {"status": "in_progress", "result": "Đang làm"},
        expected_version=entry.version,
    )
    response = _client(people["monitor"]).post(_schedule_url(regime), QUARTERLY)
    assert response.status_code == 400
    assert (
        "Kỳ 6 tháng cuối năm 2025 đã có báo cáo được gửi hoặc đang soạn"
        in response.content.decode()
    )
    assert AgencyReport.objects.filter(pk=report.pk).exists()


def test_past_periods_are_kept_and_still_followed(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    with time_machine.travel(JULY, tick=False):
        _halves(regime, first_year=2024)
        client = _client(people["monitor"])
        response = client.post(_schedule_url(regime), {**QUARTERLY, "first_year": "2026"})
        assert response.status_code == 302
        # Past their deadline: kept (2024 and the first half of 2025); the open second
        # half of 2025 had no report: removed.
        assert _keys(regime) == [(2024, 1), (2024, 2), (2025, 1)]
        page = client.get(_compliance_url(regime), {"ky": "2024-2"})
        assert page.context["period"].label == "6 tháng cuối năm 2024"
        assert [key for key, _p, _m in page.context["choices"]] == ["2025-1", "2024-2", "2024-1"]


def test_two_monitors_saving_different_schedules_one_wins_the_other_is_told(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _halves(regime)
    colleague = make_user(
        "bcscl_monitor_2", "ban-chinh-sach-chien-luoc-trung-uong", Role.AGENCY_MONITOR
    )
    first, second = _client(people["monitor"]), _client(colleague)
    version = first.get(_schedule_url(regime)).context["form"]["version"].value()
    assert second.get(_schedule_url(regime)).context["form"]["version"].value() == version
    assert first.post(_schedule_url(regime), {**QUARTERLY, "version": version}).status_code == 302
    annual = {
        "frequency": "annual",
        "deadline_day": "15",
        "deadline_month": "12",
        "first_year": "2025",
        "version": version,
    }
    late = second.post(_schedule_url(regime), annual)
    assert late.status_code == 409
    text = late.content.decode()
    assert "Lịch báo cáo vừa được người khác thay đổi" in text and "chưa lưu gì" in text
    # Her values stay in the form, now against the schedule saved.
    assert late.context["form"]["frequency"].value() == "annual"
    assert str(late.context["form"]["version"].value()) == str(int(version) + 1)
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "quarterly"
    # The service says the same whatever the path (a second call with the old version).
    with pytest.raises(ScheduleConflict):
        set_regime_schedule(
            colleague,
            regime,
            frequency="monthly",
            deadline_day=20,
            first_year=2025,
            version=int(version),
        )
    # The same schedule again by the winner is a harmless double click.
    assert first.post(_schedule_url(regime), {**QUARTERLY, "version": version}).status_code == 302
    assert events_for(regime).count() == 2


def test_nobody_else_changes_a_schedule(regime: ReportingRegime, people: dict[str, User]) -> None:
    _halves(regime)
    for persona in ("most", "reporter", "other"):
        response = _client(people[persona]).post(_schedule_url(regime), QUARTERLY)
        assert response.status_code == 403
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "semiannual"
    assert Agency.objects.filter(code="ban-kinh-te-trung-uong").exists()


def test_a_period_whose_reporters_were_reminded_keeps_its_reminders(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    """A reminder told the reporters of the period and its deadline: the period is kept
    (removing it would delete the record of the reminder)."""
    from lotrinh.reporting.models import ReminderSent
    from lotrinh.reporting.reminders import remind_period_reporter

    _halves(regime)
    first = regime.periods.get(part=1)  # the open period
    hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    outcome = remind_period_reporter(regime, first, hanoi, people["monitor"], datetime.date.today())
    assert outcome.status == "sent", outcome
    assert ReminderSent.objects.filter(period=first).exists()
    response = _client(people["monitor"]).post(_schedule_url(regime), QUARTERLY)
    assert response.status_code == 400
    assert (
        "Kỳ 6 tháng đầu năm 2025 đã có nhắc nhở gửi tới cấp ủy, tổ chức đảng báo cáo"
        in response.content.decode()
    )
    assert ReminderSent.objects.filter(period=first).exists()
    assert _keys(regime) == [(2025, 1), (2025, 2)]


def test_reminders_sent_survive_a_change_are_shown_and_not_sent_again(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    """The daily job reminded the committees of the first half (14 days before 20 June);
    the monitor then moves to quarterly reports from 2026. The reminded half is kept
    with its reminders (the second half, neither due nor reminded, is dropped); the
    period page still says who was reminded when; the job run again sends nothing."""
    from django.db.models import ProtectedError

    from lotrinh.reporting.models import ReminderSent, ReportingPeriod
    from lotrinh.reporting.reminders import plan_reminders, run_reminders

    day = datetime.date(2025, 6, 6)
    with time_machine.travel(datetime.datetime(2025, 6, 6, 9, 0), tick=False):
        _halves(regime)
        first = regime.periods.get(part=1)
        sent = run_reminders(day)
        assert {(r.period.pk, r.kind, r.days) for r in sent} == {(first.pk, "before", 14)}
        records = set(ReminderSent.objects.filter(period=first).values_list("pk", flat=True))
        hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
        assert ReminderSent.objects.filter(pk__in=records, agency=hanoi).exists()
        client = _client(people["monitor"])
        version = client.get(_schedule_url(regime)).context["form"]["version"].value()
        response = client.post(
            _schedule_url(regime),
            {
                "frequency": "quarterly",
                "deadline_day": "20",
                "first_year": "2026",
                "version": version,
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        regime.refresh_from_db()
        assert regime.scheduled_frequency == "quarterly"
        assert _keys(regime) == [(2025, 1)]  # the reminded half; the second is gone
        assert set(ReminderSent.objects.filter(period=first).values_list("pk", flat=True)) == (
            records
        )
        # Where the monitor looks: the period's page, each reminded committee's row.
        page = client.get(_compliance_url(regime), {"ky": "2025-1"}).content.decode()
        assert "đã nhắc ngày 06/06/2025" in page
        # The job again the same day: nothing twice, nothing for the dropped half.
        assert plan_reminders(day) == []
        assert run_reminders(day) == []
        assert set(ReminderSent.objects.values_list("pk", flat=True)) == records
    # Nothing deletes a reminded period with its reminders (before: they went with it),
    # even once its reports are gone (they protect it on their own).
    AgencyReport.objects.filter(period=first).delete()
    with pytest.raises(ProtectedError):
        ReportingPeriod.objects.filter(pk=first.pk).delete()
    assert ReminderSent.objects.filter(period=first).count() == len(records)
