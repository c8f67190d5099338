"""Reminders and escalation: what the worker runs each day, and MOST's manual reminder."""

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency, Unit
from lotrinh.core.links import absolute_url
from lotrinh.programmes.models import Programme, ProgrammeStatus
from lotrinh.reporting import rules
from lotrinh.reporting.models import (
    AgencyReport,
    JobRun,
    ReminderKind,
    ReminderSent,
    ReportingPeriod,
    ReportingRegime,
    received_rule,
)
from lotrinh.reporting.notices import Notice, body_in, notice, post, report_of_period
from lotrinh.reporting.services import (
    expected_reporters,
    generate_periods,
    regimes_in_cycle,
    reporters_are_party,
)

# What a scheduled reminder records when the agency has nobody to receive it.
NO_RECIPIENTS = "(chưa có tài khoản)"
MOST_CODE = "bo-khoa-hoc-va-cong-nghe"


@dataclass(frozen=True)
class PlannedReminder:
    agency: Agency
    period: ReportingPeriod
    kind: str
    days: int
    recipients: list[User]
    escalated: bool
    unit: Unit | None = None  # a unit's report to its agency (None: an agency's to MOST)


def plan_reminders(day: datetime.date) -> list[PlannedReminder]:
    """Every reminder due on `day` (the rules of `rules.reminders_due`), not yet sent:
    agencies' reports to MOST, then units' reports to their agencies."""
    offsets = tuple(settings.LOTRINH_REMINDER_OFFSETS)
    planned = []
    for regime in regimes_in_cycle():
        for period in generate_periods(regime, day.year):
            # Only periods whose deadline is near or passed and still open this year.
            if (period.due_date - day).days > max(offsets) or (day - period.due_date).days > 366:
                continue
            agencies = list(expected_reporters(regime, period))
            submitted = set(
                AgencyReport.objects.filter(received_rule(), period=period).values_list(
                    "agency_id", flat=True
                )
            )
            already = set(
                ReminderSent.objects.filter(period=period, sent_on=day, unit__isnull=True)
                .exclude(kind=ReminderKind.MANUAL)
                .values_list("agency_id", "kind")
            )
            users: dict[int, list[User]] = {}
            # The agency's own staff: its units' people do not write its report to MOST.
            for user in User.objects.people().filter(
                agency__in=agencies, role__in=(Role.REPORTER, Role.APPROVER), unit__isnull=True
            ):
                users.setdefault(user.agency_id, []).append(user)  # type: ignore[arg-type]
            planned += _due(
                [(agency, None) for agency in agencies],
                period,
                day,
                offsets,
                submitted,
                already,
                users,
            )
    return planned + plan_unit_reminders(day, offsets)


def _due(
    holders: list[tuple[Agency, Unit | None]],
    period: ReportingPeriod,
    day: datetime.date,
    offsets: tuple[int, ...],
    submitted: set[int],
    already: set[tuple[int, str]],
    people: dict[int, list[User]],
) -> list[PlannedReminder]:
    """The reminders due on `day` to each holder of a report (an agency, or a unit of
    it), keyed by the unit's id when there is one, else the agency's: to its reporters,
    and its leaders too when `rules.reminders_due` copies them."""
    planned = []
    for agency, unit in holders:
        key = unit.pk if unit is not None else agency.pk
        for due in rules.reminders_due(
            period.due_date, day, submitted=key in submitted, offsets=offsets
        ):
            if (key, due.kind) in already:
                continue
            recipients = [
                u for u in people.get(key, []) if u.role == Role.REPORTER or due.copy_approver
            ]
            planned.append(
                PlannedReminder(
                    agency, period, due.kind, due.days, recipients, due.copy_approver, unit=unit
                )
            )
    return planned


