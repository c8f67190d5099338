"""Amendment proposals (section III.4 of 50/NQ-CP): proposed by agencies, consolidated
by MOST, decided by the Government; an accepted change makes a new programme version and
the earlier one stays readable."""

import copy
import datetime
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import resolve_agency
from lotrinh.core.audit import record_event
from lotrinh.core.locale import format_datetime
from lotrinh.programmes.exporters import programme_to_data
from lotrinh.programmes.loader import ProgrammeFileError, load_data
from lotrinh.programmes.models import Programme, ProgrammeOrigin, ProgrammeStatus
from lotrinh.programmes.services import national_versions
from lotrinh.reporting import texts
from lotrinh.reporting.models import AmendmentKind, AmendmentProposal, AmendmentStatus
from lotrinh.reporting.notices import Notice, body_in, notice
from lotrinh.reporting.services import AlreadyDone, WorkflowError, notify_people, refuse_nul


def _names(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


# What each kind of proposal changes when accepted (`_apply`): the other fields of the
# form have no effect, so a proposal that fills them is refused rather than shown to MOST
# with a change the Government's acceptance would not make.
KIND_FIELDS: dict[str, set[str]] = {
    AmendmentKind.TEXT: {"text"},
    AmendmentKind.DEADLINE: {"deadline"},
    AmendmentKind.ROLES: {"lead", "coordinating"},
    AmendmentKind.NEW_TASK: {"text", "deadline", "lead", "coordinating"},
}


def _unused_fields_problem(kind: str, filled: dict[str, bool]) -> str:
    unused = [name for name, value in filled.items() if value and name not in KIND_FIELDS[kind]]
    if not unused:
        return ""
    labels = {
        "text": _("nội dung đề xuất"),
        "deadline": _("thời hạn đề xuất"),
        "lead": _("cơ quan chủ trì"),
        "coordinating": _("cơ quan phối hợp"),
    }
    return _(
        "Loại đề xuất “%(kind)s” không thay đổi %(fields)s: hãy để trống, hoặc chọn loại đề xuất khác. Chưa gửi đề xuất."
    ) % {
        "kind": AmendmentKind(kind).label,
        "fields": ", ".join(str(labels[name]) for name in unused),
    }


def _link(proposal: AmendmentProposal) -> str:
    return reverse("reporting:amendments") + f"#amendment-{proposal.pk}"


def _what(proposal: AmendmentProposal) -> str:
    """The proposal in a notice: its task and kind, and the proposed deadline."""
    values = {"task_ref": proposal.task_ref, "kind": str(AmendmentKind(proposal.kind).label)}
    if proposal.proposed_deadline:
        return _("nhiệm vụ %(task_ref)s (%(kind)s: %(deadline)s)") % (
            values | {"deadline": proposal.proposed_deadline.strftime("%d/%m/%Y")}
        )
    return _("nhiệm vụ %(task_ref)s (%(kind)s)") % values


def _tell_proposers(proposal: AmendmentProposal, message: Notice) -> None:
    """The proposing agency's own staff who may propose (its reporters and leaders, not a
    unit's people), and whoever proposed it."""
    people = User.objects.people().filter(
        Q(agency_id=proposal.agency_id, unit__isnull=True, role__in=(Role.REPORTER, Role.APPROVER))
        | Q(pk=proposal.proposed_by_id)
    )
    notify_people(list(people.order_by("pk")), message, _link(proposal))


@transaction.atomic
def propose_amendment(
    user: Any,
    programme: Programme,
    *,
    kind: str,
    task_ref: str,
    reason: str,
    text: str = "",
    deadline: datetime.date | None = None,
    lead: str = "",
    coordinating: str = "",
) -> AmendmentProposal:
    if not perms.may_propose_amendment(user):
        raise WorkflowError(_("Chỉ cơ quan được giao nhiệm vụ mới đề xuất sửa đổi."))
    if perms.is_agency_plan(programme):
        # The Government decides amendments of its programmes; an agency's own plan is the
        # agency's to correct (a new version of the plan), and its number may be another
        # province's too (two provinces' 144/KH-UBND).
        raise WorkflowError(
            _(
                "Chỉ đề xuất sửa đổi chương trình quốc gia; kế hoạch của một cơ quan do chính "
                "cơ quan đó sửa, bằng một phiên bản mới của kế hoạch."
            )
        )
    if kind not in AmendmentKind.values:
        raise WorkflowError(_("Loại đề xuất không hợp lệ."))
    refuse_nul(task_ref, reason, text, lead, coordinating)
    problem = _unused_fields_problem(
        kind,
        {
            "text": bool(text.strip()),
            "deadline": deadline is not None,
            "lead": bool(lead.strip()),
            "coordinating": bool(coordinating.strip()),
        },
    )
    if problem:
        raise WorkflowError(problem)
    # One LF per line break, as the page's boxes counted them (texts.py).
    reason, text = texts.one_line_end(reason), texts.one_line_end(text)
    if not reason.strip():
        raise WorkflowError(_("Cần nêu lý do đề xuất."))
    # Refused, never cut (texts.py): the reason as a comment, the task's text as a report's.
    problem = texts.length_problem(reason, texts.COMMENT_MAX_CHARS) or texts.length_problem(
        text, texts.TEXT_MAX_CHARS
    )
    if problem:
        raise WorkflowError(problem)
    task = None
    if kind == AmendmentKind.NEW_TASK:
        if not programme.task_groups.filter(ref=task_ref).exists():
            raise WorkflowError(
                _("Không có nhóm nhiệm vụ “%(task_ref)s” để bổ sung nhiệm vụ mới.")
                % {"task_ref": task_ref}
            )
        if not text.strip() or not _names(lead):
            raise WorkflowError(_("Nhiệm vụ mới cần nội dung và cơ quan chủ trì."))
    else:
        task = programme.tasks.filter(ref=task_ref).first()
        if task is None:
            raise WorkflowError(
                _("Không có nhiệm vụ “%(task_ref)s” trong %(code)s.")
                % {"task_ref": task_ref, "code": programme.code}
            )
    if kind == AmendmentKind.TEXT and not text.strip():
        raise WorkflowError(_("Cần nêu nội dung đề xuất."))
    if kind == AmendmentKind.DEADLINE and deadline is None:
        raise WorkflowError(_("Cần nêu thời hạn đề xuất."))
    if deadline is not None and deadline < timezone.localdate():
        raise WorkflowError(
            _("Thời hạn đề xuất %(date)s đã qua: hãy nêu một thời hạn từ hôm nay trở đi.")
            % {"date": deadline.strftime("%d/%m/%Y")}
        )
    # Accepted, a roles proposal replaces the task's lead: without one, the task would
    # be left with nobody to carry it out.
    if kind == AmendmentKind.ROLES and not _names(lead):
        raise WorkflowError(_("Đề xuất điều chỉnh phân công cần nêu cơ quan chủ trì."))
    if kind in (AmendmentKind.ROLES, AmendmentKind.NEW_TASK):
        unknown = [n for n in _names(lead) + _names(coordinating) if resolve_agency(n) is None]
        if unknown:
            raise WorkflowError(
                _("Tên cơ quan chưa có trong danh mục: %(names)s") % {"names": ", ".join(unknown)}
            )
    values = {
        "task_ref": task_ref,
        "kind": kind,
        "proposed_text": text.strip(),
        "proposed_deadline": deadline,
        "proposed_lead": lead.strip(),
        "proposed_coordinating": coordinating.strip(),
        "reason": reason.strip(),
    }
    # A double click, or the form sent again from another tab: the agency's row is the
    # lock, and the same proposal still waiting is not made twice.
    Agency.objects.select_for_update().filter(pk=user.agency.pk).first()
    same = (
        AmendmentProposal.objects.filter(
            agency=user.agency,
            programme__in=national_versions(programme.code),
            status__in=(AmendmentStatus.PROPOSED, AmendmentStatus.CONSOLIDATED),
            **values,
        )
        .order_by("pk")
        .first()
    )
    if same is not None:
        raise AlreadyDone(
            _("Đề xuất này đã được gửi lúc %(time)s và đang chờ xử lý: không gửi lại.")
            % {"time": format_datetime(same.proposed_at)}
        )
    proposal = AmendmentProposal.objects.create(
        programme=programme, agency=user.agency, task=task, proposed_by=user, **values
    )
    record_event(user, "amendment.proposed", proposal, after={"kind": kind, "task": task_ref})
    notify_people(
        list(User.objects.people().filter(role=Role.MOST_MONITOR).order_by("pk")),
        notice(
            lambda lang: (
                _("%(agency)s đề xuất sửa đổi %(programme)s, %(what)s.")
                % {
                    "agency": body_in(proposal.agency, lang),
                    "programme": programme.code,
                    "what": _what(proposal),
                }
            )
        ),
        _link(proposal),
    )
    return proposal


@transaction.atomic
def consolidate(user: Any, proposal: AmendmentProposal) -> AmendmentProposal:
    if not perms.has_capability(user, perms.DECIDE_AMENDMENT):
        raise WorkflowError(_("Chỉ Bộ Khoa học và Công nghệ tổng hợp đề xuất."))
    locked = AmendmentProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != AmendmentStatus.PROPOSED:
        # A double click, or a second officer on a page shown before: nothing to do.
        raise AlreadyDone(
            _("Đề xuất đã được tổng hợp (nay: %(status)s): không thực hiện lại.")
            % {"status": locked.get_status_display()}
        )
    locked.status = AmendmentStatus.CONSOLIDATED
    locked.save(update_fields=["status"])
    record_event(user, "amendment.consolidated", locked)
    _tell_proposers(
        locked,
        notice(
            lambda lang: (
                _("Bộ Khoa học và Công nghệ đã tổng hợp đề xuất sửa đổi %(what)s, trình Chính phủ.")
                % {"what": _what(locked)}
            )
        ),
    )
    return locked


def _deadline(day: datetime.date | None, decision: str) -> dict[str, str] | None:
    """A task's deadline as a programme file writes it: the date, and as its words the
    Government's decision that set it (the task's page shows "words (date)": the date
    twice said nothing more). The decision fits the words' 255 characters
    (DECISION_MAX_CHARS)."""
    return {"text": decision, "date": day.isoformat()} if day else None


def _apply(data: dict[str, Any], proposal: AmendmentProposal) -> dict[str, Any]:
    data = copy.deepcopy(data)
    if proposal.kind == AmendmentKind.NEW_TASK:
        number = sum(1 for t in data["tasks"] if t["ref"].startswith(proposal.task_ref + ".BS")) + 1
        ref = f"{proposal.task_ref}.BS{number}"
        data["clauses"].append(
            {
                "ref": ref,
                "kind": "paragraph",
                "label": "",
                "text": proposal.proposed_text,
                "parent": proposal.task_ref,
            }
        )
        data["tasks"].append(
            {
                "ref": ref,
                "group": proposal.task_ref,
                "text": proposal.proposed_text,
                "lead": _names(proposal.proposed_lead),
                "coordinating": _names(proposal.proposed_coordinating),
                "addressees": [],
                "deadline": _deadline(proposal.proposed_deadline, proposal.decision),
                "recurrence": None,
                "output": None,
                "note": f"Bổ sung theo đề xuất của {proposal.agency.name_vi} ({proposal.decision}).",
            }
        )
        return data
    task = next((t for t in data["tasks"] if t["ref"] == proposal.task_ref), None)
    if task is None:
        # The current version no longer has the task (a version loaded since).
        raise WorkflowError(
            _(
                "Phiên bản hiện hành của %(code)s không còn nhiệm vụ “%(task_ref)s”: không áp dụng được đề xuất. Chưa ghi nhận gì."
            )
            % {"code": data["programme"]["code"], "task_ref": proposal.task_ref}
        )
    if proposal.kind == AmendmentKind.TEXT:
        task["text"] = proposal.proposed_text
    elif proposal.kind == AmendmentKind.DEADLINE and proposal.proposed_deadline:
        task["deadline"] = _deadline(proposal.proposed_deadline, proposal.decision)
    elif proposal.kind == AmendmentKind.ROLES:
        task["lead"] = _names(proposal.proposed_lead)
        task["coordinating"] = _names(proposal.proposed_coordinating)
    task["note"] = (
        task.get("note", "")
        + f" Sửa đổi theo đề xuất của {proposal.agency.name_vi} ({proposal.decision})."
    ).strip()
    return data


# The decision's number and title (`AmendmentProposal.decision`, 255 characters).
DECISION_MAX_CHARS = 255


@transaction.atomic
def decide(
    user: Any, proposal: AmendmentProposal, *, accepted: bool, decision: str
) -> AmendmentProposal:
    """Record the Government's decision; an accepted change makes a new programme version."""
    if not perms.has_capability(user, perms.DECIDE_AMENDMENT):
        raise WorkflowError(_("Chỉ Bộ Khoa học và Công nghệ ghi nhận quyết định của Chính phủ."))
    if not decision.strip():
        raise WorkflowError(_("Cần nêu văn bản quyết định của Chính phủ."))
    refuse_nul(decision)
    problem = texts.length_problem(decision.strip(), DECISION_MAX_CHARS)
    if problem:
        raise WorkflowError(problem)
    locked = (
        AmendmentProposal.objects.select_for_update()
        .select_related("programme", "agency")
        .get(pk=proposal.pk)
    )
    if locked.status in (AmendmentStatus.ACCEPTED, AmendmentStatus.REJECTED):
        values = {"status": locked.get_status_display(), "decision": locked.decision}
        if (locked.status == AmendmentStatus.ACCEPTED) == accepted and (
            locked.decision == decision.strip()
        ):
            # The same decision sent twice (a double click): done once.
            raise AlreadyDone(
                _("Quyết định này đã được ghi nhận (%(status)s: %(decision)s): không ghi lại.")
                % values
            )
        # Another officer recorded the decision first, from a page shown before.
        raise WorkflowError(
            _(
                "Đề xuất đã có quyết định (%(status)s: %(decision)s), do người khác ghi nhận trước: chưa ghi nhận gì. Hãy xem lại trang."
            )
            % values
        )
    locked.decision = decision.strip()
    locked.decided_at = timezone.now()
    if accepted:
        # The national programme's version in force: the number's national versions only.
        current = (
            national_versions(locked.programme.code)
            .filter(status=ProgrammeStatus.PUBLISHED)
            .order_by("-version")
            .first()
        )
        assert current is not None
        data = _apply(programme_to_data(current), locked)
        data["programme"]["note"] = (
            data["programme"].get("note", "") + f" Sửa đổi theo {locked.decision}."
        ).strip()
        data["programme"].pop("version", None)
        try:
            # Loading the new version carries what hangs on the old one (reporting.carry);
            # the versions page names the decision, not a file.
            new, _created = load_data(
                data,
                source=f"amendment-{locked.pk}",
                origin=ProgrammeOrigin.AMENDMENT,
                source_name=f"Sửa đổi theo {locked.decision}",
                user=user,
            )
        except ProgrammeFileError as exc:
            raise WorkflowError(
                _(
                    "Chưa tạo được phiên bản mới: nội dung sửa đổi còn lỗi (chi tiết kỹ thuật: %(problems)s)."
                )
                % {"problems": "; ".join(exc.problems[:5])}
            ) from exc
        locked.resulting_version = new
        locked.status = AmendmentStatus.ACCEPTED
    else:
        locked.status = AmendmentStatus.REJECTED
    locked.save()
    record_event(
        user,
        "amendment.accepted" if accepted else "amendment.rejected",
        locked,
        after={"decision": locked.decision},
    )
    _tell_proposers(
        locked,
        notice(
            lambda lang: (
                (
                    _("Chính phủ đồng ý đề xuất sửa đổi %(what)s: %(decision)s.")
                    if accepted
                    else _("Chính phủ không đồng ý đề xuất sửa đổi %(what)s: %(decision)s.")
                )
                % {"what": _what(locked), "decision": locked.decision}
            )
        ),
    )
    return locked
