"""The latest reported status of each task of a programme, as a given person may see it.

The public (and anyone without a role) reads the accepted frozen copies of public reports
only (accepted and published by MOST, `permissions.public_report_rule`), so a report
reopened for revision never shows its new draft. A signed-in person also reads
the live entries of the reports `permissions.visible_reports` lets them read (their own
agency's in every state; other agencies' in the states their role may read). Of all the
readable statements on a task (by reference, across versions of the programme), the one
of the latest year counts; in the same year an accepted statement wins. A fixed number
of queries whatever the number of tasks, agencies or years.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from lotrinh.accounts import permissions as perms
from lotrinh.reporting.models import ReportEntry, TaskStatus
from lotrinh.reporting.services import accepted_copies

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


@dataclass(frozen=True)
class TaskState:
    status: str
    year: int
    accepted: bool  # from an accepted copy (public) or from a report not yet accepted

    @property
    def label(self) -> str:
        return status_label(self.status)

    @property
    def tone(self) -> str:
        return STATUS_TONE.get(self.status, "none")


def task_states(
    programme_code: str, user: Any = None, copies: list[Any] | None = None
) -> dict[str, TaskState]:
    """The latest status `user` may read of each task of the programme, by task reference
    (`copies`: the programme's `accepted_copies`, when the caller has read them).

    Tasks without a readable statement are absent (their status is `NO_REPORT`).
    """
    # (task ref) → (year, agency name) → (status, accepted): one statement per report;
    # a report the viewer may read live replaces its own accepted copy (a revision).
    statements: dict[str, dict[tuple[int, str], tuple[str, bool]]] = {}
    if copies is None:
        copies = accepted_copies(programme_code)
    for snapshot in copies:
        key = (snapshot.report.period.year, snapshot.report.agency.name_vi)
        for item in snapshot.data.get("entries", []):
            status = str(item.get("status", ""))
            if status in TaskStatus.values:
                statements.setdefault(str(item.get("task", "")), {})[key] = (status, True)

    if perms.has_capability(user, perms.VIEW_REPORT):
        # Public reports were read above from their accepted copies; the rest live (an
        # accepted report not published yet is still accepted for those who read it).
        live = perms.visible_reports(
            user,
            ReportEntry.objects.filter(task__programme__code=programme_code).exclude(
                perms.public_report_rule("report__")
            ),
            prefix="report__",
        )
        for ref, status, year, agency, report_status in live.values_list(
            "task__ref",
            "status",
            "report__period__year",
            "report__agency__name_vi",
            "report__status",
        ):
            if status in TaskStatus.values:
                accepted = report_status in perms.PUBLIC_REPORT_STATES
                statements.setdefault(ref, {})[(year, agency)] = (status, accepted)

    found: dict[str, TaskState] = {}
    for ref, by_report in statements.items():
        # The latest year; in a year an accepted statement; then by agency name.
        (year, _agency), (status, accepted) = min(
            by_report.items(), key=lambda kv: (-kv[0][0], not kv[1][1], kv[0][1])
        )
        found[ref] = TaskState(status, year, accepted)
    return found
