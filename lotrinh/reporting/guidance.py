"""What a report page tells its reader: where the report stands, what comes next and who
takes that step, and the summary shown before a workflow step is confirmed.

Reading only: nothing here writes. Who may act is asked of `permissions.can`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.reporting.models import AgencyReport, ReportEntry, ReportStatus, TaskStatus


def _day(moment: Any) -> str:
    if moment is None:
        return "—"
    if hasattr(moment, "tzinfo"):
        moment = timezone.localtime(moment)
    return str(moment.strftime("%d/%m/%Y"))


def _approval_requested(report: AgencyReport) -> Any:
    """When the drafter last asked for approval, if nothing moved the report since."""
    from lotrinh.core.audit import events_for

    last = (
        events_for(report)
        .filter(
            action__in=(
                "report.approval_requested",
                "report.sent_back",
                "report.approved",
                "report.revision_opened",
            )
        )
        .order_by("-occurred_at", "-id")
        .first()
    )
    return (
        last.occurred_at
        if last is not None and last.action == "report.approval_requested"
        else None
    )


def next_step(report: AgencyReport, user: Any) -> str:
    """One sentence: the state, the next step and who takes it, for this reader."""
    # The agency in the page's language when it has an English name (else its own name).
    english = (get_language() or "").startswith("en")
    agency = (report.agency.name_en if english else "") or report.agency.name_vi
    status = report.status
    may_edit = perms.can(user, perms.EDIT_REPORT, report)
    may_approve = perms.can(user, perms.APPROVE_REPORT, report)
    may_submit = perms.can(user, perms.SUBMIT_REPORT, report)
    may_review = perms.can(user, perms.REVIEW_REPORT, report)
    if status == ReportStatus.DRAFT:
        requested = _approval_requested(report)
        if requested is not None:
            day = _day(requested)
            if may_approve:
                return _(
                    "Bản nháp, cán bộ đã đề nghị duyệt ngày %(day)s — bước tiếp theo: bạn xem, duyệt hoặc trả lại người soạn kèm ý kiến."
                ) % {"day": day}
            return _(
                "Bản nháp, đã đề nghị duyệt ngày %(day)s — bước tiếp theo: lãnh đạo %(agency)s duyệt."
            ) % {"day": day, "agency": agency}
        if may_approve:
            return _(
                "Bản nháp — bước tiếp theo: cán bộ hoàn thiện; bạn xem, duyệt hoặc trả lại người soạn kèm ý kiến."
            )
        if may_edit:
            return _(
                "Bản nháp — bước tiếp theo: bạn hoàn thiện các nhiệm vụ và đề nghị lãnh đạo %(agency)s duyệt."
            ) % {"agency": agency}
        return _("Bản nháp — bước tiếp theo: lãnh đạo %(agency)s duyệt.") % {"agency": agency}
    if status == ReportStatus.RETURNED:
        if may_edit:
            return _(
                "Bộ KH&CN đã trả lại — bước tiếp theo: bạn chỉnh sửa theo ý kiến, rồi lãnh đạo %(agency)s duyệt và gửi lại."
            ) % {"agency": agency}
        if may_approve:
            return _(
                "Bộ KH&CN đã trả lại — bước tiếp theo: cán bộ chỉnh sửa theo ý kiến, rồi bạn duyệt và gửi lại."
            )
        return _("Bộ KH&CN đã trả lại — bước tiếp theo: %(agency)s chỉnh sửa và gửi lại.") % {
            "agency": agency
        }
    if status == ReportStatus.APPROVED:
        if may_submit:
            return _(
                "Lãnh đạo đã duyệt — bước tiếp theo: bạn gửi báo cáo tới Bộ Khoa học và Công nghệ."
            )
        return _(
            "Lãnh đạo đã duyệt — bước tiếp theo: %(agency)s gửi báo cáo tới Bộ Khoa học và Công nghệ."
        ) % {"agency": agency}
    if status == ReportStatus.SUBMITTED:
        day = _day(report.submitted_at)
        if may_review:
            return _(
                "Đã gửi Bộ KH&CN ngày %(day)s — bước tiếp theo: bạn tiếp nhận, hoặc trả lại kèm ý kiến."
            ) % {"day": day}
        return _("Đã gửi Bộ KH&CN ngày %(day)s — chờ Bộ KH&CN tiếp nhận.") % {"day": day}
    if status == ReportStatus.ACCEPTED:
        day = _day(report.accepted_at)
        if may_edit:
            return _(
                "Bộ KH&CN đã tiếp nhận ngày %(day)s — không còn bước nào; nếu cần sửa, bạn mở lần điều chỉnh mới."
            ) % {"day": day}
        return _("Bộ KH&CN đã tiếp nhận ngày %(day)s — không còn bước nào.") % {"day": day}
    return ""


@dataclass
class Summary:
    """What a report holds at the moment a step is confirmed."""

    tasks: int = 0
    without_result: list[str] = field(default_factory=list)
    without_evidence: list[str] = field(default_factory=list)
    not_started: list[str] = field(default_factory=list)
    contributions_empty: list[str] = field(default_factory=list)
    empty_assessment: bool = False
    empty_proposals: bool = False

    @property
    def has_gaps(self) -> bool:
        return bool(
            self.without_result
            or self.without_evidence
            or self.not_started
            or self.empty_assessment
        )


def has_evidence(entry: ReportEntry) -> bool:
    return bool(entry.evidence_number or entry.evidence_link or entry.evidence_file)


def summary(report: AgencyReport) -> Summary:
    entries = list(report.entries.select_related("task").order_by("task__position"))
    return Summary(
        tasks=len(entries),
        without_result=[e.task.ref for e in entries if not e.result.strip()],
        without_evidence=[e.task.ref for e in entries if not has_evidence(e)],
        not_started=[e.task.ref for e in entries if e.status == TaskStatus.NOT_STARTED],
        contributions_empty=[
            c.task.ref
            for c in report.contributions.select_related("task").order_by("task__position")
            if not c.contribution.strip()
        ],
        empty_assessment=not report.general_assessment.strip(),
        empty_proposals=not report.proposals_to_government.strip(),
    )
