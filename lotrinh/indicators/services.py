"""Indicator services: targets from programme files, statuses, observations, exchange formats."""

import csv
import datetime
import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, F, IntegerField, QuerySet, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lotrinh.accounts.permissions import (
    ENTER_OBSERVATION,
    can,
    is_most,
    may_review_observation,
)
from lotrinh.core.audit import record_event
from lotrinh.indicators.models import (
    BACKING_STRENGTH,
    WEAK_BACKINGS,
    Approval,
    Backing,
    Indicator,
    Milestone,
    Observation,
    Target,
)
from lotrinh.indicators.positions import GroupPosition, group_positions
from lotrinh.indicators.progress import Milestone as MilestoneSpec
from lotrinh.indicators.progress import Point, Progress, evaluate
from lotrinh.indicators.projection import Projection, project
from lotrinh.indicators.validation import (
    MAX_CSV_BYTES,
    ObservationError,
    ParsedRow,
    check_value,
    no_values_reason,
    parse_open_sdg_csv,
    parse_open_sdg_xlsx,
)

__all__ = ["MAX_CSV_BYTES", "ObservationError", "ParsedRow", "parse_open_sdg_csv"]

COUNTRY = "VNM"


def entered_release(agency: Any) -> str:
    """The "lần công bố" of a value typed in Lộ trình: entered by its agency."""
    return f"nhập bởi {agency.name_vi if agency is not None else 'Lộ trình'}"[:120]


def load_targets(programme: Any, targets: list[dict[str, Any]], source_name: str) -> None:
    """Store a programme file's target milestones, one Target per indicator."""
    by_indicator: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in targets:
        by_indicator[item["indicator"]].append(item)
    for code, items in by_indicator.items():
        indicator, _created = Indicator.objects.get_or_create(
            code=code, defaults={"name_vi": code, "unit": items[0].get("unit", "")}
        )
        baseline, note, note_en = choose_baseline_noted(indicator, programme.issue_date.year)
        target = Target.objects.create(
            programme=programme,
            indicator=indicator,
            code=code,
            baseline_year=baseline.year if baseline else None,
            baseline_value=baseline.value if baseline else None,
            baseline_note=note,
            baseline_note_en=note_en,
        )
        for item in sorted(items, key=lambda i: i["year"]):
            Milestone.objects.create(
                target=target,
                code=item["code"],
                year=item["year"],
                comparator=item.get("comparator") or "gte",
                value=item.get("value"),
                group=item.get("group") or "",
                period_start=item.get("period_start"),
                clause_ref=item.get("clause") or "",
                text=item.get("text") or "",
                rule=item.get("rule") or "",
                rule_en=item.get("rule_en") or "",
            )


def choose_baseline(indicator: Indicator, programme_year: int) -> tuple[Point | None, str]:
    """The value of the programme's year or the latest before it; else the first available."""
    point, note, _note_en = choose_baseline_noted(indicator, programme_year)
    return point, note


def choose_baseline_noted(
    indicator: Indicator, programme_year: int
) -> tuple[Point | None, str, str]:
    """`choose_baseline` with the note in Vietnamese and in English."""
    points = series(indicator)
    if indicator.kind in ("average_growth", "milestone") or not points:
        return None, "", ""
    before = [p for p in points if p.year <= programme_year]
    if before:
        year = before[-1].year
        return (
            before[-1],
            f"Năm gốc {year}: số liệu của năm ban hành hoặc năm gần nhất trước đó.",
            f"Baseline {year}: the value of the year of issue or the latest year before it.",
        )
    year = points[0].year
    return (
        points[0],
        f"Năm gốc {year}: số liệu sớm nhất có được (chưa có số liệu năm {programme_year}).",
        f"Baseline {year}: the earliest value available (no value for {programme_year} yet).",
    )


def today() -> datetime.date:
    return timezone.localdate()


