"""Questions the registry answers: which tasks, for whom, as of when."""

import datetime
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import BadRequest
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import SuccessionGraph, generic_codes_covering
from lotrinh.core.locale import name_order
from lotrinh.core.text import fold
from lotrinh.programmes.models import (
    Clause,
    GenericAddressee,
    Programme,
    ProgrammeStatus,
    Role,
    Task,
    TaskAssignment,
    TaskGroup,
    UnitAssignment,
)


def published_programmes() -> QuerySet[Programme]:
    return Programme.objects.filter(status=ProgrammeStatus.PUBLISHED).select_related("implements")


def number_key(number: str) -> str:
    """A document's number as compared: the genre writes it in capitals in a title
    ("2138/QĐ-TTG") and a copy may leave spaces in it ("10- CTr/TU")."""
    return "".join(number.split()).upper()


def programme_numbered(number: str) -> Programme | None:
    """The published national programme of a document number, however the citing
    document wrote it (case, spaces): what a national programme implements (the loader,
    the national importer's reading of the header). Never an agency's plan: a number
    alone names no agency (two provinces' 144/KH-UBND), and a national programme, read
    by everyone, would show the plan it implemented (its title, its groups)."""
    from lotrinh.accounts import permissions as perms

    key = number_key(number)
    digits = re.match(r"\d+", key)
    if not digits:
        return None
    candidates = perms.national_programmes(
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED, code__startswith=digits.group())
    ).order_by("-version", "pk")
    return next((p for p in candidates if number_key(p.code) == key), None)


def lineage_key(programme: Programme) -> tuple[str, int | None]:
    """What makes versions one lineage (`lineage_versions`): the national lineage, or an
    agency's plan and its issuer. Versions are the same programme only with equal keys."""
    from lotrinh.programmes.models import ProgrammeLineage

    if programme.lineage == ProgrammeLineage.AGENCY_PLAN:
        return (ProgrammeLineage.AGENCY_PLAN, programme.issuer_id)
    return (ProgrammeLineage.NATIONAL, None)


def agency_plan_versions(code: str, slug: str = "") -> QuerySet[Programme]:
    """The versions numbered `code` (or at the address `slug`) of an agency's own plan:
    the lineage the cascade stores (imported on /phan-cap/nhap/, recorded by its number,
    migrated from the old plan-actions), `Programme.lineage`. A document MOST imports as
    a national programme may read as a plan (a Party committee's "Kế hoạch" implementing
    a resolution, an issuer, a parent): it is national all the same (docs/cascade.md)."""
    from lotrinh.accounts import permissions as perms

    same = Q(code=code) | Q(slug=slug) if slug else Q(code=code)
    return Programme.objects.filter(same).filter(perms.agency_plan_rule())


def national_versions(code: str, slug: str = "") -> QuerySet[Programme]:
    """The versions numbered `code` (or at the address `slug`) of the national lineage:
    what the programme loader stored (a programme file, the national importer's publish,
    an amendment), `Programme.lineage`."""
    from lotrinh.accounts import permissions as perms

    same = Q(code=code) | Q(slug=slug) if slug else Q(code=code)
    return Programme.objects.filter(same).exclude(perms.agency_plan_rule())


def lineage_versions(programme: Programme) -> QuerySet[Programme]:
    """Every version of `programme`'s own lineage: a national programme's by its number;
    an agency's plan's by its number and its issuer (two provinces may both number a
    plan 144/KH-UBND, and neither's versions are the other's)."""
    from lotrinh.accounts import permissions as perms

    if perms.is_agency_plan(programme):
        return agency_plan_versions(programme.code).filter(issuer_id=programme.issuer_id)
    return national_versions(programme.code)


