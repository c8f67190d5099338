"""The public portal: what MOST published of the programme's implementation (docs/portal.md).

Every page here shows public data only (accepted and published: `permissions.
public_report_rule`), the same for every visitor, so the data is cached (portal/cache.py);
the management pages (publish, withdraw) are MOST's (`permissions.may_manage_publications`).
"""

import hashlib
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.views import capability_required
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.downloads import stored_file
from lotrinh.core.prepared import Prepared
from lotrinh.portal import cache, datasets, page_cache, public
from lotrinh.programmes.services import published_programmes

# National programmes only: an agency's own plan is not public (permissions.py).
_programmes = Prepared(
    lambda: perms.national_programmes(published_programmes()).order_by("issue_date"), [], []
)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    # The published programmes, by a query compiled once per connection (core/prepared.py);
    # an anonymous visitor gets the page rendered from the same rows from the cache
    # (portal/page_cache.py).
    rows = _programmes.raw()

    def render_page() -> HttpResponse:
        context = {"programmes": _programmes.objects_from(rows)}
        return render(request, "portal/home.html", context | page_cache.placeholders(request))

    return page_cache.serve(request, "home", rows, render_page)


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
        # Names shown in Vietnamese on an English page (no English name): marked so.
        "vietnamese": [english and not t.name_en for t in tallies],
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


def _page(
    request: HttpRequest, key: str, build: Callable[[], dict[str, Any]], charts: bool = False
) -> HttpResponse:
    """A public page whose content (title and body, the same for every visitor) is cached
    under the public state's key (portal/cache.py); the header around it is the person's."""

    def render_body() -> dict[str, Any]:
        context = build()
        body = render_to_string(context.pop("template"), context, request=request)
        return {"title": context["title"], "body": mark_safe(body), "charts": charts}  # noqa: S308

    page = cache.remember(f"page:{key}", render_body)
    return render(request, "portal/page.html", {"page": page})


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    def build() -> dict[str, Any]:
        picture = _picture()
        publications = list(
            public.active_publications().select_related(
                "period", "report__agency", "report__period", "document"
            )[:5]
        )
        return {
            "template": "portal/body/overview.html",
            "title": _("Trang công khai"),
            "picture": picture,
            "totals": [picture.totals],
            "scale": [(s, public.label(s)) for s in public.SCALE],
            "scale_badges": [(s, public.label(s), public.TONES[s]) for s in public.SCALE],
            "chart": _scale_chart([picture.totals], _english(request)),
            "publications": publications,
        }

    return _page(request, "overview", build, charts=True)


@require_safe
def task_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    status = request.GET.get("trang-thai", "")
    group = request.GET.get("nhom", "")
    number = request.GET.get("trang", "")

    def build() -> dict[str, Any]:
        picture = _picture()
        chosen = status if status in public.SCALE else ""
        tasks = public.search(picture, query) if query else picture.tasks
        if chosen:
            tasks = [t for t in tasks if t.status == chosen]
        groups = [(t.key, t.name) for t in picture.by_group]
        in_group = group if group in {key for key, _name in groups} else ""
        if in_group:
            tasks = [t for t in tasks if (t.group_ref or "-") == in_group]
        return {
            "template": "portal/body/tasks.html",
            "title": _("Nhiệm vụ và kết quả đã công bố"),
            "picture": picture,
            "page": Paginator(tasks, 50).get_page(number),
            "query": query,
            "status": chosen,
            "group": in_group,
            "groups": groups,
            "scale": [(s, public.label(s)) for s in public.SCALE],
        }

    key = hashlib.sha256(f"{query}|{status}|{group}|{number}".encode()).hexdigest()[:24]
    return _page(request, f"tasks:{key}", build)


@require_safe
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    def build() -> dict[str, Any]:
        picture = _picture()
        found = next((t for t in picture.tasks if t.task.pk == pk), None)
        if found is None:
            raise Http404("task")
        return {
            "template": "portal/body/task.html",
            "title": _("Nhiệm vụ %(ref)s") % {"ref": found.task.ref},
            "picture": picture,
            "item": found,
        }

    return _page(request, f"task:{pk}", build)


PROGRESS_VIEWS = {
    "nhom": "group",
    "co-quan": "agency",
    "muc-tieu": "target",
}


