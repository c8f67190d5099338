"""The public picture of the programme: read only from public reports.

Public means accepted AND published by MOST (`permissions.public_report_rule`). Every
function here reads a fixed number of queries whatever the number of tasks, agencies,
reports or years, and the whole picture is cached under a key that changes with what the
public may see (`lotrinh/portal/cache.py`).

The public status of a task (docs/portal.md) is a small scale derived from the entries of
the public reports of the latest year that has any on the task:

- hoàn thành (completed): every statement of that year says done (on time or late);
- chậm, gặp khó khăn (delayed, with challenges): any says overdue;
- chưa triển khai (not started): every statement says not started;
- đang thực hiện đúng tiến độ (underway, on track): otherwise (in progress within its
  deadline, or some done and others not);
- chưa có thông tin công bố (no published information): no public report speaks of it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency
from lotrinh.core.locale import active_language, name_key
from lotrinh.core.text import en_sort_key, fold, vi_sort_key
from lotrinh.portal.models import Publication, PublishedReport
from lotrinh.programmes.models import Programme, Task, TaskAssignment
from lotrinh.reporting.models import ReportEntry, TaskStatus

COMPLETED = "completed"
ON_TRACK = "on_track"
CHALLENGES = "challenges"
NOT_STARTED = "not_started"
NO_DATA = "no_data"

# The scale, in the order pages show it (what is done first, what has no data last).
SCALE: tuple[str, ...] = (COMPLETED, ON_TRACK, CHALLENGES, NOT_STARTED, NO_DATA)
LABELS = {
    COMPLETED: _("Hoàn thành"),
    ON_TRACK: _("Đang thực hiện đúng tiến độ"),
    CHALLENGES: _("Chậm, gặp khó khăn"),
    NOT_STARTED: _("Chưa triển khai"),
    NO_DATA: _("Chưa có thông tin công bố"),
}
TONES = {
    COMPLETED: "ok",
    ON_TRACK: "info",
    CHALLENGES: "bad",
    NOT_STARTED: "warn",
    NO_DATA: "none",
}
# Chart colours (ECharts), the same meaning as the badges' tones.
COLOURS = {
    COMPLETED: "#1a7f37",
    ON_TRACK: "#1f6feb",
    CHALLENGES: "#c62828",
    NOT_STARTED: "#b26a00",
    NO_DATA: "#8c959f",
}
# An entry's status (what the agency reported) on the public scale.
FROM_ENTRY: dict[str, str] = {
    TaskStatus.DONE_ON_TIME: COMPLETED,
    TaskStatus.DONE_LATE: COMPLETED,
    TaskStatus.IN_PROGRESS: ON_TRACK,
    TaskStatus.OVERDUE: CHALLENGES,
    TaskStatus.NOT_STARTED: NOT_STARTED,
}


def label(status: str) -> str:
    return str(LABELS.get(status, LABELS[NO_DATA]))


def combine(entry_statuses: list[str]) -> str:
    """The public status of a task from its statements of one year (the rule above)."""
    scale = [FROM_ENTRY[s] for s in entry_statuses if s in FROM_ENTRY]
    if not scale:
        return NO_DATA
    if all(s == COMPLETED for s in scale):
        return COMPLETED
    if CHALLENGES in scale:
        return CHALLENGES
    if all(s == NOT_STARTED for s in scale):
        return NOT_STARTED
    return ON_TRACK


@dataclass
class Statement:
    """What one public report says of one task."""

    year: int
    agency: Agency
    status: str  # the entry's own status (TaskStatus)
    result: str
    evidence_number: str
    evidence_date: datetime.date | None
    evidence_link: str
    published_at: datetime.datetime | None

    @property
    def status_label(self) -> str:
        return str(dict(TaskStatus.choices).get(self.status, ""))

    @property
    def public_status(self) -> str:
        return FROM_ENTRY.get(self.status, NO_DATA)


def _pair(a: Any) -> tuple[str, Agency | None, str]:
    return (a.name_as_written, a.agency, a.generic if a.says_only_generic else "")


@dataclass
class PublicTask:
    task: Task
    group_ref: str
    group_title: str
    leads: list[str]
    lead_agencies: list[Agency]
    coordinating: list[str]
    # (name as written, the agency when it is a named one, the generic addressee's code
    # when the text says no more than it: the page names it in its language) for the pages
    lead_pairs: list[tuple[str, Agency | None, str]] = field(default_factory=list)
    coordinating_pairs: list[tuple[str, Agency | None, str]] = field(default_factory=list)
    status: str = NO_DATA
    year: int | None = None
    statements: list[Statement] = field(default_factory=list)
    updated: datetime.datetime | None = None

    @property
    def status_label(self) -> str:
        return label(self.status)

    @property
    def tone(self) -> str:
        return TONES[self.status]

    @property
    def latest(self) -> list[Statement]:
        return [s for s in self.statements if s.year == self.year]

    @property
    def statements_as_shown(self) -> list[Statement]:
        """The statements as the task page lists them: the latest year first, each year's
        agencies in the order of the names the page shows (English ones on English
        pages; `statements` keeps the Vietnamese order, as the open data writes it)."""
        return sorted(self.statements, key=lambda s: (-s.year, name_key(s.agency), s.agency.pk))


@dataclass
class Tally:
    """Tasks counted on the public scale (one row of a progress table)."""

    key: str
    name: str
    name_en: str = ""
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SCALE, 0))
    agency: Agency | None = None
    holder: Agency | None = None  # who holds the agency's tasks today, if another body

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[tuple[str, int]]:
        return [(s, self.counts[s]) for s in SCALE]

    @property
    def completed_share(self) -> float | None:
        # Nothing published on any of the tasks: unknown ("—"), not 0 % done, as a target
        # measured by its tasks is not measured before one of them is reported.
        if not self.total or self.counts[NO_DATA] == self.total:
            return None
        return self.counts[COMPLETED] / self.total * 100


@dataclass
class Picture:
    programme: Programme
    tasks: list[PublicTask]
    by_group: list[Tally]
    by_agency: list[Tally]
    totals: Tally
    updated: datetime.datetime | None
    years: list[int]


def portal_programmes() -> list[Programme]:
    """The programmes the public portal follows: those agencies report on every year."""
    from lotrinh.reporting.services import cycle_regimes

    seen: dict[int, Programme] = {}
    for regime in cycle_regimes():
        seen.setdefault(regime.programme.pk, regime.programme)
    return sorted(seen.values(), key=lambda p: p.issue_date)


def publication_dates() -> dict[int, datetime.datetime]:
    """When each public report was last published (its public "last update")."""
    return dict(
        PublishedReport.objects.filter(
            publication__withdrawn_at__isnull=True, revision=F("report__revision")
        )
        .values("report_id")
        .annotate(at=Max("publication__published_at"))
        .values_list("report_id", "at")
    )


def public_entries(programme_code: str) -> Any:
    """The entries of the public reports of a programme (every version, by task ref)."""
    return perms.public_reports(
        ReportEntry.objects.filter(task__programme__code=programme_code), prefix="report__"
    )


def picture(programme: Programme) -> Picture:
    """Every task of `programme` with its public status, and the tallies by group and by
    lead agency (five queries: tasks, assignments, publication dates, entries, agencies)."""
    tasks = list(
        Task.objects.filter(programme=programme)
        .select_related("group", "clause", "programme")
        .order_by("position")
    )
    assignments: dict[int, list[TaskAssignment]] = {}
    for a in (
        TaskAssignment.objects.filter(task__programme=programme)
        .select_related("agency")
        .order_by("task_id", "role", "position")
    ):
        assignments.setdefault(a.task_id, []).append(a)
    published_at = publication_dates()
    rows = list(
        public_entries(programme.code)
        .order_by("-report__period__year", "report__agency__name_sort")
        .values_list(
            "task__ref",
            "status",
            "result",
            "evidence_number",
            "evidence_date",
            "evidence_link",
            "report_id",
            "report__agency_id",
            "report__period__year",
        )
    )
    agencies = Agency.objects.in_bulk({row[7] for row in rows})
    statements: dict[str, list[Statement]] = {}
    for ref, status, result, number, date, link, report_id, agency_id, year in rows:
        statements.setdefault(ref, []).append(
            Statement(
                year,
                agencies[agency_id],
                status,
                result,
                number,
                date,
                link,
                published_at.get(report_id),
            )
        )
    found: list[PublicTask] = []
    for task in tasks:
        mine = assignments.get(task.pk, [])
        leads = [a for a in mine if a.role == "lead"]
        item = PublicTask(
            task=task,
            group_ref=task.group.ref if task.group_id else "",
            group_title=task.group.title if task.group_id else "",
            leads=[a.name_as_written for a in leads],
            lead_agencies=[a.agency for a in leads if a.agency is not None],
            coordinating=[a.name_as_written for a in mine if a.role != "lead"],
            lead_pairs=[_pair(a) for a in leads],
            coordinating_pairs=[_pair(a) for a in mine if a.role != "lead"],
        )
        said = statements.get(task.ref, [])
        if said:
            item.statements = said
            item.year = max(s.year for s in said)
            item.status = combine([s.status for s in said if s.year == item.year])
            dates = [s.published_at for s in said if s.published_at is not None]
            item.updated = max(dates) if dates else None
        found.append(item)
    return Picture(
        programme=programme,
        tasks=found,
        by_group=_by_group(found),
        by_agency=_by_agency(found),
        totals=_total(found),
        updated=max((t.updated for t in found if t.updated), default=None),
        years=sorted({s.year for t in found for s in t.statements}),
    )


def _total(tasks: list[PublicTask]) -> Tally:
    # Written in the page's language already: its English name is itself (an empty
    # one marked "All tasks" as Vietnamese on the English page, as for a group without one).
    name = str(_("Tất cả nhiệm vụ"))
    tally = Tally("all", name, name_en=name)
    for t in tasks:
        tally.counts[t.status] += 1
    return tally


def _by_group(tasks: list[PublicTask]) -> list[Tally]:
    groups: dict[str, Tally] = {}
    for t in tasks:
        key = t.group_ref or "-"
        tally = groups.setdefault(key, Tally(key, t.group_title or str(_("Nhiệm vụ khác"))))
        tally.counts[t.status] += 1
    return list(groups.values())


def _by_agency(tasks: list[PublicTask]) -> list[Tally]:
    """Each named lead agency's tasks, by what the agency itself said in its latest public
    report on the task (no public statement of its own: no published information)."""
    from django.utils import timezone

    from lotrinh.agencies.services import SuccessionGraph

    graph = SuccessionGraph.load()
    today = timezone.localdate()
    rows: dict[int, Tally] = {}
    for t in tasks:
        for agency in t.lead_agencies:
            tally = rows.get(agency.pk)
            if tally is None:
                # A ministry merged in 2025 is named as the programme names it, with the
                # body that holds its tasks today.
                holder = graph.holder_at(agency, today)
                tally = rows[agency.pk] = Tally(
                    agency.code,
                    agency.name_vi,
                    agency.name_en,
                    agency=agency,
                    holder=holder if holder.pk != agency.pk else None,
                )
            own = [s for s in t.statements if s.agency.pk == agency.pk]
            if own:
                year = max(s.year for s in own)
                status = combine([s.status for s in own if s.year == year])
            else:
                status = NO_DATA
            tally.counts[status] += 1
    return sorted(rows.values(), key=lambda r: (-r.total, vi_sort_key(r.name)))


def agencies_in_page_order(tallies: list[Tally]) -> list[Tally]:
    """The agencies' tallies as a page lists them: most tasks first, then by the name the
    page shows in its language's order (the cached picture keeps the Vietnamese order)."""
    if active_language() != "en":
        return tallies
    return sorted(tallies, key=lambda r: (-r.total, en_sort_key(r.name_en or r.name)))


def search(picture: Picture, query: str) -> list[PublicTask]:
    """Tasks whose text, reference, group, agencies or published results contain every
    word of `query` (compared folded: no case, no diacritics, đ → d)."""
    words = fold(query).split()
    if not words:
        return []
    found = []
    for t in picture.tasks:
        haystack = fold(
            " ".join(
                [
                    t.task.ref,
                    t.task.text,
                    t.group_title,
                    *t.leads,
                    *t.coordinating,
                    *(s.result for s in t.statements),
                    *(s.evidence_number for s in t.statements),
                    *(a.name_en for a in t.lead_agencies),
                ]
            )
        )
        if all(w in haystack for w in words):
            found.append(t)
    return found


def active_publications() -> Any:
    return Publication.objects.filter(withdrawn_at__isnull=True)
