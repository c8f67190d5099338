"""How far a programme has come, for its overview page: tasks by their latest reported
status, targets by progress status, and the reports accepted in the current cycle.

What a person sees follows the same rules as the task list (`reporting.task_status`);
accepted reports are public. A fixed number of queries whatever the number of tasks or
years.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from lotrinh.accounts import permissions as perms
from lotrinh.programmes.models import Programme


@dataclass
class Share:
    key: str
    label: str
    count: int
    tone: str
    x: str = ""  # position and width in the bar (percent strings, never localised)
    width: str = ""
    percent: float = 0.0


@dataclass
class Cycle:
    year: int
    due_date: datetime.date
    accepted: int
    expected: int
    # The units' reports of an agency's plan, to a reader who does not follow the units
    # (a unit's person): the period is said, not the counts.
    hidden: bool = False
    # Days past the deadline while reports are still missing (0: not late, or all in).
    days_late: int = 0

    @property
    def percent(self) -> float:
        return self.accepted * 100.0 / self.expected if self.expected else 0.0


@dataclass
class ProgrammeProgress:
    task_total: int
    task_shares: list[Share]
    target_total: int
    target_shares: list[Share]
    target_programme: Programme | None
    cycle: Cycle | None


def _with_bar(shares: list[Share], total: int) -> list[Share]:
    x = 0.0
    for share in shares:
        part = share.count * 100.0 / total if total else 0.0
        share.x, share.width, share.percent = f"{x:.3f}%", f"{part:.3f}%", part
        x += part
    return shares


def _target_shares(programme: Programme, today: datetime.date) -> tuple[list[Share], int]:
    """Each target counted once, by the status of its next milestone (or its last)."""
    from lotrinh.indicators.progress import STATUS_LABELS, STATUS_TONE
    from lotrinh.indicators.services import programme_statuses

    english = (get_language() or "vi").startswith("en")
    counts: Counter[str] = Counter()
    for status in programme_statuses(programme, as_of=today):
        if not status.milestones:
            continue
        upcoming = [m for m in status.milestones if m.milestone.year >= today.year]
        chosen = (upcoming or status.milestones[-1:])[0]
        counts[chosen.progress.status] += 1
    total = sum(counts.values())
    shares = [
        Share(key, STATUS_LABELS[key][1 if english else 0], counts[key], STATUS_TONE[key])
        for key in STATUS_LABELS
        if counts[key]
    ]
    return _with_bar(shares, total), total


def _cycle(programme: Programme, today: datetime.date, user: Any) -> Cycle | None:
    """The latest period already open of the programme's annual regime agencies report
    under. An agency's plan counts its units' reports: for who reads the units' progress."""
    from lotrinh.reporting.models import Frequency, ReportingPeriod, ReportSnapshot
    from lotrinh.reporting.rollup import UNIT_REGIME, unit_compliance
    from lotrinh.reporting.services import expected_reporters

    period = (
        ReportingPeriod.objects.filter(
            regime__programme=programme,
            regime__frequency=Frequency.ANNUAL,
            start__lte=today,
        )
        .select_related("regime")
        .order_by("-year", "regime_id")
        .first()
    )
    if period is None:
        return None
    snapshots = ReportSnapshot.objects.filter(report__period=period, status="accepted")
    if period.regime.code == UNIT_REGIME:
        if not perms.may_read_units_progress(user, programme.issuer_id):
            return Cycle(period.year, period.due_date, 0, 0, hidden=True)
        # An agency's plan: its units report, those leading a task of the plan (as the
        # plan's page lists them); the regime names no reporter.
        units = [row.unit.pk for row in unit_compliance(programme, period.year, today)]
        snapshots = snapshots.filter(report__unit_id__in=units)
        expected = len(units)
    else:
        expected = expected_reporters(period.regime, period).count()
    accepted = snapshots.values("report_id").distinct().count()
    late = (today - period.due_date).days if today > period.due_date else 0
    return Cycle(
        period.year,
        period.due_date,
        accepted,
        expected,
        days_late=late if accepted < expected else 0,
    )


def programme_progress(programme: Programme, user: Any, today: datetime.date) -> ProgrammeProgress:
    from lotrinh.indicators.models import Target
    from lotrinh.reporting.task_status import (
        NO_REPORT,
        STATUS_ORDER,
        STATUS_TONE,
        status_label,
        task_states,
    )

    refs = list(programme.tasks.values_list("ref", flat=True))
    states = task_states(programme, user)
    counts: Counter[str] = Counter(states[r].status if r in states else NO_REPORT for r in refs)
    task_shares = [
        Share(key, status_label(key), counts[key], STATUS_TONE[key])
        for key in STATUS_ORDER
        if counts[key]
    ]
    target_programme: Programme | None = programme
    if not Target.objects.filter(programme=programme, is_current=True).exists():
        target_programme = programme.implements
    target_shares, target_total = (
        _target_shares(target_programme, today) if target_programme else ([], 0)
    )
    return ProgrammeProgress(
        task_total=len(refs),
        task_shares=_with_bar(task_shares, len(refs)),
        target_total=target_total,
        target_shares=target_shares,
        target_programme=target_programme,
        cycle=_cycle(programme, today, user),
    )
