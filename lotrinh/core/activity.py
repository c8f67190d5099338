"""The activity log: the audit trail as a whole, in sentences, for those who answer for it.

Who reads which events is `permissions.readable_events` (MOST and the system
administrators: all; an agency's administrator and leaders: their agency's); this module
reads the page's filters (period, person, kind of action), lists one page, and writes the
same list as a spreadsheet. Sentences come from `core.history.describe`. What an event
says of a report's content (the text typed, a reason given) is shown only to whoever
reads that report (`permissions.may_read_event_content`); others read what was done, by
whom and when (docs/security.md).
"""

from __future__ import annotations

import copy
import datetime
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy, override

from lotrinh.accounts import permissions as perms
from lotrinh.core.dates import DayError, parse_day, show_day
from lotrinh.core.history import DESCRIBERS, describe, plain_text, preload
from lotrinh.core.locale import active_language, format_datetime, format_number, name_order
from lotrinh.core.models import AuditEvent
from lotrinh.core.object_names import shown_name
from lotrinh.core.params import whole_number

EVENTS_PER_PAGE = 50
# The spreadsheet holds at most this many events (newest first); a longer period is cut
# and the sheet says so in its last row.
EXPORT_LIMIT = 20_000

# Kinds of action a reader filters by: each is the actions whose names start so.
KINDS: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    (
        "tai-khoan",
        gettext_lazy("Tài khoản, vai trò, khoá truy cập"),
        ("account.", "api.", "calendar.", "signer."),
    ),
    ("bao-cao", gettext_lazy("Báo cáo: soạn, duyệt, gửi, tiếp nhận, trả lại"), ("report.",)),
    ("ke-hoach", gettext_lazy("Kế hoạch, giao việc cho đơn vị"), ("plan.", "cascade.", "regime.")),
    ("don-vi", gettext_lazy("Đơn vị trực thuộc"), ("unit.",)),
    (
        "chuong-trinh",
        gettext_lazy("Chương trình, văn bản nhập, đề xuất sửa đổi"),
        ("programme.", "import.", "task.", "amendment."),
    ),
    ("so-lieu", gettext_lazy("Số liệu chỉ tiêu"), ("observation.", "target.", "data_request.")),
    (
        "van-ban",
        gettext_lazy("Văn bản, mẫu văn bản, chữ ký số, công bố"),
        ("document.", "document_template.", "register.", "signature.", "publication."),
    ),
    ("quan-tri", gettext_lazy("Sửa trong trang quản trị hệ thống"), ("admin.",)),
)
KIND_PREFIXES = {slug: prefixes for slug, _label, prefixes in KINDS}


def kind_of(action: str) -> str | None:
    for slug, _label, prefixes in KINDS:
        if action.startswith(prefixes):
            return slug
    return None


