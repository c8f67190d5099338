import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts.permissions import ENTER_OBSERVATION, can
from lotrinh.core.downloads import attachment
from lotrinh.core.uploads import UploadRefused, read_upload
from lotrinh.indicators import services
from lotrinh.indicators.forms import CsvImportForm, ObservationForm
from lotrinh.indicators.models import Indicator, Observation, Target
from lotrinh.indicators.sparkline import sparkline_svg


def overview(request: HttpRequest) -> HttpResponse:
    statuses = services.programme_statuses()
    cards = [
        {
            "status": s,
            "sparkline": sparkline_svg(
                [p.value for p in s.points], lower_is_better=s.indicator.direction == "lower"
            ),
        }
        for s in statuses
    ]
    return render(
        request, "indicators/overview.html", {"cards": cards, "as_of": timezone.localdate()}
    )


def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("proxy_for"), code=code)
    observations = list(
        Observation.objects.filter(indicator=indicator)
        .select_related("revision_of", "recorded_by")
        .order_by("country", "year", "recorded_at")
    )
    targets = [
        services.target_status(t) for t in services.current_targets().filter(indicator=indicator)
    ]
    chart = chart_data(indicator, targets)
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": indicator,
            "observations": observations,
            "current": [o for o in observations if o.is_current and o.country == services.COUNTRY],
            "members": [o for o in observations if o.is_current and o.country != services.COUNTRY],
            "revisions": [o for o in observations if not o.is_current],
            "targets": targets,
            "chart_json": json.dumps(chart, ensure_ascii=False),
            "proxies": indicator.proxies.all(),
            "may_enter": can(request.user, ENTER_OBSERVATION),
        },
    )


def chart_data(indicator: Indicator, targets: list[services.TargetStatus]) -> dict[str, object]:
    points = services.series(indicator)
    milestones: list[list[object]] = []
    paths: list[list[list[float]]] = []
    projections: list[list[list[float]]] = []
    for status in targets:
        target = status.target
        for row in status.milestones:
            m = row.milestone
            if m.value is not None and indicator.kind != "average_growth":
                milestones.append([m.year, m.value, m.text])
                if target.baseline_year is not None and target.baseline_value is not None:
                    paths.append([[target.baseline_year, target.baseline_value], [m.year, m.value]])
            if row.projection:
                projections.append([[p.year, round(p.value, 3)] for p in row.projection.points])
    return {
        "title": indicator.name_vi,
        "unit": indicator.unit,
        "inverse": indicator.direction == "lower",
        "observed": [[p.year, p.value] for p in points],
        "milestones": milestones,
        "paths": paths,
        "projections": projections,
    }


def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(
        Target.objects.select_related("indicator", "programme", "supersedes"), pk=pk
    )
    status = services.target_status(target)
    links = list(
        target.task_links.select_related("task", "task__programme", "task__clause", "task__group")
    )
    task_status = latest_task_statuses([link.task for link in links])
    versions = Target.objects.filter(programme=target.programme, code=target.code).order_by(
        "-version"
    )
    return render(
        request,
        "indicators/target.html",
        {
            "target": target,
            "status": status,
            "links": links,
            "task_status": task_status,
            "versions": versions,
        },
    )


def latest_task_statuses(tasks: list) -> dict[int, str]:
    """The latest reported status of each task, where the reporting cycle has one."""
    try:
        from lotrinh.reporting.services import latest_task_statuses as from_reports
    except ImportError:
        return {}
    return from_reports(tasks)


def _csv_bytes(upload: UploadedFile) -> bytes:
    """The CSV's bytes within the upload limits (size, rows), before anything decodes them."""
    try:
        return read_upload(upload, "csv")
    except UploadRefused as exc:
        raise services.ObservationError([exc.message]) from None


def enter_observation(request: HttpRequest, code: str) -> HttpResponse:
    if not can(request.user, ENTER_OBSERVATION):
        raise PermissionDenied
    indicator = get_object_or_404(Indicator, code=code)
    form = ObservationForm(request.POST or None, indicator=indicator)
    csv_form = (
        CsvImportForm(request.POST or None, request.FILES or None)
        if "csv" in request.POST
        else CsvImportForm()
    )
    if request.method == "POST" and "csv" not in request.POST and form.is_valid():
        services.record_observation(indicator, user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("Đã ghi nhận số liệu; giá trị trước đó (nếu có) được giữ lại như một lần sửa đổi."),
        )
        return redirect("indicators:indicator", code=indicator.code)
    if request.method == "POST" and "csv" in request.POST and csv_form.is_valid():
        upload = csv_form.cleaned_data["file"]
        try:
            count = services.import_open_sdg_csv(
                indicator,
                _csv_bytes(upload),
                citation=csv_form.cleaned_data["citation"],
                user=request.user,
            )
        except services.ObservationError as exc:
            return render(
                request,
                "indicators/enter.html",
                {
                    "indicator": indicator,
                    "form": form,
                    "csv_form": csv_form,
                    "csv_problems": exc.problems,
                },
                status=400,
            )
        messages.success(request, _("Đã nhập %(n)s dòng số liệu.") % {"n": count})
        return redirect("indicators:indicator", code=indicator.code)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "indicators/enter.html",
        {"indicator": indicator, "form": form, "csv_form": csv_form},
        status=status,
    )


def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    if fmt == "sdmx":
        return attachment(services.export_sdmx_csv(indicator), f"{indicator.code}-sdmx.csv")
    return attachment(services.export_csv(indicator), f"{indicator.code}.csv")


def export_all(request: HttpRequest) -> HttpResponse:
    return attachment(services.export_xlsx(), f"chi-tieu-{timezone.localdate().isoformat()}.xlsx")