def plan_unit_reminders(day: datetime.date, offsets: tuple[int, ...]) -> list[PlannedReminder]:
    """The same rules for units' reports under their agencies' published plans (the
    plan's own regime, e.g. by 15 November): each unit leading a task of the plan and
    existing on the due date, to its reporters (and its leaders when overdue)."""
    from lotrinh.programmes.models import Role as TaskRole
    from lotrinh.reporting.rollup import UNIT_REGIME

    planned = []
    regimes = ReportingRegime.objects.filter(
        code=UNIT_REGIME, programme__status=ProgrammeStatus.PUBLISHED, recipient__isnull=False
    ).select_related("programme", "recipient")
    for regime in regimes:
        for period in generate_periods(regime, day.year):
            if (period.due_date - day).days > max(offsets) or (day - period.due_date).days > 366:
                continue
            units = [
                unit
                for unit in Unit.objects.filter(
                    assignments__task__programme=regime.programme,
                    assignments__role=TaskRole.LEAD,
                )
                .distinct()
                .select_related("agency")
                .order_by("name_sort", "pk")
                if unit.is_valid_on(period.due_date)
            ]
            submitted = set(
                AgencyReport.objects.filter(
                    received_rule(), period=period, unit__isnull=False
                ).values_list("unit_id", flat=True)
            )
            already = set(
                ReminderSent.objects.filter(period=period, sent_on=day, unit__isnull=False)
                .exclude(kind=ReminderKind.MANUAL)
                .values_list("unit_id", "kind")
            )
            people: dict[int, list[User]] = {}
            for user in (
                User.objects.people()
                .filter(unit__in=units, role__in=(Role.REPORTER, Role.APPROVER))
                .order_by("username")
            ):
                people.setdefault(user.unit_id, []).append(user)  # type: ignore[arg-type]
            planned += _due(
                [(unit.agency, unit) for unit in units],
                period,
                day,
                offsets,
                submitted,
                already,
                people,
            )
    return planned


def deliver(
    reminder: PlannedReminder, day: datetime.date, sent_by: User | None = None
) -> ReminderSent | None:
    """Send one reminder (in-app and e-mail) and record it; None if it was already sent."""
    period = reminder.period
    # A reminder by hand speaks for the body that sends it today; a scheduled one for the
    # body that receives the report on its due date.
    on = day if reminder.kind == ReminderKind.MANUAL else None
    message = notice_of(reminder.kind, period, reminder.days, reminder.unit, on=on)
    try:
        with transaction.atomic():
            if reminder.kind == ReminderKind.MANUAL:
                # Manual reminders: once a day per agency (or unit) and period, even if
                # MOST presses twice or two people send at once (the agency row is the
                # lock).
                Agency.objects.select_for_update().filter(pk=reminder.agency.pk).first()
                if ReminderSent.objects.filter(
                    agency=reminder.agency,
                    unit=reminder.unit,
                    period=period,
                    kind=ReminderKind.MANUAL,
                    sent_on=day,
                ).exists():
                    return None
            record = ReminderSent.objects.create(
                agency=reminder.agency,
                unit=reminder.unit,
                period=period,
                kind=reminder.kind,
                days=reminder.days,
                sent_on=day,
                recipients=", ".join(u.email or u.username for u in reminder.recipients)
                or NO_RECIPIENTS,
                escalated=reminder.escalated,
                sent_by=sent_by,
            )
            # The report of the period when it is open, else where it is started (a
            # unit's: the agency's plan, where its people open their unit's report).
            report_id = (
                AgencyReport.objects.filter(
                    agency=reminder.agency, unit=reminder.unit, period=period
                )
                .values_list("pk", flat=True)
                .first()
            )
            if report_id:
                link = reverse("reporting:report", args=[report_id])
            elif reminder.unit is not None:
                link = reverse("cascade:plan", args=[period.regime.programme_id])
            else:
                link = reverse("reporting:my_reports")
            post(reminder.recipients, message, link)
    except IntegrityError:
        return None
    emails = [u.email for u in reminder.recipients if u.email]
    if emails:
        body = f"{message.vi}\n\n{absolute_url(link)}"  # an e-mail's link leads to the site
        send_mail("[Lộ trình] Nhắc báo cáo", body, None, emails, fail_silently=True)
    return record


def message_of(
    kind: str,
    period: ReportingPeriod,
    days: int,
    unit: Unit | None = None,
    on: datetime.date | None = None,
) -> str:
    """The Vietnamese text of a reminder (the e-mail's, and the preview of one by hand)."""
    return notice_of(kind, period, days, unit, on).vi