def _target_rows(picture: public.Picture) -> list[dict[str, Any]]:
    """Each current target with its computed status, and the public status of the tasks
    linked to it (from the same public picture)."""
    from lotrinh.indicators.models import TaskTargetLink
    from lotrinh.indicators.services import programme_statuses

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
                # A target measured by its linked tasks counts them in every programme;
                # the tally counts this programme's only, so both numbers are shown.
                "counted_tasks": len(status.tasks) if status.tasks is not None else None,
            }
        )
    return rows


@require_safe
def progress(request: HttpRequest, view: str) -> HttpResponse:
    if view not in PROGRESS_VIEWS:
        raise Http404("view")

    def build() -> dict[str, Any]:
        picture = _picture()
        context: dict[str, Any] = {
            "template": "portal/body/progress.html",
            "title": _("Tiến độ thực hiện"),
            "picture": picture,
            "view": PROGRESS_VIEWS[view],
            "slug": view,
        }
        if view == "nhom":
            context["tallies"] = picture.by_group
        elif view == "co-quan":
            context["tallies"] = public.agencies_in_page_order(picture.by_agency)
        else:
            rows = _target_rows(picture)
            context["rows"] = rows
            context["tallies"] = [r["tally"] for r in rows if r["tally"].total]
        context["chart"] = _scale_chart(context["tallies"], _english(request))
        context["scale"] = [(s, public.label(s)) for s in public.SCALE]
        context["views"] = [
            ("nhom", _("Theo nhóm nhiệm vụ")),
            ("co-quan", _("Theo cơ quan chủ trì")),
            ("muc-tieu", _("Theo mục tiêu")),
        ]
        return context

    return _page(request, f"progress:{view}", build, charts=True)


@require_safe
def documents(request: HttpRequest) -> HttpResponse:
    def build() -> dict[str, Any]:
        publications = list(
            public.active_publications()
            .filter(document__isnull=False)
            .select_related("document__programme")
        )
        return {
            "template": "portal/body/documents.html",
            "title": _("Văn bản công bố"),
            "publications": publications,
        }

    return _page(request, "documents", build)


@require_safe
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    from lotrinh.documents.models import GeneratedDocument

    document = get_object_or_404(perms.public_documents(GeneratedDocument.objects.all()), pk=pk)
    return stored_file(document)


@require_safe
def open_data(request: HttpRequest) -> HttpResponse:
    body = render_to_string(
        "portal/body/data.html",
        {"datasets": datasets.catalogue(), "licence": datasets.LICENCE},
        request=request,
    )
    return render(request, "portal/page.html", {"page": {"title": _("Dữ liệu mở"), "body": body}})


@require_safe
def download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    dataset = datasets.DATASETS.get(name)
    if dataset is None or fmt not in dataset.formats:
        raise Http404("dataset")
    return datasets.response(dataset, fmt, _picture())


@require_safe
def feed(request: HttpRequest) -> HttpResponse:
    from lotrinh.portal.feed import atom

    body = atom(request)
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


# ---------------------------------------------------------------- MOST: publications


@capability_required(perms.MANAGE_PUBLICATION)
@require_safe
def manage(request: HttpRequest) -> HttpResponse:
    return _manage_page(request)


def _manage_page(
    request: HttpRequest,
    posted: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The publication page; after a refusal, the form that was sent holds what was
    chosen and typed (nothing published, nothing to type again)."""
    from lotrinh.portal import manage as queries

    context = {**queries.manage_context(), "posted": posted or {}, "errors": errors or {}}
    return render(request, "portal/manage.html", context, status=status)


@login_required
@require_POST
@capability_required(perms.MANAGE_PUBLICATION)
@writes(Write.CREATE)
def publish(request: HttpRequest) -> HttpResponse:
    from lotrinh.portal import manage as queries

    errors = queries.publish_from_form(request)
    if errors is not None:
        return _manage_page(request, queries.posted(request, queries.PUBLISH_FIELDS), errors, 400)
    return HttpResponseRedirect(reverse("portal:manage"))


@login_required
@require_POST
@capability_required(perms.MANAGE_PUBLICATION)
@writes(Write.STEP)
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    from lotrinh.portal import manage as queries
    from lotrinh.portal.models import Publication

    publication = get_object_or_404(Publication, pk=pk)
    if not queries.withdraw_from_form(request, publication):
        typed = {
            "withdraw": str(publication.pk),
            "reason": queries.posted(request, ("reason",))["reason"],
        }
        return _manage_page(request, typed, status=400)
    return HttpResponseRedirect(reverse("portal:manage"))
