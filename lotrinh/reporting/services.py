"""The reporting cycle's state changes: one function per step, each audited.

Each step opens a transaction, locks the report row, checks the rule, saves, records
the audit event and queues notifications after commit.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import SuccessionGraph, agencies_for_generic, generic_codes_covering
from lotrinh.core.audit import changed_fields, record_event
from lotrinh.programmes.models import Role as TaskRole
from lotrinh.programmes.models import Task, TaskAssignment
from lotrinh.reporting import rules
from lotrinh.reporting.models import (
    EDITABLE_STATUSES,
    AgencyReport,
    ContributionEntry,
    Frequency,
    Notification,
    ReportEntry,
    ReportingPeriod,
    ReportingRegime,
    ReportSnapshot,
    ReportStatus,
    TaskStatus,
)


class WorkflowError(Exception):
    """A step that the rules do not allow (message for the user, in Vietnamese)."""


class ConflictError(Exception):
    """Someone else saved the same entry first: nothing was overwritten."""

    def __init__(self, message: str, changes: dict[str, list[Any]]) -> None:
        super().__init__(message)
        self.changes = changes


# ---------------------------------------------------------------- periods


def generate_periods(regime: ReportingRegime, until_year: int) -> list[ReportingPeriod]:
    """Create the regime's periods up to `until_year` (idempotent)."""
    if regime.frequency == Frequency.ANNUAL and regime.deadline_month and regime.deadline_day:
        specs = rules.annual_periods(
            regime.first_year or regime.programme.issue_date.year,
            until_year,
            deadline_month=regime.deadline_month,
            deadline_day=regime.deadline_day,
            before=regime.deadline_before,
            cutoff_start=regime.cutoff_start,
            cutoff_end=regime.cutoff_end,
        )
    elif regime.frequency == Frequency.ONCE and regime.deadline_date:
        due = (
            regime.deadline_date - datetime.timedelta(days=1)
            if regime.deadline_before
            else regime.deadline_date
        )
        specs = [
            rules.PeriodSpec(
                due.year, f"Một lần (hạn {due:%d/%m/%Y})", regime.programme.issue_date, due, due
            )
        ]
    else:
        return []
    existing = {p.year: p for p in regime.periods.all()}
    missing = [spec for spec in specs if spec.year not in existing]
    if missing:
        ReportingPeriod.objects.bulk_create(
            [
                ReportingPeriod(
                    regime=regime,
                    year=s.year,
                    label=s.label,
                    start=s.start,
                    end=s.end,
                    due_date=s.due_date,
                )
                for s in missing
            ],
            ignore_conflicts=True,
        )
        existing = {p.year: p for p in regime.periods.all()}
    return [existing[spec.year] for spec in specs]


def reporter_candidates(regime: ReportingRegime) -> QuerySet[Agency]:
    """Every agency that reports under the regime at some date (validity not applied)."""
    if regime.reporters_generic:
        from lotrinh.agencies.services import GENERIC_SCOPE

        return Agency.objects.filter(kind__in=GENERIC_SCOPE[regime.reporters_generic])
    return regime.reporters.all()


def expected_reporters(regime: ReportingRegime, period: ReportingPeriod) -> QuerySet[Agency]:
    """The agencies that must report for a period: those existing on its due date."""
    if regime.reporters_generic:
        return agencies_for_generic(regime.reporters_generic, period.due_date)
    return regime.reporters.all()


# ---------------------------------------------------------------- what a report covers