def lineage_rule(programme: Programme, prefix: str = "") -> Q:
    """`lineage_versions(programme)` as a condition on rows that reach a programme through
    `prefix` (`"task__programme__"`): the national versions of its number, or its own
    issuer's plan of that number, never another province's 144/KH-UBND."""
    from lotrinh.accounts import permissions as perms
    from lotrinh.programmes.models import ProgrammeLineage

    if perms.is_agency_plan(programme):
        return Q(
            **{
                f"{prefix}code": programme.code,
                f"{prefix}lineage": ProgrammeLineage.AGENCY_PLAN,
                f"{prefix}issuer_id": programme.issuer_id,
            }
        )
    return Q(**{f"{prefix}code": programme.code, f"{prefix}lineage": ProgrammeLineage.NATIONAL})


def next_plan_version(code: str, issuer_id: int | None, exclude: int | None = None) -> int:
    """The version `issuer_id`'s next plan numbered `code` gets: after every version of
    the issuer's own plan of that number (drafts and superseded ones included), whatever
    other agencies numbered theirs alike (`programme_plan_issuer_code_version`)."""
    from django.db.models import Max

    taken = agency_plan_versions(code).filter(issuer_id=issuer_id)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    return int(taken.aggregate(v=Max("version"))["v"] or 0) + 1


_current: Any = None


def current_programme(slug_or_code: str) -> Programme:
    """The published version of a programme, by slug (`50-nq-cp`) or code (`50/NQ-CP`).
    A slug is one programme's; a number shared by agencies' plans of different issuers
    (two provinces' 144/KH-UBND) names none of them: 404, never one agency's plan for
    another's (each plan's page is at its own slug, `cascade.plan_slug`).

    Most pages start here: the query is compiled once per connection (core/prepared.py).
    """
    found = _published_by_key(slug_or_code)
    by_slug = [p for p in found if p.slug == slug_or_code]
    if by_slug:
        return by_slug[0]
    if not found or len({lineage_key(p) for p in found}) > 1:
        raise Http404("programme")
    return found[0]


def _published_by_key(slug_or_code: str) -> list[Programme]:
    """The published programmes at the address or of the number, latest version first."""
    global _current
    if _current is None:
        from lotrinh.core.prepared import Prepared

        _current = Prepared(
            lambda key: (
                published_programmes().filter(Q(slug=key) | Q(code=key)).order_by("-version")
            ),
            [Programme._meta.get_field("slug")],
            ["lotrinh-prepared-programme"],
        )
    return list(_current.objects(slug_or_code))


class SharedNumber(BadRequest):
    """A page's address names a programme by a number that agencies' plans of different
    issuers share (two provinces' 144/KH-UBND): which one is not said. `candidates`: the
    plans of the number the reader may read (each issuer's version in force), never one
    the reader may not read; `param`: the address's parameter that named it, so the
    answer links each candidate by its own address (its slug)."""

    def __init__(self, number: str, candidates: list[Programme], param: str = "programme"):
        from django.utils.translation import gettext

        self.number = number
        self.candidates = candidates
        self.param = param
        super().__init__(
            gettext(
                "Số, ký hiệu “%(number)s” là của kế hoạch của nhiều cơ quan, nên địa chỉ này "
                "không chỉ rõ kế hoạch nào. Hãy chọn theo cơ quan ban hành."
            )
            % {"number": number[:80]}
        )


