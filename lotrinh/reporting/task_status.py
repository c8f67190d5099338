"""The latest reported status of each task of a programme, as a given person may see it.

The public (and anyone without a role) reads the accepted frozen copies of public reports
only (accepted and published by MOST, `permissions.public_report_rule`), so a report
reopened for revision never shows its new draft. A signed-in person also reads
the live entries of the reports `permissions.visible_reports` lets them read (their own
agency's in every state; other agencies' in the states their role may read).

One rule, for the task pages, the lists and MOST's overview:
- a draft or returned report's statement never counts (only what a leader approved,
  sent or MOST accepted);
- each lead agency's latest statement counts (by reference, across versions);
- the task's status is that of the latest year, combining the statements of every
  agency that reported that year by the roll-up rule (`rollup.combine_statuses`,
  docs/cascade.md "The roll-up rule"): one overdue lead makes the task overdue, and it is
  done only when every lead says done;
- the status is "accepted" only when every statement combined comes from an accepted
  report.
A fixed number of queries whatever the number of tasks, agencies, years or programmes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts import permissions as perms
from lotrinh.core.locale import name_key
from lotrinh.core.text import vi_sort_key
from lotrinh.reporting.models import ReportEntry, ReportSnapshot, ReportStatus, TaskStatus
from lotrinh.reporting.rollup import combine_statuses
from lotrinh.reporting.services import accepted_copies

# The report states whose statements count: never a draft nor a report MOST returned.
COUNTED_REPORT_STATES = (ReportStatus.APPROVED, ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)

# Tasks nobody has reported on yet (in what the viewer may read).
NO_REPORT = "none"
NO_REPORT_LABEL = _("Chưa có báo cáo")

# The order used to sort by status: what needs attention first.
STATUS_ORDER: tuple[str, ...] = (
    TaskStatus.OVERDUE,
    TaskStatus.NOT_STARTED,
    TaskStatus.IN_PROGRESS,
    TaskStatus.DONE_LATE,
    TaskStatus.DONE_ON_TIME,
    NO_REPORT,
)
STATUS_TONE: dict[str, str] = {
    TaskStatus.OVERDUE: "bad",
    TaskStatus.NOT_STARTED: "warn",
    TaskStatus.IN_PROGRESS: "info",
    TaskStatus.DONE_LATE: "ok",
    TaskStatus.DONE_ON_TIME: "ok",
    NO_REPORT: "none",
}


def status_label(status: str) -> str:
    if status == NO_REPORT:
        return str(NO_REPORT_LABEL)
    return str(dict(TaskStatus.choices).get(status, ""))


def status_choices() -> list[tuple[str, str]]:
    """The statuses a list can be filtered by, in attention order."""
    return [(s, status_label(s)) for s in STATUS_ORDER]


class Names(NamedTuple):
    """A reporter's names (an agency, or a unit of it): what `core.locale` reads to show
    it in the page's language and to order it (`agency_name`, `name_key`)."""

    name_vi: str
    name_en: str


@dataclass(frozen=True)
class TaskState:
    status: str
    year: int
    accepted: bool  # every statement combined is from an accepted report
    # The names of the agencies whose statements of `year` were combined (the
    # Vietnamese order of their names; `agencies_as_shown` for a page).
    agencies: tuple[Names, ...] = ()

    @property
    def label(self) -> str:
        return status_label(self.status)

    @property
    def tone(self) -> str:
        return STATUS_TONE.get(self.status, "none")

    @property
    def agencies_as_shown(self) -> list[Names]:
        """The agencies whose statements were combined, in the order of the names the
        page shows (English ones on English pages)."""
        return sorted(self.agencies, key=name_key)


@dataclass(frozen=True)
class _Statement:
    year: int
    part: int
    status: str
    accepted: bool
    names: Names


def task_states(
    programme: Any, user: Any = None, copies: list[Any] | None = None
) -> dict[str, TaskState]:
    """The latest status `user` may read of each task of the programme, by task reference
    (`copies`: the programme's `accepted_copies`, when the caller has read them): the
    statements on the tasks of its own lineage (`services.lineage_rule`: an agency's plan,
    its issuer's versions of the number only; another province's 144/KH-UBND is not it).

    Tasks without a readable statement are absent (their status is `NO_REPORT`).
    """
    if copies is None:
        copies = accepted_copies(programme.code)
    found = programme_task_states([programme.code], user, copies, within=programme)
    return {ref: state for (_code, ref), state in found.items()}


def public_task_labels(tasks: Iterable[Any]) -> dict[int, str]:
    """ "Status (year)" of each task as the public reads it (pages open to everyone, e.g.
    a target's linked tasks): the one rule above, on accepted and published copies."""
    tasks = list(tasks)
    states = programme_task_states({t.programme.code for t in tasks}, None)
    labels: dict[int, str] = {}
    for task in tasks:
        state = states.get((task.programme.code, task.ref))
        if state is not None:
            labels[task.pk] = f"{state.label} ({state.year})"
    return labels


