"""Change history as sentences in the reader's language.

Audit events (`lotrinh.core.audit.record_event`) keep machine data: an action name
("report.entry_saved") and before/after dicts. People read sentences: "Trạng thái nhiệm
vụ II.1.b: Chưa triển khai → Đang thực hiện, trong hạn", with who and when. Every action
recorded in the code base has a sentence here (tests/core/test_history.py collects them
from the source); an unknown action still gets a plain sentence, never a dict.

Text that people typed (a comment, a result) is quoted as written, inside `<q>` marked
with the language it is probably in (Vietnamese) when that is not the page's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext_noop, override, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from lotrinh.core.locale import active_language, format_datetime, format_number
from lotrinh.core.models import AuditEvent
from lotrinh.core.text import without_bidi_controls

Describer = Callable[[AuditEvent], SafeString]
# What the history says happened is in the context "history" (written out in each call:
# makemessages reads literals only): in English it is in the past tense ("Published the
# programme"), where the same Vietnamese words elsewhere are a button ("Publish …"). The
# tables of sentences hold lazy texts, translated when an event is described.

DESCRIBERS: dict[str, Describer] = {}


def describes(*actions: str) -> Callable[[Describer], Describer]:
    def register(function: Describer) -> Describer:
        for action in actions:
            DESCRIBERS[action] = function
        return function

    return register


@dataclass(frozen=True)
class Sentence:
    html: SafeString
    actor: str
    occurred_at: datetime.datetime
    known: bool  # False: the action had no sentence of its own (the generic one was used)

    @property
    def text(self) -> str:
        return plain_text(self.html)

    def __str__(self) -> str:
        return self.text


def plain_text(html: str) -> str:
    """A sentence's HTML as text (a spreadsheet's cell, a notice): tags gone, entities read."""
    from html import unescape

    return unescape(strip_tags(html))


def describe(event: AuditEvent, language: str | None = None) -> Sentence:
    """The sentence of `event` in `language` (default: the active language)."""
    with override(language or active_language()):
        function = DESCRIBERS.get(event.action)
        if function is None and event.action.startswith("admin."):
            function = _admin
        html = function(event) if function else _generic(event)
        actor = str(event.actor) if event.actor_id else _("Hệ thống")
    return Sentence(html, actor, event.occurred_at, function is not None)


def describe_all(events: Any, language: str | None = None) -> list[Sentence]:
    events = list(events)
    preload(events)
    return [describe(e, language) for e in events]


# What `preload` read for a list of events, kept on each event it concerns (never saved).
_PRELOADED = "_history_preloaded"


@dataclass
class _Preloaded:
    report: Any  # the event's report, or None when it no longer exists
    # Shared by the whole list: (whose receiver, language) → the proposals field's name.
    labels: dict[tuple[Any, ...], str]


def preload(events: list[AuditEvent]) -> None:
    """Read at once what some sentences need beyond their event, so that a list costs
    the same queries for one event or fifty: the report a "sections saved" event names
    its proposals field after (`_proposals_label`), in one query, and each receiver's
    name once for the list (reports of one regime, or of one agency's units, share it)."""
    from django.contrib.contenttypes.models import ContentType

    from lotrinh.reporting.models import AgencyReport

    report_type = ContentType.objects.get_for_model(AgencyReport).pk
    wanted = [
        e
        for e in events
        if e.action == "report.sections_saved"
        and e.content_type_id == report_type
        and str(e.object_id).isascii()
        and str(e.object_id).isdigit()
    ]
    if not wanted:
        return
    reports = AgencyReport.objects.select_related(
        "period__regime__recipient", "agency", "unit"
    ).in_bulk(sorted({int(e.object_id) for e in wanted}))
    labels: dict[tuple[Any, ...], str] = {}
    for event in wanted:
        setattr(event, _PRELOADED, _Preloaded(reports.get(int(event.object_id)), labels))


# ---------------------------------------------------------------- values


def _quote(text: Any, length: int = 120) -> SafeString:
    """Typed text, quoted; marked Vietnamese on an English page. Without bidirectional
    controls: a right-to-left override typed in a value turned the rest of the history
    line round (the closing quote, the next field's old and new values)."""
    text = Truncator(without_bidi_controls(str(text or "")).strip()).chars(length)
    if not text:
        return mark_safe(_("(trống)"))
    if active_language() == "en":
        return format_html('<q lang="vi">{}</q>', text)
    return format_html("<q>{}</q>", text)


def _date(value: Any) -> str:
    if not value:
        return _("(trống)")
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return day.strftime("%d/%m/%Y")


def _label(choices: Any, value: Any) -> str:
    if value in (None, ""):
        return _("(trống)")
    try:
        return str(choices(value).label)
    except ValueError:
        return _("(giá trị khác)")


def _refs(refs: Any) -> str:
    return ", ".join(str(r) for r in (refs or [])) or "—"


def _object(event: AuditEvent) -> str:
    """The event's object named in the page's language (`core/object_names`)."""
    from lotrinh.core.object_names import shown_name

    return shown_name(event)


def _before(event: AuditEvent) -> dict[str, Any]:
    return event.before if isinstance(event.before, dict) else {}


def _after(event: AuditEvent) -> dict[str, Any]:
    return event.after if isinstance(event.after, dict) else {}


# A part whose text already ends with one of these (typed text ending in a full stop) is
# followed by a space, not by "; ": "…được giao.; Kiến nghị" reads as a typo.
_STOPS = (".", "!", "?", "…", ";", ":")


def _join(parts: list[SafeString]) -> SafeString:
    from html import unescape

    out: list[str] = []
    for part in parts:
        if out:
            ends = unescape(strip_tags(out[-1])).rstrip().endswith(_STOPS)
            out.append(" " if ends else "; ")
        out.append(part)
    return mark_safe("".join(out))  # each part is already escaped


def _generic(event: AuditEvent) -> SafeString:
    name = _object(event)
    return format_html("{} {}", _("Thay đổi dữ liệu"), format_html("({})", name) if name else "")


# ---------------------------------------------------------------- reports


def _report_status(value: Any) -> str:
    from lotrinh.reporting.models import ReportStatus

    return _label(ReportStatus, value)


def _status_change(event: AuditEvent) -> SafeString:
    before, after = _before(event).get("status"), _after(event).get("status")
    if before and after:
        return format_html(" ({} → {})", _report_status(before), _report_status(after))
    return mark_safe("")


@describes("report.started")
def _report_started(event: AuditEvent) -> SafeString:
    return format_html("{}", pgettext("history", "Bắt đầu soạn báo cáo"))


def _entry_field(field: str, old: Any, new: Any, ref: str) -> SafeString:
    from lotrinh.reporting.models import TaskStatus

    if field == "status":
        return format_html(
            "{}: {} → {}",
            _("Trạng thái nhiệm vụ %(ref)s") % {"ref": ref},
            _label(TaskStatus, old),
            _label(TaskStatus, new),
        )
    if field == "evidence_date":
        return format_html(
            "{}: {} → {}",
            _("Ngày văn bản minh chứng (%(ref)s)") % {"ref": ref},
            _date(old),
            _date(new),
        )
    if field == "evidence_file":
        return format_html("{}: {}", _("Tệp minh chứng mới (%(ref)s)") % {"ref": ref}, _quote(new))
    if field in _SHORT_ENTRY_FIELDS:
        # A number or a link is short: both sides, as a date is ("(trống) → 15/03/2026").
        label = _(_ENTRY_LABELS[field]) % {"ref": ref}
        return format_html("{}: {} → {}", label, _quote(old), _quote(new))
    # Only the label needed is translated (a report's history has hundreds of these).
    label = _(_ENTRY_LABELS.get(field, _OTHER_ENTRY_FIELD)) % {"ref": ref}
    return format_html("{}: {}", label, _quote(new))


_ENTRY_LABELS = {
    "result": gettext_noop("Kết quả thực hiện nhiệm vụ %(ref)s"),
    "evidence_number": gettext_noop("Số, ký hiệu văn bản minh chứng (%(ref)s)"),
    "evidence_link": gettext_noop("Đường dẫn minh chứng (%(ref)s)"),
    "difficulties": gettext_noop("Khó khăn, vướng mắc (%(ref)s)"),
    "proposals": gettext_noop("Đề xuất, kiến nghị (%(ref)s)"),
    "contribution": gettext_noop("Nội dung phối hợp nhiệm vụ %(ref)s"),
}
# Fields whose old value is shown beside the new one; the long texts show the new only.
_SHORT_ENTRY_FIELDS = ("evidence_number", "evidence_link")
_OTHER_ENTRY_FIELD = gettext_noop("Nội dung khác của nhiệm vụ %(ref)s")


@describes("report.entry_saved", "report.contribution_saved")
def _entry_saved(event: AuditEvent) -> SafeString:
    before, after = _before(event), _after(event)
    ref = event.note or "—"
    parts = [
        _entry_field(field, before.get(field), after.get(field), ref)
        for field in after
        if before.get(field) != after.get(field)
    ]
    if not parts:
        return format_html("{}", _("Lưu nhiệm vụ %(ref)s, không thay đổi nội dung") % {"ref": ref})
    return _join(parts)


@describes("report.sections_saved")
def _sections_saved(event: AuditEvent) -> SafeString:
    before, after = _before(event), _after(event)

    def label(key: str) -> str:
        # The proposals field's name reads the report: only when that field changed.
        if key == "general_assessment":
            return _("Đánh giá chung")
        if key == "proposals_to_government":
            return _proposals_label(event)
        return _("Nội dung khác")

    parts = [
        format_html("{}: {}", label(k), _quote(after.get(k)))
        for k in after
        if before.get(k) != after.get(k)
    ]
    return _join(parts) if parts else format_html("{}", _("Lưu phần đánh giá chung và kiến nghị"))


def _proposals_label(event: AuditEvent) -> str:
    """The report's proposals field named as its form names it (`guidance.proposals_label`):
    "Kiến nghị với Chính phủ" on an agency's yearly report to MOST, "Kiến nghị, đề xuất
    với <receiver>" on a Party committee's report to the Commission or a unit's. A list
    has read the reports at once (`preload`); a lone event reads its own."""
    from django.contrib.contenttypes.models import ContentType

    from lotrinh.reporting.guidance import proposals_label
    from lotrinh.reporting.models import AgencyReport

    english = (get_language() or "").startswith("en")
    preloaded = getattr(event, _PRELOADED, None)
    if preloaded is not None:
        report = preloaded.report
    else:
        kind = ContentType.objects.get_for_id(event.content_type_id).model
        report = (
            AgencyReport.objects.select_related("period__regime__recipient", "agency", "unit")
            .filter(pk=int(event.object_id))
            .first()
            if kind == "agencyreport" and str(event.object_id).isdigit()
            else None
        )
    if report is None:
        return str(_("Kiến nghị, đề xuất"))
    if preloaded is None:
        return proposals_label(report, english=english)
    # The name depends on the receiver only: a unit's agency, or the report's regime.
    key = ("unit", report.agency_id) if report.unit_id else ("regime", report.period.regime_id)
    if (*key, english) not in preloaded.labels:
        preloaded.labels[(*key, english)] = proposals_label(report, english=english)
    return preloaded.labels[(*key, english)]


def _workflow(sentence: Any) -> Describer:
    def function(event: AuditEvent) -> SafeString:
        html = format_html("{}{}", sentence, _status_change(event))
        if event.note:
            html = format_html("{}: {}", html, _quote(event.note, 300))
        return html

    return function


for _action, _text in {
    "report.approved": pgettext_lazy("history", "Lãnh đạo duyệt báo cáo"),
    # The receiving body is MOST for an agency, the agency for its unit (docs/cascade.md).
    "report.submitted": pgettext_lazy("history", "Gửi báo cáo tới cơ quan nhận"),
    "report.resubmitted": pgettext_lazy("history", "Gửi lại báo cáo sau khi bị trả lại"),
    "report.accepted": pgettext_lazy("history", "Cơ quan nhận tiếp nhận báo cáo"),
    "report.returned": pgettext_lazy("history", "Cơ quan nhận trả lại báo cáo"),
    "report.revision_opened": pgettext_lazy("history", "Mở lại báo cáo để điều chỉnh"),
    "report.sent_back": pgettext_lazy("history", "Lãnh đạo trả lại bản nháp để soạn tiếp"),
    "report.approval_requested": pgettext_lazy("history", "Trình lãnh đạo duyệt báo cáo"),
}.items():
    DESCRIBERS[_action] = _workflow(_text)


@describes("publication.published")
def _publication_published(event: AuditEvent) -> SafeString:
    after = _after(event)
    html = format_html(
        "{} ({} {})",
        _("Bộ Khoa học và Công nghệ công bố trên trang công khai"),
        _("số liệu chốt ngày"),
        _date_text(after.get("cutoff")),
    )
    if event.note:
        html = format_html("{}: {}", html, _quote(event.note, 300))
    return html


@describes("publication.withdrawn")
def _publication_withdrawn(event: AuditEvent) -> SafeString:
    return format_html(
        "{}: {}", _("Rút lại nội dung đã công bố trên trang công khai"), _quote(event.note, 300)
    )


def _date_text(value: Any) -> str:
    try:
        return datetime.date.fromisoformat(str(value)).strftime("%d/%m/%Y")
    except ValueError:
        return "—"


@describes("report.commented")
def _report_commented(event: AuditEvent) -> SafeString:
    return format_html("{}: {}", _("Góp ý về báo cáo"), _quote(_after(event).get("comment"), 200))


@describes("task.commented")
def _task_commented(event: AuditEvent) -> SafeString:
    return format_html("{}: {}", _("Góp ý về nhiệm vụ"), _quote(_after(event).get("comment"), 200))


@describes("report.tasks_changed")
def _tasks_changed(event: AuditEvent) -> SafeString:
    after = _after(event)
    parts = [
        format_html("{}", _("Nhiệm vụ của báo cáo thay đổi theo phiên bản mới của chương trình"))
    ]
    if after.get("added"):
        parts.append(format_html("{} {}", _("bổ sung nhiệm vụ"), _refs(after["added"])))
    if after.get("removed"):
        parts.append(
            format_html(
                "{} {} {}",
                _("nhiệm vụ"),
                _refs(after["removed"]),
                _("không còn thuộc báo cáo này (nội dung đã nhập được lưu trong lịch sử)"),
            )
        )
    if after.get("contributions_added"):
        parts.append(
            format_html(
                "{} {}", _("bổ sung nội dung phối hợp"), _refs(after["contributions_added"])
            )
        )
    if after.get("contributions_removed"):
        parts.append(
            format_html(
                "{} {} {}",
                _("nội dung phối hợp"),
                _refs(after["contributions_removed"]),
                _("không còn thuộc báo cáo này"),
            )
        )
    return _join(parts)


# ---------------------------------------------------------------- plans, amendments


@describes("plan.saved")
def _plan_saved(event: AuditEvent) -> SafeString:
    after = _after(event)
    if after.get("number"):
        return format_html(
            "{} {} {} {}",
            _("Lưu kế hoạch thực hiện: văn bản số"),
            after["number"],
            _("ngày"),
            _date(after.get("date")),
        )
    return format_html("{}", _("Lưu kế hoạch thực hiện (chưa ban hành)"))


@describes("plan.action_added")
def _plan_action(event: AuditEvent) -> SafeString:
    after = _after(event)
    return format_html(
        "{} {} ({} {})",
        pgettext("history", "Thêm hành động"),
        _quote(after.get("action")),
        _("nhiệm vụ"),
        _refs(after.get("tasks")),
    )


@describes("plan.progress")
def _plan_progress(event: AuditEvent) -> SafeString:
    old, new = _before(event).get("progress"), _after(event).get("progress")
    return format_html(
        "{} {}: {}% → {}%",
        _("Tiến độ hành động"),
        _quote(event.note),
        format_number(old, 0) if old is not None else "0",
        format_number(new, 0) if new is not None else "0",
    )


def _amendment_kind(value: Any) -> str:
    from lotrinh.reporting.models import AmendmentKind

    return _label(AmendmentKind, value)


@describes("amendment.proposed")
def _amendment_proposed(event: AuditEvent) -> SafeString:
    after = _after(event)
    return format_html(
        "{}: {} ({} {})",
        _("Đề xuất sửa đổi Chương trình"),
        _amendment_kind(after.get("kind")),
        _("nhiệm vụ"),
        after.get("task") or "—",
    )


@describes("amendment.consolidated")
def _amendment_consolidated(event: AuditEvent) -> SafeString:
    return format_html("{}", _("Bộ KH&CN tổng hợp đề xuất, trình Chính phủ"))


@describes("amendment.accepted")
def _amendment_accepted(event: AuditEvent) -> SafeString:
    return _decision(_("Chính phủ đồng ý đề xuất sửa đổi"), event)


@describes("amendment.rejected")
def _amendment_rejected(event: AuditEvent) -> SafeString:
    return _decision(_("Chính phủ không đồng ý đề xuất sửa đổi"), event)


def _decision(text: str, event: AuditEvent) -> SafeString:
    decision = _after(event).get("decision")
    return format_html("{}: {}", text, _quote(decision)) if decision else format_html("{}", text)


# ---------------------------------------------------------------- programmes, imports


@describes("programme.loaded")
def _programme_loaded(event: AuditEvent) -> SafeString:
    from lotrinh.programmes.models import ProgrammeStatus

    after = _after(event)
    return format_html(
        "{} {} ({}, {} {})",
        _("Nạp chương trình, phiên bản"),
        after.get("version", "—"),
        _label(ProgrammeStatus, after.get("status")),
        after.get("tasks", "—"),
        _("nhiệm vụ"),
    )


@describes("programme.dependants_carried")
def _programme_carried(event: AuditEvent) -> SafeString:
    return format_html(
        "{} {}",
        _("Chuyển báo cáo, kế hoạch và liên kết mục tiêu từ phiên bản"),
        _before(event).get("version", "—"),
    )


@describes("import.queued")
def _import_queued(event: AuditEvent) -> SafeString:
    return format_html(
        "{}: {}", _("Tải lên văn bản để nhận dạng"), _quote(_after(event).get("file"))
    )


@describes("import.retried")
def _import_retried(event: AuditEvent) -> SafeString:
    return format_html("{}", _("Nhận dạng lại văn bản"))


@describes("import.parsed")
def _import_parsed(event: AuditEvent) -> SafeString:
    return format_html(
        "{}: {} {}", _("Nhận dạng xong văn bản"), _after(event).get("tasks", "—"), _("nhiệm vụ")
    )


@describes("import.roles_corrected")
def _import_roles(event: AuditEvent) -> SafeString:
    after = _after(event)
    return format_html(
        "{} {}: {} {}; {} {}",
        _("Sửa cơ quan của nhiệm vụ"),
        event.note or "—",
        _("chủ trì"),
        _quote(", ".join(after.get("lead") or []) or "—"),
        _("phối hợp"),
        _quote(", ".join(after.get("coordinating") or []) or "—"),
    )


@describes("import.agency_created")
def _import_agency_created(event: AuditEvent) -> SafeString:
    return format_html("{} {}", _("Thêm vào danh mục cơ quan"), _quote(_after(event).get("name")))


@describes("import.header_corrected")
def _import_header(event: AuditEvent) -> SafeString:
    after = _after(event)
    return format_html(
        "{}: {} {}",
        _("Sửa thông tin văn bản"),
        after.get("code") or "—",
        _quote(after.get("title")),
    )


@describes("import.tasks_merged")
def _import_merged(event: AuditEvent) -> SafeString:
    return format_html(
        "{} {} {} {}",
        _("Gộp nhiệm vụ"),
        _refs(_before(event).get("refs")),
        _("thành"),
        _after(event).get("ref") or "—",
    )


@describes("import.task_split")
def _import_split(event: AuditEvent) -> SafeString:
    return format_html(
        "{} {} {} {}",
        _("Tách nhiệm vụ"),
        _before(event).get("ref") or "—",
        _("thành"),
        _refs(_after(event).get("refs")),
    )


@describes("import.published")
def _import_published(event: AuditEvent) -> SafeString:
    after = _after(event)
    return format_html(
        "{} {}, {} {}",
        pgettext("history", "Công bố chương trình"),
        after.get("programme") or "—",
        _("phiên bản"),
        after.get("version") or "—",
    )


# ---------------------------------------------------------------- indicators


def _value(snapshot: dict[str, Any]) -> str:
    if snapshot.get("value") is not None:
        return format_number(snapshot["value"])
    return str(snapshot.get("text_value") or "—")


def _observation(text: str, event: AuditEvent) -> SafeString:
    after = _after(event)
    html = format_html("{} {}: {}", text, after.get("year", "—"), _value(after))
    before = _before(event)
    if before.get("year") is not None and (before.get("value"), before.get("text_value")) != (
        after.get("value"),
        after.get("text_value"),
    ):
        html = format_html("{} ({} {})", html, _("trước đó"), _value(before))
    if event.note:
        html = format_html("{} — {}", html, _quote(event.note, 300))
    return html


@describes("observation.recorded")
def _observation_recorded(event: AuditEvent) -> SafeString:
    return _observation(_("Nhập số liệu năm"), event)


@describes("observation.revised")
def _observation_revised(event: AuditEvent) -> SafeString:
    return _observation(_("Sửa số liệu năm"), event)


@describes("observation.approved")
def _observation_approved(event: AuditEvent) -> SafeString:
    return _observation(_("Duyệt số liệu năm"), event)


@describes("observation.rejected")
def _observation_rejected(event: AuditEvent) -> SafeString:
    return _observation(_("Từ chối số liệu năm"), event)


def _data_request(verb: str, event: AuditEvent) -> SafeString:
    data = event.after or {}
    return format_html(
        "{} {} {} ({} {})",
        verb,
        data.get("indicator", "—"),
        data.get("year", "—"),
        _("hạn"),
        _date(data["deadline"]) if data.get("deadline") else "—",  # as pages write dates
    )


@describes("data_request.sent")
def _data_request_sent(event: AuditEvent) -> SafeString:
    return _data_request(pgettext("history", "Gửi yêu cầu số liệu"), event)


@describes("data_request.answered")
def _data_request_answered(event: AuditEvent) -> SafeString:
    return _data_request(_("Trả lời yêu cầu số liệu"), event)


@describes("data_request.accepted")
def _data_request_accepted(event: AuditEvent) -> SafeString:
    return _data_request(_("Số liệu trả lời yêu cầu được duyệt:"), event)


@describes("data_request.reopened")
def _data_request_reopened(event: AuditEvent) -> SafeString:
    return _data_request(_("Số liệu trả lời bị từ chối, yêu cầu mở lại:"), event)


@describes("target.rebaselined")
def _target_rebaselined(event: AuditEvent) -> SafeString:
    def baseline(pair: Any) -> str:
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            return "—"
        year, value = pair
        return f"{year or '—'}: {format_number(value)}"

    html = format_html(
        "{}: {} → {}",
        _("Điều chỉnh năm gốc của mục tiêu"),
        baseline(_before(event).get("baseline")),
        baseline(_after(event).get("baseline")),
    )
    return format_html("{} — {}", html, _quote(event.note, 300)) if event.note else html


# ---------------------------------------------------------------- documents, admin


@describes("document.retried")
def _document_retried(event: AuditEvent) -> SafeString:
    return format_html("{}", _("Tạo lại văn bản sau lần lỗi"))


@describes("document_template.replaced")
def _template_replaced(event: AuditEvent) -> SafeString:
    return format_html("{}: {}", _("Thay mẫu văn bản"), _quote(_after(event).get("file")))


def _rows_name(event: AuditEvent) -> str:
    """The plural name of the inline rows an admin event changed (their model's label
    is the key of its `after`)."""
    from django.apps import apps

    for label in event.after or {}:
        try:
            return str(apps.get_model(label)._meta.verbose_name_plural)
        except (LookupError, ValueError):
            continue
    return _("các dòng")


def _admin(event: AuditEvent) -> SafeString:
    verb = event.action.rsplit(".", 1)[-1]
    what = event.content_type.model_class() if event.content_type_id else None
    name = str(what._meta.verbose_name) if what else _("dữ liệu")
    sentences = {
        "added": _("Thêm %(what)s trong trang quản trị"),
        "changed": _("Sửa %(what)s trong trang quản trị"),
        "deleted": _("Xoá %(what)s trong trang quản trị"),
    }
    text = sentences.get(verb, _("Thay đổi %(what)s trong trang quản trị")) % {"what": name}
    if verb == "action":
        # An admin action on a table (the subject is the table's content type).
        return format_html(
            "{}",
            _("Chạy thao tác “%(action)s” trên bảng %(what)s trong trang quản trị")
            % {"action": event.note, "what": event.object_repr},
        )
    if verb == "rows_changed":
        text = _("Sửa %(rows)s của %(what)s trong trang quản trị") % {
            "rows": _rows_name(event),
            "what": name,
        }
    object_name = _object(event)
    if object_name:
        return format_html("{} ({})", text, object_name)
    return format_html("{}", text)


# ---------------------------------------------------------------- accounts and calendars


def _role(value: Any) -> str:
    from lotrinh.accounts.models import Role

    return str(Role(value).label) if value in Role.values else _("không có vai trò")


def _account(sentence: Any) -> Describer:
    def function(event: AuditEvent) -> SafeString:
        return format_html("{}: {}", sentence, _object(event) or "—")

    return function


for _action, _text in {
    "account.invited": pgettext_lazy("history", "Mời người dùng mới"),
    "account.invitation_resent": pgettext_lazy("history", "Gửi lại lời mời"),
    "account.deactivated": pgettext_lazy("history", "Khoá tài khoản"),
    "account.reactivated": pgettext_lazy("history", "Mở lại tài khoản"),
    "account.password_reset": pgettext_lazy("history", "Đặt lại mật khẩu qua thư điện tử"),
    "account.invitation_accepted": pgettext_lazy("history", "Nhận lời mời và đặt mật khẩu"),
    "account.password_changed": pgettext_lazy("history", "Đổi mật khẩu"),
    "calendar.token_rotated": pgettext_lazy("history", "Tạo địa chỉ lịch bí mật mới"),
    "calendar.token_revoked": pgettext_lazy("history", "Thu hồi địa chỉ lịch bí mật"),
    "api.token_issued": pgettext_lazy("history", "Cấp khoá API cho hệ thống"),
    "api.token_revoked": pgettext_lazy("history", "Thu hồi khoá API của hệ thống"),
}.items():
    DESCRIBERS[_action] = _account(_text)


@describes("account.role_changed")
def _role_changed(event: AuditEvent) -> SafeString:
    before = event.before if isinstance(event.before, dict) else {}
    return format_html(
        "{}: {} ({} → {})",
        _("Đổi vai trò"),
        _object(event) or "—",
        _role(before.get("role")),
        _role(_after(event).get("role")),
    )


# ---------------------------------------------------------------- register and signatures


def _when(value: Any) -> str:
    if not value:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    from django.utils import timezone

    return format_datetime(moment) if timezone.is_aware(moment) else str(value)


@describes("register.issued")
def _register_issued(event: AuditEvent) -> SafeString:
    # The entry's own name is its number: the sentence names the document by its title.
    after = _after(event)
    number = after.get("number") or _object(event)
    if not after.get("title"):
        return format_html("{} {}", _("Vào sổ văn bản đi"), number)
    return format_html(
        "{} {} ({}): {}",
        _("Vào sổ văn bản đi"),
        number,
        _date(after.get("issued_on")),
        _quote(after["title"], 200),
    )


@describes("report.signed", "document.signed")
def _signed(event: AuditEvent) -> SafeString:
    return format_html("{} ({})", _("Ký số văn bản"), _after(event).get("number", ""))


@describes("signature.verified")
def _signature_verified(event: AuditEvent) -> SafeString:
    after = _after(event)
    # The receiver named when it was recorded (older events: MOST, the only one then).
    english = (get_language() or "").startswith("en")
    receiver = after.get("receiver_en" if english else "receiver_vi")
    checked = (
        _("%(receiver)s kiểm tra chữ ký số khi nhận báo cáo — chữ ký hợp lệ")
        % {"receiver": receiver}
        if receiver
        else _("Bộ KH&CN kiểm tra chữ ký số khi nhận báo cáo — chữ ký hợp lệ")
    )
    return format_html(
        "{}: {} {}, {} {}",
        checked,
        _("ký bởi"),
        after.get("signer", ""),
        _("lúc"),
        _when(after.get("signing_time")),
    )


@describes("signature.checked")
def _signature_checked(event: AuditEvent) -> SafeString:
    after = _after(event)
    if after.get("valid"):
        return format_html(
            "{} {}: {} {}",
            _("Kiểm tra chữ ký số của tệp"),
            after.get("file", ""),
            _("hợp lệ, ký bởi"),
            after.get("signer", ""),
        )
    return format_html(
        "{} {}: {} {}",
        _("Kiểm tra chữ ký số của tệp"),
        after.get("file", ""),
        _("không được chấp nhận —"),
        _quote(event.note, 300),
    )


@describes("signer.configured")
def _signer_configured(event: AuditEvent) -> SafeString:
    # The signer's name is Vietnamese: on English pages its words are marked so, the
    # key's kind beside it ("PKCS#12 file") is not.
    from lotrinh.core.templatetags.lotrinh_tags import _vietnamese_parts

    name = _object(event) or "—"
    return format_html(
        "{}: {}",
        _("Cấu hình khoá ký số"),
        _vietnamese_parts(name) if active_language() == "en" else name,
    )


# The cascade (docs/cascade.md): units, an agency's own plan, the roll-up.
for _action, _text in {
    "unit.created": pgettext_lazy("history", "Thêm đơn vị"),
    "unit.confirmed": pgettext_lazy("history", "Xác nhận đơn vị đề xuất từ văn bản"),
    "unit.succeeded": pgettext_lazy("history", "Ghi nhận đơn vị được hợp nhất, chuyển giao"),
    "unit.user_attached": pgettext_lazy("history", "Gán người dùng vào đơn vị"),
    "unit.imported": pgettext_lazy("history", "Nhập danh sách đơn vị từ tệp CSV"),
    "unit.updated": pgettext_lazy("history", "Sửa đơn vị khi nhập danh sách từ tệp"),
    "cascade.plan_import_queued": pgettext_lazy(
        "history", "Tải lên văn bản kế hoạch của cơ quan để nhận dạng"
    ),
    "cascade.plan_imported": pgettext_lazy(
        "history", "Nhập kế hoạch của cơ quan thành chương trình cấp dưới"
    ),
    "cascade.plan_published": pgettext_lazy("history", "Công bố kế hoạch của cơ quan"),
    "cascade.plan_parent_changed": pgettext_lazy(
        "history",
        "Đổi chương trình mà kế hoạch (bản nháp) thực hiện; gợi ý liên kết được lập lại",
    ),
    "cascade.links_refined": pgettext_lazy(
        "history",
        "Xem lại các gợi ý liên kết theo nội dung văn bản (liên kết đã xác nhận, đã bỏ được "
        "giữ nguyên)",
    ),
    "regime.scheduled": pgettext_lazy(
        "history", "Đặt kỳ báo cáo cho chế độ báo cáo mà văn bản không nêu kỳ"
    ),
    "regime.rescheduled": pgettext_lazy(
        "history", "Đổi lịch báo cáo: giữ các kỳ đã có báo cáo, thay các kỳ chưa đến hạn"
    ),
    "report.prefilled": pgettext_lazy(
        "history", "Điền sẵn báo cáo từ báo cáo đã tiếp nhận của các đơn vị"
    ),
}.items():
    DESCRIBERS[_action] = _account(_text)


# A plan task's links and units: the sentence names the parent task and the unit, which
# the event keeps (the object is the plan's task only).
@describes("cascade.link_confirmed", "cascade.link_rejected")
def _plan_link(event: AuditEvent) -> SafeString:
    if event.action == "cascade.link_confirmed":
        sentence = pgettext("history", "Xác nhận nhiệm vụ cấp trên được thực hiện")
        parent = _after(event).get("implements")
    else:
        sentence = pgettext("history", "Bỏ liên kết với nhiệm vụ cấp trên")
        parent = _before(event).get("implements")
    if not parent:
        return format_html("{}: {}", sentence, _object(event) or "—")
    return format_html("{}: {} → {} {}", sentence, _object(event) or "—", _("nhiệm vụ"), parent)


@describes("cascade.unit_assigned", "cascade.unit_group_assigned")
def _plan_units(event: AuditEvent) -> SafeString:
    after = _after(event)
    role = {"lead": _("chủ trì"), "coordinating": _("phối hợp")}.get(
        str(after.get("role") or ""), ""
    )
    if event.action == "cascade.unit_assigned":
        sentence = pgettext("history", "Giao nhiệm vụ cho đơn vị")
        names = [after["unit"]] if after.get("unit") else []
    else:
        sentence = pgettext("history", "Giao nhiệm vụ cho mọi đơn vị của nhóm")
        names = [str(n) for n in after.get("units") or []]
    if not names:
        return format_html("{}: {}", sentence, _object(event) or "—")
    return format_html(
        "{}: {} — {}{}",
        sentence,
        _object(event) or "—",
        _quote(", ".join(names), 300),
        format_html(" ({})", role) if role else "",
    )
