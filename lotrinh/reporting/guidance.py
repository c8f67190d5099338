"""What a report page tells its reader: where the report stands, what comes next and who
takes that step, and the summary shown before a workflow step is confirmed.

Reading only: nothing here writes. Who may act is asked of `permissions.can`.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.text import capfirst
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


APPROVAL_MOVES = (
    "report.approval_requested",
    "report.sent_back",
    "report.approved",
    "report.revision_opened",
)


def approval_requested_at(report: AgencyReport, events: Any = None) -> Any:
    """When the drafter last asked for approval, if nothing moved the report since
    (`events`: the report's `ReportEvents` when the page has read them). A request
    stands until the leader acts: a second one is not sent (`services.request_approval`)."""
    from lotrinh.reporting.report_events import latest_event

    last = latest_event(report, APPROVAL_MOVES, events)
    return (
        last.occurred_at
        if last is not None and last.action == "report.approval_requested"
        else None
    )


def mark_approval_requested(reports: list[AgencyReport]) -> None:
    """Mark the drafts among `reports` whose drafter has asked for approval and nothing
    moved since (`approval_requested_at`), for lists: one query for the whole list. Each
    report gets `approval_requested` (True or False), which `status_label` reads."""
    from django.contrib.contenttypes.models import ContentType

    from lotrinh.core.models import AuditEvent

    drafts = {str(r.pk): r for r in reports if r.status == ReportStatus.DRAFT}
    for report in reports:
        report.approval_requested = False
    if not drafts:
        return
    seen: set[str] = set()
    events = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(AgencyReport),
            object_id__in=list(drafts),
            action__in=APPROVAL_MOVES,
        )
        .order_by("object_id", "-occurred_at", "-id")
        .values_list("object_id", "action")
    )
    for object_id, action in events:
        if object_id in seen:
            continue  # only the newest move of each report counts
        seen.add(object_id)
        drafts[object_id].approval_requested = action == "report.approval_requested"


def parties(report: AgencyReport, english: bool = False) -> tuple[str, str]:
    """Who sends the report and who receives it, by name: an agency reports to its regime's
    recipient (MOST for 50/NQ-CP's yearly report, the Commission for a Party regime), a
    unit to its own agency (docs/cascade.md). Names in English when asked and known, as
    a sentence names them ("the Ministry of Health", `notices.body_in`): the pages put
    them after "the leaders of", "send it to", or at a sentence's head (capitalised
    there by `next_step`)."""
    from lotrinh.reporting.notices import body_in

    def name(body: Any) -> str:
        return body_in(body, "en") if english else str(body.name_vi)

    sender = report.unit if report.unit_id is not None else report.agency
    receiver = receiver_of(report)
    if receiver is not None:
        return name(sender), name(receiver)
    return name(sender), report.period.regime.recipient_text or _("cơ quan nhận báo cáo")


def receiver_in(report: AgencyReport, language: str) -> str:
    """The body that receives `report` (and returns it), named in a sentence of
    `language`: "the …" before an institution in English (`notices.body_in`); a recipient
    written only as text, as the regime writes it. Notices and the report page say it."""
    from lotrinh.reporting.notices import body_in

    receiver = receiver_of(report)
    if receiver is not None:
        return body_in(receiver, language)
    return parties(report, english=language == "en")[1]


def receiver_of(report: AgencyReport) -> Any:
    """The body that receives a report, where the registry has it: a unit's agency, the
    regime's recipient today (the Commission's successor), or none (a recipient written
    only as text)."""
    if report.unit_id is not None:
        return report.agency
    receiver = perms.receiving_body(report)  # the Commission's successor, today
    if receiver is not None:
        return receiver
    regime = report.period.regime
    return regime.recipient if regime.recipient_id is not None else None


def proposals_label(report: AgencyReport, english: bool = False) -> str:
    """The name of a report's proposals field, after who receives it: an agency's yearly
    report to MOST carries its proposals to the Government (MOST's consolidated report
    goes to the Government); a unit's report to its agency and a Party committee's to the
    Commission name their receiver ("Kiến nghị, đề xuất với Thành phố Hà Nội")."""
    regime = report.period.regime
    if (
        report.unit_id is None
        and perms.receiving_body(report) is None
        and (regime.recipient is None or regime.recipient.code == perms.MOST_CODE)
    ):
        return str(_("Kiến nghị với Chính phủ"))
    return str(_("Kiến nghị, đề xuất với %(receiver)s") % {"receiver": parties(report, english)[1]})


def next_step(report: AgencyReport, user: Any, events: Any = None) -> str:
    """One sentence: the state, the next step and who takes it, for this reader
    (`events`: the report's `ReportEvents` when the page has read them); its first letter
    a capital when it opens with a body's name ("The Ministry of … returned it")."""
    return capfirst(_next_step(report, user, events)) or ""


def _next_step(report: AgencyReport, user: Any, events: Any = None) -> str:
    # Names in the page's language when they have an English name (else their own name).
    english = (get_language() or "").startswith("en")
    agency, recipient = parties(report, english)
    status = report.status
    may_edit = perms.can(user, perms.EDIT_REPORT, report)
    may_approve = perms.can(user, perms.APPROVE_REPORT, report)
    may_submit = perms.can(user, perms.SUBMIT_REPORT, report)
    may_review = perms.can(user, perms.REVIEW_REPORT, report)
    if status == ReportStatus.DRAFT:
        requested = approval_requested_at(report, events)
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
        requested = approval_requested_at(report, events)
        if requested is not None:
            day = _day(requested)
            if may_approve:
                return _(
                    "%(recipient)s đã trả lại; cán bộ đã đề nghị duyệt ngày %(day)s — bước tiếp theo: bạn xem, duyệt và gửi lại."
                ) % {"day": day, "recipient": recipient}
            return _(
                "%(recipient)s đã trả lại; đã đề nghị lãnh đạo duyệt ngày %(day)s — bước tiếp theo: lãnh đạo %(agency)s duyệt và gửi lại."
            ) % {"day": day, "agency": agency, "recipient": recipient}
        if may_edit:
            return _(
                "%(recipient)s đã trả lại — bước tiếp theo: bạn chỉnh sửa theo ý kiến, rồi lãnh đạo %(agency)s duyệt và gửi lại."
            ) % {"agency": agency, "recipient": recipient}
        if may_approve:
            return _(
                "%(recipient)s đã trả lại — bước tiếp theo: cán bộ chỉnh sửa theo ý kiến, rồi bạn duyệt và gửi lại."
            ) % {"recipient": recipient}
        return _("%(recipient)s đã trả lại — bước tiếp theo: %(agency)s chỉnh sửa và gửi lại.") % {
            "agency": agency,
            "recipient": recipient,
        }
    if status == ReportStatus.APPROVED:
        if may_submit:
            return _("Lãnh đạo đã duyệt — bước tiếp theo: bạn gửi báo cáo tới %(recipient)s.") % {
                "recipient": recipient
            }
        return _(
            "Lãnh đạo đã duyệt — bước tiếp theo: %(agency)s gửi báo cáo tới %(recipient)s."
        ) % {"agency": agency, "recipient": recipient}
    if status == ReportStatus.SUBMITTED:
        day = _day(report.submitted_at)
        if may_review:
            return _(
                "Đã gửi %(recipient)s ngày %(day)s — bước tiếp theo: bạn tiếp nhận, hoặc trả lại kèm ý kiến."
            ) % {"day": day, "recipient": recipient}
        return _("Đã gửi %(recipient)s ngày %(day)s — chờ %(recipient)s tiếp nhận.") % {
            "day": day,
            "recipient": recipient,
        }
    if status == ReportStatus.ACCEPTED:
        day = _day(report.accepted_at)
        if may_edit:
            return _(
                "%(recipient)s đã tiếp nhận ngày %(day)s — không còn bước nào; nếu cần sửa, bạn mở lần điều chỉnh mới."
            ) % {"day": day, "recipient": recipient}
        return _("%(recipient)s đã tiếp nhận ngày %(day)s — không còn bước nào.") % {
            "day": day,
            "recipient": recipient,
        }
    return ""


@dataclass
class HeldBack:
    """What the confirmation page says before the click about a step the service would
    refuse now (`blocks`), or that will be held up further on (a warning)."""

    reason: str = ""
    blocks: bool = False


def held_back(report: AgencyReport, action: str, events: Any = None) -> HeldBack:
    """Asked of the same rules the services apply (`rollup.units_unsettled`,
    `approval_requested_at`), so the page and the refusal never disagree."""
    from lotrinh.reporting.rollup import units_unsettled

    if action == "request-approval":
        requested = approval_requested_at(report, events)
        if requested is not None:
            return HeldBack(already_requested(requested), blocks=True)
        # The request is sent; the leader will not be able to approve yet.
        return HeldBack(units_unsettled(report))
    if action in ("approve", "submit", "sign"):
        reason = units_unsettled(report)
        return HeldBack(reason, blocks=bool(reason))
    return HeldBack()


def already_requested(moment: Any) -> str:
    return _(
        "Đã đề nghị lãnh đạo duyệt báo cáo này ngày %(day)s; lãnh đạo chưa xử lý. Không gửi lại đề nghị."
    ) % {"day": _day(moment)}


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
