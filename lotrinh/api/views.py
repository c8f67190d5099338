"""The REST API, version 1 (docs/api.md). Views are thin: visibility comes from
`lotrinh/accounts/permissions.py`, every write from the same service functions the pages
call (same rules, validation, optimistic versions, audit events)."""

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency, AgencySuccession
from lotrinh.agencies.services import SuccessionGraph
from lotrinh.api import params
from lotrinh.api import serializers as s
from lotrinh.api.errors import ApiError, precondition_required
from lotrinh.api.preconditions import parse_if_match
from lotrinh.core.concurrency import Write
from lotrinh.core.downloads import stored_file
from lotrinh.core.text import fold
from lotrinh.documents.models import GeneratedDocument
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.programmes.models import (
    Clause,
    Programme,
    ProgrammeStatus,
    Task,
    TaskAssignment,
    TaskGroup,
    TaskLink,
    UnitAssignment,
)
from lotrinh.reporting import services as reporting
from lotrinh.reporting.models import (
    AgencyReport,
    ReportEntry,
    ReportingPeriod,
    ReportingRegime,
)
from lotrinh.reporting.plans import child_plans

PUBLIC_PROGRAMME_STATES = (ProgrammeStatus.PUBLISHED, ProgrammeStatus.SUPERSEDED)

# ---------------------------------------------------------------- helpers


_int = params.integer
_date = params.day
_text = params.text


def etag(version: int) -> str:
    return f'"v{version}"'


def if_match(request: Request, current: int, stored: Any) -> int:
    """The version the If-Match header says the client read, for the service's version
    check (the one the pages' forms go through): `current` when it matches (RFC 9110
    strong comparison, a list). Missing or malformed: 428; `*` too (it names no version
    read), with `stored()`. Naming no version of
    ours (weak tags only, tags this server never gave): 412 with `stored()`, the values
    as stored, and nothing written."""
    header = parse_if_match(request.headers.get("If-Match"))
    if header is None:
        raise precondition_required()
    if header.any:
        # `*` matches whatever is stored now, so the service could not tell a double
        # submit or a stale tab from a fresh read: a write names the version it read.
        raise ApiError(
            428,
            "precondition_required",
            _(
                'If-Match: * không cho biết bạn đã đọc phiên bản nào, nên không chặn được việc ghi đè bản mới hơn hay gửi hai lần. Chưa ghi gì: hãy gửi ETag đã đọc bằng GET (ví dụ "v3").'
            ),
            current=stored(),
        )
    version = header.version_read(current)
    if version is None:
        raise ApiError(
            412,
            "precondition_failed",
            _(
                'If-Match không khớp phiên bản đang lưu: chỉ ETag mạnh đọc được bằng GET (ví dụ "v3") mới khớp; ETag yếu (W/"…") không bao giờ khớp. Chưa ghi gì: hãy đọc lại rồi gửi với ETag đó.'
            ),
            current=stored(),
        )
    return version


def with_etag(response: Response, version: int) -> Response:
    response["ETag"] = etag(version)
    return response


def filter_param(name: str, description: str, kind: Any = OpenApiTypes.STR) -> OpenApiParameter:
    return OpenApiParameter(
        name, kind, OpenApiParameter.QUERY, required=False, description=description
    )


AS_OF = filter_param("as_of", "A day (YYYY-MM-DD); today by default.", OpenApiTypes.DATE)
PROGRAMME = filter_param("programme", "A programme's id.", OpenApiTypes.INT)
ERROR = OpenApiResponse(description="An error in the documented shape (docs/api.md).")
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=(
        'The ETag read with GET, e.g. "v3" (or a list of them, or *). Strong comparison '
        '(RFC 9110): a weak W/"v3" never matches. Missing or malformed: 428; stale or '
        "matching nothing: 412 with the current values."
    ),
)


# ---------------------------------------------------------------- programmes


