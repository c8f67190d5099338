"""Any regime's own pages (docs/cascade.md, the Party's chain): its schedule, set by the
receiving body where the document states no period, and who reported for each period.

Thin views: the schedule is `schedules.set_regime_schedule` (its rules `check_schedule`),
the picture `compliance.period_picture`, permissions `permissions.py`.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import valid_on
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.downloads import attachment
from lotrinh.core.locale import name_order
from lotrinh.core.params import bounded_int
from lotrinh.reporting import compliance, reminders, services
from lotrinh.reporting.forms import ScheduleForm
from lotrinh.reporting.models import (
    AgencyReport,
    Frequency,
    ReminderSent,
    ReportingPeriod,
    ReportingRegime,
)
from lotrinh.reporting.rollup import UNIT_REGIME
from lotrinh.reporting.schedules import (
    ScheduleConflict,
    plan_schedule_change,
    set_regime_schedule,
)
from lotrinh.reporting.views_compliance import (
    _name,
    _percent,
    _user,
    bulk_messages,
    outcome_message,
)

# The query parameter of a period: "2025-1" (year, part; "2025" for a whole year), so a
# period the daily cycle has not opened yet (no row) can be chosen too.
PERIOD_PARAM = "ky"


def _regime(pk: int) -> ReportingRegime:
    return get_object_or_404(
        ReportingRegime.objects.select_related("programme", "recipient"), pk=pk
    )


def _holder(regime: ReportingRegime, day: Any) -> Agency | None:
    """The body that receives the regime's reports today, where it is not the one the
    document names (Ban Kinh tế Trung ương → Ban Chính sách, chiến lược Trung ương)."""
    from lotrinh.agencies.services import holder_at

    if regime.recipient is None:
        return None
    holder = holder_at(regime.recipient, day)
    return None if holder.pk == regime.recipient_id else holder


def _period_key(period: ReportingPeriod) -> str:
    return f"{period.year}-{period.part}" if period.part else str(period.year)


# ---------------------------------------------------------------- the schedule


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@writes(Write.EDIT, version="version")
def regime_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Set or change the schedule of a regime whose document states no period (POST),
    or see it and the periods it gives; `?xem-truoc=1` with the form's values previews
    which periods are kept, removed and added (a GET: nothing is saved)."""
    regime = _regime(pk)
    today = timezone.localdate()
    if not perms.may_set_regime_schedule(request.user, regime, today):
        raise PermissionDenied
    settable = regime.frequency == Frequency.PERIODIC
    # Where the document names no receiving body, a system administrator names one.
    recipients = (
        Agency.objects.filter(valid_on(today)).order_by(name_order(), "pk")
        if settable and regime.recipient_id is None and perms.is_system_admin(request.user)
        else None
    )
    change = None
    status = 200
    if request.method == "POST" and settable:
        form = ScheduleForm(request.POST, recipients=recipients)
        if form.is_valid():
            data = form.cleaned_data
            # Read before the save: the message tells the periods made now from those kept.
            stored = set(regime.periods.values_list("pk", flat=True))
            try:
                periods = set_regime_schedule(
                    request.user,
                    regime,
                    frequency=data["frequency"],
                    deadline_day=data.get("deadline_day"),
                    deadline_month=data.get("deadline_month"),
                    first_year=data.get("first_year"),
                    recipient=data.get("recipient"),
                    version=data.get("version"),
                )
            except ScheduleConflict as exc:
                # The form moves to the schedule now saved, with the person's values kept.
                regime.refresh_from_db()
                moved = request.POST.copy()
                moved["version"] = str(regime.schedule_version)
                form = ScheduleForm(moved, recipients=recipients)
                form.is_valid()
                form.add_error(None, str(exc))
                status = 409
            except services.WorkflowError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, _saved_message(stored, periods))
                return redirect("reporting:regime_schedule", pk=regime.pk)
        else:
            status = 400
    elif request.method == "POST":
        raise PermissionDenied  # the document states the period: nothing to set here
    elif settable and request.GET.get("xem-truoc"):
        form = ScheduleForm(request.GET, recipients=recipients)
        if form.is_valid():
            data = form.cleaned_data
            change = plan_schedule_change(
                regime,
                frequency=data["frequency"],
                deadline_day=data.get("deadline_day"),
                deadline_month=data.get("deadline_month"),
                first_year=data.get("first_year"),
                today=today,
            )
    else:
        initial = (
            {
                "frequency": regime.scheduled_frequency,
                "deadline_day": regime.deadline_day,
                "deadline_month": regime.deadline_month,
                "first_year": regime.first_year,
            }
            if regime.scheduled_frequency
            else {"frequency": "semiannual", "deadline_day": 20, "first_year": today.year}
        )
        form = ScheduleForm(
            initial={**initial, "version": regime.schedule_version}, recipients=recipients
        )
    periods = services.periods_of(regime, today.year)
    return render(
        request,
        "reporting/regime_schedule.html",
        {
            "regime": regime,
            "form": form,
            "settable": settable,
            "change": change,
            "periods": sorted(periods, key=lambda p: p.sort_key, reverse=True),
            "may_follow": perms.may_view_regime_compliance(request.user, regime),
            "holder": _holder(regime, today),
            "today": today,
        },
        status=status,
    )


