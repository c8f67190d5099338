"""MOST's compliance page (tình hình báo cáo), its downloads, and reminders by hand.

Thin views: the picture and the đôn đốc league come from `compliance`, the rules of who
may be reminded and the sending from `reminders`, permissions from `permissions.py`.
"""

import json
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency, AgencyKind, Unit
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.downloads import attachment
from lotrinh.core.locale import format_percent
from lotrinh.core.params import bounded_int
from lotrinh.core.replay_cache import replayed_page
from lotrinh.programmes.services import current_programme, programme_for_reader
from lotrinh.reporting import compliance, reminders
from lotrinh.reporting.models import JobRun, ReportingPeriod

PROGRAMME = "50/NQ-CP"
# An id no row has, replaced per row: URLs are reversed once per page, not per cell.
_SLOT = "2147483647"


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "") or request.POST.get("kind", "")
    return kind if kind in AgencyKind.values else ""


def _compliance_request(
    request: HttpRequest,
    *,
    all_years: bool = False,
    with_cycle: bool = False,
    language: str | None = None,
) -> compliance.Picture:
    """The picture the query asks for; a refusal in the reader's language, the picture
    itself (its labels, its rows' order) in `language` when one is given."""
    if not perms.has_capability(request.user, perms.VIEW_COMPLIANCE):
        raise PermissionDenied
    # By slug or number, as the reader may read it; a number two agencies' plans share
    # is a 400 naming the candidates the reader may read (`programme_for_reader`).
    programme = programme_for_reader(request.user, request.GET.get("programme") or PROGRAMME)
    years = [y for y in (bounded_int(v, 1990, 2200) for v in request.GET.getlist("year")) if y]
    raw_stale = request.GET.get("stale_days", "").strip()
    stale_days = bounded_int(raw_stale, 1, 3650) if raw_stale else settings.LOTRINH_STALE_DAYS
    if stale_days is None:
        raise BadRequest(_("“Số ngày chưa cập nhật” phải là số nguyên từ 1 đến 3650."))
    with translation.override(language or get_language()):
        return compliance.picture(
            programme,
            today=timezone.localdate(),
            years=None if all_years else (years or None),
            agency_kind=_kind(request),
            stale_days=stale_days,
            with_cycle=with_cycle and not all_years,
        )


def _percent(value: float | None) -> str:
    """A rate in the page's format, as every percentage of the site: "24,6%", "24.6%"."""
    return "" if value is None else format_percent(value, 1, ratio=True)


def _pattern(name: str) -> str:
    return reverse(name, args=[_SLOT])


def _invite_url(user: Any) -> str | None:
    """The invitation page, for those who may invite into an agency without an account
    (its system administrators; MOST's monitors for the agency's first person)."""
    if perms.is_system_admin(user) or perms.has_capability(user, perms.INVITE_FIRST_USER):
        return reverse("accounts:invite")
    return None


def _name(agency: Agency | Unit, english: bool) -> tuple[str, str]:
    """(name in the page's language, its lang attribute or "" when it is the page's)."""
    if english:
        return (agency.name_en, "") if agency.name_en else (agency.name_vi, "vi")
    return agency.name_vi, ""


LEAGUE_COLUMNS = [
    # (sort key, header msgid, numeric)
    ("agency", gettext_lazy("Cơ quan"), False),
    ("plan", gettext_lazy("Kế hoạch"), False),
    ("late", gettext_lazy("Nộp muộn"), True),
    ("missing", gettext_lazy("Chưa nộp"), True),
    ("returned", gettext_lazy("Bị trả lại"), True),
    ("days", gettext_lazy("Tổng số ngày muộn"), True),
    ("reminded", gettext_lazy("Nhắc gần nhất"), False),
]


def _sort_links(request: HttpRequest, current: str) -> list[dict[str, Any]]:
    """One link per column: numbers sort worst (largest) first, then toggle."""
    links = []
    for key, label, numeric in LEAGUE_COLUMNS:
        active = current.lstrip("-") == key
        descending = current.startswith("-")
        if active:
            target = key if descending else f"-{key}"
        else:
            target = f"-{key}" if numeric or key in ("plan", "reminded") else key
        params = request.GET.copy()
        params["sort"] = target
        links.append(
            {
                "key": key,
                "label": label,
                "numeric": numeric,
                "href": "?" + params.urlencode(),
                "aria_sort": ("descending" if descending else "ascending") if active else "",
            }
        )
    return links