def tasks_for_report(
    agency: Agency, period: ReportingPeriod
) -> tuple[list[tuple[Task, str]], list[Task]]:
    """(tasks to account for with their basis, tasks coordinated) as of the due date.

    An agency accounts for the tasks it leads, those it inherited from predecessors, and
    those addressed to all agencies of its kind; it reports its contribution to the
    tasks it coordinates.
    """
    programme = period.regime.programme
    day = period.due_date
    graph = SuccessionGraph.load()
    named = TaskAssignment.objects.filter(
        task__programme=programme, agency__isnull=False
    ).select_related("agency", "task")
    held = {
        a.agency_id for a in named if a.agency and graph.holder_at(a.agency, day).pk == agency.pk
    }
    lead: dict[int, tuple[Task, str]] = {}
    coordinated: dict[int, Task] = {}
    for assignment in named:
        if assignment.agency_id not in held:
            continue
        via = "direct" if assignment.agency_id == agency.pk else "inherited"
        if assignment.role == TaskRole.LEAD:
            lead.setdefault(assignment.task_id, (assignment.task, via))
        else:
            coordinated.setdefault(assignment.task_id, assignment.task)
    for assignment in TaskAssignment.objects.filter(
        task__programme=programme, generic__in=generic_codes_covering(agency), role=TaskRole.LEAD
    ).select_related("task"):
        lead.setdefault(assignment.task_id, (assignment.task, "generic"))
    for task_id in lead:
        coordinated.pop(task_id, None)
    by_position = sorted(lead.values(), key=lambda pair: pair[0].position)
    return by_position, sorted(coordinated.values(), key=lambda t: t.position)


@transaction.atomic
def ensure_report(
    agency: Agency, period: ReportingPeriod, *, is_demo: bool = False
) -> AgencyReport:
    report, created = AgencyReport.objects.get_or_create(
        agency=agency, period=period, defaults={"is_demo": is_demo}
    )
    if created:
        lead, coordinated = tasks_for_report(agency, period)
        ReportEntry.objects.bulk_create(
            ReportEntry(report=report, task=task, via=via) for task, via in lead
        )
        ContributionEntry.objects.bulk_create(
            ContributionEntry(report=report, task=task) for task in coordinated
        )
    return report


# ---------------------------------------------------------------- who sees what


def reports_for_user(user: User, capability: str = perms.VIEW_REPORT) -> QuerySet[AgencyReport]:
    """Reports a user may see for `capability`: an outsider gets an empty set (→ 404)."""
    queryset = AgencyReport.objects.select_related(
        "agency", "period", "period__regime", "period__regime__programme"
    )
    if not perms.has_capability(user, capability) or user.agency_id is None:
        return queryset.none()
    if capability in perms.OWN_AGENCY_ONLY:
        return queryset.filter(agency_id=user.agency_id)
    if user.role in (Role.MOST_MONITOR, Role.OVERSIGHT, Role.ADMIN):
        # Beyond the agency, only what has reached MOST.
        return queryset.filter(Q(agency_id=user.agency_id) | Q(first_submitted_at__isnull=False))
    return queryset.filter(agency_id=user.agency_id)


# ---------------------------------------------------------------- snapshots


def snapshot_data(report: AgencyReport) -> dict[str, Any]:
    return {
        "agency": report.agency.name_vi,
        "period": report.period.label,
        "revision": report.revision,
        "general_assessment": report.general_assessment,
        "proposals_to_government": report.proposals_to_government,
        "entries": [
            {
                "task": e.task.ref,
                "status": e.status,
                "result": e.result,
                "evidence_number": e.evidence_number,
                "evidence_date": e.evidence_date.isoformat() if e.evidence_date else None,
                "evidence_link": e.evidence_link,
                "evidence_file": e.evidence_file.name if e.evidence_file else "",
                "difficulties": e.difficulties,
                "proposals": e.proposals,
            }
            for e in report.entries.select_related("task").order_by("task__position")
        ],
        "contributions": [
            {"task": c.task.ref, "contribution": c.contribution}
            for c in report.contributions.select_related("task").order_by("task__position")
        ],
    }


def _snapshot(report: AgencyReport, user: Any, reason: str = "") -> None:
    ReportSnapshot.objects.create(
        report=report,
        revision=report.revision,
        status=report.status,
        data=snapshot_data(report),
        reason=reason,
        created_at=timezone.now(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def frozen_view(report: AgencyReport, as_of: datetime.datetime) -> ReportSnapshot | None:
    """The last submitted or accepted copy of a report as of a moment (the cut-off)."""
    return report.snapshots.filter(created_at__lte=as_of).order_by("-created_at", "-id").first()


# ---------------------------------------------------------------- editing

ENTRY_FIELDS = (
    "status",
    "result",
    "evidence_number",
    "evidence_date",
    "evidence_link",
    "difficulties",
    "proposals",
)


def _lock(report: AgencyReport) -> AgencyReport:
    return (
        AgencyReport.objects.select_for_update()
        .select_related("agency", "period")
        .get(pk=report.pk)
    )


def _check(user: Any, capability: str, report: AgencyReport) -> None:
    if not perms.can(user, capability, report.agency):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))


