import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.permissions import (
    ENTER_OBSERVATION,
    can,
    may_review_observation,
    may_see_pending_observations,
)
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.downloads import attachment
from lotrinh.core.exports import for_excel
from lotrinh.core.locale import localized_text
from lotrinh.core.replay_cache import replayed_page
from lotrinh.core.typed_back import typed_texts
from lotrinh.core.uploads import UploadRefused, read_upload
from lotrinh.indicators import requests as data_requests
from lotrinh.indicators import services
from lotrinh.indicators.forms import (
    AnswerRequestForm,
    CsvImportForm,
    DataRequestForm,
    ObservationForm,
    RejectObservationForm,
)
from lotrinh.indicators.models import (
    BACKING_STRENGTH,
    NOT_CHARTED_KINDS,
    Approval,
    Backing,
    DataRequest,
    Indicator,
    Observation,
    Target,
    TaskTargetLink,
)
from lotrinh.indicators.sparkline import sparkline_svg
from lotrinh.indicators.validation import FIRST_YEAR, no_values_reason


def as_of_from(request: HttpRequest) -> datetime.date:
    """The day a page is computed for: `?as_of=30/11/2026` (as the field is typed) or
    `?as_of=2026-11-30` (the site's links), today by default."""
    text = request.GET.get("as_of", "").strip()
    today = timezone.localdate()
    if not text:
        return today
    try:
        day = parse_day(text) or today
    except DayError as exc:
        raise BadAsOf(str(exc)) from None
    if day > today:
        raise BadAsOf(_("Ngày xem số liệu không thể sau hôm nay."))
    if day.year < FIRST_YEAR:
        raise BadAsOf(_("Ngày xem số liệu phải từ năm %(year)s.") % {"year": FIRST_YEAR})
    return day


class BadAsOf(Exception):
    pass


def bad_as_of(request: HttpRequest, exc: BadAsOf) -> HttpResponse:
    return render(request, "indicators/bad_as_of.html", {"message": str(exc)}, status=400)


@replayed_page
@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    try:
        as_of = as_of_from(request)
    except BadAsOf as exc:
        return bad_as_of(request, exc)
    statuses = services.programme_statuses(as_of=as_of)
    cards = [
        {
            "status": s,
            "sparkline": sparkline_svg(
                [p.value for p in s.points], lower_is_better=s.indicator.direction == "lower"
            )
            if s.indicator.kind not in NOT_CHARTED_KINDS
            else "",
        }
        for s in statuses
    ]
    return render(
        request,
        "indicators/overview.html",
        {"cards": cards, "as_of": as_of, "as_of_param": as_of_param(request, as_of)},
    )


def as_of_param(request: HttpRequest, as_of: datetime.date) -> str:
    """The query string that keeps a chosen day across links ("" for today)."""
    return f"?as_of={as_of.isoformat()}" if request.GET.get("as_of") else ""


@require_safe
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(
        Indicator.objects.select_related("proxy_for", "producer_agency"), code=code
    )
    try:
        as_of = as_of_from(request)
    except BadAsOf as exc:
        return bad_as_of(request, exc)
    return render(
        request, "indicators/indicator.html", indicator_context(request, indicator, as_of)
    )


@dataclass
class ReviewRow:
    observation: Observation
    may_review: bool