def programme_for_reader(user: Any, slug_or_code: str, param: str = "programme") -> Programme:
    """The published programme a page's address names (`?programme=`, by slug or number),
    for `user`: one the reader may not read (`permissions.may_read_programme`: an agency's
    plan is not public) is not found, as no programme (404). A number that agencies' plans
    of different issuers share raises `SharedNumber` (a 400 page listing the candidates
    the reader may read, each by its slug) when the reader may read two or more; the one
    she may read when it is one (as if the number were unique); 404 when she may read
    none of them: a plan the reader may not read is never named, nor hinted at."""
    from lotrinh.accounts import permissions as perms

    found = _published_by_key(slug_or_code)
    by_slug = [p for p in found if p.slug == slug_or_code]
    if by_slug:
        programme = by_slug[0]
    else:
        latest: dict[tuple[str, int | None], Programme] = {}
        for candidate in found:  # latest version first
            latest.setdefault(lineage_key(candidate), candidate)
        if len(latest) > 1:
            readable = [p for p in latest.values() if perms.may_read_programme(user, p)]
            if not readable:
                raise Http404("programme")
            if len(readable) == 1:
                # The only one the reader may read: as if the number were unique (listing
                # it alone would say another plan shares the number).
                return readable[0]
            from lotrinh.core.locale import name_key

            # In the order of the issuers' names the page shows.
            readable.sort(key=lambda p: (name_key(p.issuer) if p.issuer else "", p.pk))
            raise SharedNumber(slug_or_code, readable, param)
        if not latest:
            raise Http404("programme")
        programme = next(iter(latest.values()))
    if not perms.may_read_programme(user, programme):
        raise Http404("programme")
    return programme


def programme_for_command(code: str, issuer: str = "", *, national: bool = False) -> Programme:
    """The published programme for a command line, by number (or slug), or a clear
    CommandError. Agencies' plans may share a number (144/KH-UBND of two provinces): a
    number published by more than one issuer is refused with the candidates, and
    `issuer` (an agency's code, `lotrinh programmes --format json` lists them) picks one.
    `national`: a national programme only (the parent of an agency's plan), never a plan
    numbered alike."""
    from django.core.management.base import CommandError

    from lotrinh.accounts import permissions as perms

    published = published_programmes()
    if national:
        published = perms.national_programmes(published)
    found = list(
        published.filter(Q(slug=code) | Q(code=code))
        .select_related("issuer")
        .order_by("issuer__code", "-version")
    )
    if national and not found:
        raise CommandError(f"Không có chương trình quốc gia đã công bố với số hiệu {code!r}.")
    if issuer:
        found = [p for p in found if p.issuer is not None and p.issuer.code == issuer]
        if not found:
            raise CommandError(
                f"Không có chương trình đã công bố với số hiệu {code!r} của cơ quan {issuer!r}."
            )
    if not found:
        raise CommandError(f"Không có chương trình đã công bố với số hiệu {code!r}.")
    issuers = {p.issuer_id for p in found}
    if len(issuers) > 1:
        lines = [
            f"  --issuer {p.issuer.code}: {p.issuer.name_vi}, phiên bản {p.version}"
            if p.issuer is not None
            else f"  (không có cơ quan ban hành): {p.issuer_text or p.title[:80]}, "
            f"phiên bản {p.version}"
            for p in found
        ]
        raise CommandError(
            f"Số hiệu {code!r} là của {len(found)} chương trình đã công bố, của các cơ quan "
            "khác nhau; chọn một bằng --issuer MÃ_CƠ_QUAN:\n" + "\n".join(lines)
        )
    return found[0]


def task_lineage(task: Task) -> QuerySet[Task]:
    """The same task in every version of its programme (docs/programme-format.md).

    Identity rule: two tasks are the same task when their programmes are versions of one
    lineage (`lineage_versions`: the number, and an agency's plan's issuer) and the tasks
    share the reference (`ref`, hence the anchor). Reports, comments and
    history recorded against an earlier version belong to the task of the current one.
    """
    return Task.objects.filter(programme__in=lineage_versions(task.programme), ref=task.ref)


