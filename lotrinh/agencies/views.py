from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency, AgencyKind, AgencySuccession
from lotrinh.agencies.services import valid_on
from lotrinh.agencies.sources import public_sources
from lotrinh.core.dates import filter_day
from lotrinh.core.locale import name_order
from lotrinh.core.replay_cache import replayed_page
from lotrinh.core.text import fold
from lotrinh.programmes.services import agency_tasks


@require_safe
def agency_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    day, day_error = filter_day(request.GET.get("ngay"), today)
    kind = request.GET.get("kind", "")
    q = (request.GET.get("q") or "").strip()[:100]
    agencies = Agency.objects.filter(valid_on(day)).annotate(
        lead_count=Count("assignments", filter=Q(assignments__role="lead")),
        coordinating_count=Count("assignments", filter=Q(assignments__role="coordinating")),
    )
    if kind in AgencyKind.values:
        agencies = agencies.filter(kind=kind)
    for word in fold(q).split():
        agencies = agencies.filter(search_text__contains=word)
    return render(
        request,
        "agencies/list.html",
        {
            "agencies": agencies.order_by("kind", name_order(), "pk"),
            "day": day,
            "day_typed": request.GET.get("ngay") if day_error else day,
            "day_error": day_error,
            "kind": kind,
            "q": q,
            "kinds": AgencyKind.choices,
        },
    )


@replayed_page
@require_safe
def agency_detail(request: HttpRequest, code: str) -> HttpResponse:
    agency = get_object_or_404(Agency, code=code)
    day, day_error = filter_day(request.GET.get("ngay"), timezone.localdate())
    # The successions read once for the page and the permission rules it asks (the link
    # to the obligations page: `permissions.succession_graph`).
    tasks = agency_tasks(agency, day, perms.succession_graph(request.user))
    # By date, then the bodies merged on one day in the order of the names the page shows.
    successions = (
        AgencySuccession.objects.filter(Q(predecessor=agency) | Q(successor=agency))
        .select_related("predecessor", "successor")
        .order_by("effective_date", name_order("predecessor__"), "pk")
    )
    return render(
        request,
        "agencies/detail.html",
        {
            "agency": agency,
            "day": day,
            "day_typed": request.GET.get("ngay") if day_error else day,
            "day_error": day_error,
            "tasks": tasks,
            "successions": successions,
            "aliases": agency.aliases.all(),
            # The reference data's working notes to those who keep it; to everyone else
            # the documents and pages they cite.
            "data_notes": perms.may_read_data_notes(request.user),
            "sources": public_sources(agency.source),
        },
    )