@replayed_page
@login_required
@require_safe
def compliance_page(request: HttpRequest) -> HttpResponse:
    # The current cycle (and the year asked for) by default; every year on demand
    # (`?years=all`): the page's cost does not grow with the programme's age.
    every_year = request.GET.get("years") == "all"
    pic = _compliance_request(request, all_years=every_year, with_cycle=True)
    user = _user(request)
    english = not (get_language() or "vi").startswith("vi")
    years = pic.all_years
    asked = [y for y in (bounded_int(v, 1990, 2200) for v in request.GET.getlist("year")) if y]
    year = next((y for y in asked if y in years), pic.default_year)
    period = next((p for p in pic.periods if p.year == year), None)
    may_remind = perms.has_capability(user, perms.SEND_REMINDER)
    rows, sort = compliance.league(pic.rows, request.GET.get("sort", compliance.DEFAULT_SORT))
    agency_url, report_url = _pattern("agencies:detail"), _pattern("reporting:report")
    copy_url = _pattern("reporting:accepted_copy")
    remind_url = (
        reverse("reporting:remind", args=[_SLOT, period.pk]) if period and period.pk else ""
    )
    # Each agency's own compliance (its units late with their reports), read-only.
    from lotrinh.reporting.rollup import units_late_by_agency

    units = (
        units_late_by_agency(pic.programme, year, timezone.localdate()) if year is not None else {}
    )
    plan_url = _pattern("cascade:plan")
    league = []
    for row in rows:
        cell = row.cells.get(year) if year is not None else None
        name, lang = _name(row.agency, english)
        readable = (
            cell is not None
            and cell.report is not None
            and perms.may_read_report(user, cell.report.agency_id, cell.report.status)
        )
        # A report reopened for a revision after acceptance: its accepted copy counts,
        # and is what MOST (oversight) reads.
        copy = (
            not readable
            and cell is not None
            and cell.report is not None
            and cell.report.is_revising_accepted
            and perms.may_read_accepted_copy(user, cell.report)
        )
        league.append(
            {
                "row": row,
                "name": name,
                "lang": lang,
                "url": agency_url.replace(_SLOT, row.agency.code),
                "cell": cell,
                "label": compliance.cell_label(cell.state, cell.report) if cell else "",
                "report_url": report_url.replace(_SLOT, str(cell.report.pk))
                if readable and cell and cell.report
                else copy_url.replace(_SLOT, str(cell.report.pk))
                if copy and cell and cell.report
                else "",
                "remind_url": remind_url.replace(_SLOT, str(row.agency.pk))
                if cell and cell.remindable and may_remind and row.has_account and remind_url
                else "",
                "units": units.get(row.agency.pk),
                "units_url": f"{plan_url.replace(_SLOT, str(units[row.agency.pk].plan.pk))}"
                f"?year={year}#don-vi"
                if row.agency.pk in units and perms.may_view_unit_compliance(user, row.agency)
                else "",
            }
        )
    summaries = compliance.year_summaries(pic)
    years_table = [
        {
            "s": s,
            "reporting": _percent(s.reporting_rate),
            "timeliness": _percent(s.timeliness_rate),
        }
        for s in summaries
    ]
    selected = next((s for s in summaries if s.year == year), None)
    chart = {
        "years": [s.year for s in summaries],
        "reporting": [
            None if s.reporting_rate is None else round(s.reporting_rate * 100, 1)
            for s in summaries
        ],
        "timeliness": [
            None if s.timeliness_rate is None else round(s.timeliness_rate * 100, 1)
            for s in summaries
        ],
    }
    late_count = (
        sum(
            1
            for row in pic.rows
            if pic.chase_year in row.cells
            and row.cells[pic.chase_year].state in compliance.LATE_STATES
            and row.cells[pic.chase_year].remindable
        )
        if pic.chase_year
        else 0
    )
    exports = QueryDict(mutable=True)
    if _kind(request):
        exports["kind"] = _kind(request)
    stale_days = bounded_int(request.GET.get("stale_days", ""), 1, 3650)
    scope = request.GET.copy()
    if every_year:
        scope.pop("years", None)
    else:
        scope["years"] = "all"
    from lotrinh.indicators.requests import compliance_rows

    return render(
        request,
        "reporting/compliance.html",
        {
            # Data requests follow the reports' on-time rule (lotrinh/indicators/requests.py).
            "data_requests": compliance_rows(timezone.localdate()),
            "pic": pic,
            "year": year,
            "period": period,
            "selected": selected,
            "in_cycle": year in pic.cycle_years,
            "league": league,
            "sort": sort,
            "columns": _sort_links(request, sort),
            "years_table": years_table,
            "chart": chart,
            "kinds": AgencyKind.choices,
            "kind": _kind(request),
            "may_remind": may_remind,
            "late_count": late_count,
            "invite_url": _invite_url(request.user),
            "exports": exports.urlencode(),
            "every_year": every_year,
            "shown_years": ", ".join(str(p.year) for p in pic.periods),
            "scope_url": "?" + scope.urlencode(),
            "stale_days": stale_days or settings.LOTRINH_STALE_DAYS,
            "overdue": [(e, report_url.replace(_SLOT, str(e.report_id))) for e in pic.overdue[:50]],
            "groups": [
                (group, counts, counts["done_on_time"] + counts["done_late"])
                for group, counts in pic.status_by_group.items()
            ],
            "last_job": JobRun.objects.filter(name="send_due_reminders")
            .order_by("-run_for", "-started_at")
            .first(),
        },
    )