def validate_entry(data: dict[str, Any], today: datetime.date) -> dict[str, str]:
    """Field problems of an entry (shared by the web form and the XLSX upload)."""
    problems: dict[str, str] = {}
    if data.get("status") not in TaskStatus.values:
        problems["status"] = _("Tình trạng không hợp lệ.")
    evidence_date = data.get("evidence_date")
    if evidence_date and evidence_date > today:
        problems["evidence_date"] = _("Ngày văn bản không thể ở tương lai.")
    if data.get("status") in (TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE) and not (
        data.get("evidence_number") or data.get("evidence_link") or data.get("evidence_file")
    ):
        problems["evidence_number"] = _(
            "Nhiệm vụ đã hoàn thành cần có minh chứng (số văn bản, đường dẫn hoặc tệp)."
        )
    return problems


@transaction.atomic
def save_entry(
    entry: ReportEntry, user: Any, data: dict[str, Any], expected_version: int
) -> ReportEntry:
    report = _lock(entry.report)
    _check(user, perms.EDIT_REPORT, report)
    if not report.is_editable:
        raise WorkflowError(_("Báo cáo đã gửi hoặc đã được tiếp nhận: không thể sửa."))
    current = ReportEntry.objects.select_for_update().get(pk=entry.pk)
    before = {f: _plain(getattr(current, f)) for f in ENTRY_FIELDS}
    if current.version != expected_version:
        raise ConflictError(
            _(
                "Nội dung này vừa được người khác cập nhật; thay đổi của bạn chưa được lưu. Hãy xem giá trị hiện tại và nhập lại."
            ),
            {f: [v, None] for f, v in before.items()},
        )
    problems = validate_entry(
        {**data, "evidence_file": data.get("evidence_file") or current.evidence_file},
        timezone.localdate(),
    )
    if problems:
        raise WorkflowError(" ".join(problems.values()))
    for field in ENTRY_FIELDS:
        if field in data:
            setattr(current, field, data[field])
    if data.get("evidence_file"):
        current.evidence_file = data["evidence_file"]
    current.version += 1
    current.save()
    report.version += 1
    report.save(update_fields=["version", "updated_at"])
    after = {f: _plain(getattr(current, f)) for f in ENTRY_FIELDS}
    record_event(
        user, "report.entry_saved", report, before=before, after=after, note=current.task.ref
    )
    return current


@transaction.atomic
def save_contribution(
    contribution: ContributionEntry, user: Any, text: str, expected_version: int
) -> ContributionEntry:
    report = _lock(contribution.report)
    _check(user, perms.EDIT_REPORT, report)
    if not report.is_editable:
        raise WorkflowError(_("Báo cáo đã gửi hoặc đã được tiếp nhận: không thể sửa."))
    current = ContributionEntry.objects.select_for_update().get(pk=contribution.pk)
    if current.version != expected_version:
        raise ConflictError(
            _("Nội dung phối hợp vừa được người khác cập nhật; thay đổi của bạn chưa được lưu."),
            {"contribution": [current.contribution, text]},
        )
    before = current.contribution
    current.contribution = text
    current.version += 1
    current.save()
    record_event(
        user,
        "report.contribution_saved",
        report,
        before={"contribution": before},
        after={"contribution": text},
        note=current.task.ref,
    )
    return current