# Later in this order wins: the day it became known, then (same day) the stronger backing,
# then the later approval, then the later recorded.
BACKING_ORDER = Case(
    *(When(backing=b, then=Value(n)) for b, n in BACKING_STRENGTH.items() if b),
    default=Value(0),
    output_field=IntegerField(),
)
# A value whose date is not known ranks before every dated release, on every database
# (SQLite sorts NULL first, PostgreSQL last unless told).
EFFECTIVE_ORDER = (
    F("known_on").asc(nulls_first=True),
    BACKING_ORDER,
    F("reviewed_at").asc(nulls_first=True),
    "id",
)


_NEVER = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def effective_key(o: Observation) -> tuple[Any, ...]:
    """EFFECTIVE_ORDER in Python (`tests/indicators/test_effective_key.py` compares)."""
    return (
        o.known_on is not None,
        o.known_on or datetime.date.min,
        BACKING_STRENGTH.get(o.backing, 0) if o.backing else 0,
        o.reviewed_at is not None,
        o.reviewed_at or _NEVER,
        o.pk,
    )


def known_observations(
    indicators: Any,
    as_of: datetime.date | None = None,
    country: str | None = None,
    people: bool = True,
) -> list[Observation]:
    """The value in effect for each indicator, country and year as of the end of `as_of`.

    Only approved values known by then count (`known_on` ≤ `as_of`); of several, the one
    that became known last (then approved last) is in effect, so a revision published
    after the day leaves that day's figures as they were. `as_of=None`: everything
    approved (what `is_current` marks). `people=False` leaves out who recorded and who
    approved each value (statuses do not show them).
    """
    queryset = Observation.objects.filter(indicator__in=indicators, approval=Approval.APPROVED)
    if people:
        queryset = queryset.select_related("recorded_by", "reviewed_by")
    if as_of is not None:
        queryset = queryset.filter(known_on__lte=as_of)
    if country is not None:
        queryset = queryset.filter(country=country)
    in_effect: dict[tuple[int, str, int], Observation] = {}
    # Sorted here by `effective_key`, EFFECTIVE_ORDER's order: compiling that ORDER BY
    # took about 1 ms on every call, more than sorting the rows.
    for o in sorted(queryset.order_by(), key=effective_key):
        in_effect[(o.indicator_id, o.country, o.year)] = o
    return sorted(in_effect.values(), key=lambda o: (o.indicator_id, o.country, o.year))


def series(
    indicator: Indicator, country: str = COUNTRY, as_of: datetime.date | None = None
) -> list[Point]:
    """The values of `indicator` in effect as of `as_of` (today by default), by year.

    A group position computed from members' ranks (`computed_from`) is the computed one.
    """
    as_of = as_of or today()
    if indicator.computed_from_id and country == COUNTRY:
        ids = [indicator.pk, indicator.computed_from_id]
        return evidence_for(indicator, known_observations(ids, as_of)).points
    return [
        Point(o.year, o.value)
        for o in known_observations([indicator.pk], as_of, country)
        if o.value is not None
    ]


@dataclass
class Evidence:
    """What a target's statuses rest on: the points, and for each year the observation used,
    its backing, and (group positions) the members' table."""

    points: list[Point]
    used: dict[int, Observation]
    backing: dict[int, str]
    positions: dict[int, GroupPosition]


def evidence_for(
    indicator: Indicator, in_effect: list[Observation], gaps: list[Any] | None = None
) -> Evidence:
    if indicator.computed_from_id:
        positions = group_positions(indicator, in_effect, gaps)
        points, used, backing = [], {}, {}
        for year, gp in positions.items():
            if gp.used is None:
                continue
            points.append(Point(year, float(gp.used)))
            home = next((m.observation for m in gp.members if m.country == COUNTRY), None)
            if home is not None:
                used[year] = home
            backing[year] = gp.weakest_backing()
        return Evidence(points, used, backing, positions)
    mine = [
        o
        for o in in_effect
        if o.indicator_id == indicator.pk and o.country == COUNTRY and o.value is not None
    ]
    return Evidence(
        [Point(o.year, float(o.value)) for o in mine if o.value is not None],
        {o.year: o for o in mine},
        {o.year: o.backing for o in mine},
        {},
    )