def indicator_context(
    request: HttpRequest, indicator: Indicator, as_of: datetime.date
) -> dict[str, object]:
    in_effect = services.known_observations([indicator.pk], as_of)
    shown = {o.pk for o in in_effect}
    known = list(
        Observation.objects.filter(
            indicator=indicator, approval=Approval.APPROVED, known_on__lte=as_of
        ).order_by("country", "year", *services.EFFECTIVE_ORDER)
    )
    revisions = [o for o in known if o.pk not in shown]
    # Values waiting for MOST, and refused ones, only for MOST and the agency that entered them.
    under_review = [
        ReviewRow(o, may_review_observation(request.user, o))
        for o in Observation.objects.filter(indicator=indicator)
        .exclude(approval=Approval.APPROVED)
        .select_related("recorded_by", "agency", "reviewed_by", "revision_of")
        .order_by("-recorded_at")
        if may_see_pending_observations(request.user, o.agency_id)
    ]
    targets = [
        services.target_status(t, as_of)
        for t in services.current_targets().filter(indicator=indicator)
    ]
    chart = chart_data(indicator, targets, as_of)
    positions: list[object] = []
    if indicator.computed_from_id:
        evidence = (
            targets[0].evidence
            if targets and targets[0].evidence
            else services.evidence_for(
                indicator,
                services.known_observations([indicator.pk, indicator.computed_from_id], as_of),
            )
        )
        positions = list(reversed(evidence.positions.values()))
    requests = perms.visible_data_requests(
        request.user, DataRequest.objects.filter(indicator=indicator)
    )
    return {
        "releases": release_groups([o for o in known if o.country == services.COUNTRY]),
        "positions": positions,
        "group_indicators": indicator.group_positions.all(),
        "data_requests": data_requests.rows(requests, timezone.localdate()),
        "may_request": perms.may_send_data_request(request.user)
        and data_requests.producing_agency(indicator) is not None,
        "indicator": indicator,
        "as_of": as_of,
        "as_of_param": as_of_param(request, as_of),
        "current": [o for o in in_effect if o.country == services.COUNTRY],
        "members": [o for o in in_effect if o.country != services.COUNTRY],
        "revisions": revisions,
        "pending": [r for r in under_review if r.observation.approval == Approval.PENDING],
        "rejected": [r for r in under_review if r.observation.approval == Approval.REJECTED],
        "targets": targets,
        "chart_json": json.dumps(chart, ensure_ascii=False),
        "proxies": indicator.proxies.all(),
        "may_enter": indicator.takes_values and can(request.user, ENTER_OBSERVATION, indicator),
        # Who entered and approved a value, by name: the people of the cycle only.
        "show_people": perms.may_see_who_recorded(request.user),
    }


@dataclass
class ReleaseGroup:
    """The releases of one year, side by side: the one used and why, and the others."""

    year: int
    used: Observation
    others: list[Observation]
    reason: str


def release_groups(known: list[Observation]) -> list[ReleaseGroup]:
    """Years with several releases known (in EFFECTIVE_ORDER: the last is used)."""
    by_year: dict[int, list[Observation]] = {}
    for o in known:
        by_year.setdefault(o.year, []).append(o)
    groups = []
    for year, items in sorted(by_year.items()):
        if len(items) < 2:
            continue
        used, runner = items[-1], items[-2]
        if used.known_on != runner.known_on:
            reason = _("được dùng vì được công bố sau cùng (số liệu sửa đổi thay số liệu trước)")
        elif BACKING_STRENGTH.get(used.backing, 0) > BACKING_STRENGTH.get(runner.backing, 0):
            reason = _("được dùng vì cùng ngày công bố nhưng có nguồn xác nhận mạnh hơn")
        else:
            reason = _("được dùng vì cùng ngày và cùng mức xác nhận, được duyệt hoặc nạp sau")
        groups.append(ReleaseGroup(year, used, list(reversed(items[:-1])), reason))
    return groups


def chart_data(
    indicator: Indicator, targets: list[services.TargetStatus], as_of: datetime.date
) -> dict[str, object]:
    """The chart of the page's day: the points the statuses were computed from."""
    points = targets[0].points if targets else services.series(indicator, as_of=as_of)
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
    backing = targets[0].evidence.backing if targets and targets[0].evidence else {}
    if not backing:
        backing = {
            o.year: o.backing
            for o in services.known_observations([indicator.pk], as_of, services.COUNTRY)
        }
    labels = dict(Backing.choices)
    ranges: list[list[list[float]]] = []
    for status in targets:
        for row in status.milestones:
            if row.projection and row.projection.low and row.projection.high:
                ranges.append(
                    [
                        [lo.year, round(lo.value, 3), round(hi.value, 3)]
                        for lo, hi in zip(row.projection.low, row.projection.high, strict=False)
                    ]
                )
    return {
        "title": localized_text(indicator, "name"),
        "unit": localized_text(indicator, "unit"),
        "inverse": indicator.direction == "lower",
        "observed": [[p.year, p.value] for p in points],
        # Each observation's backing (the point's mark), and its words in the page language.
        "backing": {str(p.year): backing.get(p.year, "") for p in points},
        "backing_labels": {k: str(v) for k, v in labels.items()},
        "ranges": ranges,
        "milestones": milestones,
        "paths": paths,
        "projections": projections,
    }


@require_safe
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(
        Target.objects.select_related("indicator", "programme", "supersedes"), pk=pk
    )
    try:
        as_of = as_of_from(request)
    except BadAsOf as exc:
        return bad_as_of(request, exc)
    status = services.target_status(target, as_of)
    links = current_links(target)
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
            "as_of": as_of,
            "as_of_param": as_of_param(request, as_of),
        },
    )