# ---------------------------------------------------------------- one period's picture


def _picture_request(
    request: HttpRequest, pk: int
) -> tuple[ReportingRegime, list[ReportingPeriod], ReportingPeriod | None]:
    regime = _regime(pk)
    if not perms.may_view_regime_compliance(request.user, regime):
        raise PermissionDenied
    today = timezone.localdate()
    periods = services.periods_of(regime, today.year)
    asked = request.GET.get(PERIOD_PARAM, "")
    period = next((p for p in periods if _period_key(p) == asked), None)
    return regime, periods, period or compliance.default_period(periods, today)


@login_required
@require_safe
def regime_compliance(request: HttpRequest, pk: int) -> HttpResponse:
    """Who reported for one period of any regime (a six-monthly Party regime as well as
    MOST's annual one): each expected reporter's state, counts and rates, a link to each
    report the viewer may read. Read-only; a fixed number of queries."""
    regime, periods, period = _picture_request(request, pk)
    if regime.code == UNIT_REGIME:
        # An agency's own plan: its reporters are its units, followed (and reminded) on
        # the plan's page, not agencies as this page lists them.
        year = f"?year={period.year}" if period is not None else ""
        return redirect(f"{reverse('cascade:plan', args=[regime.programme_id])}{year}#don-vi")
    today = timezone.localdate()
    english = not (get_language() or "vi").startswith("vi")
    rows: list[dict[str, Any]] = []
    summary = None
    may_remind = perms.may_remind_regime_reporters(request.user, regime, today)
    plan = None
    reminded: dict[int, list[Any]] = {}
    if period is not None and period.pk:
        # Reminders that reached somebody (by hand or scheduled): "đã nhắc ngày …".
        for agency_id, sent_on in (
            ReminderSent.objects.filter(period=period, unit__isnull=True)
            .exclude(recipients=reminders.NO_RECIPIENTS)
            .order_by("sent_on")
            .values_list("agency_id", "sent_on")
        ):
            reminded.setdefault(agency_id, []).append(sent_on)
    if period is not None:
        found, _rates = compliance.period_picture(regime, period, today=today)
        if may_remind:
            plan = reminders.plan_period_reminder(regime, period, today, periods, found)
        # Not one already reminded by hand today: it would not be sent again.
        can_remind = {i.agency.pk for i in plan.to_send} if plan else set()
        ids = [row.report.pk for row in found if row.report is not None]
        readable = set(
            perms.visible_reports(
                request.user, AgencyReport.objects.filter(pk__in=ids)
            ).values_list("pk", flat=True)
            if ids
            else []
        )
        report_url = reverse("reporting:report", args=[2147483647])
        copy_url = reverse("reporting:accepted_copy", args=[2147483647])
        for row in found:
            name, lang = _name(row.agency, english)
            report = row.report
            first = report.first_submitted_at if report else None
            # Days late: sent after the deadline, or not sent and the deadline passed.
            late_by = (
                timezone.localdate(first) if first else (today if row.state == "missing" else None)
            )
            rows.append(
                {
                    "name": name,
                    "lang": lang,
                    "state": row.state,
                    "label": compliance.cell_label(row.state, report),
                    "report": report,
                    "first_submitted": first,
                    "days_late": max((late_by - period.due_date).days, 0) if late_by else 0,
                    "url": report_url.replace("2147483647", str(report.pk))
                    if report is not None and report.pk in readable
                    # Reopened for a revision after acceptance: its accepted copy.
                    else copy_url.replace("2147483647", str(report.pk))
                    if report is not None
                    and report.is_revising_accepted
                    and perms.may_read_accepted_copy(request.user, report)
                    else "",
                    "agency": row.agency,
                    "agency_pk": row.agency.pk,
                    "code": row.agency.code,
                    "reminded": reminded.get(row.agency.pk, []),
                    "remindable": row.agency.pk in can_remind,
                }
            )
        summary = compliance.summary_of(
            period, [row.state for row in found], today=today, in_cycle=True
        )
    party = services.reporters_are_party(regime, [row["agency"] for row in rows] or None)
    current = compliance.default_period(periods, today)
    return render(
        request,
        "reporting/regime_compliance.html",
        {
            "regime": regime,
            "period": period,
            "period_key": _period_key(period) if period else "",
            # The default period is marked: the latest one past its deadline, else the
            # one open today (compliance.default_period).
            "choices": [
                (
                    _period_key(p),
                    p,
                    (_("kỳ đến hạn gần nhất") if p.due_date < today else _("kỳ hiện tại"))
                    if current is not None and p.sort_key == current.sort_key
                    else "",
                )
                for p in sorted(periods, key=lambda p: p.sort_key, reverse=True)
            ],
            "rows": rows,
            "summary": summary,
            "reporting": _percent(summary.reporting_rate) if summary else "",
            "timeliness": _percent(summary.timeliness_rate) if summary else "",
            "min_rate_base": compliance.MIN_RATE_BASE,
            "may_schedule": perms.may_set_regime_schedule(request.user, regime, today),
            "may_remind": may_remind,
            "plan": plan,
            "to_send": [i.agency.pk for i in plan.to_send] if plan else [],
            "no_account_count": len(plan.no_account) if plan else 0,
            "holder": _holder(regime, today),
            "today": today,
            # Party committees and organisations are not "cơ quan" (their own word).
            "party": party,
        },
    )