def _readable_programmes(request: Request) -> QuerySet[Programme]:
    """Published and superseded programmes the caller may read: an agency's own plan is
    not public (`permissions.readable_programmes`, the rule of its web pages)."""
    return perms.readable_programmes(  # type: ignore[no-any-return]
        request.user, Programme.objects.filter(status__in=PUBLIC_PROGRAMME_STATES)
    )


@extend_schema_view(
    list=extend_schema(
        summary="Programmes and their versions (published and superseded)",
        parameters=[
            filter_param("code", "The programme's number, e.g. 50/NQ-CP."),
            filter_param(
                "issuer",
                "The issuing agency's code: agencies' plans may share a number "
                "(two provinces' 144/KH-UBND).",
            ),
            filter_param("slug", "The programme's address: each agency's plan has its own."),
        ],
    ),
    retrieve=extend_schema(summary="One programme version"),
)
class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ProgrammeSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        queryset = _readable_programmes(self.request).order_by("code", "issuer__code", "version")
        code, issuer, slug = (_text(self.request, k) for k in ("code", "issuer", "slug"))
        if code:
            queryset = queryset.filter(code=code)
        if issuer:
            queryset = queryset.filter(issuer__code=issuer)
        if slug:
            queryset = queryset.filter(slug=slug)
        return queryset.select_related("issuer")


@extend_schema_view(
    list=extend_schema(summary="Clauses of published programmes", parameters=[PROGRAMME]),
    retrieve=extend_schema(summary="One clause"),
)
class ClauseViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ClauseSerializer

    def get_queryset(self) -> QuerySet[Clause]:
        queryset = Clause.objects.filter(programme__in=_readable_programmes(self.request)).order_by(
            "programme_id", "position"
        )
        programme = _int(self.request, "programme")
        return queryset.filter(programme_id=programme) if programme else queryset


@extend_schema_view(
    list=extend_schema(summary="Task groups", parameters=[PROGRAMME]),
    retrieve=extend_schema(summary="One task group"),
)
class TaskGroupViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TaskGroupSerializer

    def get_queryset(self) -> QuerySet[TaskGroup]:
        queryset = TaskGroup.objects.filter(
            programme__in=_readable_programmes(self.request)
        ).order_by("programme_id", "position")
        programme = _int(self.request, "programme")
        return queryset.filter(programme_id=programme) if programme else queryset


@extend_schema_view(
    list=extend_schema(
        summary="Tasks (public)",
        parameters=[
            PROGRAMME,
            filter_param("group", "A task group's id.", OpenApiTypes.INT),
            filter_param(
                "agency", "An agency's code: tasks assigned to it (lead or coordinating)."
            ),
            filter_param("role", "With `agency`: lead or coordinating."),
            filter_param("q", "Words of the task's text (accents optional)."),
        ],
    ),
    retrieve=extend_schema(summary="One task with its assignments"),
)
class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        queryset = (
            Task.objects.filter(programme__in=_readable_programmes(self.request))
            .select_related("group")
            .prefetch_related(
                Prefetch(
                    "assignments",
                    queryset=TaskAssignment.objects.select_related("agency").order_by("position"),
                )
            )
            .order_by("programme_id", "position")
        )
        programme, group = _int(self.request, "programme"), _int(self.request, "group")
        agency, role, words = (_text(self.request, name) for name in ("agency", "role", "q"))
        if programme:
            queryset = queryset.filter(programme_id=programme)
        if group:
            queryset = queryset.filter(group_id=group)
        if agency:
            rule = Q(assignments__agency__code=agency)
            if role:
                rule &= Q(assignments__role=role)
            queryset = queryset.filter(rule).distinct()
        if words:
            queryset = queryset.filter(search_text__contains=fold(words))
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Task assignments",
        parameters=[
            filter_param("task", "A task's id.", OpenApiTypes.INT),
            filter_param("agency", "An agency's code."),
        ],
    ),
    retrieve=extend_schema(summary="One assignment"),
)
class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AssignmentSerializer

    def get_queryset(self) -> QuerySet[TaskAssignment]:
        queryset = (
            TaskAssignment.objects.filter(task__programme__in=_readable_programmes(self.request))
            .select_related("agency")
            .order_by("task_id", "position")
        )
        task = _int(self.request, "task")
        if task:
            queryset = queryset.filter(task_id=task)
        agency = _text(self.request, "agency")
        if agency:
            queryset = queryset.filter(agency__code=agency)
        return queryset


