"""Reminders and escalation: what the worker runs each day, and MOST's manual reminder."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django_tasks import task

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.links import absolute_url
from lotrinh.reporting import rules
from lotrinh.reporting.models import (
    AgencyReport,
    JobRun,
    Notification,
    ReminderKind,
    ReminderSent,
    ReportingPeriod,
)
from lotrinh.reporting.services import cycle_regimes, expected_reporters, generate_periods

SUBMITTED_STATES = ("submitted", "accepted")
MESSAGES: dict[str, str] = {
    ReminderKind.BEFORE: "Còn {days} ngày đến hạn gửi báo cáo {period} ({due:%d/%m/%Y}) về Bộ Khoa học và Công nghệ.",
    ReminderKind.DUE_TODAY: "Hôm nay ({due:%d/%m/%Y}) là hạn gửi báo cáo {period} về Bộ Khoa học và Công nghệ.",
    ReminderKind.OVERDUE: "Báo cáo {period} đã quá hạn {days} ngày (hạn {due:%d/%m/%Y}). Đề nghị khẩn trương gửi Bộ Khoa học và Công nghệ.",
    ReminderKind.MANUAL: "Bộ Khoa học và Công nghệ đề nghị quý cơ quan hoàn thành và gửi báo cáo {period} (hạn {due:%d/%m/%Y}).",
}


@dataclass(frozen=True)
class PlannedReminder:
    agency: Agency
    period: ReportingPeriod
    kind: str
    days: int
    recipients: list[User]
    escalated: bool


def plan_reminders(day: datetime.date) -> list[PlannedReminder]:
    """Every reminder due on `day` (the rules of `rules.reminders_due`), not yet sent."""
    offsets = tuple(settings.LOTRINH_REMINDER_OFFSETS)
    planned = []
    for regime in cycle_regimes():
        for period in generate_periods(regime, day.year):
            # Only periods whose deadline is near or passed and still open this year.
            if (period.due_date - day).days > max(offsets) or (day - period.due_date).days > 366:
                continue
            agencies = list(expected_reporters(regime, period))
            submitted = set(
                AgencyReport.objects.filter(period=period, status__in=SUBMITTED_STATES).values_list(
                    "agency_id", flat=True
                )
            )
            already = set(
                ReminderSent.objects.filter(period=period, sent_on=day)
                .exclude(kind=ReminderKind.MANUAL)
                .values_list("agency_id", "kind")
            )
            users: dict[int, list[User]] = {}
            for user in User.objects.filter(
                agency__in=agencies, is_active=True, role__in=(Role.REPORTER, Role.APPROVER)
            ):
                users.setdefault(user.agency_id, []).append(user)  # type: ignore[arg-type]
            for agency in agencies:
                for due in rules.reminders_due(
                    period.due_date, day, submitted=agency.pk in submitted, offsets=offsets
                ):
                    if (agency.pk, due.kind) in already:
                        continue
                    people = [
                        u
                        for u in users.get(agency.pk, [])
                        if u.role == Role.REPORTER or due.copy_approver
                    ]
                    planned.append(
                        PlannedReminder(
                            agency, period, due.kind, due.days, people, due.copy_approver
                        )
                    )
    return planned


def deliver(
    reminder: PlannedReminder, day: datetime.date, sent_by: User | None = None
) -> ReminderSent | None:
    """Send one reminder (in-app and e-mail) and record it; None if it was already sent."""
    period = reminder.period
    message = MESSAGES[reminder.kind].format(
        days=abs(reminder.days),
        period=f"{period.regime.programme.code} {period.label}",
        due=period.due_date,
    )
    try:
        with transaction.atomic():
            record = ReminderSent.objects.create(
                agency=reminder.agency,
                period=period,
                kind=reminder.kind,
                days=reminder.days,
                sent_on=day,
                recipients=", ".join(u.email or u.username for u in reminder.recipients)
                or "(chưa có tài khoản)",
                escalated=reminder.escalated,
                sent_by=sent_by,
            )
            link = reverse("reporting:my_reports")
            Notification.objects.bulk_create(
                Notification(user=u, message=message, link=link) for u in reminder.recipients
            )
    except IntegrityError:
        return None
    emails = [u.email for u in reminder.recipients if u.email]
    if emails:
        body = f"{message}\n\n{absolute_url(link)}"  # an e-mail's link leads to the site
        send_mail("[Lộ trình] Nhắc báo cáo", body, None, emails, fail_silently=True)
    return record


def run_reminders(day: datetime.date, dry_run: bool = False) -> list[PlannedReminder]:
    planned = plan_reminders(day)
    if not dry_run:
        for reminder in planned:
            deliver(reminder, day)
    return planned


def send_manual_reminder(
    agency: Agency, period: ReportingPeriod, user: User, day: datetime.date
) -> ReminderSent | None:
    people = list(
        User.objects.filter(agency=agency, is_active=True, role__in=(Role.REPORTER, Role.APPROVER))
    )
    days = (period.due_date - day).days
    return deliver(
        PlannedReminder(agency, period, ReminderKind.MANUAL, days, people, True), day, sent_by=user
    )


@task()
def send_due_reminders(date_iso: str) -> int:
    """The daily job (run by `lotrinh worker`): idempotent for a date."""
    from lotrinh.reporting.services import open_reporting_cycle

    day = datetime.date.fromisoformat(date_iso)
    opened = open_reporting_cycle(day)  # periods and expected reports exist before reminding
    sent = run_reminders(day)
    JobRun.objects.update_or_create(
        name="send_due_reminders",
        run_for=day,
        defaults={"summary": f"{len(sent)} lời nhắc, {opened} báo cáo mới mở"},
    )
    return len(sent)