@login_required
@require_safe
def compliance_xlsx(request: HttpRequest) -> HttpResponse:
    # A workbook is a record in Vietnamese, whoever downloads it (docs/architecture.md):
    # its cells and its rows' order too, not only its headings.
    pic = _compliance_request(request, language="vi")
    with translation.override("vi"):
        workbook = compliance.picture_xlsx(pic)
    return attachment(workbook, f"tinh-hinh-bao-cao-{timezone.localdate().isoformat()}.xlsx")


@login_required
@require_safe
def compliance_json(request: HttpRequest) -> HttpResponse:
    pic = _compliance_request(request)
    return HttpResponse(
        json.dumps(compliance.picture_rows(pic), ensure_ascii=False),
        content_type="application/json",
    )


def _agency_html(agency: Agency | Unit) -> str:
    english = not (get_language() or "vi").startswith("vi")
    name, lang = _name(agency, english)
    return format_html('<span lang="{}">{}</span>', lang, name) if lang else format_html("{}", name)


@login_required
@require_POST
@writes(Write.CREATE)
def send_reminder(request: HttpRequest, agency_pk: int, period_pk: int) -> HttpResponse:
    """The "Nhắc" button of one agency (POST; the rule is `reminders.remind_agency`)."""
    if not perms.has_capability(request.user, perms.SEND_REMINDER):
        raise PermissionDenied
    agency = get_object_or_404(Agency, pk=agency_pk)
    period = get_object_or_404(
        ReportingPeriod.objects.select_related("regime__programme"), pk=period_pk
    )
    outcome = reminders.remind_agency(agency, period, _user(request), timezone.localdate())
    text, level, status = outcome_message(outcome, agency)
    if request.headers.get("HX-Request"):
        return outcome_badge(text, status)
    messages.add_message(request, level, text)
    return redirect("reporting:compliance")


def outcome_badge(text: str, status: int) -> HttpResponse:
    """A reminder by hand answered in place of its button (htmx swaps 400 too: the page's
    `htmx-config`, core/frame.py)."""
    badge = "badge-ok" if status == 200 else "badge-bad"
    return HttpResponse(
        format_html('<span class="badge {}" role="status">{}</span>', badge, text), status=status
    )