def notice_of(
    kind: str,
    period: ReportingPeriod,
    days: int,
    unit: Unit | None = None,
    on: datetime.date | None = None,
) -> Notice:
    """What the agency (or the unit) receives, in both languages; the receiving body is
    the one holding the regime's recipient `on` that day (by default the period's due
    date)."""
    regime = period.regime
    values: dict[str, Any] = {"days": abs(days), "due": period.due_date.strftime("%d/%m/%Y")}

    def named(lang: str) -> dict[str, Any]:
        return values | {"period": report_of_period(regime.programme.code, period, lang)}

    if unit is not None:
        receiver = regime.recipient
        return notice(
            lambda lang: (
                _unit_text(kind, abs(days))
                % (
                    named(lang)
                    | {
                        "unit": body_in(unit, lang),
                        "recipient": body_in(receiver, lang) if receiver else regime.recipient_text,
                    }
                )
            )
        )
    if regime.recipient is not None:
        from lotrinh.agencies.services import holder_at

        # The body that receives it on the due date (the Commission's successor in 2025).
        recipient = holder_at(regime.recipient, on or period.due_date)
        if recipient.code != MOST_CODE:
            party = kind == ReminderKind.MANUAL and reporters_are_party(regime)
            return notice(
                lambda lang: (
                    _recipient_text(kind, abs(days), party)
                    % (named(lang) | {"recipient": body_in(recipient, lang)})
                )
            )
    written = regime.recipient_text.strip()
    if (
        regime.recipient is None
        and written
        and kind != ReminderKind.MANUAL
        and not Agency.objects.filter(code=MOST_CODE, name_vi=written).exists()
    ):
        # A receiver named only in words ("cấp uỷ cấp trên", no body chosen yet): named
        # as written, as the report page names it (guidance.receiver_in). A reminder by
        # hand speaks for MOST, who sends it.
        return notice(
            lambda lang: (
                _recipient_text(kind, abs(days), False) % (named(lang) | {"recipient": written})
            )
        )
    return notice(lambda lang: _most_text(kind, abs(days)) % named(lang))


# The texts of reminders (Vietnamese: as agencies have always received them).


def _most_text(kind: str, days: int) -> str:
    """A reminder of a report to MOST."""
    if kind == ReminderKind.BEFORE:
        return ngettext(
            "Còn %(days)s ngày đến hạn gửi báo cáo %(period)s (%(due)s) về Bộ Khoa học và Công nghệ.",
            "Còn %(days)s ngày đến hạn gửi báo cáo %(period)s (%(due)s) về Bộ Khoa học và Công nghệ.",
            days,
        )
    if kind == ReminderKind.DUE_TODAY:
        return _("Hôm nay (%(due)s) là hạn gửi báo cáo %(period)s về Bộ Khoa học và Công nghệ.")
    if kind == ReminderKind.OVERDUE:
        return ngettext(
            "Báo cáo %(period)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương gửi Bộ Khoa học và Công nghệ.",
            "Báo cáo %(period)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương gửi Bộ Khoa học và Công nghệ.",
            days,
        )
    if kind == ReminderKind.MANUAL:
        return _(
            "Bộ Khoa học và Công nghệ đề nghị quý cơ quan hoàn thành và gửi báo cáo %(period)s (hạn %(due)s)."
        )
    raise KeyError(kind)


def _recipient_text(kind: str, days: int, party: bool) -> str:
    """A reminder of a report to another receiving body than MOST (a Party committee's to
    the Commission); one by hand asks a Party committee or organisation by its own word,
    not "quý cơ quan"."""
    if kind == ReminderKind.BEFORE:
        return ngettext(
            "Còn %(days)s ngày đến hạn gửi báo cáo %(period)s (%(due)s) về %(recipient)s.",
            "Còn %(days)s ngày đến hạn gửi báo cáo %(period)s (%(due)s) về %(recipient)s.",
            days,
        )
    if kind == ReminderKind.DUE_TODAY:
        return _("Hôm nay (%(due)s) là hạn gửi báo cáo %(period)s về %(recipient)s.")
    if kind == ReminderKind.OVERDUE:
        return ngettext(
            "Báo cáo %(period)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương gửi %(recipient)s.",
            "Báo cáo %(period)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương gửi %(recipient)s.",
            days,
        )
    if kind == ReminderKind.MANUAL and party:
        return _(
            "%(recipient)s đề nghị cấp ủy, tổ chức đảng hoàn thành và gửi báo cáo %(period)s (hạn %(due)s)."
        )
    if kind == ReminderKind.MANUAL:
        return _(
            "%(recipient)s đề nghị quý cơ quan hoàn thành và gửi báo cáo %(period)s (hạn %(due)s)."
        )
    raise KeyError(kind)