def current_links(target: Target) -> list[TaskTargetLink]:
    """The target's task links, each task once: the link of its latest version.

    Links are copied when a programme version replaces another (reporting/carry.py);
    the page lists the same task (same programme code and reference) once.
    """
    links = target.task_links.select_related(
        "task", "task__programme", "task__clause", "task__group"
    ).order_by("-task__programme__version", "task__position")
    latest: dict[tuple[str, str], TaskTargetLink] = {}
    for link in links:
        latest.setdefault((link.task.programme.code, link.task.ref), link)
    return sorted(
        latest.values(), key=lambda link: (link.task.programme.issue_date, link.task.position)
    )


def latest_task_statuses(tasks: list) -> dict[int, str]:
    """The latest reported status of each task, where the reporting cycle has one: the
    task pages' own rule (`reporting.task_status`), as the public reads it."""
    try:
        from lotrinh.reporting.task_status import public_task_labels
    except ImportError:
        return {}
    return public_task_labels(tasks)


def _is_workbook(upload: UploadedFile) -> bool:
    return (upload.name or "").lower().endswith(".xlsx")


def _csv_bytes(upload: UploadedFile) -> bytes:
    """The CSV's (or the workbook's) bytes within the upload limits (size, rows, the zip's
    expansion), before anything decodes them."""
    try:
        return read_upload(upload, "xlsx" if _is_workbook(upload) else "csv")
    except UploadRefused as exc:
        raise services.ObservationError([exc.message]) from None