class _TaskPageQueries:
    """The task page's fixed-shape queries, compiled once per connection
    (core/prepared.py): the task by its clause's anchor, its assignments, and the same
    task in every version of its programme with their assignments. The same rows as
    `tasks_with_assignments(...).get(clause__anchor=…)` and the prefetches they replace
    (tests/core/test_prepared.py compares them)."""

    def __init__(self) -> None:
        from lotrinh.core.prepared import Prepared

        pk = Programme._meta.pk
        self.task = Prepared(
            lambda programme_id, anchor: Task.objects.filter(
                programme_id=programme_id, clause__anchor=anchor
            ).select_related("group__implements__programme", "clause", "programme"),
            [pk, Clause._meta.get_field("anchor")],
            [987_654_321, "lotrinh-prepared-anchor"],
        )
        self.assignments = Prepared(
            lambda task_id: (
                TaskAssignment.objects.filter(task_id=task_id)
                .select_related("agency")
                .order_by("role", "position")
            ),
            [Task._meta.pk],
            [987_654_322],
        )
        self.versions = Prepared(
            lambda code, ref: (
                Task.objects.filter(programme__code=code, ref=ref)
                .select_related("programme")
                .order_by("programme__version")
            ),
            [Programme._meta.get_field("code"), Task._meta.get_field("ref")],
            ["lotrinh-prepared-code", "lotrinh-prepared-ref"],
        )
        self.version_assignments = Prepared(
            lambda code, ref: TaskAssignment.objects.filter(
                task__programme__code=code, task__ref=ref
            ),
            [Programme._meta.get_field("code"), Task._meta.get_field("ref")],
            ["lotrinh-prepared-code", "lotrinh-prepared-ref"],
        )


_task_page: _TaskPageQueries | None = None


def _task_queries() -> _TaskPageQueries:
    global _task_page
    if _task_page is None:
        _task_page = _TaskPageQueries()
    return _task_page


def task_by_anchor(programme: Programme, anchor: str) -> Task:
    """The programme's task at a clause's anchor, with its group (and the group it
    implements, with its programme), clause, programme and assignments (lead and coordinating agencies, by role and position); 404 if none."""
    from lotrinh.core.prepared import prefetched

    queries = _task_queries()
    found = queries.task.objects(programme.pk, anchor)
    if not found:
        raise Http404("task")
    task = found[0]
    prefetched(task, "assignments", queries.assignments.objects(task.pk))
    return task


def task_versions(task: Task) -> list[Task]:
    """The same task in every version of its programme, oldest first (commitment
    history), each with its programme and its assignments."""
    from lotrinh.core.prepared import prefetched

    queries = _task_queries()
    code = task.programme.code
    # By number, then its own lineage only: another province's 144/KH-UBND is no version.
    own = lineage_key(task.programme)
    versions = [
        v for v in queries.versions.objects(code, task.ref) if lineage_key(v.programme) == own
    ]
    by_task: dict[int, list[TaskAssignment]] = {t.pk: [] for t in versions}
    for assignment in queries.version_assignments.objects(code, task.ref):
        if assignment.task_id in by_task:
            by_task[assignment.task_id].append(assignment)
    for version in versions:
        prefetched(version, "assignments", by_task[version.pk])
    return versions


def tasks_with_assignments(queryset: QuerySet[Task], *, units: bool = False) -> QuerySet[Task]:
    """Tasks with their agencies, and with `units` (an agency's plan, whose tasks go to
    its own units) their units, in their order."""
    tasks = queryset.select_related("group", "clause", "programme").prefetch_related(
        Prefetch(
            "assignments",
            queryset=TaskAssignment.objects.select_related("agency").order_by("role", "position"),
        )
    )
    if units:
        tasks = tasks.prefetch_related(
            Prefetch(
                "unit_assignments",
                queryset=UnitAssignment.objects.select_related("unit").order_by("role", "position"),
            )
        )
    return tasks