def _unit_text(kind: str, days: int) -> str:
    """A reminder of a unit's report to its agency (docs/cascade.md)."""
    if kind == ReminderKind.BEFORE:
        return ngettext(
            "Còn %(days)s ngày đến hạn %(unit)s gửi báo cáo %(period)s (%(due)s) về %(recipient)s.",
            "Còn %(days)s ngày đến hạn %(unit)s gửi báo cáo %(period)s (%(due)s) về %(recipient)s.",
            days,
        )
    if kind == ReminderKind.DUE_TODAY:
        return _("Hôm nay (%(due)s) là hạn %(unit)s gửi báo cáo %(period)s về %(recipient)s.")
    if kind == ReminderKind.OVERDUE:
        return ngettext(
            "Báo cáo %(period)s của %(unit)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương gửi %(recipient)s.",
            "Báo cáo %(period)s của %(unit)s đã quá hạn %(days)s ngày (hạn %(due)s). Đề nghị khẩn trương gửi %(recipient)s.",
            days,
        )
    if kind == ReminderKind.MANUAL:
        return _(
            "%(recipient)s đề nghị %(unit)s hoàn thành và gửi báo cáo %(period)s (hạn %(due)s)."
        )
    raise KeyError(kind)


def run_reminders(day: datetime.date, dry_run: bool = False) -> list[PlannedReminder]:
    planned = plan_reminders(day)
    if not dry_run:
        for reminder in planned:
            deliver(reminder, day)
    return planned


# ---------------------------------------------------------------- catching up missed days

JOB = "send_due_reminders"


def missed_days(day: datetime.date) -> list[datetime.date]:
    """The days before `day`, within LOTRINH_REMINDER_CATCH_UP_DAYS, on which the daily job
    did not run (the server or its worker down): none before the job's first run, as a
    new installation has missed nothing."""
    window = max(0, int(settings.LOTRINH_REMINDER_CATCH_UP_DAYS))
    first = JobRun.objects.filter(name=JOB).order_by("run_for").values_list("run_for", flat=True)
    first_run = first.first()
    if first_run is None or window == 0:
        return []
    start = max(first_run + datetime.timedelta(days=1), day - datetime.timedelta(days=window))
    done = set(
        JobRun.objects.filter(name=JOB, run_for__gte=start, run_for__lt=day).values_list(
            "run_for", flat=True
        )
    )
    days = (start + datetime.timedelta(days=i) for i in range((day - start).days))
    return [d for d in days if d not in done]


def kind_on(days: int) -> str:
    """The kind of a reminder sent `days` before the deadline (negative: after it)."""
    if days > 0:
        return ReminderKind.BEFORE
    return ReminderKind.DUE_TODAY if days == 0 else ReminderKind.OVERDUE


def catch_up_reminders(
    day: datetime.date, missed: list[datetime.date], dry_run: bool = False
) -> list[PlannedReminder]:
    """The reminders that fell due on `missed` days and were never sent, sent on `day`:
    each once, and only the latest one for a report (a reminder already sent for it since
    the missed day, today's included, makes it needless). Sent late, a reminder says
    what is true on `day`: its kind and its days follow the days left then ("còn 5 ngày",
    not the missed day's "còn 7 ngày"); its recipients are those it was due to."""
    latest: dict[tuple[int, int | None, int | None], tuple[datetime.date, PlannedReminder]] = {}
    for missed_day in sorted(missed):
        for reminder in plan_reminders(missed_day):
            key = (
                reminder.agency.pk,
                reminder.unit.pk if reminder.unit else None,
                reminder.period.pk,
            )
            latest[key] = (missed_day, reminder)
    caught = []
    for missed_day, reminder in latest.values():
        since = ReminderSent.objects.filter(
            agency=reminder.agency,
            unit=reminder.unit,
            period=reminder.period,
            sent_on__gte=missed_day,
        ).exclude(kind=ReminderKind.MANUAL)
        if since.exists():
            continue
        days = (reminder.period.due_date - day).days
        late = dataclasses.replace(reminder, kind=kind_on(days), days=days)
        if dry_run or deliver(late, day) is not None:
            caught.append(late)
    return caught


