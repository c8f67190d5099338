"""The activity log page (/nhat-ky/) and its spreadsheet: thin, the rules are in
`core/activity.py` and `accounts/permissions.py` (`readable_events`)."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.core import activity
from lotrinh.core.downloads import attachment

View = Callable[..., HttpResponse]


def activity_reader_required(view: View) -> View:
    """Signed in (else the sign-in page), a reader of the log (else 403), then GET/HEAD
    only (else 405): a refused person learns nothing from the method."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not perms.may_read_activity_log(request.user):
            raise PermissionDenied
        return require_safe(view)(request, *args, **kwargs)

    return wrapped


def _filters(
    request: HttpRequest,
) -> tuple[list[Any], list[Any], list[Any], activity.ActivityFilter]:
    """The people, agencies and units the reader may pick, and the filters read from the
    GET: the page and its spreadsheet read them alike."""
    people = activity.people_in_log(request.user)
    agencies = activity.agencies_in_log(request.user)
    units = activity.units_in_log(request.user)
    wanted = activity.read_filter(
        request.GET, [p.pk for p in people], [a.code for a in agencies], [u.pk for u in units]
    )
    return people, agencies, units, wanted


@activity_reader_required
def activity_log(request: HttpRequest) -> HttpResponse:
    user = request.user
    people, agencies, units, wanted = _filters(request)
    page, rows = activity.page_of(user, wanted)
    return render(
        request,
        "core/activity.html",
        {
            "wanted": wanted,
            "people": people,
            "agencies": agencies,
            "units": units,
            "kinds": [(slug, label) for slug, label, _p in activity.KINDS],
            "page": page,
            "rows": rows,
            "whole_programme": perms.reads_whole_activity_log(user),
            # A unit's leader reads her unit's log: the page names the unit.
            "unit": getattr(user, "unit", None) if perms.reads_unit_activity_log(user) else None,
            "export_query": wanted.query_string(),
        },
    )


@activity_reader_required
def activity_xlsx(request: HttpRequest) -> HttpResponse:
    user = request.user
    *_choices, wanted = _filters(request)
    return attachment(
        activity.export_xlsx(user, wanted),
        f"nhat-ky-hoat-dong-{timezone.localdate().isoformat()}.xlsx",
    )
