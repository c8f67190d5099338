"""The demo's reporting cycle records nothing after the moment it is generated: a report
"to be sent late" after a deadline that has just passed is still a draft, not a report
sent, returned or accepted on a day still to come (seen on 3 December 2026: Bộ Y tế's
2026 report "returned on 05/12/2026")."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from lotrinh.core.models import AuditEvent
from lotrinh.reporting.demo import generate_demo_cycle
from lotrinh.reporting.models import (
    AgencyReport,
    Notification,
    ReminderSent,
    ReportSnapshot,
    ReportStatus,
)

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("today", [datetime.date(2026, 12, 3), datetime.date(2025, 12, 10)])
def test_nothing_is_dated_after_the_day_the_demo_is_made(seeded_db: None, today) -> None:
    now = datetime.datetime.combine(today, datetime.time(10), tzinfo=HANOI)
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    with time_machine.travel(now, tick=False):
        generate_demo_cycle(seed=2020, today=today)
    reports = AgencyReport.objects.filter(is_demo=True)
    assert reports.exists()
    for field in ("first_submitted_at", "submitted_at", "accepted_at"):
        assert not reports.filter(**{f"{field}__gt": now}).exists(), field
    assert not ReportSnapshot.objects.filter(created_at__gt=now).exists()
    assert not Notification.objects.filter(created_at__gt=now).exists()
    assert not AuditEvent.objects.filter(pk__gt=before, occurred_at__gt=now).exists()
    assert not ReminderSent.objects.filter(sent_on__gt=today).exists()
    # The period just due still shows reports sent on time and drafts not yet sent.
    latest = reports.filter(period__due_date__lte=today).order_by("-period__due_date")
    last_due = latest.first().period
    states = set(latest.filter(period=last_due).values_list("status", flat=True))
    assert ReportStatus.DRAFT in states and len(states) > 1, states


def test_a_demo_report_is_written_before_it_is_sent(seeded_db: None) -> None:
    """Seen on 6 December 2026 as the oversight reader: Tỉnh Cao Bằng's 2026 report,
    accepted on 05/12/2026 09:00, listed its entries as changed on 06/12/2026 21:16, the
    moment the demo was made, as if the province had edited a report already accepted."""
    from django.contrib.contenttypes.models import ContentType

    today = datetime.date(2026, 12, 6)
    now = datetime.datetime.combine(today, datetime.time(21, 16), tzinfo=HANOI)
    with time_machine.travel(now, tick=False):
        generate_demo_cycle(seed=2020, today=today)
    sent = AgencyReport.objects.filter(is_demo=True, first_submitted_at__isnull=False)
    assert sent.exists()
    kind = ContentType.objects.get_for_model(AgencyReport)
    for report in sent:
        edits = AuditEvent.objects.filter(
            content_type=kind, object_id=str(report.pk), action="report.entry_saved"
        )
        assert edits.exists()
        assert not edits.filter(occurred_at__gt=report.first_submitted_at).exists(), report
    # The people of the story have names a reader can read, not login-like slugs.
    names = set(
        AuditEvent.objects.filter(content_type=kind, action="report.entry_saved")
        .values_list("actor__full_name", flat=True)
        .distinct()
    )
    assert names and not any(name.startswith("Bao-Cao") for name in names), names


def test_every_invented_plan_number_says_it_is_invented(seeded_db: None) -> None:
    """Seen on 6 December 2026: the demo's recorded plans read "395/KH-BTC", "138/KH-BCT",
    real-looking numbers, while 308/KH-UBND and KH-BYT said "(minh hoạ)". A database made
    before gets the mark too, and a second run changes nothing."""
    from lotrinh.agencies.models import Agency
    from lotrinh.programmes.models import Programme, ProgrammeOrigin
    from lotrinh.programmes.services import current_programme
    from lotrinh.reporting.demo import DEMO_CODE_MARK, DEMO_SOURCE
    from lotrinh.reporting.plans import create_recorded_plan

    national = current_programme("50/NQ-CP")
    # As the old demo made it, for an agency outside the sample (the sample's own are
    # made again below).
    old = create_recorded_plan(
        Agency.objects.get(code="tinh-bac-ninh"),
        national,
        number="512/KH-UBND",
        date=datetime.date(2020, 5, 9),
        source=DEMO_SOURCE,
    )
    today = datetime.date(2026, 12, 6)
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(9), tzinfo=HANOI)):
        generate_demo_cycle(seed=2020, today=today)
    recorded = Programme.objects.filter(origin=ProgrammeOrigin.RECORD, source=DEMO_SOURCE)
    assert recorded.count() > 5
    assert set(recorded.values_list("code", flat=True)) == {
        code for code in recorded.values_list("code", flat=True) if code.endswith(DEMO_CODE_MARK)
    }
    old.refresh_from_db()
    assert old.code == "512/KH-UBND (minh hoạ)" and old.slug == "512-kh-ubnd-minh-hoa"
    codes = sorted(recorded.values_list("code", "issue_date"))
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(10), tzinfo=HANOI)):
        generate_demo_cycle(seed=2020, today=today)
    assert sorted(recorded.values_list("code", "issue_date")) == codes
    assert not recorded.filter(code__contains="(minh hoạ) (minh hoạ)").exists()