def send_manual_reminder(
    agency: Agency, period: ReportingPeriod, user: User, day: datetime.date
) -> ReminderSent | None:
    """MOST reminds one agency by hand: None (nothing recorded) when the agency has
    nobody to receive it or was already reminded by hand for this period today."""
    from lotrinh.reporting.compliance import recipients_by_agency

    people = recipients_by_agency([agency.pk]).get(agency.pk, [])
    if not people:
        return None
    days = (period.due_date - day).days
    return deliver(
        PlannedReminder(agency, period, ReminderKind.MANUAL, days, people, True), day, sent_by=user
    )


# ---------------------------------------------------------------- MOST's manual reminders

SENT, ALREADY, NO_ACCOUNT, NOT_REMINDABLE = "sent", "already", "no_account", "not_remindable"


@dataclass(frozen=True)
class ManualOutcome:
    status: str  # SENT, ALREADY (reminded by hand today), NO_ACCOUNT, NOT_REMINDABLE
    record: ReminderSent | None = None


def remind_agency(
    agency: Agency, period: ReportingPeriod, user: User, day: datetime.date
) -> ManualOutcome:
    """The "Nhắc" button: only an agency expected in an open or overdue period of the
    current cycle whose report is missing, not yet sent or returned; never a closed year,
    an agency that did not exist on the due date, or one without an account."""
    from lotrinh.reporting import compliance

    pic = compliance.picture(period.regime.programme, today=day, years=[period.year])
    row = next((r for r in pic.rows if r.agency.pk == agency.pk), None)
    cell = row.cells.get(period.year) if row else None
    stored = next((p for p in pic.periods if p.year == period.year), None)
    if (
        row is None
        or cell is None
        or not cell.remindable
        or stored is None
        or stored.pk != period.pk
    ):
        return ManualOutcome(NOT_REMINDABLE)
    if not row.has_account:
        return ManualOutcome(NO_ACCOUNT)
    record = send_manual_reminder(agency, period, user, day)
    return ManualOutcome(SENT, record) if record else ManualOutcome(ALREADY)


def remind_unit(
    unit: Unit, plan: Programme, year: int, user: User, day: datetime.date
) -> ManualOutcome:
    """The "Nhắc" button of a unit on its agency's plan page (the agency's monitors remind
    their units as MOST reminds agencies): only a unit leading a task of the published
    plan, valid on the due date, whose report of `year` is not yet sent, in a period
    whose data has begun and whose due date is at most a year past (the window of the
    scheduled reminders); to its reporters and leaders, once a day."""
    from lotrinh.reporting import rollup
    from lotrinh.reporting.services import WorkflowError

    rows = []
    if plan.status == ProgrammeStatus.PUBLISHED:
        try:
            rows = rollup.unit_compliance(plan, year, day)
        except WorkflowError:  # a plan recorded by number and date: no units' regime
            rows = []
    row = next((r for r in rows if r.unit.pk == unit.pk), None)
    if (
        row is None
        or row.sent
        or row.period.start > day
        or (day - row.due).days > 366
        or not unit.is_valid_on(row.due)
    ):
        return ManualOutcome(NOT_REMINDABLE)
    period = row.period
    people = list(User.objects.people().filter(unit=unit, role__in=(Role.REPORTER, Role.APPROVER)))
    if not people:
        return ManualOutcome(NO_ACCOUNT)
    days = (period.due_date - day).days
    record = deliver(
        PlannedReminder(unit.agency, period, ReminderKind.MANUAL, days, people, True, unit=unit),
        day,
        sent_by=user,
    )
    return ManualOutcome(SENT, record) if record else ManualOutcome(ALREADY)


@dataclass(frozen=True)
class BulkItem:
    agency: Agency
    state: str
    recipients: list[User]
    reminded_today: bool  # already reminded by hand today: not sent again


@dataclass(frozen=True)
class BulkPlan:
    period: ReportingPeriod | None  # the overdue period of the current cycle (None: none)
    notice: Notice | None  # what is sent, in both languages (None: nothing to send)
    items: list[BulkItem]  # late agencies with an account
    no_account: list[BulkItem]  # late agencies nobody can receive a reminder for

    @property
    def message(self) -> str:
        """The Vietnamese text: the e-mail's, and the notice's for Vietnamese readers."""
        return self.notice.vi if self.notice is not None else ""

    @property
    def to_send(self) -> list[BulkItem]:
        return [i for i in self.items if not i.reminded_today]