def tasks_evidence(
    target: Target, cache: dict[str, Any] | None = None
) -> tuple[list[Point], list[dict[str, Any]]]:
    """The share of the target's linked tasks done in their latest accepted report (one
    point, this year), and each task with its status; no point when none is reported.

    `cache` (one per page) reads the links and the accepted copies once for all targets.
    """
    from lotrinh.indicators.models import TaskTargetLink
    from lotrinh.reporting.models import DONE_STATUSES
    from lotrinh.reporting.task_status import programme_task_states

    cache = {} if cache is None else cache
    if "links" not in cache:
        # (target code, programme code, task ref) of every link to a current target.
        cache["links"] = list(
            TaskTargetLink.objects.filter(
                target__is_current=True, target__indicator__kind="tasks"
            ).values_list("target__code", "task__programme__code", "task__ref")
        )
        # Each linked task's status as the public reads it, by the task pages' one rule
        # (reporting/task_status.py: accepted and published copies; the leads' statements
        # of the latest year combined by the roll-up rule), the same queries whatever
        # the number of targets, tasks or reports.
        cache["reported"] = programme_task_states({code for _t, code, _r in cache["links"]})
    tasks: dict[tuple[str, str], dict[str, Any]] = {}
    for target_code, code, ref in cache["links"]:
        if target_code != target.code:
            continue
        state = cache["reported"].get((code, ref))
        tasks.setdefault(
            (code, ref),
            {
                "programme": code,
                "task": ref,
                "status": state.status if state else None,
                "label": state.label if state else "",
                "year": state.year if state else None,
            },
        )
    rows = sorted(tasks.values(), key=lambda r: (r["programme"], r["task"]))
    if not rows or all(r["status"] is None for r in rows):
        return [], rows
    done = sum(1 for r in rows if r["status"] in DONE_STATUSES)
    return [Point(today().year, 100 * done / len(rows))], rows


def milestone_spec(milestone: Milestone) -> MilestoneSpec:
    indicator = milestone.target.indicator
    return MilestoneSpec(
        kind=indicator.kind,
        comparator=milestone.comparator,
        target=milestone.value,
        year=milestone.year,
        direction=indicator.direction,
        limit=indicator.limit,
        period_start=milestone.period_start,
    )


@dataclass
class Provenance:
    """The backing of the figures a status rests on; weak ones are said."""

    years: list[int]
    backing: dict[int, str]

    @property
    def weakest(self) -> str:
        values = [self.backing.get(y, "") for y in self.years]
        return min(values, key=lambda b: BACKING_STRENGTH.get(b, 0)) if values else ""

    @property
    def weak(self) -> list[tuple[int, str]]:
        return [(y, self.backing[y]) for y in self.years if self.backing.get(y) in WEAK_BACKINGS]

    @property
    def caveat_vi(self) -> str:
        return _caveat(self.weak, "vi")

    @property
    def caveat_en(self) -> str:
        return _caveat(self.weak, "en")


def _caveat(weak: list[tuple[int, str]], lang: str) -> str:
    if not weak:
        return ""
    press = [y for y, b in weak if b == Backing.PRESS_ONLY]
    draft = [y for y, b in weak if b == Backing.OFFICIAL_DRAFT]
    parts = []
    if lang == "vi":
        if press:
            parts.append("số liệu năm " + ", ".join(map(str, press)) + " chỉ có trên báo chí")
        if draft:
            parts.append("số liệu năm " + ", ".join(map(str, draft)) + " lấy từ dự thảo")
        return "Trạng thái tính từ " + "; ".join(parts) + " (chưa có nguồn gốc xác nhận)."
    if press:
        parts.append("press-only figures (" + ", ".join(map(str, press)) + ")")
    if draft:
        parts.append("official-draft figures (" + ", ".join(map(str, draft)) + ")")
    return "Status computed from " + " and ".join(parts) + " (no confirmed primary source)."


@dataclass
class MilestoneStatus:
    milestone: Milestone
    progress: Progress
    projection: Projection | None
    provenance: Provenance | None = None
    position: GroupPosition | None = None

    @property
    def positions(self) -> list[GroupPosition]:
        """The members' table behind the status (a list, for the page's template)."""
        return [self.position] if self.position is not None else []


@dataclass
class TargetStatus:
    target: Target
    indicator: Indicator
    points: list[Point]
    milestones: list[MilestoneStatus]
    evidence: Evidence | None = None
    tasks: list[dict[str, Any]] | None = None

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