def outcome_message(
    outcome: reminders.ManualOutcome, agency: Agency | Unit, party: bool = False, unit: bool = False
) -> tuple[str, int, int]:
    """(message, message level, HTTP status) of a reminder by hand to one agency: MOST's
    "Nhắc" button and a regime's period page say the same (`party`: the reporters are
    Party committees and organisations, `services.reporters_are_party`); to one of an
    agency's units (`unit`: `agency` is the unit), from its agency's plan page."""
    name = _agency_html(agency)
    if outcome.status == reminders.SENT and outcome.record is not None:
        count = len([r for r in outcome.record.recipients.split(", ") if r])
        text = format_html(_("Đã nhắc {name}; số người nhận: {count}."), name=name, count=count)
        level, status = messages.SUCCESS, 200
    elif outcome.status == reminders.ALREADY:
        text = format_html(_("Hôm nay đã nhắc {name}: không gửi lại."), name=name)
        level, status = messages.INFO, 200
    elif outcome.status == reminders.NO_ACCOUNT:
        text = format_html(_("{name}: chưa có tài khoản, không gửi được lời nhắc."), name=name)
        level, status = messages.WARNING, 400
    elif unit:
        text = format_html(
            _(
                "Không nhắc {name}: kỳ báo cáo của đơn vị chưa mở hoặc đã đóng, đơn vị không "
                "chủ trì nhiệm vụ nào của kế hoạch hoặc báo cáo đã được gửi."
            ),
            name=name,
        )
        level, status = messages.ERROR, 400
    elif party:
        text = format_html(
            _(
                "Không nhắc {name}: kỳ báo cáo đã đóng, cấp ủy, tổ chức đảng này không phải "
                "báo cáo kỳ này hoặc báo cáo đã được gửi."
            ),
            name=name,
        )
        level, status = messages.ERROR, 400
    else:
        text = format_html(
            _(
                "Không nhắc {name}: kỳ báo cáo đã đóng, cơ quan không phải báo cáo kỳ này "
                "hoặc báo cáo đã được gửi."
            ),
            name=name,
        )
        level, status = messages.ERROR, 400
    return text, level, status


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@writes(Write.CREATE)
def remind_all(request: HttpRequest) -> HttpResponse:
    """ "Nhắc tất cả cơ quan chậm nộp": GET previews (agencies, recipients, message);
    POST sends, once a day per agency, only to the agencies of the preview."""
    if not perms.has_capability(request.user, perms.SEND_REMINDER):
        raise PermissionDenied
    programme = current_programme(PROGRAMME)
    today = timezone.localdate()
    kind = _kind(request)
    if request.method == "POST":
        period_pk = bounded_int(request.POST.get("period", ""), 1, 2**31 - 1)
        raw_ids = request.POST.getlist("agency")
        ids = {bounded_int(v, 1, 2**31 - 1) for v in raw_ids}
        if period_pk is None or not raw_ids or None in ids:
            messages.error(request, _("Danh sách cơ quan cần nhắc không hợp lệ: chưa gửi gì."))
            return redirect(reverse("reporting:remind_all") + (f"?kind={kind}" if kind else ""))
        result = reminders.send_bulk_reminder(
            programme, _user(request), today, {i for i in ids if i}, period_pk, kind
        )
        bulk_messages(request, result)
        params = QueryDict(mutable=True)
        params["sort"] = "-reminded"
        if kind:
            params["kind"] = kind
        return redirect(reverse("reporting:compliance") + "?" + params.urlencode())
    plan = reminders.plan_bulk_reminder(programme, today, kind)
    english = not (get_language() or "vi").startswith("vi")

    def item(entry: reminders.BulkItem) -> dict[str, Any]:
        name, lang = _name(entry.agency, english)
        return {
            "entry": entry,
            "name": name,
            "lang": lang,
            "label": compliance.STATE_LABELS[entry.state],
        }

    return render(
        request,
        "reporting/remind_all.html",
        {
            "plan": plan,
            "items": [item(i) for i in plan.items],
            "no_account": [item(i) for i in plan.no_account],
            "to_send": len(plan.to_send),
            "kind": kind,
            "invite_url": _invite_url(request.user),
        },
    )


def bulk_messages(request: HttpRequest, result: reminders.BulkResult, party: bool = False) -> None:
    """What a bulk reminder did, as messages (MOST's and a regime's period page; `party`:
    the reporters are Party committees and organisations, named by their own word)."""
    if result.sent:
        text = (
            _("Số cấp ủy, tổ chức đảng đã được nhắc: %(n)s.")
            if party
            else _("Số cơ quan đã được nhắc: %(n)s.")
        )
        messages.success(request, text % {"n": len(result.sent)})
    if result.already:
        text = (
            _("Số cấp ủy, tổ chức đảng đã được nhắc trước đó trong hôm nay, không gửi lại: %(n)s.")
            if party
            else _("Số cơ quan đã được nhắc trước đó trong hôm nay, không gửi lại: %(n)s.")
        )
        messages.info(request, text % {"n": len(result.already)})
    if result.no_account:
        text = (
            _(
                "Số cấp ủy, tổ chức đảng chưa có tài khoản, không nhắc được (cần mời tạo tài "
                "khoản): %(n)s."
            )
            if party
            else _("Số cơ quan chưa có tài khoản, không nhắc được (cần mời tạo tài khoản): %(n)s.")
        )
        messages.warning(request, text % {"n": len(result.no_account)})
    if not (result.sent or result.already or result.no_account):
        messages.info(
            request,
            _("Không có cấp ủy, tổ chức đảng nào cần nhắc: chưa gửi gì.")
            if party
            else _("Không có cơ quan nào cần nhắc: chưa gửi gì."),
        )