def _remind_request(request: HttpRequest, pk: int) -> tuple[ReportingRegime, Any, str]:
    """The regime and the stored period (by its `ky` key) a reminder is asked for, or
    None with the key when the period is not one of the regime's opened periods."""
    regime = _regime(pk)
    today = timezone.localdate()
    if not perms.may_remind_regime_reporters(request.user, regime, today):
        raise PermissionDenied
    key = request.POST.get(PERIOD_PARAM, "")[:20]
    period = next(
        (p for p in services.periods_of(regime, today.year) if p.pk and _period_key(p) == key),
        None,
    )
    return regime, period, key


def _back(regime: ReportingRegime, key: str) -> HttpResponse:
    url = reverse("reporting:regime_compliance", args=[regime.pk])
    return redirect(f"{url}?{PERIOD_PARAM}={key}" if key else url)


@login_required
@require_POST
@writes(Write.CREATE)
def regime_remind(request: HttpRequest, pk: int) -> HttpResponse:
    """The "Nhắc" button of one reporter on a period page (the rule:
    `reminders.remind_period_reporter`; who: `permissions.may_remind_regime_reporters`)."""
    regime, period, key = _remind_request(request, pk)
    agency_pk = bounded_int(request.POST.get("agency", ""), 1, 2**31 - 1)
    agency = Agency.objects.filter(pk=agency_pk).first() if agency_pk else None
    if period is None or agency is None:
        messages.error(request, _("Kỳ báo cáo hoặc cơ quan cần nhắc không hợp lệ: chưa gửi gì."))
        return _back(regime, key if period else "")
    outcome = reminders.remind_period_reporter(
        regime, period, agency, _user(request), timezone.localdate()
    )
    text, level, _status = outcome_message(
        outcome, agency, party=services.reporters_are_party(regime)
    )
    messages.add_message(request, level, text)
    return _back(regime, key)