@transaction.atomic
def save_sections(
    report: AgencyReport,
    user: Any,
    *,
    general_assessment: str,
    proposals_to_government: str,
    expected_version: int,
) -> AgencyReport:
    locked = _lock(report)
    _check(user, perms.EDIT_REPORT, locked)
    if not locked.is_editable:
        raise WorkflowError(_("Báo cáo đã gửi hoặc đã được tiếp nhận: không thể sửa."))
    before = {
        "general_assessment": locked.general_assessment,
        "proposals_to_government": locked.proposals_to_government,
    }
    if locked.version != expected_version:
        raise ConflictError(
            _("Báo cáo vừa được người khác cập nhật; thay đổi của bạn chưa được lưu."),
            changed_fields(before, {}),
        )
    locked.general_assessment = general_assessment
    locked.proposals_to_government = proposals_to_government
    locked.version += 1
    locked.save()
    record_event(
        user,
        "report.sections_saved",
        locked,
        before=before,
        after={
            "general_assessment": general_assessment,
            "proposals_to_government": proposals_to_government,
        },
    )
    return locked


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


# ---------------------------------------------------------------- workflow steps


def _transition(
    report: AgencyReport,
    user: Any,
    capability: str,
    allowed_from: tuple[str, ...],
    to: str,
    event: str,
    note: str = "",
) -> AgencyReport:
    locked = _lock(report)
    if capability == perms.REVIEW_REPORT:
        if not perms.can(user, capability):
            raise WorkflowError(_("Chỉ Bộ Khoa học và Công nghệ tiếp nhận hoặc trả lại báo cáo."))
    else:
        _check(user, capability, locked)
    if locked.status not in allowed_from:
        raise WorkflowError(
            _("Không thể chuyển báo cáo từ trạng thái “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    before = locked.status
    locked.status = to
    locked.version += 1
    now = timezone.now()
    if to == ReportStatus.SUBMITTED:
        locked.submitted_at = now
        locked.first_submitted_at = locked.first_submitted_at or now
    if to == ReportStatus.ACCEPTED:
        locked.accepted_at = now
    locked.save()
    record_event(user, event, locked, before={"status": before}, after={"status": to}, note=note)
    return locked


@transaction.atomic
def approve_report(report: AgencyReport, user: Any) -> AgencyReport:
    """The agency's signing leader approves the draft inside the agency."""
    locked = _transition(
        report,
        user,
        perms.APPROVE_REPORT,
        EDITABLE_STATUSES,
        ReportStatus.APPROVED,
        "report.approved",
    )
    notify_agency(
        locked, f"{locked} đã được lãnh đạo duyệt, sẵn sàng gửi Bộ KH&CN.", roles=(Role.REPORTER,)
    )
    return locked


@transaction.atomic
def submit_report(report: AgencyReport, user: Any) -> AgencyReport:
    was_returned = AgencyReport.objects.filter(pk=report.pk, return_comment__gt="").exists()
    locked = _transition(
        report,
        user,
        perms.SUBMIT_REPORT,
        (ReportStatus.APPROVED,),
        ReportStatus.SUBMITTED,
        "report.resubmitted" if was_returned else "report.submitted",
    )
    _snapshot(locked, user)
    notify_most(locked, f"{locked.agency} đã gửi báo cáo {locked.period}.")
    return locked


def resubmit_report(report: AgencyReport, user: Any) -> AgencyReport:
    """Submitting again after a return (the same rule as a first submission)."""
    return submit_report(report, user)


@transaction.atomic
def accept_report(report: AgencyReport, user: Any) -> AgencyReport:
    locked = _transition(
        report,
        user,
        perms.REVIEW_REPORT,
        (ReportStatus.SUBMITTED,),
        ReportStatus.ACCEPTED,
        "report.accepted",
    )
    _snapshot(locked, user)
    notify_agency(locked, f"Bộ KH&CN đã tiếp nhận {locked}.", roles=(Role.REPORTER, Role.APPROVER))
    return locked


@transaction.atomic
def return_report(report: AgencyReport, user: Any, comment: str) -> AgencyReport:
    if not comment.strip():
        raise WorkflowError(_("Cần nêu ý kiến khi trả lại báo cáo."))
    locked = _transition(
        report,
        user,
        perms.REVIEW_REPORT,
        (ReportStatus.SUBMITTED,),
        ReportStatus.RETURNED,
        "report.returned",
        note=comment,
    )
    locked.return_comment = comment
    locked.save(update_fields=["return_comment"])
    _follow_current_version(locked, user)
    notify_agency(
        locked, f"Bộ KH&CN trả lại {locked}: {comment}", roles=(Role.REPORTER, Role.APPROVER)
    )
    return locked


@transaction.atomic
def revise_accepted_report(report: AgencyReport, user: Any, reason: str) -> AgencyReport:
    """A correction after acceptance: a new revision; the accepted copy stays readable."""
    if not reason.strip():
        raise WorkflowError(_("Cần nêu lý do điều chỉnh báo cáo đã được tiếp nhận."))
    locked = _transition(
        report,
        user,
        perms.EDIT_REPORT,
        (ReportStatus.ACCEPTED,),
        ReportStatus.DRAFT,
        "report.revision_opened",
        note=reason,
    )
    locked.revision += 1
    locked.return_comment = ""
    locked.save(update_fields=["revision", "return_comment"])
    _follow_current_version(locked, user)
    return locked


def _follow_current_version(report: AgencyReport, user: Any) -> None:
    """A report open again accounts for the tasks of the programme's current version."""
    from lotrinh.reporting.carry import reconcile_report

    reconcile_report(report, user=user)


# ---------------------------------------------------------------- notifications


def notify_agency(report: AgencyReport, message: str, roles: tuple[str, ...]) -> None:
    users = list(User.objects.filter(agency=report.agency, role__in=roles, is_active=True))
    _notify(users, message, reverse("reporting:report", args=[report.pk]))


def notify_most(report: AgencyReport, message: str) -> None:
    users = list(User.objects.filter(role=Role.MOST_MONITOR, is_active=True))
    _notify(users, message, reverse("reporting:report", args=[report.pk]))


def _notify(users: list[User], message: str, link: str) -> None:
    from django.core.mail import send_mail

    Notification.objects.bulk_create(
        Notification(user=u, message=message, link=link) for u in users
    )
    recipients = [u.email for u in users if u.email]

    def send() -> None:
        if recipients:
            send_mail(
                "[Lộ trình] " + message[:120],
                f"{message}\n\n{link}",
                None,
                recipients,
                fail_silently=True,
            )

    transaction.on_commit(send)


# ---------------------------------------------------------------- read side


def latest_task_statuses(tasks: list[Task]) -> dict[int, str]:
    """The status label of each task in the latest accepted or submitted report entry.

    Entries written against earlier versions of the same task count (carry.py).
    """
    by_identity = {(t.programme.code, t.ref): t.pk for t in tasks}
    lineage = Q(pk__in=[])
    for code, ref in by_identity:
        lineage |= Q(task__programme__code=code, task__ref=ref)
    entries = (
        ReportEntry.objects.filter(
            lineage, report__status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        )
        .select_related("report__period", "task__programme")
        .order_by("-report__period__year", "-updated_at")
    )
    result: dict[int, str] = {}
    for entry in entries:
        result.setdefault(
            by_identity[(entry.task.programme.code, entry.task.ref)],
            f"{entry.get_status_display()} ({entry.report.period.year})",
        )
    return result


@dataclass
class ReportView:
    report: AgencyReport
    entries: list[ReportEntry]
    contributions: list[ContributionEntry]
    contributions_received: dict[int, list[ContributionEntry]]


def report_view(report: AgencyReport) -> ReportView:
    entries = list(
        report.entries.select_related(
            "task", "task__group", "task__clause", "task__programme"
        ).order_by("task__position")
    )
    contributions = list(
        report.contributions.select_related("task", "task__clause", "task__programme").order_by(
            "task__position"
        )
    )
    received: dict[int, list[ContributionEntry]] = {}
    for c in (
        ContributionEntry.objects.filter(
            task__in=[e.task_id for e in entries], report__period=report.period
        )
        .exclude(contribution="")
        .select_related("report__agency")
    ):
        received.setdefault(c.task_id, []).append(c)
    return ReportView(report, entries, contributions, received)
