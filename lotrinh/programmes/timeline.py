"""A programme's timeline: tasks by group, agencies' plan actions, reporting periods and
target milestones on one time axis, and the same items as a dated list (for phones and
screen readers).

Everything is read in a fixed number of queries whatever the number of tasks, actions,
periods or years. Plan actions are shown only to those who may read the plan
(`permissions.visible_child_programmes`); task statuses follow `reporting.task_status`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import SuccessionGraph, generic_codes_covering
from lotrinh.programmes.models import (
    Programme,
    ProgrammeStatus,
    Role,
    Task,
    TaskAssignment,
    TaskLink,
    UnitAssignment,
)

TASK, ACTION, PERIOD, MILESTONE = "task", "action", "period", "milestone"
KIND_LABELS = {
    TASK: _("Nhiệm vụ"),
    ACTION: _("Nhiệm vụ trong kế hoạch của cơ quan"),
    PERIOD: _("Hạn nộp báo cáo"),
    MILESTONE: _("Mốc chỉ tiêu"),
}
ROLES = ("", Role.LEAD, Role.COORDINATING)


def _source_lang() -> str:
    """`lang` of text that exists only in Vietnamese (task text, plan actions) on this page."""
    return "vi" if (get_language() or "vi").startswith("en") else ""


def _local_name(vi: str, en: str) -> tuple[str, str]:
    """The name in the page's language, and the `lang` to mark when it is not."""
    if (get_language() or "vi").startswith("en"):
        return (en, "") if en else (vi, "vi")
    return vi, ""


@dataclass
class Item:
    """One thing on the timeline: a bar (start → end) and/or a dated point (`due`)."""

    kind: str
    title: str
    url: str = ""
    ref: str = ""
    title_lang: str = ""
    start: datetime.date | None = None
    due: datetime.date | None = None
    due_text: str = ""  # the deadline as written, or the recurrence
    recurrence: str = ""
    progress: int | None = None
    tone: str = ""
    status_label: str = ""
    note: str = ""  # who (agency), or what is measured
    note_lang: str = ""
    via: str = ""  # how the filtered agency holds the task: inherited, or addressed to all
    children: list["Item"] = field(default_factory=list)
    # Positions on the axis (percent strings, never localised), set by Timeline.place().
    x0: str = ""
    width: str = ""
    done_width: str = ""
    xdue: str = ""

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])

    @property
    def open_ended(self) -> bool:
        return self.due is None


@dataclass
class Section:
    title: str
    items: list[Item]
    ref: str = ""
    title_lang: str = ""


@dataclass
class ListMonth:
    label: str
    items: list[Item]


@dataclass
class ListYear:
    year: int
    months: list[ListMonth]


@dataclass
class Tick:
    year: int
    x: str
    mid: str
    labelled: bool


@dataclass
class TimelineFilter:
    agency: str = ""
    role: str = ""
    group: str = ""
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_params(cls, params: Any) -> "TimelineFilter":
        role = (params.get("role") or "").strip()
        result = cls(
            agency=(params.get("agency") or "").strip()[:120],
            role=role if role in ROLES else "",
            group=(params.get("group") or "").strip()[:60],
        )
        if role and role not in ROLES:
            result.errors.append(str(_("Vai trò không hợp lệ: đã bỏ qua điều kiện này.")))
        return result

    @property
    def active(self) -> bool:
        return bool(self.agency or self.role or self.group)


@dataclass
class Timeline:
    programme: Programme
    start: datetime.date
    end: datetime.date
    today: datetime.date
    sections: list[Section]
    ticks: list[Tick]
    today_x: str
    today_in_range: bool
    undated: list[Item]
    by_year: list[ListYear]
    count: int


def _percent(value: float) -> str:
    return f"{max(0.0, min(100.0, value)):.3f}%"


class Axis:
    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.start, self.end = start, end
        self.span = max(1, (end - start).days)

    def x(self, day: datetime.date) -> float:
        return (day - self.start).days * 100.0 / self.span

    def place(self, item: Item, default_start: datetime.date) -> None:
        start = max(item.start or default_start, self.start)
        end = min(item.due or self.end, self.end)
        if end < start:
            start = end
        x0, x1 = self.x(start), self.x(end)
        item.x0, item.width = _percent(x0), _percent(x1 - x0)
        if item.progress is not None:
            item.done_width = _percent((x1 - x0) * item.progress / 100)
        if item.due is not None:
            item.xdue = _percent(self.x(min(max(item.due, self.start), self.end)))
        for child in item.children:
            self.place(child, default_start)