def programme_task_states(
    programme_codes: Iterable[str],
    user: Any = None,
    copies: list[Any] | None = None,
    *,
    within: Any = None,
) -> dict[tuple[str, str], TaskState]:
    """`task_states` of several national programmes at once, by (programme code, task
    reference): the same queries whatever the number of programmes (MOST's overview).
    A number is a national programme's here: agencies' plans may share one (two
    provinces' 144/KH-UBND), and `within` (one programme, `task_states`) reads a plan's.

    `copies`: the programmes' accepted copies, when the caller has read them."""
    from lotrinh.programmes.models import ProgrammeLineage
    from lotrinh.programmes.services import lineage_rule

    codes = sorted(set(programme_codes))
    if not codes:
        return {}
    if within is not None:
        lineage = lineage_rule(within, "task__programme__")
    else:
        lineage = Q(task__programme__code__in=codes) & Q(
            task__programme__lineage=ProgrammeLineage.NATIONAL
        )
    # (code, ref) → (agency id, unit id) → its latest statement; a report the viewer may
    # read live replaces its own accepted copy (a revision), as it is read after the
    # copies. A plan's tasks are reported by its units, each unit a reporter of its own.
    statements: dict[tuple[str, str], dict[tuple[int, int | None], _Statement]] = {}

    def add(key: tuple[str, str], reporter: tuple[int, int | None], statement: _Statement) -> None:
        by_agency = statements.setdefault(key, {})
        held = by_agency.get(reporter)
        if held is None or (statement.year, statement.part) >= (held.year, held.part):
            by_agency[reporter] = statement

    if copies is None:
        copies = _public_copies(codes)
    for snapshot in copies:
        report = snapshot.report
        code = report.period.regime.programme.code if len(codes) > 1 else codes[0]
        names = Names(report.agency.name_vi, report.agency.name_en)
        for item in snapshot.data.get("entries", []):
            status = str(item.get("status", ""))
            if status in TaskStatus.values:
                add(
                    (code, str(item.get("task", ""))),
                    (report.agency_id, report.unit_id),
                    _Statement(report.period.year, report.period.part, status, True, names),
                )

    if perms.has_capability(user, perms.VIEW_REPORT):
        # Public reports were read above from their accepted copies; the rest live (an
        # accepted report not published yet is still accepted for those who read it).
        # Units' reports too (a plan's tasks), as `visible_reports` lets the viewer read
        # them: the agency's staff once sent, a unit its own, compliance once accepted.
        live = perms.visible_reports(
            user,
            ReportEntry.objects.filter(lineage, report__status__in=COUNTED_REPORT_STATES).exclude(
                perms.public_report_rule("report__")
            ),
            prefix="report__",
        )
        for (
            code,
            ref,
            status,
            year,
            part,
            agency_id,
            name_vi,
            name_en,
            state,
            unit_id,
            unit_vi,
            unit_en,
        ) in live.values_list(
            "task__programme__code",
            "task__ref",
            "status",
            "report__period__year",
            "report__period__part",
            "report__agency_id",
            "report__agency__name_vi",
            "report__agency__name_en",
            "report__status",
            "report__unit_id",
            "report__unit__name_vi",
            "report__unit__name_en",
        ):
            if status in TaskStatus.values:
                accepted = state in perms.PUBLIC_REPORT_STATES
                names = (
                    Names(unit_vi, unit_en or "")
                    if unit_id is not None
                    else Names(name_vi, name_en)
                )
                add(
                    (code, ref),
                    (agency_id, unit_id),
                    _Statement(year, part, status, accepted, names),
                )

    found: dict[tuple[str, str], TaskState] = {}
    for key, by_agency in statements.items():
        year = max(s.year for s in by_agency.values())
        combined = sorted(
            (s for s in by_agency.values() if s.year == year),
            key=lambda s: vi_sort_key(s.names.name_vi),
        )
        found[key] = TaskState(
            combine_statuses(s.status for s in combined),
            year,
            all(s.accepted for s in combined),
            tuple(s.names for s in combined),
        )
    return found


def _public_copies(codes: list[str]) -> list[Any]:
    """The latest accepted frozen copy of each public report of the programmes, as
    `accepted_copies` reads one programme's (the same rule, `permissions.public_reports`),
    in two queries whatever the data."""
    latest: dict[int, int] = {}
    for snapshot_id, report_id in (
        perms.public_reports(
            ReportSnapshot.objects.filter(
                status__in=perms.PUBLIC_REPORT_STATES,
                report__period__regime__programme__code__in=codes,
            ),
            prefix="report__",
        )
        .order_by("-created_at", "-id")
        .values_list("id", "report_id")
    ):
        latest.setdefault(report_id, snapshot_id)
    return list(
        ReportSnapshot.objects.filter(pk__in=list(latest.values()) or [0]).select_related(
            "report__agency", "report__period__regime__programme"
        )
    )
