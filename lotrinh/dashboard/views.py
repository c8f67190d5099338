"""The overview pages: MOST's front page, an agency's "what we owe", the reading list,
and the agency's deadlines as an iCalendar feed. Thin: queries.py reads, services.py
writes, permissions.py decides."""

from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.replay_cache import replayed_page
from lotrinh.dashboard import ical, queries, services
from lotrinh.dashboard.models import CalendarToken
from lotrinh.reporting import rollup


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


@replayed_page
@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """ "Tổng quan": each person's overview, on one address (where sign-in lands).

    MOST monitors and administrators see MOST's front page; oversight readers the list of
    reports to read; an agency's people what their agency owes."""
    user = _user(request)
    if perms.may_view_most_dashboard(user):
        return most_dashboard(request)
    if perms.may_read_reading_list(user):
        return reading(request)
    if user.agency is not None and perms.may_view_agency_obligations(user, user.agency):
        return _agency_page(request, user.agency)
    return render(request, "dashboard/none.html")


def most_dashboard(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not perms.may_view_most_dashboard(user):
        raise PermissionDenied
    overview = queries.most_overview(user, timezone.localdate())
    charts = {
        "cycles": [
            {
                "title": f"{c.programme.code} · {queries.period_label(c.period)}",
                # The states partition the expected agencies; the table adds the totals.
                "rows": [
                    [label, number]
                    for key, label, number in c.rows
                    if key not in ("due", "submitted", "accepted")
                ],
            }
            for c in overview.cycles
        ],
        "tasks": [[label, number] for _key, label, number in overview.task_status],
        "targets": [[label, number] for _key, label, number, _tone in overview.targets],
    }
    return render(
        request,
        "dashboard/most.html",
        {"o": overview, "charts": charts},
    )


@login_required
@require_safe
def agency_page(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    return _agency_page(request, agency)


def _agency_page(request: HttpRequest, agency: Agency) -> HttpResponse:
    user = _user(request)
    if not perms.may_view_agency_obligations(user, agency):
        raise PermissionDenied
    ob = queries.agency_obligations(user, agency, timezone.localdate())
    # A unit's officer (a province's department) owes her unit's report to the agency too.
    unit_reports, unopened = (
        rollup.unit_reports_of(user, ob.today)
        if user.agency_id == agency.pk
        else ([], rollup.UnopenedPlans())
    )
    return render(
        request,
        "dashboard/agency.html",
        {
            "ob": ob,
            "unit_reports": unit_reports,
            "unit_plans": unopened.plans,
            # Her unit's own work, and what of it is overdue (the top badge, for her).
            "unit_work": queries.unit_work(user, ob, unit_reports, unopened.plans),
            # A unit's person reads her own unit's figures only (the table says so); a
            # successor on its predecessor's page reads none ("—"), which is not "yours".
            "units_own_only": user.agency_id == agency.pk
            and not perms.may_read_units_progress(user, agency.pk),
            "agency": agency,
            "agency_name": queries.agency_label(agency),
            "may_subscribe": perms.may_subscribe_calendar(user),
            # Data requests are obligations too (lotrinh/indicators/requests.py).
            "data_requests": agency_request_rows(agency, timezone.localdate()),
        },
    )


def agency_request_rows(agency: Agency, day: Any) -> list[Any]:
    from lotrinh.indicators.requests import agency_rows

    return agency_rows(agency, day)


def _site_url(request: HttpRequest) -> str:
    base = (getattr(settings, "LOTRINH_SITE_URL", "") or "").rstrip("/")
    return base or request.build_absolute_uri("/").rstrip("/")


def _feed(request: HttpRequest, user: Any, agency: Agency) -> HttpResponse:
    ob = queries.agency_obligations(user, agency, timezone.localdate())
    site = _site_url(request)
    name = f"Lộ trình — hạn của {agency.name_vi}"
    events = [
        ical.Event(
            uid=d.uid,
            day=d.day,
            summary=f"{d.kind_label}: {d.summary}",
            description=(_("Đã hoàn thành") if d.done else "")
            + (f" — {site}{d.url}" if d.url else ""),
            url=f"{site}{d.url}" if d.url else "",
        )
        for d in ob.deadlines
    ]
    response = HttpResponse(
        ical.calendar(name, events, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="han-{agency.code}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _deadline_language(request: HttpRequest) -> None:
    """Calendar entries are written in Vietnamese whatever the page language."""
    from django.utils import translation

    translation.activate("vi")
    request.LANGUAGE_CODE = "vi"


@login_required
@require_safe
def agency_ics(request: HttpRequest, code: str) -> HttpResponse:
    """The agency's deadlines as an .ics file, for a signed-in person (a download)."""
    agency = get_object_or_404(Agency, code=code)
    if not perms.may_view_agency_obligations(request.user, agency):
        raise PermissionDenied
    _deadline_language(request)
    return _feed(request, request.user, agency)


@require_safe
def calendar_feed(request: HttpRequest, token: str, code: str) -> HttpResponse:
    """The feed calendar apps subscribe to: no session, the secret address decides.

    An unknown, revoked or rotated secret, a deactivated person, or an agency the person
    may no longer see: 404 (nothing tells which)."""
    user = services.user_for_token(token)
    agency = Agency.objects.filter(code=code).first()
    if user is None or agency is None or not perms.may_view_agency_obligations(user, agency):
        raise Http404
    _deadline_language(request)
    return _feed(request, user, agency)


def _calendar_context(request: HttpRequest, token: str = "") -> dict[str, Any]:
    user = _user(request)
    code = (request.POST.get("agency") or request.GET.get("agency") or "").strip()
    # A NUL is in no agency's code (and PostgreSQL refuses it in a query): no agency.
    agency = Agency.objects.filter(code=code).first() if code and "\x00" not in code else None
    if not code:
        agency = user.agency
    if agency is not None and not perms.may_view_agency_obligations(user, agency):
        agency = None
    record = CalendarToken.objects.filter(user=user).first()
    feed_url = ""
    if token and agency is not None:
        feed_url = _site_url(request) + reverse(
            "dashboard:calendar_feed", args=[token, agency.code]
        )
    return {
        "agency": agency,
        "agency_name": queries.agency_label(agency) if agency else "",
        "record": record,
        "feed_url": feed_url,
        "token_made": bool(token),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@writes(Write.OWN)
def calendar(request: HttpRequest) -> HttpResponse:
    """The person's secret calendar address: make, replace or revoke it (POST)."""
    user = _user(request)
    if not perms.may_subscribe_calendar(user):
        raise PermissionDenied
    if request.method == "POST":
        step = request.POST.get("step", "")
        if step == "revoke":
            if services.revoke_calendar_token(user):
                messages.success(
                    request, _("Đã thu hồi địa chỉ lịch: ứng dụng lịch sẽ không nhận được hạn nữa.")
                )
            else:
                messages.info(request, _("Bạn chưa có địa chỉ lịch nào."))
            target = reverse("dashboard:calendar")
            agency = request.POST.get("agency", "")[:120]
            return redirect(f"{target}?{urlencode({'agency': agency})}" if agency else target)
        if step != "issue":
            messages.error(request, _("Thao tác không hợp lệ."))
            return render(
                request, "dashboard/calendar.html", _calendar_context(request), status=400
            )
        try:
            token = services.issue_calendar_token(user)
        except services.TokenError as exc:
            messages.error(request, str(exc))
            return render(
                request, "dashboard/calendar.html", _calendar_context(request), status=400
            )
        # Shown once, in this answer: only its digest is kept.
        return render(request, "dashboard/calendar.html", _calendar_context(request, token))
    return render(request, "dashboard/calendar.html", _calendar_context(request))


@require_safe
def reading(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not perms.may_read_reading_list(user):
        raise PermissionDenied
    chosen = queries.ReadingFilter.from_params(request.GET)
    page = Paginator(queries.reading_list(user, chosen), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "dashboard/reading.html",
        {
            "page": page,
            "chosen": chosen,
            **queries.reading_choices(user),
            "states": [
                *((s.value, s.label) for s in queries.READING_STATES),
                (queries.REVISING, _("Đang điều chỉnh sau khi tiếp nhận")),
            ],
        },
        status=400 if chosen.problems else 200,
    )


reading_page = login_required(reading)
