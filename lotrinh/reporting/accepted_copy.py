"""The copy of a report as it was accepted, read while its agency revises it.

`services.revise_accepted_report` reopens an accepted report as a draft of a new
revision; its accepted copy (the last accepted `ReportSnapshot`) still counts as the
report sent (compliance, the consolidated document). Those who read the report when it
was accepted (MOST, oversight, the receiving body: `permissions.may_read_accepted_copy`)
read that copy, read-only, never the draft being revised. Reading only: nothing here
writes.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from lotrinh.accounts import permissions as perms
from lotrinh.reporting.models import AgencyReport, ReportSnapshot, ReportStatus, TaskStatus

SAFE_LINK_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class CopyEntry:
    """One task as the accepted copy reports it (`index`: its place in the copy, which
    names its evidence file in `reporting:snapshot_evidence`)."""

    index: int
    ref: str
    text: str
    status_label: str
    result: str
    evidence_number: str
    evidence_date: datetime.date | None
    evidence_link: str
    evidence_name: str
    evidence_type: str
    evidence_size: int | None
    difficulties: str
    proposals: str


@dataclass
class AcceptedCopy:
    report: AgencyReport
    snapshot: ReportSnapshot
    entries: list[CopyEntry] = field(default_factory=list)
    contributions: list[tuple[str, str, str]] = field(default_factory=list)  # ref, text, words
    current_readable: bool = False  # the person may also read the report as it is now

    @property
    def revising(self) -> bool:
        """The agency has reopened the report since, and not sent it again yet."""
        return self.report.is_revising_accepted


def _day(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def last_accepted(report: AgencyReport) -> ReportSnapshot | None:
    return (
        report.snapshots.filter(status=ReportStatus.ACCEPTED)
        .select_related("created_by")
        .order_by("-created_at", "-id")
        .first()
    )


def _report(pk: int) -> AgencyReport | None:
    return (
        AgencyReport.objects.select_related(
            "agency", "unit", "period", "period__regime", "period__regime__programme"
        )
        .filter(pk=pk)
        .first()
    )


def readable(user: Any, pk: int) -> AcceptedCopy | None:
    """The last accepted copy of report `pk` as `user` may read it; None when the report
    does not exist, was never accepted, or `user` may not read it (→ 404)."""
    report = _report(pk)
    if report is None or not perms.may_read_accepted_copy(user, report):
        return None
    snapshot = last_accepted(report)
    if snapshot is None:
        return None
    copy = AcceptedCopy(report, snapshot)
    items = snapshot.data.get("entries", [])
    contributions = snapshot.data.get("contributions", [])
    refs = {str(i.get("task", "")) for i in (*items, *contributions)}
    texts = dict(
        report.period.regime.programme.tasks.filter(ref__in=sorted(refs)).values_list("ref", "text")
    )
    labels = dict(TaskStatus.choices)
    for index, item in enumerate(items):
        ref = str(item.get("task", ""))
        link = str(item.get("evidence_link") or "")
        stored = str(item.get("evidence_file") or "")
        copy.entries.append(
            CopyEntry(
                index=index,
                ref=ref,
                text=texts.get(ref, ""),
                status_label=str(labels.get(item.get("status", ""), "")),
                result=str(item.get("result") or ""),
                evidence_number=str(item.get("evidence_number") or ""),
                evidence_date=_day(item.get("evidence_date")),
                evidence_link=link if link.lower().startswith(SAFE_LINK_SCHEMES) else "",
                evidence_name=str(item.get("evidence_name") or stored.rsplit("/", 1)[-1])
                if stored
                else "",
                evidence_type=str(item.get("evidence_type") or ""),
                evidence_size=item.get("evidence_size"),
                difficulties=str(item.get("difficulties") or ""),
                proposals=str(item.get("proposals") or ""),
            )
        )
    for item in contributions:
        ref = str(item.get("task", ""))
        copy.contributions.append((ref, texts.get(ref, ""), str(item.get("contribution") or "")))
    from lotrinh.reporting.services import reports_for_user

    copy.current_readable = reports_for_user(user).filter(pk=pk).exists()
    return copy


def readable_snapshot(user: Any, pk: int, snapshot_pk: int) -> ReportSnapshot | None:
    """A frozen copy of report `pk` whose files `user` may download: any copy of a
    report they may read as it is now; an accepted copy of one they read only as it
    was accepted (`permissions.may_read_accepted_copy`)."""
    from lotrinh.reporting.services import reports_for_user

    report = reports_for_user(user).filter(pk=pk).first()
    if report is not None:
        return report.snapshots.filter(pk=snapshot_pk).first()
    report = _report(pk)
    if report is None or not perms.may_read_accepted_copy(user, report):
        return None
    return report.snapshots.filter(pk=snapshot_pk, status=ReportStatus.ACCEPTED).first()


def is_readable(user: Any, pk: int) -> bool:
    """Has report `pk` an accepted copy `user` may read (where a link to the report
    they may no longer read should lead)?"""
    report = _report(pk)
    return (
        report is not None
        and perms.may_read_accepted_copy(user, report)
        and report.snapshots.filter(status=ReportStatus.ACCEPTED).exists()
    )