@login_required
@require_POST
@writes(Write.CREATE)
def regime_remind_all(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Nhắc tất cả cơ quan chưa gửi" of a period page: only the reporters the page
    listed (`agency`) that have still not sent, each once a day."""
    regime, period, key = _remind_request(request, pk)
    raw_ids = request.POST.getlist("agency")
    ids = {bounded_int(v, 1, 2**31 - 1) for v in raw_ids}
    if period is None or not raw_ids or None in ids:
        messages.error(request, _("Danh sách cơ quan cần nhắc không hợp lệ: chưa gửi gì."))
        return _back(regime, key if period else "")
    result = reminders.send_period_reminders(
        regime, period, _user(request), timezone.localdate(), {i for i in ids if i}
    )
    bulk_messages(request, result, party=services.reporters_are_party(regime))
    return _back(regime, key)


@login_required
@require_safe
def regime_compliance_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    regime, _periods, period = _picture_request(request, pk)
    if period is None:
        messages.info(request, _("Chế độ báo cáo này chưa có kỳ báo cáo."))
        return redirect("reporting:regime_compliance", pk=regime.pk)
    # Vietnamese whoever downloads it, as MOST's workbook (views_compliance).
    with translation.override("vi"):
        rows, rates = compliance.period_picture(regime, period, today=timezone.localdate())
        party = services.reporters_are_party(regime, [row.agency for row in rows] or None)
        workbook = compliance.period_xlsx(period, rows, rates, party=party)
    return attachment(workbook, f"tinh-hinh-bao-cao-{regime.code}-{_period_key(period)}.xlsx")


# ---------------------------------------------------------------- links from other pages

# Frequencies whose regime has periods to follow (a one-off, a year, a part of a year).
_WITH_PERIODS = (
    Frequency.ONCE,
    Frequency.ANNUAL,
    Frequency.SEMIANNUAL,
    Frequency.QUARTERLY,
    Frequency.MONTHLY,
)


def mark_regime_pages(regimes: list[ReportingRegime], user: Any, day: Any) -> None:
    """Set on each regime the URLs of its pages this user may open (the programme page's
    "Chế độ báo cáo" table): its schedule where the document states no period and the
    user sets it; its period compliance where it has periods and the user follows it."""
    for regime in regimes:
        schedule = regime.frequency == Frequency.PERIODIC and perms.may_set_regime_schedule(
            user, regime, day
        )
        follow = regime.period_frequency in _WITH_PERIODS and perms.may_view_regime_compliance(
            user, regime
        )
        regime.schedule_url = (  # type: ignore[attr-defined]
            reverse("reporting:regime_schedule", args=[regime.pk]) if schedule else ""
        )
        regime.compliance_url = (  # type: ignore[attr-defined]
            reverse("reporting:regime_compliance", args=[regime.pk]) if follow else ""
        )


def followed_regimes(user: Any) -> list[ReportingRegime]:
    """The regimes whose reports this user receives as the receiving body's monitor
    (the Commission's: 52-NQ/TW's Party committees), for links from "Báo cáo"."""
    received = perms.received_recipient_ids(user)
    if not received:
        return []
    return list(
        ReportingRegime.objects.filter(recipient_id__in=received)
        .select_related("programme")
        .order_by("programme__code", "pk")
    )


def _saved_message(stored: set[int], periods: list[ReportingPeriod]) -> str:
    """What a saved schedule says: how many periods were made now (none when the
    schedule keeps the periods it had) and how many the schedule has."""
    total = len(periods)
    created = sum(1 for p in periods if p.pk not in stored)
    if created == total:
        return _("Đã lưu lịch báo cáo; số kỳ báo cáo đã lập: %(n)s.") % {"n": total}
    if not created:
        return _(
            "Đã lưu lịch báo cáo. Không có kỳ báo cáo mới; số kỳ báo cáo trong lịch: %(total)s."
        ) % {"total": total}
    return _(
        "Đã lưu lịch báo cáo. Số kỳ báo cáo mới lập: %(new)s; số kỳ báo cáo trong lịch: %(total)s."
    ) % {"new": created, "total": total}