# ---------------------------------------------------------------- agencies


@extend_schema_view(
    list=extend_schema(
        summary="Agencies with their successions, as of a day",
        parameters=[
            AS_OF,
            filter_param("valid", "1: only agencies that exist on `as_of`."),
            filter_param("q", "Words of the name (accents optional)."),
        ],
    ),
    retrieve=extend_schema(summary="One agency as of a day", parameters=[AS_OF]),
)
class AgencyViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.AgencySerializer
    lookup_field = "code"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self) -> QuerySet[Agency]:
        from django.db.models import Prefetch

        from lotrinh.agencies.models import Unit

        queryset = Agency.objects.order_by("name_sort", "pk").prefetch_related(
            Prefetch(
                "units",
                queryset=Unit.objects.filter(proposed=False).select_related("parent"),
                to_attr="published_units",
            )
        )
        if _text(self.request, "valid") == "1":
            from lotrinh.agencies.services import valid_on

            queryset = queryset.filter(valid_on(_date(self.request, "as_of")))
        words = _text(self.request, "q")
        if words:
            queryset = queryset.filter(search_text__contains=fold(words))
        return queryset

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        successions: dict[int, list[AgencySuccession]] = {}
        for row in AgencySuccession.objects.select_related("predecessor", "successor"):
            successions.setdefault(row.predecessor_id, []).append(row)
            if row.successor_id:
                successions.setdefault(row.successor_id, []).append(row)
        context.update(
            as_of=_date(self.request, "as_of"),
            graph=SuccessionGraph.load(),
            successions=successions,
        )
        return context


@extend_schema_view(
    list=extend_schema(summary="Agency successions (merged into, renamed, split)"),
    retrieve=extend_schema(summary="One succession"),
)
class SuccessionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.SuccessionSerializer
    queryset = AgencySuccession.objects.select_related("predecessor", "successor").order_by(
        "effective_date", "id"
    )


# ---------------------------------------------------------------- regimes, periods, plans


@extend_schema_view(
    list=extend_schema(summary="Reporting regimes", parameters=[PROGRAMME]),
    retrieve=extend_schema(summary="One reporting regime"),
)
class RegimeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RegimeSerializer

    def get_queryset(self) -> QuerySet[ReportingRegime]:
        queryset = ReportingRegime.objects.filter(
            programme__in=_readable_programmes(self.request)
        ).order_by("programme_id", "id")
        programme = _int(self.request, "programme")
        return queryset.filter(programme_id=programme) if programme else queryset