def plan_bulk_reminder(programme: Any, day: datetime.date, agency_kind: str = "") -> BulkPlan:
    """ "Nhắc tất cả cơ quan chậm nộp": every agency whose report for the period being
    chased is missing or returned, with the people who will receive it (read-only)."""
    from lotrinh.reporting import compliance

    pic = compliance.picture(programme, today=day, agency_kind=agency_kind)
    period = next((p for p in pic.periods if p.year == pic.chase_year and p.pk), None)
    if period is None:
        return BulkPlan(None, None, [], [])
    late = [
        row
        for row in pic.rows
        if period.year in row.cells
        and row.cells[period.year].state in compliance.LATE_STATES
        and row.cells[period.year].remindable
    ]
    return _bulk_plan(period, [(row.agency, row.cells[period.year].state) for row in late], day)


def _bulk_plan(
    period: ReportingPeriod, late: list[tuple[Agency, str]], day: datetime.date
) -> BulkPlan:
    """The bulk reminder of `period` to the agencies of `late` (with their states): who
    receives it, who was already reminded by hand today, who has no account (read-only;
    three queries whatever the number of agencies)."""
    from lotrinh.reporting import compliance

    people = compliance.recipients_by_agency([agency.pk for agency, _state in late])
    today_already = set(
        ReminderSent.objects.filter(
            period=period, kind=ReminderKind.MANUAL, sent_on=day
        ).values_list("agency_id", flat=True)
    )
    items: list[BulkItem] = []
    no_account: list[BulkItem] = []
    for agency, state in late:
        item = BulkItem(agency, state, people.get(agency.pk, []), agency.pk in today_already)
        (items if item.recipients else no_account).append(item)
    return BulkPlan(
        period,
        notice_of(ReminderKind.MANUAL, period, (period.due_date - day).days, on=day),
        items,
        no_account,
    )


@dataclass(frozen=True)
class BulkResult:
    sent: list[ReminderSent]
    already: list[Agency]  # reminded by hand earlier today: nothing sent again
    no_account: list[Agency]


def send_bulk_reminder(
    programme: Any,
    user: User,
    day: datetime.date,
    agency_ids: set[int],
    period_pk: int,
    agency_kind: str = "",
) -> BulkResult:
    """Send the previewed reminders: only to agencies that were in the preview
    (`agency_ids`) and are still late now, each once a day."""
    plan = plan_bulk_reminder(programme, day, agency_kind)
    if plan.period is None or plan.period.pk != period_pk:
        return BulkResult([], [], [])
    return _send_bulk(plan, user, day, agency_ids)


def _send_bulk(plan: BulkPlan, user: User, day: datetime.date, agency_ids: set[int]) -> BulkResult:
    """Send a bulk plan's reminders to those of its agencies in `agency_ids` (the ones
    the person saw), each at most once a day (`deliver` holds the agency's row)."""
    assert plan.period is not None
    sent, already = [], []
    for item in plan.items:
        if item.agency.pk not in agency_ids:
            continue
        record = send_manual_reminder(item.agency, plan.period, user, day)
        if record is None:
            already.append(item.agency)
        else:
            sent.append(record)
    return BulkResult(sent, already, [i.agency for i in plan.no_account])


# ---------------------------------------------------------------- any regime's period, by hand
# The period page of any regime (a Party committee's six-monthly report to the
# Commission): its receiving body reminds one reporter that has not sent, or all of them
# (permissions.may_remind_regime_reporters). The same sending as MOST's: `deliver`, once
# a day per reporter and period, recorded as a ReminderSent.


def period_in_cycle(
    periods: list[ReportingPeriod], period: ReportingPeriod, day: datetime.date
) -> bool:
    """Is `period` one whose reporters may still be reminded on `day`: opened (stored),
    and open (begun, deadline not passed) or the latest period whose deadline has
    passed? Older periods are closed, as a closed year is on MOST's page."""
    if not period.pk or period.start > day:
        return False
    if day <= period.due_date:
        return True
    overdue = [p for p in periods if p.due_date < day]
    return max(overdue, key=lambda p: p.sort_key).sort_key == period.sort_key


