"""The public portal: what MOST published of the programme's implementation (docs/portal.md).

Every page here shows public data only (accepted and published: `permissions.
public_report_rule`), the same for every visitor, so the data is cached (portal/cache.py);
the management pages (publish, withdraw) are MOST's (`permissions.may_manage_publications`).
"""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.views import capability_required
from lotrinh.portal import cache, datasets, public
from lotrinh.programmes.services import published_programmes


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request, "portal/home.html", {"programmes": published_programmes().order_by("issue_date")}
    )


def _picture() -> public.Picture:
    programmes = cache.remember("programmes", public.portal_programmes)
    if not programmes:
        raise Http404("no programme")
    programme = programmes[-1]
    return cache.remember(f"picture:{programme.pk}", lambda: public.picture(programme))


def _scale_chart(tallies: list[public.Tally], english: bool) -> dict[str, Any]:
    """The data of a stacked bar chart of tallies on the public scale (ECharts)."""
    return {
        "categories": [(t.name_en if english and t.name_en else t.name) for t in tallies],
        "series": [
            {
                "name": public.label(status),
                "color": public.COLOURS[status],
                "data": [t.counts[status] for t in tallies],
            }
            for status in public.SCALE
        ],
    }


def _english(request: HttpRequest) -> bool:
    return (getattr(request, "LANGUAGE_CODE", "vi") or "vi").startswith("en")


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    picture = _picture()
    publications = cache.remember(
        "recent-publications",
        lambda: list(
            public.active_publications().select_related(
                "period", "report__agency", "report__period", "document"
            )[:5]
        ),
    )
    return render(
        request,
        "portal/overview.html",
        {
            "picture": picture,
            "totals": [picture.totals],
            "scale": [(s, public.label(s)) for s in public.SCALE],
            "scale_badges": [(s, public.label(s), public.TONES[s]) for s in public.SCALE],
            "chart": _scale_chart([picture.totals], _english(request)),
            "publications": publications,
        },
    )


@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    picture = _picture()
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("trang-thai", "")
    group = request.GET.get("nhom", "")
    tasks = public.search(picture, query) if query else picture.tasks
    if status in public.SCALE:
        tasks = [t for t in tasks if t.status == status]
    else:
        status = ""
    groups = [(t.key, t.name) for t in picture.by_group]
    if group in {key for key, _name in groups}:
        tasks = [t for t in tasks if (t.group_ref or "-") == group]
    else:
        group = ""
    page = Paginator(tasks, 50).get_page(request.GET.get("trang"))
    return render(
        request,
        "portal/tasks.html",
        {
            "picture": picture,
            "page": page,
            "query": query,
            "status": status,
            "group": group,
            "groups": groups,
            "scale": [(s, public.label(s)) for s in public.SCALE],
        },
    )


@require_GET
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    picture = _picture()
    found = next((t for t in picture.tasks if t.task.pk == pk), None)
    if found is None:
        raise Http404("task")
    return render(request, "portal/task.html", {"picture": picture, "item": found})


PROGRESS_VIEWS = {
    "nhom": "group",
    "co-quan": "agency",
    "muc-tieu": "target",
}


def _target_rows() -> list[dict[str, Any]]:
    """Each current target with its computed status, and the public status of the tasks
    linked to it (from the same public picture)."""
    from lotrinh.indicators.models import TaskTargetLink
    from lotrinh.indicators.services import programme_statuses

    picture = _picture()
    by_ref = {t.task.ref: t for t in picture.tasks}
    linked: dict[int, list[str]] = {}
    for target_id, ref, code in TaskTargetLink.objects.filter(target__is_current=True).values_list(
        "target_id", "task__ref", "task__programme__code"
    ):
        if code == picture.programme.code:
            linked.setdefault(target_id, []).append(ref)
    rows = []
    for status in programme_statuses():
        tally = public.Tally(status.target.code, status.indicator.name_vi)
        tally.name_en = status.indicator.name_en
        for ref in linked.get(status.target.pk, []):
            item = by_ref.get(ref)
            tally.counts[item.status if item else public.NO_DATA] += 1
        first = status.milestones[0] if status.milestones else None
        rows.append(
            {
                "status": status,
                "tally": tally,
                "milestone": first.milestone if first else None,
                "progress": first.progress if first else None,
            }
        )
    return rows


@require_GET
def progress(request: HttpRequest, view: str) -> HttpResponse:
    if view not in PROGRESS_VIEWS:
        raise Http404("view")
    picture = _picture()
    english = _english(request)
    context: dict[str, Any] = {"picture": picture, "view": PROGRESS_VIEWS[view], "slug": view}
    if view == "nhom":
        context["tallies"] = picture.by_group
    elif view == "co-quan":
        context["tallies"] = picture.by_agency
    else:
        rows = cache.remember("targets", _target_rows)
        context["rows"] = rows
        context["tallies"] = [r["tally"] for r in rows if r["tally"].total]
    context["chart"] = _scale_chart(context["tallies"], english)
    context["scale"] = [(s, public.label(s)) for s in public.SCALE]
    context["views"] = [
        ("nhom", _("Theo nhóm nhiệm vụ")),
        ("co-quan", _("Theo cơ quan chủ trì")),
        ("muc-tieu", _("Theo mục tiêu")),
    ]
    return render(request, "portal/progress.html", context)


@require_GET
def documents(request: HttpRequest) -> HttpResponse:
    publications = list(
        public.active_publications()
        .filter(document__isnull=False)
        .select_related("document__programme")
    )
    return render(request, "portal/documents.html", {"publications": publications})


def document_download(request: HttpRequest, pk: int) -> HttpResponse:
    from django.http import FileResponse

    from lotrinh.documents.models import GeneratedDocument

    document = get_object_or_404(perms.public_documents(GeneratedDocument.objects.all()), pk=pk)
    if not document.file:
        raise Http404("file")
    name = f"bao-cao-tong-hop-{document.year}.{document.fmt}"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


@require_GET
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/data.html",
        {"datasets": datasets.catalogue(), "licence": datasets.LICENCE},
    )


@require_GET
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    dataset = datasets.DATASETS.get(name)
    if dataset is None or fmt not in dataset.formats:
        raise Http404("dataset")
    return datasets.response(dataset, fmt, _picture())


@require_GET
def feed(request: HttpRequest) -> HttpResponse:
    from lotrinh.portal.feed import atom

    body = atom(request)
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


# ---------------------------------------------------------------- MOST: publications


@capability_required(perms.MANAGE_PUBLICATION)
@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    from lotrinh.portal import manage as queries

    return render(request, "portal/manage.html", queries.manage_context())


@login_required
@require_POST
@capability_required(perms.MANAGE_PUBLICATION)
def publish(request: HttpRequest) -> HttpResponse:
    from lotrinh.portal import manage as queries

    queries.publish_from_form(request)
    return HttpResponseRedirect(reverse("portal:manage"))


@login_required
@require_POST
@capability_required(perms.MANAGE_PUBLICATION)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    from lotrinh.portal import manage as queries
    from lotrinh.portal.models import Publication

    publication = get_object_or_404(Publication, pk=pk)
    queries.withdraw_from_form(request, publication)
    return HttpResponseRedirect(reverse("portal:manage"))