def _years_used(progress: Progress, points: list[Point]) -> list[int]:
    if progress.method == "period_average":
        start = progress.milestone.period_start or 0
        return [p.year for p in points if start <= p.year <= progress.milestone.year]
    return sorted(
        {p.year for p in (progress.baseline, progress.latest) if p is not None}
        & {p.year for p in points}
    )


def target_status(
    target: Target,
    as_of: datetime.date | None = None,
    points: list[Point] | None = None,
    evidence: Evidence | None = None,
    cache: dict[str, Any] | None = None,
    milestones: list[Milestone] | None = None,
) -> TargetStatus:
    as_of = as_of or today()
    indicator = target.indicator
    tasks = None
    if indicator.kind == "tasks":
        points, tasks = tasks_evidence(target, cache)
        evidence = Evidence(points, {}, {}, {})
    if evidence is None:
        ids = [indicator.pk] + ([indicator.computed_from_id] if indicator.computed_from_id else [])
        evidence = evidence_for(indicator, known_observations(ids, as_of))
    points = evidence.points if points is None else points
    baseline = (
        Point(target.baseline_year, target.baseline_value)
        if target.baseline_year is not None and target.baseline_value is not None
        else None
    )
    rows = []
    for milestone in target.milestones.all() if milestones is None else milestones:
        spec = milestone_spec(milestone)
        progress = evaluate(spec, points, as_of_year=as_of.year, baseline=baseline)
        if (
            progress.latest
            and progress.latest.year < milestone.year < as_of.year
            and progress.status not in ("achieved", "not_achieved")
            and indicator.kind != "tasks"
        ):
            progress.note_vi += f" Năm mốc {milestone.year} đã qua nhưng chưa có số liệu của năm đó: trạng thái theo số liệu mới nhất."
            progress.note_en += f" The milestone year {milestone.year} has passed but has no data yet: status from the latest data."
        # Only where a request can be sent: to a producing agency in the registry.
        if progress.status == "insufficient_data" and indicator.producer_agency_id:
            progress.note_vi += " Có thể gửi yêu cầu số liệu tới cơ quan sản xuất số liệu."
            progress.note_en += " A data request can be sent to the producing agency."
        if milestone.rule:
            progress.note_vi = f"{progress.note_vi} Quy tắc: {milestone.rule}".strip()
            progress.note_en = (
                f"{progress.note_en} Rule: {milestone.rule_en or milestone.rule}".strip()
            )
        provenance = Provenance(_years_used(progress, points), evidence.backing)
        position = None
        if evidence.positions:
            year = progress.latest.year if progress.latest else None
            position = evidence.positions.get(year) if year else None
        rows.append(
            MilestoneStatus(
                milestone,
                progress,
                project(indicator.kind, points, milestone.year, indicator.limit),
                provenance,
                position,
            )
        )
    return TargetStatus(target, indicator, points, rows, evidence, tasks)