@login_required
@writes(Write.CREATE)
def enter_observation(request: HttpRequest, code: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    if not can(request.user, ENTER_OBSERVATION, indicator):
        raise PermissionDenied
    # Bound only to a POST: a form bound to the GET's empty data opened full of errors.
    posted = request.POST if request.method == "POST" else None
    form = ObservationForm(posted if "csv" not in request.POST else None, indicator=indicator)
    csv_form = CsvImportForm(posted, request.FILES) if "csv" in request.POST else CsvImportForm()
    context: dict[str, object] = {
        "indicator": indicator,
        "form": form,
        "csv_form": csv_form,
        "no_values": "" if indicator.takes_values else no_values_reason(indicator),
    }
    if request.method == "POST" and "csv" not in request.POST and form.is_valid():
        try:
            services.record_observation(indicator, user=request.user, **form.cleaned_data)
        except services.ObservationError as exc:
            for problem in exc.problems:
                form.add_error(None, problem)
        else:
            messages.success(
                request,
                _(
                    "Đã ghi nhận số liệu; số liệu chờ Bộ KH&CN duyệt trước khi được công bố "
                    "và dùng để tính trạng thái."
                ),
            )
            return redirect("indicators:indicator", code=indicator.code)
    if request.method == "POST" and "csv" in request.POST and csv_form.is_valid():
        upload = csv_form.cleaned_data["file"]
        try:
            result = services.import_open_sdg_csv(
                indicator,
                _csv_bytes(upload),
                citation=csv_form.cleaned_data["citation"],
                user=request.user,
                workbook=_is_workbook(upload),
            )
        except services.ObservationError as exc:
            context["csv_problems"] = exc.problems
        else:
            messages.success(
                request,
                _(
                    "Đã nhập %(n)s dòng số liệu, chờ Bộ KH&CN duyệt; %(same)s dòng trùng giá "
                    "trị đang dùng được bỏ qua."
                )
                % {"n": result.entered, "same": result.unchanged},
            )
            return redirect("indicators:indicator", code=indicator.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/enter.html", context, status=status)


@login_required
@require_POST
@writes(Write.STEP)
def review_observation(request: HttpRequest, code: str, pk: int, decision: str) -> HttpResponse:
    """Approve or reject a pending value (MOST monitors; never one's own entry)."""
    observation = get_object_or_404(
        Observation.objects.select_related("indicator"), pk=pk, indicator__code=code
    )
    if not may_review_observation(request.user, observation):
        raise PermissionDenied
    try:
        if decision == "approve":
            services.approve_observation(observation, request.user)
            messages.success(request, _("Đã duyệt số liệu; số liệu được công bố từ hôm nay."))
        else:
            form = RejectObservationForm(request.POST)
            if not form.is_valid():  # too long, a NUL byte, or none: say which
                raise services.ObservationError(
                    [str(error) for errors in form.errors.values() for error in errors]
                )
            services.reject_observation(observation, request.user, form.cleaned_data["reason"])
            messages.success(request, _("Đã từ chối số liệu."))
    except services.ObservationError as exc:
        context = indicator_context(request, observation.indicator, timezone.localdate())
        context["review_problems"] = exc.problems
        if decision != "approve":
            # Reviewed by another monitor meanwhile, or refused as typed: her reason is
            # shown to be copied (the row's box is gone or empty).
            context["review_typed"] = typed_texts(request, [("reason", _("Lý do từ chối"))])
        return render(request, "indicators/indicator.html", context, status=400)
    return redirect("indicators:indicator", code=code)


@require_safe
def export(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    indicator = get_object_or_404(Indicator, code=code)
    if fmt == "sdmx":
        return attachment(services.export_sdmx_csv(indicator), f"{indicator.code}-sdmx.csv")
    # People open this one in Excel; the SDMX-CSV above stays plain UTF-8 (a machine format).
    return attachment(for_excel(services.export_csv(indicator)), f"{indicator.code}.csv")


@require_safe
def export_all(request: HttpRequest) -> HttpResponse:
    return attachment(services.export_xlsx(), f"chi-tieu-{timezone.localdate().isoformat()}.xlsx")


# ------------------------------------------------------------------ data requests


@login_required
@require_safe
def request_list(request: HttpRequest) -> HttpResponse:
    """The data requests the user may see: MOST and oversight all, an agency its own."""
    rows = data_requests.rows(
        perms.visible_data_requests(request.user, DataRequest.objects.all()),
        timezone.localdate(),
    )
    return render(request, "indicators/requests.html", {"rows": rows})


@login_required
@writes(Write.CREATE)
def request_new(request: HttpRequest, code: str) -> HttpResponse:
    """MOST sends a data request for a figure of `code` to the producing agency."""
    indicator = get_object_or_404(Indicator.objects.select_related("producer_agency"), code=code)
    if not perms.may_send_data_request(request.user):
        raise PermissionDenied
    producer = data_requests.producing_agency(indicator)
    initial = {
        "agency": producer.pk if producer else None,
        "year": timezone.localdate().year - 1,
        "what": localized_text(indicator, "name"),
        "definition": indicator.definition,
        "deadline": timezone.localdate() + datetime.timedelta(days=30),
    }
    form = DataRequestForm(request.POST or None, initial=initial, producer=producer)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            made = data_requests.send_request(indicator, user=request.user, **form.cleaned_data)
        except services.ObservationError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Đã gửi yêu cầu số liệu tới cơ quan."))
            return redirect("indicators:request", pk=made.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "indicators/request_new.html",
        {"indicator": indicator, "form": form, "problems": problems},
        status=status,
    )


@login_required
@writes(Write.EDIT, version="version")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A data request; the agency's reporter answers it here with a figure and its source."""
    item = get_object_or_404(
        DataRequest.objects.select_related("indicator", "agency", "observation", "requested_by"),
        pk=pk,
    )
    if not perms.may_view_data_request(request.user, item):
        raise Http404
    may_answer = perms.may_answer_data_request(request.user, item) and item.status == "open"
    form = AnswerRequestForm(
        request.POST if request.method == "POST" else None,
        initial={"version": item.version},
        indicator=item.indicator,
    )
    problems: list[str] = []
    moved: dict[str, Any] = {}
    if request.method == "POST":
        if not perms.may_answer_data_request(request.user, item):
            raise PermissionDenied
        if form.is_valid():
            try:
                data_requests.answer_request(item, user=request.user, **form.cleaned_data)
            except data_requests.RequestMoved as exc:
                # Open again since the page was read: the form stays filled with what was
                # typed, at the current version, below what changed meanwhile.
                problems = exc.problems
                moved = {
                    "changes": exc.changes,
                    "sent_back": data_requests.sent_back(exc.changes),
                }
                item.refresh_from_db()
                data = request.POST.copy()
                data["version"] = str(exc.current)
                form = AnswerRequestForm(data, indicator=item.indicator)
            except services.ObservationError as exc:
                problems = exc.problems
            else:
                messages.success(
                    request,
                    _("Đã gửi số liệu trả lời; số liệu chờ Bộ KH&CN duyệt trước khi được dùng."),
                )
                return redirect("indicators:request", pk=item.pk)
    state = data_requests.state_of(item, timezone.localdate())
    if request.method == "POST" and not may_answer:
        # Answered or withdrawn meanwhile: the form is gone, what was typed is shown.
        fields = [(name, str(field.label)) for name, field in form.fields.items()]
        answer_typed = typed_texts(request, [f for f in fields if f[0] != "version"])
    else:
        answer_typed = []
    return render(
        request,
        "indicators/request.html",
        {
            "item": item,
            "form": form,
            "may_answer": may_answer,
            "problems": problems,
            "state": state,
            "state_label": data_requests.STATE_LABELS.get(state, state),
            "answer_typed": answer_typed,
            "moved": moved,
        },
        status=(409 if moved else 400) if request.method == "POST" else 200,
    )