def _task_items(
    programme: Programme,
    tasks: list[Task],
    states: dict[str, Any],
    inherited: dict[int, Agency],
) -> dict[int, Item]:
    from lotrinh.reporting.entry_html import TaskUrls

    task_url = TaskUrls()  # reversed once, filled in per task
    source_lang = _source_lang()
    items: dict[int, Item] = {}
    for task in tasks:
        state = states.get(task.ref)
        leads = [a for a in task.assignments.all() if a.role == Role.LEAD]
        note = ", ".join(a.name_as_written for a in leads)
        due_text = task.deadline_text
        if task.recurrence:
            due_text = str(task.get_recurrence_display()) + (f" · {due_text}" if due_text else "")
        items[task.pk] = Item(
            kind=TASK,
            title=task.text,
            title_lang=source_lang,
            url=task_url(programme.slug, task.clause.anchor),
            ref=task.ref,
            start=programme.issue_date,
            due=task.deadline,
            due_text=due_text,
            recurrence=task.recurrence,
            tone=state.tone if state else "none",
            status_label=(f"{state.label} ({state.year})" if state else ""),
            note=note,
            note_lang=source_lang,
        )
        if task.pk in inherited:
            name, _lang = _local_name(inherited[task.pk].name_vi, inherited[task.pk].name_en)
            items[task.pk].via = str(_("kế thừa từ %(name)s") % {"name": name})
    return items


def _agency_scope(agency: Agency, today: datetime.date, candidates: list[Agency]) -> list[int]:
    """The agency and the predecessors whose responsibilities it holds today."""
    graph = SuccessionGraph.load()
    return [agency.pk, *[a.pk for a in graph.predecessors_held_by(agency, today, candidates)]]


def filter_choices(programme: Programme, today: datetime.date) -> tuple[list[Agency], list[Any]]:
    """Agencies named in the programme and those holding their tasks today, and groups."""
    named = list(
        Agency.objects.filter(
            pk__in=TaskAssignment.objects.filter(
                task__programme=programme, agency__isnull=False
            ).values("agency_id")
        )
    )
    graph = SuccessionGraph.load()
    choices = {a.pk: a for a in named}
    for agency in named:
        holder = graph.holder_at(agency, today)
        choices.setdefault(holder.pk, holder)
    return list(choices.values()), list(programme.task_groups.all())