@dataclass
class TaskFilter:
    """One filter definition for the task list page, its export and the API."""

    group: str = ""
    lead: str = ""
    coordinating: str = ""
    agency_kind: str = ""
    q: str = ""
    status: str = ""  # a task status, or "none" (no readable report yet)
    sort: str = ""  # "" (document order), "deadline" or "status"

    SORTS: ClassVar[tuple[str, ...]] = ("", "deadline", "status")

    @classmethod
    def from_params(cls, params: Any) -> "TaskFilter":
        return cls(
            group=(params.get("group") or "").strip(),
            lead=(params.get("lead") or "").strip(),
            coordinating=(params.get("coordinating") or "").strip(),
            agency_kind=(params.get("agency_kind") or "").strip(),
            q=(params.get("q") or "").strip()[:200],
            status=(params.get("status") or "").strip()[:20],
            sort=(params.get("sort") or "").strip()[:20],
        )

    @property
    def active(self) -> bool:
        return any(
            [self.group, self.lead, self.coordinating, self.agency_kind, self.q, self.status]
        )

    def problems(self, statuses: Iterable[str]) -> list[str]:
        """Values the page cannot use, each said once; such a condition is ignored."""
        found = []
        if self.status and self.status not in statuses:
            found.append(_("Trạng thái không hợp lệ: đã bỏ qua điều kiện này."))
            self.status = ""
        if self.sort not in self.SORTS:
            found.append(_("Cách sắp xếp không hợp lệ: giữ thứ tự của văn bản."))
            self.sort = ""
        return [str(p) for p in found]

    def apply_status(
        self, queryset: QuerySet[Task], states: Mapping[str, Any], no_report: str
    ) -> QuerySet[Task]:
        """Keep the tasks whose latest readable status (`states`, by task reference) is
        the one asked for."""
        if not self.status:
            return queryset
        if self.status == no_report:
            return queryset.exclude(ref__in=list(states))
        return queryset.filter(ref__in=[r for r, s in states.items() if s.status == self.status])

    def order(
        self, queryset: QuerySet[Task], states: Mapping[str, Any], order: Sequence[str]
    ) -> QuerySet[Task]:
        if self.sort == "deadline":
            return queryset.order_by(F("deadline").asc(nulls_last=True), "position")
        if self.sort == "status":
            by_status: dict[str, list[str]] = {}
            for ref, state in states.items():
                by_status.setdefault(state.status, []).append(ref)
            rank = Case(
                *[
                    When(ref__in=by_status[s], then=Value(i))
                    for i, s in enumerate(order)
                    if by_status.get(s)
                ],
                default=Value(len(order)),
                output_field=IntegerField(),
            )
            return queryset.annotate(status_rank=rank).order_by("status_rank", "position")
        return queryset.order_by("position")

    def apply(self, queryset: QuerySet[Task]) -> QuerySet[Task]:
        if self.group:
            queryset = queryset.filter(group__ref=self.group)
        if self.lead:
            queryset = queryset.filter(
                assignments__role=Role.LEAD, assignments__agency__code=self.lead
            )
        if self.coordinating:
            queryset = queryset.filter(
                assignments__role=Role.COORDINATING, assignments__agency__code=self.coordinating
            )
        if self.agency_kind:
            queryset = queryset.filter(assignments__agency__kind=self.agency_kind)
        if self.q:
            # A phrase search on the stored folded text ("chuyen doi so" finds
            # "chuyển đổi số"): the same result on SQLite and PostgreSQL.
            queryset = queryset.filter(search_text__contains=fold(self.q))
        return queryset.distinct()


@dataclass
class AgencyTaskRow:
    task: Task
    role: str
    via: str  # "direct", "inherited" or "generic"
    held_from: Agency | None = None  # the predecessor, for inherited rows
    since: datetime.date | None = None
    generic_label: str = ""


@dataclass
class AgencyTasks:
    agency: Agency
    day: datetime.date
    lead: list[AgencyTaskRow] = field(default_factory=list)
    coordinating: list[AgencyTaskRow] = field(default_factory=list)
    generic: list[AgencyTaskRow] = field(default_factory=list)
    predecessors: list[Agency] = field(default_factory=list)
    holder: Agency | None = None  # who holds this agency's tasks on `day` if not itself