@extend_schema_view(
    list=extend_schema(
        summary="Reporting periods",
        parameters=[
            filter_param("regime", "A regime's id.", OpenApiTypes.INT),
            filter_param("year", "A year.", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="One reporting period"),
)
class PeriodViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PeriodSerializer

    def get_queryset(self) -> QuerySet[ReportingPeriod]:
        queryset = ReportingPeriod.objects.filter(
            regime__programme__in=_readable_programmes(self.request)
        ).order_by("regime_id", "year")
        regime, year = _int(self.request, "regime"), _int(self.request, "year")
        if regime:
            queryset = queryset.filter(regime_id=regime)
        if year:
            queryset = queryset.filter(year=year)
        return queryset


def _plan_tasks() -> QuerySet[Task]:
    return Task.objects.order_by("programme_id", "position").prefetch_related(
        Prefetch("links_up", queryset=TaskLink.objects.select_related("parent_task")),
        Prefetch(
            "unit_assignments",
            queryset=UnitAssignment.objects.select_related("unit").order_by("role", "position"),
        ),
    )


def _visible_plans(request: Request) -> QuerySet[Programme]:
    """Agencies' plans (child programmes) the caller may read: its own agency's, drafts
    included; every agency's issued plans for those who follow compliance."""
    return perms.visible_child_programmes(  # type: ignore[no-any-return]
        request.user, child_plans()
    )


@extend_schema_view(
    list=extend_schema(
        summary="Implementation plans the caller may read",
        description=(
            "An agency's implementation plan of a programme is its child programme"
            " (docs/cascade.md): issued when published, with its number and date."
        ),
        parameters=[filter_param("agency", "An agency's code."), PROGRAMME],
    ),
    retrieve=extend_schema(summary="One implementation plan with its tasks"),
)
class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PlanSerializer

    def get_queryset(self) -> QuerySet[Programme]:
        queryset = (
            _visible_plans(self.request)
            .select_related("issuer")
            .prefetch_related(Prefetch("tasks", queryset=_plan_tasks()))
            .order_by("issuer__name_sort", "id")
        )
        programme = _int(self.request, "programme")
        if programme:
            queryset = queryset.filter(implements_id=programme)
        agency = _text(self.request, "agency")
        if agency:
            queryset = queryset.filter(issuer__code=agency)
        return queryset


@extend_schema_view(
    list=extend_schema(
        summary="Tasks of the plans the caller may read",
        parameters=[filter_param("plan", "A plan's id.", OpenApiTypes.INT)],
    ),
    retrieve=extend_schema(summary="One task of a plan"),
)
class PlanTaskViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PlanTaskSerializer

    def get_queryset(self) -> QuerySet[Task]:
        queryset = _plan_tasks().filter(programme__in=_visible_plans(self.request))
        plan = _int(self.request, "plan")
        return queryset.filter(programme_id=plan) if plan else queryset


# ---------------------------------------------------------------- reports


def _step_errors(call: Any, report: AgencyReport, context: dict[str, Any]) -> AgencyReport:
    """Run a workflow step; its refusals in the API's shape."""
    try:
        result: AgencyReport = call()
    except reporting.AlreadyDone as exc:
        report.refresh_from_db()
        raise ApiError(
            412,
            "precondition_failed",
            str(exc),
            current=s.ReportSerializer(report, context=context).data,
        ) from None
    except reporting.WorkflowError as exc:
        raise ApiError(409, "refused", str(exc)) from None
    return result


STEPS: dict[str, tuple[str, Any]] = {
    # step → (capability checked first, service call)
    "request-approval": (
        perms.EDIT_REPORT,
        lambda r, u, c, v: reporting.request_approval(r, u, expected_version=v),
    ),
    "approve": (
        perms.APPROVE_REPORT,
        lambda r, u, c, v: reporting.approve_report(r, u, expected_version=v),
    ),
    "send-back": (
        perms.APPROVE_REPORT,
        lambda r, u, c, v: reporting.return_to_drafter(r, u, c, expected_version=v),
    ),
    "submit": (
        perms.SUBMIT_REPORT,
        lambda r, u, c, v: reporting.submit_report(r, u, expected_version=v),
    ),
    "accept": (
        perms.REVIEW_REPORT,
        lambda r, u, c, v: reporting.accept_report(r, u, expected_version=v),
    ),
    "return": (
        perms.REVIEW_REPORT,
        lambda r, u, c, v: reporting.return_report(r, u, c, expected_version=v),
    ),
}


def _may_step(user: Any, capability: str, report: AgencyReport) -> bool:
    # The one rule, with the report: a unit's report is its agency's monitors' to accept
    # or return, a Party committee's the receiving body's, any other MOST's (the pages
    # and the service decide the same way).
    return perms.can(user, capability, report)


@extend_schema_view(
    list=extend_schema(
        summary="Reports the caller may read (own agency: every state; others: by role)",
        parameters=[
            filter_param("agency", "An agency's code."),
            filter_param(
                "unit",
                "A unit's code: that unit's reports to its agency; `none`: the agencies' "
                "own reports only.",
            ),
            filter_param("year", "A year.", OpenApiTypes.INT),
            filter_param("status", "draft, approved, submitted, returned or accepted."),
        ],
    ),
    retrieve=extend_schema(summary="One report (ETag: its workflow version)"),
)
class ReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    # How each write meets a repeat or a stale read (lotrinh/core/concurrency.py).
    concurrency = {
        "create": {"kinds": frozenset({Write.CREATE}), "version": ""},
        "step": {"kinds": frozenset({Write.STEP}), "version": ""},
        "sections": {"kinds": frozenset({Write.EDIT}), "version": "If-Match"},
    }
    serializer_class = s.ReportSerializer

    def get_queryset(self) -> QuerySet[AgencyReport]:
        queryset = reporting.reports_for_user(self.request.user).order_by("-period__year", "id")  # type: ignore[arg-type]
        agency, status = _text(self.request, "agency"), _text(self.request, "status")
        if agency:
            queryset = queryset.filter(agency__code=agency)
        unit = _text(self.request, "unit")
        if unit == "none":
            queryset = queryset.filter(unit__isnull=True)
        elif unit:
            queryset = queryset.filter(unit__code=unit)
        year = _int(self.request, "year")
        if year:
            queryset = queryset.filter(period__year=year)
        if status:
            queryset = queryset.filter(status=status)
        return queryset

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        return with_etag(Response(self.get_serializer(report).data), report.version)

    @extend_schema(
        summary="Start the own agency's report for a regime and year",
        request=s.ReportStartSerializer,
        responses={
            201: s.ReportSerializer,
            200: s.ReportSerializer,
            400: ERROR,
            403: ERROR,
            409: ERROR,
        },
        examples=[
            OpenApiExample("Start 2025", value={"regime": 1, "year": 2025}, request_only=True)
        ],
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = s.ReportStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user
        agency_id: int | None = getattr(user, "agency_id", None)
        if agency_id is None or not (
            perms.can(user, perms.EDIT_REPORT, getattr(user, "agency", None))
            or perms.can(user, perms.APPROVE_REPORT, getattr(user, "agency", None))
        ):
            raise ApiError(403, "permission_denied", _("Bạn không có quyền lập báo cáo."))
        # Whether the regime is the agency's is start_report's rule (one query); an id
        # that names no regime gets the same refusal as another agency's.
        regime = ReportingRegime.objects.filter(pk=data.validated_data["regime"]).first()
        try:
            report, started = reporting.start_report(user, regime, data.validated_data["year"])
        except reporting.NotOwnRegime as exc:
            raise ApiError(400, "invalid", str(exc), fields={"regime": [str(exc)]}) from None
        except reporting.WorkflowError as exc:
            raise ApiError(409, "refused", str(exc)) from None
        code = status.HTTP_201_CREATED if started else status.HTTP_200_OK
        return with_etag(Response(self.get_serializer(report).data, status=code), report.version)

    @extend_schema(
        summary="A workflow step: request-approval, approve, send-back, submit, accept, return",
        parameters=[
            IF_MATCH,
            OpenApiParameter(
                "step",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                enum=list(STEPS),
                description="The step (who may take it: docs/api.md).",
            ),
        ],
        request=s.StepSerializer,
        responses={
            200: s.ReportSerializer,
            403: ERROR,
            404: ERROR,
            409: ERROR,
            412: ERROR,
            428: ERROR,
        },
    )
    @action(detail=True, methods=["post"], url_path=r"steps/(?P<step>[a-z-]+)", url_name="step")
    def step(self, request: Request, pk: str | None = None, step: str = "") -> Response:
        report = self.get_object()
        if step not in STEPS:
            raise ApiError(404, "not_found", _("Không có bước này."))
        capability, call = STEPS[step]
        if not _may_step(request.user, capability, report):
            raise ApiError(403, "permission_denied", _("Bạn không có quyền thực hiện bước này."))
        context = self.get_serializer_context()
        version = if_match(
            request, report.version, lambda: s.ReportSerializer(report, context=context).data
        )
        body = s.StepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        comment = body.validated_data.get("comment", "")
        done = _step_errors(lambda: call(report, request.user, comment, version), report, context)
        done.refresh_from_db()
        return with_etag(Response(s.ReportSerializer(done, context=context).data), done.version)

    @extend_schema(
        summary="The free-text sections (ETag: their own version)",
        methods=["GET"],
        responses={200: s.SectionsSerializer},
    )
    @extend_schema(
        summary="Save the free-text sections",
        methods=["PUT"],
        parameters=[IF_MATCH],
        request=s.SectionsSerializer,
        responses={200: s.SectionsSerializer, 403: ERROR, 409: ERROR, 412: ERROR, 428: ERROR},
    )
    @action(detail=True, methods=["get", "put"])
    def sections(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        if request.method == "PUT":
            if not perms.can(request.user, perms.EDIT_REPORT, report):
                raise ApiError(403, "permission_denied", _("Bạn không có quyền sửa báo cáo này."))
            version = if_match(
                request, report.sections_version, lambda: s.SectionsSerializer(report).data
            )
            body = s.SectionsSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            try:
                report = reporting.save_sections(
                    report,
                    request.user,
                    expected_version=version,
                    **body.validated_data,
                )
            except reporting.ConflictError as exc:
                report.refresh_from_db()
                raise ApiError(
                    412,
                    "precondition_failed",
                    str(exc),
                    current=s.SectionsSerializer(report).data,
                ) from None
            except reporting.WorkflowError as exc:
                raise ApiError(409, "refused", str(exc)) from None
        return with_etag(Response(s.SectionsSerializer(report).data), report.sections_version)

    @extend_schema(
        summary="Comments on the report: MOST's return comment, the leader's, and the thread",
        responses={
            200: inline_serializer(
                "ReportComments",
                {
                    "return_comment": serializers.CharField(),
                    "leader_comment": serializers.CharField(allow_null=True),
                    "comments": s.CommentSerializer(many=True),
                },
            ),
            403: ERROR,
            404: ERROR,
        },
    )
    @action(detail=True, methods=["get"])
    def comments(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        if not perms.may_read_report_comments(request.user):
            # Comments are for the people of the cycle, never public.
            raise ApiError(
                403, "permission_denied", _("Ý kiến chỉ dành cho người trong chu trình.")
            )
        leader = reporting.leader_comment(report)
        return Response(
            {
                "return_comment": report.return_comment,
                "leader_comment": getattr(leader, "note", None) if leader else None,
                "comments": s.CommentSerializer(
                    report.comments.select_related("author", "author__agency"), many=True
                ).data,
            }
        )


@extend_schema_view(
    list=extend_schema(
        summary="Entries of the reports the caller may read",
        parameters=[
            filter_param("report", "A report's id.", OpenApiTypes.INT),
            filter_param("task", "A task's id.", OpenApiTypes.INT),
        ],
    ),
    retrieve=extend_schema(summary="One entry (ETag: its version)"),
    partial_update=extend_schema(
        summary="Update an entry and its evidence (JSON, or multipart with a file)",
        parameters=[IF_MATCH],
        request={
            "application/json": s.EntryWriteSerializer,
            "multipart/form-data": s.EntryWriteSerializer,
        },
        responses={
            200: s.EntrySerializer,
            403: ERROR,
            404: ERROR,
            409: ERROR,
            412: ERROR,
            422: ERROR,
            428: ERROR,
        },
        examples=[
            OpenApiExample(
                "Done, with its evidence",
                value={
                    "status": "done_on_time",
                    "result": "Đã ban hành Quyết định số 12/QĐ-BYT.",
                    "evidence_number": "12/QĐ-BYT",
                    "evidence_date": "2025-03-01",
                },
                request_only=True,
            )
        ],
    ),
)
class EntryViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    # A PATCH names the version it read (If-Match, 428 without it; lotrinh/core/concurrency.py).
    concurrency = {
        "update": {"kinds": frozenset({Write.EDIT}), "version": "If-Match"},
        "partial_update": {"kinds": frozenset({Write.EDIT}), "version": "If-Match"},
    }
    serializer_class = s.EntrySerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[ReportEntry]:
        queryset = perms.visible_reports(
            self.request.user,
            ReportEntry.objects.select_related("task", "report").order_by(
                "report_id", "task__position"
            ),
            prefix="report__",
        )
        report, task = _int(self.request, "report"), _int(self.request, "task")
        if report:
            queryset = queryset.filter(report_id=report)
        if task:
            queryset = queryset.filter(task_id=task)
        return queryset  # type: ignore[no-any-return]

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = self.get_object()
        return with_etag(Response(s.EntrySerializer(entry).data), entry.version)

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = self.get_object()
        if not perms.can(request.user, perms.EDIT_REPORT, entry.report):
            raise ApiError(403, "permission_denied", _("Bạn không có quyền sửa báo cáo này."))
        version = if_match(request, entry.version, lambda: s.EntrySerializer(entry).data)
        body = s.EntryWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        # A PATCH sends what changes; the rest is the entry as stored (the service checks
        # the whole entry, as the page's form sends it whole).
        data = {name: getattr(entry, name) for name in reporting.ENTRY_FIELDS}
        data.update(body.validated_data)
        try:
            saved = reporting.save_entry(entry, request.user, data, version)
        except reporting.ConflictError as exc:
            current = ReportEntry.objects.select_related("task").get(pk=entry.pk)
            conflict = exc.conflicts[0] if exc.conflicts else None
            raise ApiError(
                412,
                "precondition_failed",
                str(exc),
                current=s.EntrySerializer(current).data,
                conflict={
                    "fields": {
                        name: {"yours": yours, "current": now}
                        for name, (yours, now) in (conflict.fields if conflict else {}).items()
                    },
                    "changed_by": conflict.changed_by if conflict else "",
                    "changed_at": conflict.changed_at.isoformat()
                    if conflict and conflict.changed_at
                    else None,
                },
            ) from None
        except reporting.EntryInvalid as exc:
            raise ApiError(
                422,
                "invalid",
                str(exc),
                fields={name: [message] for name, message in exc.problems.items()},
            ) from None
        except reporting.WorkflowError as exc:
            raise ApiError(409, "refused", str(exc)) from None
        return with_etag(Response(s.EntrySerializer(saved).data), saved.version)


# ---------------------------------------------------------------- compliance


def _programme_asked(request: Request, slug_or_code: str) -> Programme:
    """The programme a `programme` filter names (slug or number) as the caller may read it
    (`services.programme_for_reader`): another agency's plan is not found (404); a number
    agencies' plans share is a 400 listing the candidates the caller may read."""
    from lotrinh.programmes.services import SharedNumber, programme_for_reader

    try:
        return programme_for_reader(request.user, slug_or_code)
    except SharedNumber as exc:
        from lotrinh.api.errors import shared_number_links, shared_number_listing

        listed = shared_number_listing(shared_number_links(request, exc))
        raise ApiError(400, "ambiguous", str(exc), candidates=listed) from None


class ComplianceView(APIView):
    @extend_schema(
        summary="The compliance table: one row per agency (plan, report, dates, reminders)",
        parameters=[
            filter_param("programme", "A programme's code; 50/NQ-CP by default."),
            filter_param("year", "A year (every year of the cycle by default).", OpenApiTypes.INT),
        ],
        responses={200: OpenApiTypes.OBJECT, 403: ERROR},
    )
    def get(self, request: Request) -> Response:
        from lotrinh.reporting import compliance

        if not perms.has_capability(request.user, perms.VIEW_COMPLIANCE):
            raise ApiError(403, "permission_denied", _("Bạn không có quyền xem bảng tuân thủ."))
        programme = _programme_asked(request, _text(request, "programme") or "50/NQ-CP")
        year = _int(request, "year")
        picture = compliance.picture(
            programme, today=timezone.localdate(), years=[year] if year else None
        )
        return Response({"programme": programme.code, "rows": compliance.picture_rows(picture)})


# ---------------------------------------------------------------- indicators and targets


@extend_schema_view(
    list=extend_schema(summary="Indicators"),
    retrieve=extend_schema(summary="One indicator"),
)
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.IndicatorSerializer
    lookup_field = "code"
    lookup_value_regex = "[A-Z0-9_]+"
    queryset = Indicator.objects.select_related("producer_agency").order_by("position", "code")


@extend_schema_view(
    list=extend_schema(
        summary="Indicator values: approved ones (and, for their reviewers and enterers, pending)",
        parameters=[
            filter_param("indicator", "An indicator's code."),
            filter_param("year", "A year.", OpenApiTypes.INT),
            filter_param("country", "ISO 3166 alpha-3, e.g. VNM."),
            filter_param("current", "1: only the values in effect."),
        ],
    ),
    retrieve=extend_schema(summary="One value"),
)
class ObservationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ObservationSerializer

    def get_queryset(self) -> QuerySet[Observation]:
        queryset = perms.visible_observations(
            self.request.user,
            Observation.objects.select_related("indicator").order_by(
                "indicator__position", "country", "year", "id"
            ),
        )
        indicator, country = _text(self.request, "indicator"), _text(self.request, "country")
        if indicator:
            queryset = queryset.filter(indicator__code=indicator)
        year = _int(self.request, "year")
        if year:
            queryset = queryset.filter(year=year)
        if country:
            queryset = queryset.filter(country=country)
        if _text(self.request, "current") == "1":
            queryset = queryset.filter(is_current=True)
        return queryset  # type: ignore[no-any-return]


class TargetStatusView(APIView):
    @extend_schema(
        summary="Every current target milestone with its computed status and the arithmetic",
        parameters=[
            filter_param("programme", "A programme's code, e.g. 52-NQ/TW (all by default)."),
            AS_OF,
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        from lotrinh.indicators import services as indicators

        code = _text(request, "programme")
        programme = _programme_asked(request, code) if code else None
        as_of = _date(request, "as_of")
        rows = indicators.status_json(indicators.programme_statuses(programme, as_of))
        return Response({"as_of": as_of.isoformat(), "results": rows})


# ---------------------------------------------------------------- documents


@extend_schema_view(
    list=extend_schema(summary="Generated documents the caller may read"),
    retrieve=extend_schema(summary="One generated document"),
)
class DocumentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.DocumentSerializer

    def get_queryset(self) -> QuerySet[GeneratedDocument]:
        return perms.with_public_flag(  # type: ignore[no-any-return]
            perms.readable_documents(
                self.request.user, GeneratedDocument.objects.order_by("-requested_at", "-id")
            )
        )

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        description=(
            "The document's file, for a caller that may read it (the same rule as the "
            "list). This is the `download` an API token is given for a document that is not "
            "published: the web page's download needs a session."
        ),
    )
    @action(detail=True, methods=["get"], url_path="file")
    def file(self, request: Request, pk: str | None = None) -> FileResponse:
        return stored_file(self.get_object())


def report_or_404(user: Any, pk: int) -> AgencyReport:
    return get_object_or_404(reporting.reports_for_user(user), pk=pk)
