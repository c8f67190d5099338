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