def agency_tasks(
    agency: Agency, day: datetime.date, graph: SuccessionGraph | None = None
) -> AgencyTasks:
    """What `agency` leads and coordinates on `day`, including what it inherited.
    `graph`: the successions when the caller has read them already."""
    graph = SuccessionGraph.load() if graph is None else graph
    holder = graph.holder_at(agency, day)
    result = AgencyTasks(agency=agency, day=day, holder=holder if holder.pk != agency.pk else None)
    candidates = Agency.objects.filter(
        pk__in=TaskAssignment.objects.filter(
            agency__isnull=False, task__programme__status=ProgrammeStatus.PUBLISHED
        ).values("agency_id")
    )
    predecessors = graph.predecessors_held_by(agency, day, candidates)
    result.predecessors = predecessors
    since: dict[int, datetime.date | None] = {}
    for predecessor in predecessors:
        chain = graph.chain(predecessor, day)
        since[predecessor.pk] = chain[-1].effective_date if chain else None

    owners = [agency.pk, *[p.pk for p in predecessors]]
    assignments = (
        TaskAssignment.objects.filter(
            agency_id__in=owners, task__programme__status=ProgrammeStatus.PUBLISHED
        )
        .select_related("agency", "task", "task__programme", "task__clause")
        .order_by("task__programme__issue_date", "task__position", "role")
    )
    seen: set[tuple[int, str]] = set()
    for assignment in assignments:
        key = (assignment.task_id, assignment.role)
        if key in seen:
            continue
        seen.add(key)
        inherited = assignment.agency_id != agency.pk
        row = AgencyTaskRow(
            task=assignment.task,
            role=assignment.role,
            via="inherited" if inherited else "direct",
            held_from=assignment.agency if inherited else None,
            since=since.get(assignment.agency_id or 0) if inherited else None,
        )
        (result.lead if assignment.role == Role.LEAD else result.coordinating).append(row)

    if agency.is_valid_on(day):
        codes = generic_codes_covering(agency)
        generic = (
            TaskAssignment.objects.filter(
                generic__in=codes, task__programme__status=ProgrammeStatus.PUBLISHED
            )
            .select_related("task", "task__programme", "task__clause")
            .order_by("task__programme__issue_date", "task__position")
        )
        # `get_generic_display()` rebuilds the choices' dictionary at every call.
        generic_labels = dict(GenericAddressee.choices)
        for assignment in generic:
            key = (assignment.task_id, assignment.role)
            if key in seen:
                continue
            seen.add(key)
            result.generic.append(
                AgencyTaskRow(
                    task=assignment.task,
                    role=assignment.role,
                    via="generic",
                    generic_label=str(generic_labels.get(assignment.generic, assignment.generic)),
                )
            )
    return result


@dataclass
class GroupSummary:
    group: TaskGroup
    task_count: int


def programme_overview(programme: Programme) -> dict[str, Any]:
    groups = list(programme.task_groups.select_related("implements", "implements__programme"))
    counts = Counter(programme.tasks.values_list("group_id", flat=True))
    assignment_rows = TaskAssignment.objects.filter(
        task__programme=programme, agency__isnull=False
    ).values_list("agency_id", "role")
    lead_counts: Counter[int] = Counter()
    coordinating_counts: Counter[int] = Counter()
    for agency_id, role in assignment_rows:
        (lead_counts if role == Role.LEAD else coordinating_counts)[agency_id] += 1
    top_ids = [a for a, _ in (lead_counts + coordinating_counts).most_common(10)]
    agencies = Agency.objects.in_bulk(top_ids)
    top_agencies = [
        {
            "agency": agencies[a],
            "lead": lead_counts[a],
            "coordinating": coordinating_counts[a],
            "total": lead_counts[a] + coordinating_counts[a],
        }
        for a in top_ids
    ]
    return {
        "groups": [GroupSummary(g, counts.get(g.pk, 0)) for g in groups],
        "task_count": sum(counts.values()),
        "top_agencies": top_agencies,
        "goals": list(programme.goals.all()),
        # Each regime's reporters in the order of the names the page shows.
        "regimes": list(
            programme.reporting_regimes.select_related("recipient").prefetch_related(
                Prefetch("reporters", queryset=Agency.objects.order_by(name_order(), "pk"))
            )
        ),
    }