def build(
    programme: Programme,
    user: Any,
    flt: TimelineFilter,
    today: datetime.date,
    agencies: list[Agency],
    groups: list[Any],
) -> Timeline:
    from lotrinh.indicators.models import Target
    from lotrinh.indicators.services import programme_statuses
    from lotrinh.reporting.models import ReportingPeriod
    from lotrinh.reporting.plans import child_plans, plan_task_states
    from lotrinh.reporting.task_status import task_states

    tasks_qs = (
        Task.objects.filter(programme=programme)
        .select_related("group", "clause")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=TaskAssignment.objects.select_related("agency").order_by(
                    "role", "position"
                ),
            )
        )
        .order_by("position")
    )
    group = next((g for g in groups if g.ref == flt.group), None)
    if flt.group and group is None:
        flt.errors.append(str(_("Không có nhóm nhiệm vụ này: đã bỏ qua điều kiện này.")))
        flt.group = ""
    if group is not None:
        tasks_qs = tasks_qs.filter(group=group)

    # The agency filter: its own tasks and those it holds from predecessors today.
    scope: list[int] = []
    chosen: Agency | None = None
    if flt.agency:
        chosen = Agency.objects.filter(code=flt.agency).first()
        if chosen is None:
            flt.errors.append(str(_("Không có cơ quan này: đã bỏ qua điều kiện này.")))
            flt.agency = ""
        else:
            scope = _agency_scope(chosen, today, agencies)
    tasks = list(tasks_qs)
    inherited: dict[int, Agency] = {}
    generic: set[int] = set()
    if scope and chosen is not None:
        roles = (flt.role,) if flt.role else (Role.LEAD, Role.COORDINATING)
        # Tasks addressed to all agencies of its kind ("các bộ, ngành") are its own too.
        codes = set(generic_codes_covering(chosen)) if chosen.is_valid_on(today) else set()
        kept = []
        for task in tasks:
            mine = [
                a
                for a in task.assignments.all()
                if a.role in roles and (a.agency_id in scope or (a.generic and a.generic in codes))
            ]
            if not mine:
                continue
            kept.append(task)
            named = [a for a in mine if a.agency_id in scope]
            if not named:
                generic.add(task.pk)
            elif all(a.agency_id != chosen.pk for a in named) and named[0].agency is not None:
                inherited[task.pk] = named[0].agency
        tasks = kept
    elif flt.role:
        # A role without an agency says nothing to filter on.
        flt.errors.append(str(_("Chọn một cơ quan để lọc theo vai trò.")))
        flt.role = ""

    states = task_states(programme, user)
    task_items = _task_items(programme, tasks, states, inherited)
    for pk in generic:
        task_items[pk].via = str(_("giao chung"))

    # Tasks of the agencies' published plans (child programmes) the viewer may read, under
    # the national tasks they carry out (confirmed links).
    children = perms.visible_child_programmes(
        user, child_plans(programme=programme).filter(status=ProgrammeStatus.PUBLISHED)
    )
    if scope:
        children = children.filter(issuer_id__in=scope)
    links = list(
        TaskLink.objects.filter(
            confirmed=True,
            parent_task_id__in=[t.pk for t in tasks],
            task__programme__in=children,
        )
        .select_related("task__programme__issuer")
        .prefetch_related(
            Prefetch(
                "task__unit_assignments",
                queryset=UnitAssignment.objects.select_related("unit"),
            )
        )
        .order_by(F("task__deadline").asc(nulls_last=True), "task_id")
    )
    # As the viewer may read them: a unit's person, her own unit's tasks only.
    plan_states = plan_task_states({link.task_id for link in links}, user)
    for link in links:
        child_task, child = link.task, link.task.programme
        issuer = child.issuer
        assert issuer is not None
        name, lang = _local_name(issuer.name_vi, issuer.name_en)
        units = ", ".join(
            a.unit.name_vi for a in child_task.unit_assignments.all() if a.role == Role.LEAD
        )
        task_items[link.parent_task_id].children.append(
            Item(
                kind=ACTION,
                title=f"{child.code} {child_task.ref}: {child_task.text}",
                title_lang=_source_lang(),
                url=reverse("cascade:plan", args=[child.pk]) + f"#task-{child_task.pk}",
                start=child.issue_date,
                due=child_task.deadline,
                progress=state.progress if (state := plan_states.get(child_task.pk)) else None,
                tone="action",
                note=name + (f" · {units}" if units else ""),
                note_lang=lang or (_source_lang() if units else ""),
            )
        )

    sections: list[Section] = []
    by_group: dict[int, list[Item]] = defaultdict(list)
    for task in tasks:
        by_group[task.group_id].append(task_items[task.pk])
    for g in groups:
        if by_group.get(g.pk):
            sections.append(
                Section(
                    title=g.title,
                    ref=g.ref,
                    items=by_group[g.pk],
                    title_lang=_source_lang(),
                )
            )

    # Reporting periods: the due date of each period of the programme's regimes.
    regime_rows: dict[int, Item] = {}
    for period in (
        ReportingPeriod.objects.filter(regime__programme=programme)
        .select_related("regime")
        .order_by("regime_id", "year")
    ):
        row = regime_rows.get(period.regime_id)
        if row is None:
            row = regime_rows[period.regime_id] = Item(
                kind=PERIOD,
                title=period.regime.name,
                title_lang=_source_lang(),
                start=None,
                due=None,
                tone="period",
            )
        row.children.append(
            Item(
                kind=PERIOD,
                title=period.regime.name,
                title_lang=row.title_lang,
                start=period.start,
                due=period.due_date,
                tone="period",
                note=str(_("Kỳ %(year)s") % {"year": period.year}),
            )
        )
    period_items = list(regime_rows.values())

    # Target milestones: the programme's targets, or those of the document it implements.
    target_programme = programme
    if (
        not Target.objects.filter(programme=programme, is_current=True).exists()
        and programme.implements_id
    ):
        target_programme = programme.implements  # type: ignore[assignment]
    milestone_items: list[Item] = []
    english = (get_language() or "vi").startswith("en")
    target_url = reverse("indicators:target", args=[987654321])
    for status in programme_statuses(target_programme, as_of=today):
        name, lang = _local_name(status.indicator.name_vi, status.indicator.name_en)
        for ms in status.milestones:
            milestone = ms.milestone
            milestone_items.append(
                Item(
                    kind=MILESTONE,
                    title=name,
                    title_lang=lang,
                    url=target_url.replace("987654321", str(status.target.pk)),
                    due=datetime.date(milestone.year, 12, 31),
                    due_text=milestone.text,
                    tone=ms.progress.tone,
                    status_label=ms.progress.label_en if english else ms.progress.label_vi,
                    note=milestone.text,
                    note_lang=_source_lang(),
                )
            )
    milestone_items.sort(key=lambda i: (i.due or today, i.title))

    # The axis: from the programme's year to the last dated item (and today).
    dates = [programme.issue_date, today]
    for item in [*task_items.values(), *milestone_items]:
        dates += [d for d in (item.due,) if d]
        dates += [c.due for c in item.children if c.due]
    for row in period_items:
        dates += [c.due for c in row.children if c.due]
    start = datetime.date(programme.issue_date.year, 1, 1)
    end = datetime.date(max(d.year for d in dates), 12, 31)
    axis = Axis(start, end)
    for section in sections:
        for item in section.items:
            axis.place(item, programme.issue_date)
    for row in period_items:
        axis.place(row, start)
    for item in milestone_items:
        axis.place(item, start)

    if period_items:
        sections.append(Section(title=str(_("Kỳ báo cáo")), items=period_items))
    if milestone_items:
        title = str(_("Mốc chỉ tiêu"))
        if target_programme.pk != programme.pk:
            title = str(_("Mốc chỉ tiêu của %(code)s") % {"code": target_programme.code})
        sections.append(Section(title=title, items=milestone_items))

    years = list(range(start.year, end.year + 1))
    step = 1 if len(years) <= 14 else (2 if len(years) <= 28 else 5)
    ticks = [
        Tick(
            year=y,
            x=_percent(axis.x(datetime.date(y, 1, 1))),
            mid=_percent(axis.x(datetime.date(y, 7, 1))),
            labelled=(y - start.year) % step == 0,
        )
        for y in years
    ]

    dated, undated = _as_list(sections)
    return Timeline(
        programme=programme,
        start=start,
        end=end,
        today=today,
        sections=sections,
        ticks=ticks,
        today_x=_percent(axis.x(today)),
        today_in_range=start <= today <= end,
        undated=undated,
        by_year=dated,
        count=len(tasks),
    )


def _month_label(year: int, month: int) -> str:
    """ "Tháng 11/2025" on Vietnamese pages, "November 2025" on English ones."""
    if (get_language() or "vi").startswith("en"):
        return date_format(datetime.date(year, month, 1), "F Y")
    return f"Tháng {month}/{year}"


def _as_list(sections: list[Section]) -> tuple[list[ListYear], list[Item]]:
    """Every dated item by year and month (the phone and screen-reader form)."""
    dated: list[Item] = []
    undated: list[Item] = []
    for section in sections:
        for item in section.items:
            if item.kind == PERIOD:
                dated.extend(item.children)
                continue
            (dated if item.due else undated).append(item)
            dated.extend(c for c in item.children if c.due)
            undated.extend(c for c in item.children if not c.due)
    dated.sort(key=lambda i: (i.due, i.kind != PERIOD, i.ref, i.title))
    years: list[ListYear] = []
    for item in dated:
        assert item.due is not None
        if not years or years[-1].year != item.due.year:
            years.append(ListYear(item.due.year, []))
        months = years[-1].months
        label = _month_label(item.due.year, item.due.month)
        if not months or months[-1].label != label:
            months.append(ListMonth(label, []))
        months[-1].items.append(item)
    return years, undated