def _period_unsent(
    regime: ReportingRegime,
    period: ReportingPeriod,
    day: datetime.date,
    periods: list[ReportingPeriod] | None = None,
    rows: list[Any] | None = None,
) -> list[tuple[Agency, str]]:
    """The expected reporters of `period` whose report is not (or no longer) sent, with
    their state (missing, not yet due, returned); none when the period is closed.
    `periods` and `rows` (`compliance.period_picture`) when the page has read them."""
    from lotrinh.reporting import compliance
    from lotrinh.reporting.services import periods_of

    if periods is None:
        periods = periods_of(regime, day.year)
    if not period_in_cycle(periods, period, day):
        return []
    if rows is None:
        rows, _rates = compliance.period_picture(regime, period, today=day)
    return [(row.agency, row.state) for row in rows if row.state in compliance.REMINDABLE_STATES]


def plan_period_reminder(
    regime: ReportingRegime,
    period: ReportingPeriod,
    day: datetime.date,
    periods: list[ReportingPeriod] | None = None,
    rows: list[Any] | None = None,
) -> BulkPlan:
    """ "Nhắc tất cả cơ quan chưa gửi" of one period of any regime (read-only): every
    expected reporter that has not sent, with the people who would receive it."""
    unsent = _period_unsent(regime, period, day, periods, rows)
    if not unsent:
        return BulkPlan(period if period.pk else None, None, [], [])
    return _bulk_plan(period, unsent, day)


def send_period_reminders(
    regime: ReportingRegime,
    period: ReportingPeriod,
    user: User,
    day: datetime.date,
    agency_ids: set[int],
) -> BulkResult:
    """Remind by hand the reporters of `agency_ids` (one, or all those the page showed)
    that have still not sent now, each once a day."""
    plan = plan_period_reminder(regime, period, day)
    if plan.period is None or not plan.message:
        return BulkResult([], [], [])
    result = _send_bulk(plan, user, day, agency_ids)
    # Of those without an account, only the ones asked for (the page lists the others).
    return BulkResult(
        result.sent, result.already, [a for a in result.no_account if a.pk in agency_ids]
    )


def remind_period_reporter(
    regime: ReportingRegime, period: ReportingPeriod, agency: Agency, user: User, day: datetime.date
) -> ManualOutcome:
    """The "Nhắc" button of one reporter on a period page: the same outcomes as MOST's
    (`remind_agency`)."""
    result = send_period_reminders(regime, period, user, day, {agency.pk})
    if result.sent:
        return ManualOutcome(SENT, result.sent[0])
    if any(a.pk == agency.pk for a in result.already):
        return ManualOutcome(ALREADY)
    if any(a.pk == agency.pk for a in result.no_account):
        return ManualOutcome(NO_ACCOUNT)
    return ManualOutcome(NOT_REMINDABLE)


@task()
def send_due_reminders(date_iso: str) -> int:
    """The daily job (run by `lotrinh worker`): idempotent for a date."""
    from django.utils import timezone

    from lotrinh.reporting.services import open_reporting_cycle

    # A job run late (its worker was down on the day it was queued for) speaks as of the
    # day it runs: the day it was queued for is then a missed day, caught up below.
    day = max(datetime.date.fromisoformat(date_iso), timezone.localdate())
    opened = open_reporting_cycle(day)  # periods and expected reports exist before reminding
    missed = missed_days(day)
    sent = run_reminders(day)
    caught = catch_up_reminders(day, missed)  # after today's: a report reminded today is done
    from lotrinh.indicators.requests import catch_up_request_reminders, run_request_reminders

    requests = run_request_reminders(day)  # data requests follow the same rules
    requests += catch_up_request_reminders(day, missed)
    for missed_day in missed:
        JobRun.objects.get_or_create(
            name=JOB,
            run_for=missed_day,
            defaults={"summary": f"không chạy; bù vào ngày {day:%d/%m/%Y}"},
        )
    summary = f"{len(sent)} lời nhắc, {opened} báo cáo mới mở, {requests} lời nhắc yêu cầu số liệu"
    if missed:
        summary += f"; {len(caught)} lời nhắc bù cho {len(missed)} ngày không chạy"
    JobRun.objects.update_or_create(name=JOB, run_for=day, defaults={"summary": summary})
    return len(sent) + len(caught)