def current_targets(programme: Any = None) -> QuerySet[Target]:
    queryset = (
        Target.objects.filter(is_current=True, programme__status="published")
        .select_related("indicator__computed_from", "programme")
        .prefetch_related("milestones")
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return queryset.order_by("indicator__position", "code")


def programme_statuses(
    programme: Any = None, as_of: datetime.date | None = None
) -> list[TargetStatus]:
    """The status of every current target, from the values known as of `as_of` (today)."""
    as_of = as_of or today()
    # The milestones in one query, grouped here: prefetching builds a queryset per target.
    targets = list(current_targets(programme).prefetch_related(None))
    milestones: dict[int, list[Milestone]] = {t.pk: [] for t in targets}
    by_pk = {t.pk: t for t in targets}
    for milestone in Milestone.objects.filter(target__in=targets):
        milestone.target = by_pk[milestone.target_id]
        milestones[milestone.target_id].append(milestone)
    ids = {t.indicator_id for t in targets} | {
        t.indicator.computed_from_id for t in targets if t.indicator.computed_from_id
    }
    in_effect = known_observations(list(ids), as_of, people=False)
    from lotrinh.indicators.models import MemberGap

    sources = [t.indicator.computed_from_id for t in targets if t.indicator.computed_from_id]
    gaps = list(MemberGap.objects.filter(indicator_id__in=sources)) if sources else []
    # Each indicator's own values (in the same order); a group position reads two.
    by_indicator: dict[int, list[Observation]] = defaultdict(list)
    for o in in_effect:
        by_indicator[o.indicator_id].append(o)
    cache: dict[str, Any] = {}
    return [
        target_status(
            t,
            as_of,
            evidence=evidence_for(
                t.indicator,
                in_effect if t.indicator.computed_from_id else by_indicator[t.indicator_id],
                gaps,
            ),
            milestones=milestones[t.pk],
        )
        if t.indicator.kind != "tasks"
        else target_status(t, as_of, cache=cache, milestones=milestones[t.pk])
        for t in targets
    ]


def status_json(statuses: list[TargetStatus]) -> list[dict[str, Any]]:
    out = []
    for status in statuses:
        for row in status.milestones:
            m = row.milestone
            item: dict[str, Any] = {
                "programme": status.target.programme.code,
                "target": m.code,
                "clause": m.clause_ref,
                "text": m.text,
                "indicator": status.indicator.code,
                "indicator_name": status.indicator.name_vi,
                "kind": status.indicator.kind,
                "comparator": m.comparator,
                "value": m.value,
                "year": m.year,
                "group": m.group or None,
                "latest": {"year": status.latest.year, "value": status.latest.value}
                if status.latest
                else None,
                **row.progress.as_dict(),
                "reason": row.progress.note_en,
                "reason_vi": row.progress.note_vi,
                "rule": m.rule_en or m.rule or None,
                "projection": {
                    "year": row.projection.final.year,
                    "value": round(row.projection.final.value, 3),
                    "low": round(row.projection.low[-1].value, 3) if row.projection.low else None,
                    "high": round(row.projection.high[-1].value, 3)
                    if row.projection.high
                    else None,
                    "model": row.projection.model_en,
                }
                if row.projection
                else None,
            }
            if row.provenance is not None:
                item["backing"] = {
                    "years": {
                        str(y): row.provenance.backing.get(y, "") for y in row.provenance.years
                    },
                    "weakest": row.provenance.weakest or None,
                }
                item["caveat"] = row.provenance.caveat_en or None
                item["caveat_vi"] = row.provenance.caveat_vi or None
            if status.tasks is not None:
                item["linked_tasks"] = status.tasks
            if status.indicator.computed_from_id:
                position = row.position
                item["computed_position"] = position.position if position else None
                item["members"] = position.as_dict()["members"] if position else []
                item["position"] = position.as_dict() if position else None
                item["positions"] = (
                    [
                        {k: v for k, v in gp.as_dict().items() if k != "members"}
                        for gp in status.evidence.positions.values()
                    ]
                    if status.evidence
                    else []
                )
            out.append(item)
    return out


# ------------------------------------------------------------------ data entry


def _snapshot(o: Observation) -> dict[str, Any]:
    return {
        "indicator": o.indicator.code,
        "year": o.year,
        "country": o.country,
        "value": o.value,
        "text_value": o.text_value,
        "citation": o.citation,
        "source_url": o.source_url,
        "approval": o.approval,
    }


def refresh_current(indicator_id: int, country: str, year: int) -> Observation | None:
    """Mark the value now in effect for a year as current (the rest, not); return it."""
    rows = Observation.objects.filter(indicator_id=indicator_id, country=country, year=year)
    in_effect = rows.filter(approval=Approval.APPROVED).order_by(*EFFECTIVE_ORDER).last()
    stale = rows.filter(is_current=True)
    if in_effect is not None:
        stale = stale.exclude(pk=in_effect.pk)
    stale.update(is_current=False)
    if in_effect is not None and not in_effect.is_current:
        in_effect.is_current = True
        in_effect.save(update_fields=["is_current"])
    return in_effect


def _pending_for(indicator: Indicator, keys: list[tuple[int, str]]) -> set[tuple[int, str]]:
    years = {y for y, _c in keys}
    return {
        (o.year, o.country)
        for o in Observation.objects.filter(
            indicator=indicator, approval=Approval.PENDING, year__in=years
        )
    } & set(keys)


def _pending_problem(year: int) -> str:
    return _(
        "Năm %(year)s đã có một giá trị đang chờ Bộ KH&CN duyệt; cần duyệt hoặc từ chối "
        "giá trị đó trước."
    ) % {"year": year}


@transaction.atomic
def record_observation(
    indicator: Indicator,
    *,
    year: int,
    value: float | None,
    citation: str,
    user: Any,
    source_url: str = "",
    status: str = "final",
    text_value: str = "",
    note: str = "",
    published_on: datetime.date | None = None,
    country: str = COUNTRY,
    backing: str = "",
) -> Observation:
    """Propose a value; it is pending (not public, not used) until a MOST monitor approves it.

    A value for a year that already has one is a revision of it; the earlier value stays
    in effect until the revision is approved.
    """
    if not can(user, ENTER_OBSERVATION, indicator):
        raise PermissionDenied
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    # The same value sent again by the same person while it waits (a double click, the
    # form sent again on Back): what is submitted is what is stored, no refusal.
    alike = Observation.objects.filter(
        indicator=indicator,
        year=year,
        country=country,
        approval=Approval.PENDING,
        recorded_by_id=getattr(user, "pk", None),
        value=value,
        text_value=text_value,
        status=status,
        citation=citation,
        source_url=source_url,
        note=note,
        published_on=published_on,
    ).first()
    if alike is not None and (not backing or alike.backing == backing):
        return alike
    problems = [
        p.message
        for p in check_value(
            indicator, year=year, value=value, today=today(), published_on=published_on
        )
    ]
    if not citation.strip():
        problems.append(_("Cần nêu nguồn trích dẫn cho số liệu nhập."))
    if _pending_for(indicator, [(year, country)]):
        problems.append(_pending_problem(year))
    if problems:
        raise ObservationError(problems)
    previous = Observation.objects.filter(
        indicator=indicator, year=year, country=country, is_current=True
    ).first()
    observation = Observation.objects.create(
        indicator=indicator,
        year=year,
        country=country,
        value=value,
        text_value=text_value,
        status=status,
        published_on=published_on,
        # The agency, not the person: the release is published (page, workbook, open data).
        release=entered_release(user.agency),
        source_url=source_url,
        citation=citation,
        note=note,
        revision_of=previous,
        is_current=False,
        approval=Approval.PENDING,
        recorded_by=user,
        agency=user.agency,
        publisher=str(user.agency or "")[:255],
        published_text=published_on.isoformat() if published_on else "",
        backing=backing or _default_backing(indicator, user),
    )
    record_event(
        user,
        "observation.revised" if previous else "observation.recorded",
        observation,
        before=_snapshot(previous) if previous else None,
        after=_snapshot(observation),
    )
    return observation


def _default_backing(indicator: Indicator, user: Any) -> str:
    """An entered value from the producing agency's own reporter is the agency's official
    figure; one entered by MOST from elsewhere is press only unless MOST says otherwise."""
    if getattr(user, "agency_id", None) and indicator.producer_agency_id and not is_most(user):
        return Backing.CONFIRMED_OFFICIAL
    return Backing.PRESS_ONLY


def _lock_pending(
    observation: Observation, user: Any, alike: Callable[[Observation], bool]
) -> tuple[Observation, bool]:
    """The pending value locked for review by `user` (a MOST monitor who did not enter it),
    and whether it was already decided by `user` as `alike` says (her own decision sent
    twice: a double click, nothing to do). Decided otherwise, or by another monitor:
    refused."""
    observation = (
        Observation.objects.select_for_update().select_related("indicator").get(pk=observation.pk)
    )
    if not may_review_observation(user, observation):
        raise PermissionDenied
    if observation.approval != Approval.PENDING:
        if observation.reviewed_by_id == getattr(user, "pk", None) and alike(observation):
            return observation, True
        raise ObservationError([_("Số liệu này đã được xem xét trước đó.")])
    return observation, False


@transaction.atomic
def approve_observation(observation: Observation, user: Any) -> Observation:
    """A MOST monitor approves a pending value: it becomes public, known from today."""
    observation, done = _lock_pending(observation, user, lambda o: o.approval == Approval.APPROVED)
    if done:
        return observation
    previous = Observation.objects.filter(
        indicator_id=observation.indicator_id,
        year=observation.year,
        country=observation.country,
        is_current=True,
    ).first()
    observation.approval = Approval.APPROVED
    observation.reviewed_by = user
    observation.reviewed_at = timezone.now()
    observation.known_on = today()
    observation.revision_of = previous
    observation.save(
        update_fields=["approval", "reviewed_by", "reviewed_at", "known_on", "revision_of"]
    )
    refresh_current(observation.indicator_id, observation.country, observation.year)
    from lotrinh.indicators.requests import on_review

    on_review(observation, user, approved=True)
    record_event(
        user,
        "observation.approved",
        observation,
        before=_snapshot(previous) if previous else None,
        after={**_snapshot(observation), "known_on": observation.known_on.isoformat()},
    )
    return observation


@transaction.atomic
def reject_observation(observation: Observation, user: Any, reason: str) -> Observation:
    """A MOST monitor rejects a pending value, saying why; it never becomes public."""
    reason = reason.strip()
    observation, done = _lock_pending(
        observation,
        user,
        lambda o: o.approval == Approval.REJECTED and o.rejection_reason == reason,
    )
    if done:
        return observation
    if not reason:
        raise ObservationError([_("Cần nêu lý do từ chối.")])
    observation.approval = Approval.REJECTED
    observation.reviewed_by = user
    observation.reviewed_at = timezone.now()
    observation.rejection_reason = reason
    observation.save(update_fields=["approval", "reviewed_by", "reviewed_at", "rejection_reason"])
    from lotrinh.indicators.requests import on_review

    on_review(observation, user, approved=False)
    record_event(
        user,
        "observation.rejected",
        observation,
        before={"approval": Approval.PENDING},
        after=_snapshot(observation),
        note=reason,
    )
    return observation


@transaction.atomic
def rebaseline(target: Target, *, year: int, value: float, reason: str, user: Any) -> Target:
    """A new version of the target with another baseline; the original stays visible."""
    old = Target.objects.select_for_update().get(pk=target.pk)
    milestones = list(old.milestones.all())
    old.is_current = False
    old.save(update_fields=["is_current"])
    new = Target.objects.create(
        programme=old.programme,
        indicator=old.indicator,
        code=old.code,
        version=old.version + 1,
        supersedes=old,
        baseline_year=year,
        baseline_value=value,
        baseline_note=reason,
        reason=reason,
    )
    for m in milestones:
        m.pk = None
        m.target = new
        m.save()
    old.task_links.update(target=new)
    record_event(
        user,
        "target.rebaselined",
        new,
        before={"baseline": [old.baseline_year, old.baseline_value]},
        after={"baseline": [year, value]},
        note=reason,
    )
    return new


# ------------------------------------------------------------------ CSV exchange


@dataclass
class ImportResult:
    entered: int
    unchanged: int


@transaction.atomic
def import_open_sdg_csv(
    indicator: Indicator, data: bytes, *, citation: str, user: Any, workbook: bool = False
) -> ImportResult:
    """Propose every row of an Open SDG CSV, or of an Excel workbook's first sheet with the
    same columns (`workbook`), pending approval; any problem: nothing written."""
    if not can(user, ENTER_OBSERVATION, indicator):
        raise PermissionDenied
    if not citation.strip():
        raise ObservationError([_("Cần nêu nguồn trích dẫn cho số liệu nhập.")])
    if not indicator.takes_values:
        raise ObservationError([no_values_reason(indicator)])
    if indicator.kind == "milestone":
        raise ObservationError(
            [
                _(
                    "Chỉ tiêu dạng mốc cần mô tả bằng chứng cho từng giá trị: hãy nhập qua biểu "
                    "mẫu, không qua CSV."
                )
            ]
        )
    parse = parse_open_sdg_xlsx if workbook else parse_open_sdg_csv
    rows = parse(data, today(), indicator)
    pending = _pending_for(indicator, [(r.year, r.country) for r in rows])
    if pending:
        raise ObservationError(
            [
                _("Dòng %(line)s, cột %(column)s: %(problem)s")
                % {"line": r.line, "column": "Year", "problem": _pending_problem(r.year)}
                for r in rows
                if (r.year, r.country) in pending
            ]
        )
    current = {
        (o.year, o.country): o.value
        for o in Observation.objects.filter(indicator=indicator, is_current=True)
    }
    entered = 0
    for row in rows:
        if current.get((row.year, row.country)) == row.value:
            continue  # the value in effect already: nothing to approve
        record_observation(
            indicator,
            year=row.year,
            value=row.value,
            citation=citation,
            user=user,
            country=row.country,
            published_on=row.published_on,
        )
        entered += 1
    return ImportResult(entered, len(rows) - entered)


def export_csv(indicator: Indicator) -> str:
    from lotrinh.core.exports import write_csv_row

    out = io.StringIO()
    writer = csv.writer(out)
    write_csv_row(writer, ["Year", "Country", "Value", "Status", "Source", "Citation"])
    for o in Observation.objects.filter(
        indicator=indicator, is_current=True, approval=Approval.APPROVED, value__isnull=False
    ).order_by("country", "year"):
        write_csv_row(writer, [o.year, o.country, o.value, o.status, o.source_url, o.citation])
    return out.getvalue()


def export_sdmx_csv(indicator: Indicator) -> str:
    """SDMX-CSV (one observation per row) with the dataflow named after the indicator."""
    from lotrinh.core.exports import write_csv_row

    out = io.StringIO()
    writer = csv.writer(out)
    write_csv_row(
        writer,
        [
            "DATAFLOW",
            "REF_AREA",
            "INDICATOR",
            "TIME_PERIOD",
            "OBS_VALUE",
            "UNIT_MEASURE",
            "OBS_STATUS",
            "COMMENT",
        ],
    )
    for o in Observation.objects.filter(
        indicator=indicator, is_current=True, approval=Approval.APPROVED, value__isnull=False
    ).order_by("country", "year"):
        write_csv_row(
            writer,
            [
                "LOTRINH:DF_NQ52(1.0)",
                o.country,
                indicator.code,
                o.year,
                o.value,
                indicator.unit,
                "P" if o.status == "provisional" else "A",
                o.citation,
            ],
        )
    return out.getvalue()


def export_xlsx() -> bytes:
    """The indicators and their approved values, in Vietnamese (headers, kinds, statuses)
    whatever the language of the page it is downloaded from."""
    with translation.override("vi"):
        return _indicators_workbook()


def _indicators_workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from lotrinh.core.exports import append_row, fit_columns

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chỉ tiêu"
    append_row(
        sheet,
        [
            "Mã",
            "Tên chỉ tiêu",
            "Đơn vị",
            "Loại",
            "Cơ quan sản xuất số liệu",
            "Chỉ tiêu thay thế cho",
        ],
    )
    indicators = list(Indicator.objects.select_related("proxy_for"))
    for i in indicators:
        append_row(
            sheet,
            [
                i.code,
                i.name_vi,
                i.unit,
                i.get_kind_display(),
                i.producer,
                i.proxy_for.code if i.proxy_for else "",
            ],
        )
    data = book.create_sheet("Số liệu")
    append_row(
        data,
        [
            "Mã chỉ tiêu",
            "Năm",
            "Quốc gia",
            "Giá trị",
            "Bằng chứng",
            "Tình trạng",
            "Lần công bố",
            "Nguồn",
            "Trích dẫn",
            "Ghi chú",
            "Đang dùng",
        ],
    )
    for o in (
        Observation.objects.filter(approval=Approval.APPROVED)
        .select_related("indicator")
        .order_by("indicator__position", "country", "year", "recorded_at")
    ):
        append_row(
            data,
            [
                o.indicator.code,
                o.year,
                o.country,
                o.value,
                o.text_value,
                o.get_status_display(),
                o.release,
                o.source_url,
                o.citation,
                o.note,
                "có" if o.is_current else "không (đã sửa đổi)",
            ],
        )
    for ws in (sheet, data):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        fit_columns(ws)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