@dataclass
class ActivityFilter:
    """The filters as asked (`typed`, to show back in the form) and as read."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    actor_id: int | None = None
    kind: str = ""
    agency_code: str = ""
    unit_id: int | None = None
    page: int = 1
    typed: dict[str, str] = field(default_factory=dict)
    # Messages about what could not be read; that filter is then not applied.
    problems: dict[str, str] = field(default_factory=dict)

    @property
    def other_problems(self) -> list[str]:
        """Messages not shown beside a date input (which shows its own)."""
        return [m for k, m in self.problems.items() if k not in ("tu", "den")]

    @property
    def active(self) -> bool:
        return bool(
            self.start or self.end or self.actor_id or self.kind or self.agency_code or self.unit_id
        )

    def query_string(self) -> str:
        from urllib.parse import urlencode

        pairs = {
            "tu": show_day(self.start) if self.start else "",
            "den": show_day(self.end) if self.end else "",
            "nguoi": str(self.actor_id or ""),
            "loai": self.kind,
            "co-quan": self.agency_code,
            "don-vi": str(self.unit_id or ""),
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def read_filter(
    params: Mapping[str, str],
    people_ids: Iterable[int],
    agency_codes: Iterable[str] = (),
    unit_ids: Iterable[int] = (),
) -> ActivityFilter:
    """The filters of a GET (`?tu=01/12/2026&den=06/12/2026&nguoi=12&loai=bao-cao&page=2`):
    days as dd/mm/yyyy (ISO too), a person among `people_ids` (those who appear in the
    reader's events), a kind from `KINDS`, an agency (`co-quan`, its code) among
    `agency_codes` (for those who read the whole trail), a unit (`don-vi`, its id) among
    `unit_ids` (for an agency's readers). A value that cannot be read gets a message and is
    left out, never an error page."""
    wanted = {
        k: (params.get(k) or "").strip()[:100]
        for k in ("tu", "den", "nguoi", "loai", "co-quan", "don-vi")
    }
    found = ActivityFilter(typed=dict(wanted))
    for key, attr in (("tu", "start"), ("den", "end")):
        try:
            setattr(found, attr, parse_day(wanted[key]))
        except DayError as exc:
            found.problems[key] = str(exc)
    if found.start and found.end and found.start > found.end:
        found.problems["den"] = gettext(
            "Ngày kết thúc (%(end)s) trước ngày bắt đầu (%(start)s): hãy đổi lại."
        ) % {"end": show_day(found.end), "start": show_day(found.start)}
        found.end = None
    # Each pick must be one the reader is offered; otherwise it is said and not applied.
    picks: tuple[tuple[str, str, Callable[[str], Any], Iterable[Any], str], ...] = (
        (
            "nguoi",
            "actor_id",
            whole_number,
            people_ids,
            gettext(
                "Không có người này trong nhật ký bạn được xem; danh sách dưới đây chưa lọc theo người."
            ),
        ),
        (
            "loai",
            "kind",
            str,
            KIND_PREFIXES,
            gettext("Không có loại việc này; danh sách dưới đây chưa lọc theo loại việc."),
        ),
        (
            "co-quan",
            "agency_code",
            str,
            agency_codes,
            gettext(
                "Không có cơ quan này trong nhật ký bạn được xem; danh sách dưới đây chưa lọc "
                "theo cơ quan."
            ),
        ),
        (
            "don-vi",
            "unit_id",
            whole_number,
            unit_ids,
            gettext(
                "Không có đơn vị này trong nhật ký bạn được xem; danh sách dưới đây chưa lọc "
                "theo đơn vị."
            ),
        ),
    )
    for key, attr, read, allowed, message in picks:
        if not wanted[key]:
            continue
        value = read(wanted[key])
        if value is not None and value in set(allowed):
            setattr(found, attr, value)
        else:
            found.problems[key] = message
    found.page = whole_number(params.get("page")) or 1
    return found


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def filtered_events(user: Any, wanted: ActivityFilter) -> QuerySet[AuditEvent]:
    """The reader's events that match the filters, newest first (days in Viet Nam's time)."""
    events = perms.readable_events(user).select_related("actor", "agency", "unit")
    if wanted.start:
        events = events.filter(occurred_at__gte=_local_midnight(wanted.start))
    if wanted.end:
        events = events.filter(
            occurred_at__lt=_local_midnight(wanted.end + datetime.timedelta(days=1))
        )
    if wanted.actor_id:
        events = events.filter(actor_id=wanted.actor_id)
    if wanted.agency_code:
        events = events.filter(agency__code=wanted.agency_code)
    if wanted.unit_id:
        events = events.filter(unit_id=wanted.unit_id)
    if wanted.kind:
        prefixes = Q()
        for prefix in KIND_PREFIXES[wanted.kind]:
            prefixes |= Q(action__startswith=prefix)
        events = events.filter(prefixes)
    return events.order_by("-occurred_at", "-id")


def people_in_log(user: Any) -> list[Any]:
    """Those who appear in the reader's events, for the person filter (alphabetical)."""
    from lotrinh.accounts.models import User

    actors = perms.readable_events(user).filter(actor__isnull=False).values("actor_id")
    return list(
        User.objects.filter(pk__in=actors)
        .only("pk", "username", "full_name", "full_name_sort")
        .order_by("full_name_sort", "username", "pk")
    )


def agencies_in_log(user: Any) -> list[Any]:
    """The agencies whose events a reader of the whole trail may pick, in the order of the
    names the filter shows (English ones on English pages); none for an agency's reader,
    whose log is one agency's."""
    from lotrinh.agencies.models import Agency

    if not perms.reads_whole_activity_log(user):
        return []
    agencies = perms.readable_events(user).filter(agency__isnull=False).values("agency_id")
    return list(
        Agency.objects.filter(pk__in=agencies)
        .only("pk", "code", "name_vi", "name_en")
        .order_by(name_order(), "code")
    )


def units_in_log(user: Any) -> list[Any]:
    """The units whose events an agency's reader may pick, in the order of the names the
    filter shows (English ones on English pages); none for a reader of the whole trail
    (units of every agency: she picks the agency) nor where the log holds one unit's
    events only."""
    from lotrinh.agencies.models import Unit

    if perms.reads_whole_activity_log(user):
        return []
    units = perms.readable_events(user).filter(unit__isnull=False).values("unit_id")
    found = list(
        Unit.objects.filter(pk__in=units)
        .only("pk", "name_vi", "name_en", "code")
        .order_by(name_order(), "pk")
    )
    return found if len(found) > 1 or not perms.reads_unit_activity_log(user) else []


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    when: str
    actor: str
    sentence: SafeString
    withheld: bool
    # The object's name in the page's language; `object_lang` "vi" when it is shown as
    # stored (a proper name in Vietnamese), "" when labels in it were translated.
    object_name: str = ""
    object_lang: str = "vi"

    @property
    def object_html(self) -> str:
        """The object's name for the page: a translated name keeps the proper names in it
        ("Bộ Y tế — Year 2024", a signer's name before her key's kind) in Vietnamese, so
        they are marked `lang="vi"` on an English page as the sentence beside marks them."""
        from lotrinh.core.templatetags.lotrinh_tags import _vietnamese_parts

        if self.object_lang or active_language() != "en":
            return conditional_escape(self.object_name)
        return _vietnamese_parts(self.object_name)


# Events on a report whose content the reader may not read: the workflow steps keep their
# sentence without the note (a reason typed); the rest say only what kind of change it was.
_WORKFLOW = frozenset(
    {
        "report.started",
        "report.approved",
        "report.submitted",
        "report.resubmitted",
        "report.accepted",
        "report.returned",
        "report.revision_opened",
        "report.sent_back",
        "report.approval_requested",
    }
)


def _withheld(event: AuditEvent) -> SafeString:
    if event.action in _WORKFLOW and event.action in DESCRIBERS:
        bare = copy.copy(event)
        bare.note = ""
        return describe(bare).html
    return format_html(
        "{} <span class='muted'>({})</span>",
        gettext("Sửa nội dung báo cáo"),
        gettext("nội dung chỉ hiện với người được đọc báo cáo này"),
    )


def _report_rules(user: Any, events: list[AuditEvent]) -> dict[str, bool]:
    """For the events on reports: may the reader read each report's content (by id)?
    Two queries whatever the number of events."""
    from lotrinh.reporting.models import AgencyReport

    report_type = ContentType.objects.get_for_model(AgencyReport)
    ids = {
        int(e.object_id)
        for e in events
        if e.content_type_id == report_type.pk and whole_number(e.object_id) is not None
    }
    if not ids:
        return {}
    reports: dict[int, Any] = {}
    public: set[int] = set()
    ordered = sorted(ids)
    for start in range(0, len(ordered), 900):
        chunk = ordered[start : start + 900]
        for report in AgencyReport.objects.filter(pk__in=chunk).only(
            "pk", "agency_id", "unit_id", "status"
        ):
            reports[report.pk] = report
        public |= set(
            perms.public_reports(AgencyReport.objects.filter(pk__in=chunk)).values_list(
                "pk", flat=True
            )
        )
    return {
        str(pk): pk in reports
        and perms.may_read_event_content(user, reports[pk], published=pk in public)
        for pk in ids
    }


def rows(user: Any, events: list[AuditEvent], language: str | None = None) -> list[Row]:
    """The events as the reader reads them, in `language` (default: the active one)."""
    from lotrinh.reporting.models import AgencyReport

    report_type = ContentType.objects.get_for_model(AgencyReport).pk
    readable = _report_rules(user, events)
    preload(events)
    out = []
    with override(language or active_language()):
        for event in events:
            on_report = event.content_type_id == report_type
            shown = not on_report or readable.get(str(event.object_id), False)
            sentence = describe(event)
            name = shown_name(event)
            out.append(
                Row(
                    event=event,
                    when=format_datetime(event.occurred_at),
                    actor=sentence.actor,
                    sentence=sentence.html if shown else _withheld(event),
                    withheld=not shown,
                    object_name=name,
                    object_lang="vi" if name == event.object_repr else "",
                )
            )
    return out


def page_of(user: Any, wanted: ActivityFilter) -> tuple[Page[AuditEvent], list[Row]]:
    page = Paginator(filtered_events(user, wanted), EVENTS_PER_PAGE).get_page(wanted.page)
    events = list(page.object_list)
    return page, rows(user, events)


# ---------------------------------------------------------------- spreadsheet

HEADINGS = (
    "Thời điểm (giờ Việt Nam)",
    "Người thực hiện",
    "Cơ quan",
    "Đơn vị",
    "Việc đã làm",
    "Đối tượng",
    "Mã yêu cầu",
)


def export_xlsx(user: Any, wanted: ActivityFilter) -> bytes:
    """The filtered list as a workbook, in Vietnamese (as the other exports), newest first."""
    from openpyxl import Workbook

    from lotrinh.core.exports import SECONDS_FORMAT, append_row

    events = list(filtered_events(user, wanted)[: EXPORT_LIMIT + 1])
    cut = len(events) > EXPORT_LIMIT
    events = events[:EXPORT_LIMIT]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký hoạt động")
    sheet.column_dimensions["A"].width = 25  # its heading, "Thời điểm (giờ Việt Nam)"
    sheet.column_dimensions["B"].width = 28
    sheet.column_dimensions["C"].width = 32
    sheet.column_dimensions["D"].width = 32
    sheet.column_dimensions["E"].width = 80
    sheet.column_dimensions["F"].width = 40
    sheet.column_dimensions["G"].width = 20
    sheet.freeze_panes = "A2"  # the headings stay in view (set before the rows: write-only)
    append_row(sheet, HEADINGS)
    for row in rows(user, events, language="vi"):
        event = row.event
        append_row(
            sheet,
            [
                event.occurred_at,  # a date cell in Vietnam's time, to the second
                row.actor,
                event.agency.name_vi if event.agency is not None else "",
                event.unit.name_vi if event.unit is not None else "",
                plain_text(row.sentence),
                event.object_repr,
                event.request_id,
            ],
            moment_format=SECONDS_FORMAT,
        )
    if cut:
        append_row(
            sheet,
            [
                "",
                "",
                "",
                "",
                f"Chỉ ghi {format_number(EXPORT_LIMIT, 0, 'vi')} sự kiện mới nhất: hãy chọn "
                "khoảng thời gian ngắn hơn.",
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
