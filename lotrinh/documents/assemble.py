"""Building the content of the official reports from the database, as of a cut-off.

Numbers come from the reports as they were frozen at the cut-off (the last submitted or
accepted copy created before it), so the same year and cut-off always give the same
document. The result is plain data (dictionaries and lists) that the DOCX template,
the PDF page and the XLSX appendix all render.
"""

import datetime
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import PROVINCE_KINDS, Agency, Unit, UnitKind
from lotrinh.core.locale import figures_in_text, format_number, format_percent
from lotrinh.core.models import AuditEvent
from lotrinh.core.text import text_lines
from lotrinh.documents.letterhead import PARTY_TITLE
from lotrinh.programmes.models import Programme
from lotrinh.reporting import compliance, rules
from lotrinh.reporting.models import (
    AgencyReport,
    ReportingPeriod,
    ReportSnapshot,
    ReportStatus,
    TaskStatus,
)
from lotrinh.reporting.plans import issued_plans
from lotrinh.reporting.services import expected_reporters, generate_periods

STATUS_LABELS = {value: str(label) for value, label in TaskStatus.choices}
STATUS_ORDER = [s.value for s in TaskStatus]
CELL_LABELS = {
    rules.ON_TIME: "Đúng hạn",
    rules.LATE: "Muộn",
    rules.MISSING: "Chưa gửi",
    rules.RETURNED: "Bị trả lại",
    rules.NOT_DUE: "Chưa đến hạn",
}


def cutoff_moment(day: datetime.date) -> datetime.datetime:
    """The end of the cut-off day, in the project's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def frozen_reports(
    period: Any, cutoff: datetime.datetime, *, accepted_only: bool = False
) -> dict[int, ReportSnapshot]:
    """agency id → the last frozen copy of its report created up to the cut-off (the
    last accepted copy when `accepted_only`)."""
    latest: dict[int, ReportSnapshot] = {}
    snapshots = ReportSnapshot.objects.filter(
        report__period=period, report__unit__isnull=True, created_at__lte=cutoff
    )
    if accepted_only:
        snapshots = snapshots.filter(status="accepted")
    for snapshot in snapshots.select_related("report").order_by("created_at", "id"):
        latest[snapshot.report.agency_id] = snapshot
    return latest


@dataclass(frozen=True)
class ReportState:
    """An agency's report for a period as it stood at a moment: what the compliance page
    reads from the report itself (`status`, `first_submitted`), and when it was last
    accepted or returned, for the annex."""

    status: str | None = None
    first_submitted: datetime.date | None = None
    accepted_on: datetime.date | None = None
    returned_on: datetime.date | None = None

    def describe(self) -> str:
        """The annex's "Tiếp nhận" cell."""
        if self.status == ReportStatus.ACCEPTED:
            return (
                f"Đã tiếp nhận ({_day(self.accepted_on)})" if self.accepted_on else "Đã tiếp nhận"
            )
        if self.status == ReportStatus.SUBMITTED:
            return "Chưa tiếp nhận"
        if self.status == ReportStatus.RETURNED:
            return f"Trả lại ngày {_day(self.returned_on)}" if self.returned_on else "Trả lại"
        if rules.revising_after_acceptance(
            status=self.status, accepted=self.accepted_on is not None
        ):
            return f"Đã tiếp nhận ({_day(self.accepted_on)}), đang điều chỉnh"
        return ""


def report_states_at(period: ReportingPeriod, moment: datetime.datetime) -> dict[int, ReportState]:
    """agency id → its own report for `period` as it stood at `moment` (two queries).

    Each step of the workflow is an audit event recording the status it set
    (`reporting.services._transition`), so the status at a past cut-off is the one set by
    the last such event up to it; the first submission is the report's own
    `first_submitted_at` when it came by then. A report with no such event at all (data
    loaded without the workflow) has the status of its last frozen copy by then."""
    reports = {str(r.pk): r for r in AgencyReport.objects.filter(period=period, unit__isnull=True)}
    if not reports:
        return {}
    steps: dict[str, list[tuple[datetime.datetime, str]]] = defaultdict(list)
    for object_id, occurred_at, after in (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(AgencyReport),
            object_id__in=list(reports),
            after__status__in=ReportStatus.values,
        )
        .order_by("occurred_at", "id")
        .values_list("object_id", "occurred_at", "after")
    ):
        steps[object_id].append((occurred_at, (after or {})["status"]))
    frozen = frozen_reports(period, moment)
    states = {}
    for key, report in reports.items():
        done = [(at, status) for at, status in steps.get(key, []) if at <= moment]
        if key in steps:
            status = done[-1][1] if done else None
        else:
            copy = frozen.get(report.agency_id)
            status = copy.status if copy else None
        first = report.first_submitted_at

        def last(wanted: str, done: list[tuple[datetime.datetime, str]] = done) -> Any:
            moments = [at for at, status in done if status == wanted]
            return timezone.localdate(moments[-1]) if moments else None

        states[report.agency_id] = ReportState(
            status=status,
            first_submitted=timezone.localdate(first) if first and first <= moment else None,
            accepted_on=last(ReportStatus.ACCEPTED),
            returned_on=last(ReportStatus.RETURNED),
        )
    return states


def _day(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _rate(value: float | None) -> str | None:
    """A rate as an official document writes it ("24,6%"); None where there is none."""
    return None if value is None else format_percent(value * 100, 1, "vi")


def header(
    issuer: str, parent: str, number: str, place_date: str, title: str, kind: str = "BÁO CÁO"
) -> dict[str, str]:
    return {
        # Where the document is issued (the signed copy's date is written with it).
        "place": place_date.split(",")[0],
        "parent": parent,
        "issuer": issuer,
        "number": number,
        "national_title": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "place_date": place_date,
        "kind": kind,
        "title": title,
    }


def most_header(cutoff_day: datetime.date, title: str) -> dict[str, str]:
    return header(
        "BỘ KHOA HỌC VÀ CÔNG NGHỆ", "", "Số:      /BC-BKHCN", place_date(cutoff_day), title
    )


# The document word a title names a programme by, by its kind.
_KIND_WORD = {
    "party_resolution": "Nghị quyết",
    "government_resolution": "Nghị quyết",
    "pm_decision": "Quyết định",
    "plan": "Kế hoạch",
}


def programme_named(programme: Programme) -> str:
    """How a report's title names the programme it reports on, as Vietnamese reports
    cite a document: its kind, number, date and issuer ("Nghị quyết số 57-NQ/TW ngày
    22/12/2024 của Bộ Chính trị"); a Government resolution that issues an action
    programme names the programme it attaches ("Chương trình hành động ban hành kèm
    theo Nghị quyết số 50/NQ-CP ngày 17/4/2020 của Chính phủ"). The date and issuer keep
    a title ending "… năm 2026" from reading as a resolution of 2026."""
    day = programme.issue_date
    # A province's plan is its People's Committee's ("của Ủy ban nhân dân tỉnh Bắc Ninh")
    body = programme.issuer
    issuer = formal_name(body) if body is not None else programme.issuer_text
    word = _KIND_WORD.get(programme.kind, "Văn bản")
    named = f"{word} số {programme.code} ngày {day.day}/{day.month}/{day.year}"
    if issuer:
        named += f" của {issuer}"
    if programme.kind == "government_resolution" and programme.title.startswith(
        "Ban hành Chương trình hành động"
    ):
        return f"Chương trình hành động ban hành kèm theo {named}"
    return named


def place_date(day: datetime.date, place: str = "Hà Nội") -> str:
    """Decree 30 (Phụ lục I): "Hà Nội, ngày 05 tháng 12 năm 2026"; a day below 10 and the
    months 1 and 2 take a leading zero ("ngày 05", "tháng 01", "tháng 02"), the other
    months none ("tháng 7")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def place_of(agency: Agency) -> str:
    """Decree 30 (Phụ lục I): the place is the province or city where the issuing body
    sits, by its official name without "Tỉnh"/"Thành phố" ("Bắc Ninh", "Hà Nội"), in full
    where it is named after a person ("Thành phố Hồ Chí Minh"); central bodies sit in
    Hà Nội."""
    if agency.kind in PROVINCE_KINDS:
        for prefix in ("Tỉnh ", "Thành phố "):
            if agency.name_vi.startswith(prefix):
                rest = agency.name_vi[len(prefix) :]
                return agency.name_vi if rest == "Hồ Chí Minh" else rest
    return "Hà Nội"


def state_abbreviation(agency: Agency) -> str:
    """The body's abbreviation in a Decree 30 symbol ("BC-BYT"): the registry's; else
    "UBND" for a province's or city's People's Committee; else, for a ministry, the
    initials of its name's syllables without "và", as every ministry's abbreviation in
    the registry is made ("Bộ Nông nghiệp và Môi trường" → "BNNMT", "Bộ Giáo dục và Đào
    tạo" → "BGDĐT"; the ministries of 2025 come from the succession file without one);
    else "" (unknown: other bodies' abbreviations are not their initials, "VOV", "NHNN").
    """
    if agency.abbreviation:
        return agency.abbreviation
    if agency.kind in PROVINCE_KINDS:
        return "UBND"
    if agency.kind == "ministry":
        return initials(agency.name_vi)
    return ""


def initials(name: str) -> str:
    """The first letter of each syllable of a body's name, "và" and punctuation left out:
    how Vietnamese bodies' abbreviations are made ("Bộ Giáo dục và Đào tạo" → "BGDĐT")."""
    words = re.split(r"[\s,\-–]+", name)
    return "".join(w[0].upper() for w in words if w and w.lower() != "và")


def issuer_of(agency: Agency) -> str:
    """The issuing body as the letterhead names it: a province's report is its People's
    Committee's ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH"), not the territory's name."""
    if agency.kind in PROVINCE_KINDS:
        return f"ỦY BAN NHÂN DÂN {agency.name_vi}".upper()
    return agency.name_vi.upper()


# The head of a body that is neither a ministry nor a province, by the start of its name
# (the first that matches; "Ủy"/"Uỷ", "Tòa"/"Toà" alike): its title in the signature
# block, its deputy's title, and whether the body signs collectively ("TM. …" over the
# head, as a People's Committee does). Decree 30 (Phụ lục I) writes the head's title
# alone for a body run by its head, "KT. <head>" over a deputy, "Q. <head>" for an
# acting head; the laws on each body name its head (Thống đốc Ngân hàng Nhà nước,
# Tổng Thanh tra Chính phủ, Tổng Kiểm toán Nhà nước, Chánh án, Viện trưởng…); the heads
# of Ủy ban Dân tộc and Văn phòng Chính phủ are ministers ("BỘ TRƯỞNG, CHỦ NHIỆM").
STATE_HEADS: tuple[tuple[str, str, str, str], ...] = (
    # (name starts with, head, deputy, collective "TM." line or "")
    ("Ngân hàng Nhà nước", "THỐNG ĐỐC", "PHÓ THỐNG ĐỐC", ""),
    ("Thanh tra Chính phủ", "TỔNG THANH TRA", "PHÓ TỔNG THANH TRA", ""),
    ("Kiểm toán Nhà nước", "TỔNG KIỂM TOÁN", "PHÓ TỔNG KIỂM TOÁN", ""),
    ("Ủy ban Dân tộc", "BỘ TRƯỞNG, CHỦ NHIỆM", "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM", ""),
    ("Văn phòng Chính phủ", "BỘ TRƯỞNG, CHỦ NHIỆM", "THỨ TRƯỞNG, PHÓ CHỦ NHIỆM", ""),
    ("Văn phòng Quốc hội", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", ""),
    ("Văn phòng Chủ tịch nước", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", ""),
    ("Văn phòng Trung ương Đảng", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", ""),
    ("Tòa án nhân dân", "CHÁNH ÁN", "PHÓ CHÁNH ÁN", ""),
    ("Viện kiểm sát nhân dân", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", ""),
    ("Viện Hàn lâm", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""),
    ("Ủy ban Quản lý vốn", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", ""),
    ("Đài ", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", ""),
    ("Thông tấn xã", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", ""),
    ("Bảo hiểm xã hội", "TỔNG GIÁM ĐỐC", "PHÓ TỔNG GIÁM ĐỐC", ""),
    ("Học viện", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ""),
    ("Đại học", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", ""),
    ("Tổng cục", "TỔNG CỤC TRƯỞNG", "PHÓ TỔNG CỤC TRƯỞNG", ""),
    ("Cục ", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", ""),
    ("Viện ", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", ""),
    # The National Assembly's bodies decide collectively.
    ("Ủy ban Thường vụ Quốc hội", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI"),
    ("Hội đồng Dân tộc", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. HỘI ĐỒNG DÂN TỘC"),
    ("Ủy ban ", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "TM. {name}"),
    ("Ban ", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", ""),
)
# Hướng dẫn 36-HD/VPTW: a Party committee signs for its standing committee ("T/M BAN
# THƯỜNG VỤ", the secretary or a deputy secretary under it), a Party board or
# delegation for itself; a Central Committee's commission is run by its head ("TRƯỞNG
# BAN", "K/T TRƯỞNG BAN" over a deputy). Party forms are written with a slash.
PARTY_HEADS: tuple[tuple[str, str, str, str], ...] = (
    ("Quân ủy", "BÍ THƯ", "PHÓ BÍ THƯ", "T/M QUÂN ỦY TRUNG ƯƠNG"),
    ("Ban cán sự đảng", "BÍ THƯ", "PHÓ BÍ THƯ", "T/M BAN CÁN SỰ ĐẢNG"),
    ("Đảng đoàn", "BÍ THƯ", "PHÓ BÍ THƯ", "T/M ĐẢNG ĐOÀN"),
    ("Tỉnh ủy", "BÍ THƯ", "PHÓ BÍ THƯ", "T/M BAN THƯỜNG VỤ"),
    ("Thành ủy", "BÍ THƯ", "PHÓ BÍ THƯ", "T/M BAN THƯỜNG VỤ"),
    ("Đảng ủy", "BÍ THƯ", "PHÓ BÍ THƯ", "T/M BAN THƯỜNG VỤ"),
    ("Văn phòng Trung ương Đảng", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", ""),
    ("Ủy ban Kiểm tra", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "T/M ỦY BAN KIỂM TRA"),
    ("Ban ", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", ""),
)
# Where nothing says who heads the body: the clerk writes the title in.
UNKNOWN_HEAD = "THỦ TRƯỞNG CƠ QUAN"


def _folded(text: str) -> str:
    """A name compared whatever its accent placement ("Uỷ"/"Ủy", "Toà"/"Tòa")."""
    import unicodedata

    text = unicodedata.normalize("NFC", text).casefold()
    for old, new in (("uỷ", "ủy"), ("toà", "tòa"), ("hoà", "hòa"), ("khoá", "khóa")):
        text = text.replace(old, new)
    return text


def head_of(agency: Agency) -> tuple[str, str, str]:
    """(head's title, deputy's title, collective line) of the body signing `agency`'s
    documents (`STATE_HEADS`, `PARTY_HEADS`); the collective line is "" for a body run
    by its head."""
    if agency.kind == "ministry":
        return "BỘ TRƯỞNG", "THỨ TRƯỞNG", ""
    if agency.kind in PROVINCE_KINDS:
        return "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN"
    if agency.kind == "fatherland_front":
        # Mặt trận Tổ quốc's Central Committee acts through its Standing Board.
        return "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "TM. BAN THƯỜNG TRỰC"
    name = _folded(agency.name_vi)
    table = PARTY_HEADS if agency.kind.startswith("party") else STATE_HEADS
    for start, head, deputy, collective in table:
        if name.startswith(_folded(start)):
            return head, deputy, collective.replace("{name}", agency.name_vi.upper())
    return UNKNOWN_HEAD, "", ""


def authority_of(agency: Agency, position: str = "") -> str:
    """The signature block's authority (Decree 30; Hướng dẫn 36 for a Party body), lines
    joined by "\n": the head signs with the head's title ("BỘ TRƯỞNG", "THỐNG ĐỐC",
    "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"); a signer whose `position` is a deputy's ("Phó
    Thống đốc", "Thứ trưởng") signs "KT. <head>" over it ("K/T" in a Party document),
    an acting head ("Quyền Chủ tịch…") "Q. <head>". A Party committee's deputy secretary
    signs under "T/M BAN THƯỜNG VỤ" with no "K/T" (Hướng dẫn 36). A draft has no signer
    yet: the head's form."""
    head, deputy, collective = head_of(agency)
    party = agency.kind.startswith("party")
    lines = [collective] if collective else []
    wanted = " ".join(position.split())
    folded = _folded(wanted)
    if not wanted or head == UNKNOWN_HEAD or folded == _folded(head):
        lines.append(head)
    elif folded.startswith("quyền "):
        lines.append(f"Q. {head}")
    elif folded.startswith(("phó ", "thứ trưởng")) or (deputy and folded == _folded(deputy)):
        if not (party and collective):
            lines.append(f"{'K/T' if party else 'KT.'} {head}")
        lines.append(wanted.upper())
    else:
        lines.append(head)
    return "\n".join(lines)


@dataclass(frozen=True)
class Reading:
    """What a consolidated document makes of each expected reporter's report at its
    cut-off: the compliance cell (the compliance page's rule), and the reports whose
    content it quotes with their state then ("accepted", or "submitted": sent, not yet
    accepted). The document and the publication check both read it (one rule)."""

    agencies: list[Agency]
    states: dict[int, ReportState]
    cells: list[str]  # in the order of `agencies`
    quoted: dict[int, tuple[ReportSnapshot, str]]
    receiver: Agency | None  # None: MOST

    @property
    def accepted_only(self) -> bool:
        """Another receiving body's document quotes accepted copies only."""
        return self.receiver is not None

    def unaccepted(self) -> list[Agency]:
        """The reporters whose content is quoted while not accepted at the cut-off."""
        return [a for a in self.agencies if self.quoted.get(a.pk, (None, ""))[1] == "submitted"]


def read_reports(period: ReportingPeriod, cutoff_day: datetime.date) -> Reading:
    """The reporters' reports of `period` as the consolidated document of `cutoff_day`
    reads them: MOST's quotes the copies submitted or accepted, another receiving body's
    the accepted ones only; none quotes a returned report."""
    cutoff = cutoff_moment(cutoff_day)
    # The compliance page's order (its names' order is the Vietnamese one: the document
    # is Vietnamese whatever the language of the person asking for it).
    with translation.override("vi"):
        agencies = sorted(expected_reporters(period.regime, period), key=compliance.agency_order)
    states = report_states_at(period, cutoff)
    receiver = receiver_of(period, cutoff_day)
    frozen = frozen_reports(period, cutoff, accepted_only=receiver is not None)
    cells: list[str] = []
    quoted: dict[int, tuple[ReportSnapshot, str]] = {}
    for agency in agencies:
        at_cutoff = states.get(agency.pk, ReportState())
        # The compliance page's rule (compliance.picture), with the report as it stood
        # at the cut-off: a returned report is neither on time nor late.
        state = rules.classify_report(
            due=period.due_date,
            first_submitted=at_cutoff.first_submitted,
            status=at_cutoff.status,
            today=cutoff_day,
            accepted=at_cutoff.accepted_on is not None,
        )
        cells.append(state)
        # Only a report in the receiver's hands is quoted: never a returned one (its
        # content is not the agency's word until it is sent again). The quoted copy's own
        # state says whether its content was accepted (a report reopened for a revision
        # after acceptance is quoted from its accepted copy).
        if state in (rules.ON_TIME, rules.LATE) and agency.pk in frozen:
            copy = frozen[agency.pk]
            quoted[agency.pk] = (
                copy,
                "accepted" if copy.status == ReportStatus.ACCEPTED else "submitted",
            )
    return Reading(agencies, states, cells, quoted, receiver)


def consolidated(programme: Programme, year: int, cutoff_day: datetime.date) -> dict[str, Any]:
    """MOST's yearly consolidated report on a programme (its "annual-report" regime)."""
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in generate_periods(regime, year) if p.year == year)
    return consolidated_of_period(period, cutoff_day)


def receiver_of(period: ReportingPeriod, day: datetime.date) -> Agency | None:
    """The body that receives the period's reports on `day` and writes the consolidated
    report: the holder of the regime's recipient (None: MOST, as for 50/NQ-CP)."""
    from lotrinh.accounts.permissions import period_receiver

    return period_receiver(period, day)  # type: ignore[no-any-return]


def consolidated_of_period(period: ReportingPeriod, cutoff_day: datetime.date) -> dict[str, Any]:
    """The receiving body's consolidated report of one period of any regime, drafted from
    the reporters' frozen copies up to the cut-off: MOST's from the copies submitted or
    accepted (50/NQ-CP), another body's from the accepted ones only (the Commission's
    six-monthly report on 52-NQ/TW from the Party committees')."""
    regime = period.regime
    programme = regime.programme
    reading = read_reports(period, cutoff_day)
    agencies, states, cells, quoted = (
        reading.agencies,
        reading.states,
        reading.cells,
        reading.quoted,
    )
    receiver, accepted_only = reading.receiver, reading.accepted_only
    plans = {a: p for (a, _code), p in issued_plans(programme=programme).items()}
    # A reporter's own programme (a Party committee's plan published as a child programme).
    child_plans = _child_plans(programme, agencies, cutoff_day)
    plan_regime = programme.reporting_regimes.filter(code="implementation-plan").first()
    plan_due = (
        (plan_regime.deadline_date - datetime.timedelta(days=1))
        if plan_regime and plan_regime.deadline_date and plan_regime.deadline_before
        else (plan_regime.deadline_date if plan_regime else None)
    )
    # Where the programme sets no deadline for its reporters' own plans (52-NQ/TW: the
    # Party committees' programmes), a plan is one published as its child programme.
    own_programmes = plan_regime is None or plan_due is None

    compliance_rows = []
    plan_counts: Counter[str] = Counter()
    for agency, state in zip(agencies, cells, strict=True):
        plan = plans.get(agency.pk)
        plan_state = rules.classify_plan(
            issued_on=plan.document_date
            if plan and plan.is_issued and plan.document_date and plan.document_date <= cutoff_day
            else None,
            due=plan_due,
        )
        at_cutoff = states.get(agency.pk, ReportState())
        if own_programmes:
            plan_state = rules.ON_TIME if agency.pk in child_plans else rules.MISSING
        plan_counts[plan_state] += 1
        if plan_regime is None:
            # The document sets no deadline for plans: the plan's number, if published.
            plan_text = child_plans.get(agency.pk, "—")
        else:
            plan_text = CELL_LABELS[plan_state] + (
                f" ({plan.document_number})" if plan and plan.document_number else ""
            )
        compliance_rows.append(
            {
                "agency": agency.name_vi,
                "plan": plan_text,
                "report": CELL_LABELS[state],
                "submitted": _day(at_cutoff.first_submitted),
                "state": at_cutoff.describe(),
            }
        )
    summary = compliance.summary_of(
        period, cells, today=cutoff_day, in_cycle=False, expected=len(agencies)
    )
    not_accepted = [a.name_vi for a in reading.unaccepted()]
    returned = [
        a.name_vi for a, cell in zip(agencies, cells, strict=True) if cell == rules.RETURNED
    ]
    # Sent reports not quoted for another body: not accepted by the cut-off.
    unaccepted_left = [
        a.name_vi
        for a, cell in zip(agencies, cells, strict=True)
        if accepted_only and cell in (rules.ON_TIME, rules.LATE) and a.pk not in quoted
    ]

    tasks = list(programme.tasks.select_related("group").order_by("position"))
    by_ref = {t.ref: t for t in tasks}
    names = {a.pk: a.name_vi for a in agencies}
    status_by_task: dict[str, Counter[str]] = defaultdict(Counter)
    evidence: dict[str, list[str]] = defaultdict(list)
    difficulties: list[dict[str, str]] = []
    proposals: list[dict[str, str]] = []
    # What the Party committees wrote they did: the Commission's report to the Politburo
    # and the Secretariat is made of their words, not of counts alone (52-NQ/TW 4).
    results: dict[str, list[dict[str, str]]] = defaultdict(list)
    assessments: list[dict[str, str]] = []
    for agency_id, (snapshot, content_state) in quoted.items():
        data = snapshot.data
        # Who says it, and whether the receiver has accepted it yet.
        who = names[agency_id] + (
            " (báo cáo chưa được tiếp nhận)" if content_state == "submitted" else ""
        )
        for entry in data["entries"]:
            if entry["task"] not in by_ref:
                continue
            status_by_task[entry["task"]][entry["status"]] += 1
            # Only an accepted report's words are quoted as its results (a draft's or a
            # report not yet accepted may still change).
            if content_state == "accepted" and (entry.get("result") or "").strip():
                results[entry["task"]].append({"agency": who, "text": brief(entry["result"])})
            if entry.get("evidence_number"):
                evidence[entry["task"]].append(f"{entry['evidence_number']} ({names[agency_id]})")
            if entry.get("difficulties"):
                difficulties.append(
                    {
                        "agency": who,
                        "task": entry["task"],
                        "text": entry["difficulties"],
                    }
                )
            if entry.get("proposals"):
                proposals.append({"agency": who, "task": entry["task"], "text": entry["proposals"]})
        if data.get("proposals_to_government"):
            proposals.append({"agency": who, "task": "", "text": data["proposals_to_government"]})
        if accepted_only and (data.get("general_assessment") or "").strip():
            assessments.append({"agency": who, "text": data["general_assessment"].strip()})

    groups = []
    group_totals: dict[str, Counter[str]] = {}
    for group in programme.task_groups.order_by("position"):
        rows = []
        total: Counter[str] = Counter()
        for task in (t for t in tasks if t.group_id == group.pk):
            counts = status_by_task.get(task.ref, Counter())
            total.update(counts)
            rows.append(
                {
                    "ref": task.ref,
                    # Whole: an official document never cuts a task mid-word.
                    "text": task.text,
                    "counts": [counts.get(s, 0) for s in STATUS_ORDER],
                    "reported": sum(counts.values()),
                    "evidence": "; ".join(evidence.get(task.ref, [])[:5]),
                }
            )
        group_totals[group.ref] = total
        groups.append(
            {
                "ref": group.ref,
                "title": group.title,
                "tasks": rows,
                "totals": [total.get(s, 0) for s in STATUS_ORDER],
                # In the tasks' order, each reporter's own words: at most
                # QUOTES_PER_TASK a task, in the annex's order, then how many more.
                "results": [
                    said
                    for task in tasks
                    if task.group_id == group.pk
                    for said in _task_quotes(task.ref, results.get(task.ref, []))
                ],
            }
        )

    year = period.year
    if receiver is None:
        head = most_header(
            cutoff_day,
            f"Tình hình thực hiện {programme_named(programme)} năm {year}",
        )
        recipients = [
            "Chính phủ",
            "Thủ tướng Chính phủ (để báo cáo)",
            "Các Phó Thủ tướng Chính phủ",
            "Văn phòng Chính phủ",
            "Ban Chính sách, chiến lược Trung ương",
            "Lưu: VT, Vụ KHTH",
        ]
        signature = {"authority": "BỘ TRƯỞNG", "name": ""}
    else:
        head, recipients, signature = party_head(
            receiver,
            regime,
            cutoff_day,
            f"Tình hình thực hiện Nghị quyết số {programme.code} "
            f"{period.label[:1].lower()}{period.label[1:]}",
        )
    return {
        "header": head,
        "programme": {
            "code": programme.code,
            "title": programme.title,
            "issue_date": programme.issue_date.strftime("%d/%m/%Y"),
        },
        "year": year,
        "cutoff": cutoff_day.strftime("%d/%m/%Y"),
        "period": {
            "label": period.label,
            "due": period.due_date.strftime("%d/%m/%Y"),
            "start": period.start.strftime("%d/%m/%Y"),
            "end": period.end.strftime("%d/%m/%Y"),
        },
        "overview": {
            "expected": summary.expected,
            "plans_issued": plan_counts[rules.ON_TIME] + plan_counts[rules.LATE],
            "plans_on_time": plan_counts[rules.ON_TIME],
            # False: no deadline for the plans, so no "đúng hạn" is said of them.
            "plans_deadline": not own_programmes,
            # The compliance page's figures (compliance.summary_of): a returned report was
            # sent, so it counts among the sent, neither on time nor late.
            "reports_submitted": summary.submitted,
            "reports_on_time": summary.on_time,
            "reports_late": summary.late,
            "reports_returned": summary.returned,
            "reports_missing": summary.expected - summary.submitted,
            # Official documents are Vietnamese: "24,6%"; no rate where the page shows
            # none (deadline not passed, or too few reporters for a percentage).
            "reporting_rate": _rate(summary.reporting_rate),
            "timeliness_rate": _rate(summary.timeliness_rate),
        },
        # Whose content the document quotes, and in what state (section I says it).
        "content": {
            "quoted": len(quoted),
            "accepted": len(quoted) - len(not_accepted),
            "not_accepted": not_accepted,
            "returned": returned,
            "unaccepted_left": unaccepted_left,
        },
        "status_labels": [STATUS_LABELS[s] for s in STATUS_ORDER],
        "groups": groups,
        "difficulties": difficulties,
        "proposals": proposals,
        # Named after who receives the document, as the reports' field is
        # (reporting.guidance.proposals_label): MOST's goes to the Government.
        "proposals_heading": "KIẾN NGHỊ VỚI CHÍNH PHỦ"
        if receiver is None
        else "KIẾN NGHỊ, ĐỀ XUẤT",
        # Who reports, in the document's words: ministries, sectors and provinces to MOST;
        # the Party committees and organisations to the Commission.
        "planners": "bộ, ngành, địa phương" if receiver is None else "cấp ủy, tổ chức đảng",
        "reporters": "cơ quan" if receiver is None else "cấp ủy, tổ chức đảng",
        "wording": consolidated_wording(party=receiver is not None),
        "assessments": assessments,
        "targets": target_rows(programme, cutoff_day),
        "compliance": compliance_rows,
        # Made from frozen submitted/accepted copies (permissions.readable_documents);
        # another body's draft from accepted copies only.
        "content_status": "submitted" if receiver is None else "accepted",
        "recipients": recipients,
        "signature": signature,
    }


# A consolidated report quotes what each reporter wrote it did, briefly: at most this
# many reporters a task, each quote cut at a word to QUOTE_CHARS characters ("…").
QUOTES_PER_TASK = 5
QUOTE_CHARS = 300


def _task_quotes(ref: str, quotes: list[dict[str, str]]) -> list[dict[str, Any]]:
    """A task's quoted results, the first QUOTES_PER_TASK, then a line saying how many
    more reporters wrote some ({"task", "more"})."""
    shown: list[dict[str, Any]] = [{"task": ref, **said} for said in quotes[:QUOTES_PER_TASK]]
    if len(quotes) > QUOTES_PER_TASK:
        shown.append({"task": ref, "more": len(quotes) - QUOTES_PER_TASK})
    return shown


def brief(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` with its lines kept (one LF each, spaces collapsed, blank lines dropped: a
    reporter's list stays a list, `core.text.text_lines`), cut at a word to at most
    `limit` characters with "…". Until 2026-12-07 it was made one line, so an agency's
    results of several lines, or a pre-fill of its units' results (one line per unit),
    read as one run-on sentence in the DOCX and the PDF."""
    kept = "\n".join(text_lines(text)).lstrip()
    if len(kept) <= limit:
        return kept
    cut = kept[: limit - 1]
    breaks = max(cut.rfind(" "), cut.rfind("\n"))
    if breaks > 0:
        cut = cut[:breaks]
    return cut.rstrip(" ,;:.-–\n") + "…"


def consolidated_wording(*, party: bool) -> dict[str, Any]:
    """The words of a consolidated report that name its reporters: MOST's reporters are
    "cơ quan" (ministries, sectors, provinces); the Commission's are the Party committees
    and organisations 52-NQ/TW section 4 addresses ("các tỉnh uỷ, thành uỷ, ban đảng,
    ban cán sự đảng, đảng đoàn, đảng uỷ trực thuộc Trung ương"), never "cơ quan"."""
    if not party:
        return {
            "no_difficulties": "Các cơ quan không nêu khó khăn, vướng mắc.",
            "no_proposals": "Các cơ quan không có kiến nghị.",
            "reported_column": "Số cơ quan báo cáo",
            "annex_heading": "PHỤ LỤC: TÌNH HÌNH GỬI KẾ HOẠCH VÀ BÁO CÁO CỦA CÁC CƠ QUAN",
            "annex_header": ["Cơ quan", "Kế hoạch", "Báo cáo", "Ngày gửi", "Tiếp nhận"],
            "results_heading": "Kết quả do các cơ quan báo cáo (báo cáo đã được tiếp nhận):",
            "results_more": "cơ quan khác cũng báo cáo kết quả",
        }
    return {
        "no_difficulties": "Các cấp ủy, tổ chức đảng không nêu khó khăn, vướng mắc.",
        "no_proposals": "Các cấp ủy, tổ chức đảng không có kiến nghị, đề xuất.",
        "reported_column": "Số cấp ủy, tổ chức đảng báo cáo",
        "annex_heading": "PHỤ LỤC: TÌNH HÌNH GỬI CHƯƠNG TRÌNH, KẾ HOẠCH VÀ BÁO CÁO "
        "CỦA CÁC CẤP ỦY, TỔ CHỨC ĐẢNG",
        "annex_header": [
            "Cấp ủy, tổ chức đảng",
            "Chương trình, kế hoạch",
            "Báo cáo",
            "Ngày gửi",
            "Tiếp nhận",
        ],
        "results_heading": "Kết quả do các cấp ủy, tổ chức đảng báo cáo:",
        "results_more": "cấp ủy, tổ chức đảng khác cũng báo cáo kết quả",
        "assessments_heading": "Đánh giá chung của các cấp ủy, tổ chức đảng:",
    }


def _child_plans(
    programme: Programme, agencies: list[Agency], cutoff_day: datetime.date
) -> dict[int, str]:
    """Reporter id → the code of its own programme or plan published as a child programme
    of `programme` by the cut-off: issued by the reporter, or by a body whose
    responsibilities it holds on the cut-off day (Đảng đoàn Quốc hội's plan is Đảng ủy
    Quốc hội's since 24 January 2025)."""
    from lotrinh.agencies.services import SuccessionGraph

    wanted = {agency.pk for agency in agencies}
    graph = SuccessionGraph.load()
    plans: dict[int, str] = {}
    for child in (
        Programme.objects.filter(
            perms.agency_plan_rule(),
            implements=programme,
            status="published",
            issue_date__lte=cutoff_day,
        )
        .select_related("issuer")
        .order_by("issue_date", "pk")
    ):
        if child.issuer is None:
            continue
        holder = (
            child.issuer if child.issuer_id in wanted else graph.holder_at(child.issuer, cutoff_day)
        )
        if holder.pk in wanted:
            plans.setdefault(holder.pk, child.code)
    return plans


def party_place(agency: Agency) -> str:
    """Where a Party committee sits: a provincial committee in its province ("Tỉnh ủy Bắc
    Ninh": "Bắc Ninh"), the central ones in Hà Nội."""
    name = agency.name_vi
    for prefix in ("Tỉnh ủy ", "Tỉnh uỷ ", "Thành ủy ", "Thành uỷ "):
        if agency.kind == "party_provincial" and name.startswith(prefix):
            return name[len(prefix) :]
    return "Hà Nội"


def party_abbreviation(name: str) -> str:
    """The abbreviation of a Party body the registry has none for, as Party documents
    write it after "-BC/": a board "BCSĐ" ("Ban cán sự đảng Bộ Y tế"), a committee "ĐU"
    ("Đảng ủy Bộ Tài chính"), a commission of the Central Committee its initials with
    "TW" ("Ban Kinh tế Trung ương" → "BKTTW", as the registry's own commissions are
    written; "Ban Chính sách, chiến lược Trung ương" → "BCSCLTW"); else "……", for the
    clerk to fill (a delegation, "Đảng đoàn …", is written each its own way)."""
    folded = name.replace("uỷ", "ủy")
    if folded.startswith("Ban cán sự đảng "):
        return "BCSĐ"
    if folded.startswith("Đảng ủy "):
        return "ĐU"
    if folded.startswith("Ban ") and folded.endswith(" Trung ương"):
        return initials(folded[: -len(" Trung ương")]) + "TW"
    return "……"


def party_lines(agency: Agency) -> tuple[str, str, str]:
    """(parent line, issuing body, number suffix) of a Party body's letterhead, Hướng dẫn
    36-HD/VPTW: a provincial committee under its Party organisation ("ĐẢNG BỘ TỈNH BẮC
    NINH" / "TỈNH ỦY", "-BC/TU"); a committee "Đảng ủy X" under "ĐẢNG BỘ X"; the boards,
    delegations and the Centre's own bodies under "BAN CHẤP HÀNH TRUNG ƯƠNG"."""
    name = " ".join(agency.name_vi.split())
    suffix = agency.abbreviation or party_abbreviation(name)
    for prefix, organisation, issuer in (
        ("Tỉnh ủy ", "TỈNH", "TỈNH ỦY"),
        ("Tỉnh uỷ ", "TỈNH", "TỈNH ỦY"),
        ("Thành ủy ", "THÀNH PHỐ", "THÀNH ỦY"),
        ("Thành uỷ ", "THÀNH PHỐ", "THÀNH ỦY"),
    ):
        if agency.kind == "party_provincial" and name.startswith(prefix):
            place = name[len(prefix) :].upper()
            if place.startswith("THÀNH PHỐ "):
                place = place[len("THÀNH PHỐ ") :]
            return f"ĐẢNG BỘ {organisation} {place}", issuer, agency.abbreviation or "TU"
    for prefix in ("Đảng ủy ", "Đảng uỷ "):
        if name.startswith(prefix) and agency.kind in ("party_central", "party_ministry"):
            return f"ĐẢNG BỘ {name[len(prefix) :].upper()}", name.upper(), suffix
    return "BAN CHẤP HÀNH TRUNG ƯƠNG", name.upper(), suffix


def party_header(agency: Agency, place_date_text: str, title: str) -> dict[str, str]:
    """A Party body's letterhead (Hướng dẫn 36-HD/VPTW): "ĐẢNG CỘNG SẢN VIỆT NAM" where a
    state document has the national title and motto, the parent line and the issuing
    body on the left, a star, "Số      -BC/…" (dots for the clerk to fill when the
    registry has no abbreviation: a bare "Số -BC/" reads as a mistake)."""
    parent, issuer, suffix = party_lines(agency)
    head = header(issuer, parent, f"Số      -BC/{suffix}", place_date_text, title)
    head["national_title"] = PARTY_TITLE
    head["motto"] = ""
    return head


def party_head(
    receiver: Agency, regime: Any, cutoff_day: datetime.date, title: str
) -> tuple[dict[str, str], list[str], dict[str, str]]:
    """Header, addressees and signature block of a consolidated report written by a body
    other than MOST. A Party body's document carries "ĐẢNG CỘNG SẢN VIỆT NAM" where a
    state document carries the national title, under "BAN CHẤP HÀNH TRUNG ƯƠNG"; its
    number is "Số -BC/…" with the body's abbreviation. A state body's is Decree 30's
    "Số:      /BC-…" with its abbreviation as its own reports write it
    (`state_abbreviation`: a 2025 ministry's initials where the registry has none). The
    number itself is left blank for the clerk; dots where the abbreviation is unknown (a
    bare "Số -BC/" reads as a mistake)."""
    party = receiver.kind.startswith("party")
    if party:
        head = party_header(receiver, place_date(cutoff_day, party_place(receiver)), title)
    else:
        head = header(
            issuer_of(receiver),
            "",
            f"Số:      /BC-{state_abbreviation(receiver) or '……'}",
            place_date(cutoff_day, place_of(receiver)),
            title,
        )
    # The receiver reports up under the programme's regime that names it as reporter
    # (52-NQ/TW 4.5: the Commission to the Politburo and the Secretariat).
    addressees = []
    supervision = regime.programme.reporting_regimes.exclude(pk=regime.pk).filter(
        reporters=regime.recipient
    )
    for other in supervision:
        addressees.append(f"{other.recipient_text or other.recipient} (để báo cáo)")
    addressees.append(file_copy(receiver))
    return head, addressees, {"authority": authority_of(receiver), "name": ""}


def file_copy(agency: Agency) -> str:
    """The last line of "Nơi nhận", the copy kept on file: Decree 30 writes "Lưu: VT"
    (văn thư) for a State body; Hướng dẫn 36-HD/VPTW writes "Lưu Văn phòng …", no colon,
    naming the committee's office ("Lưu Văn phòng Tỉnh ủy", "Lưu Văn phòng Ban") for a
    Party body. The clerk adds the drafting unit ("Lưu: VT, Vụ KHTH")."""
    if not agency.kind.startswith("party"):
        return "Lưu: VT"
    name = _folded(" ".join(agency.name_vi.split()))
    for start, office in (
        ("tỉnh ủy ", "Văn phòng Tỉnh ủy"),
        ("thành ủy ", "Văn phòng Thành ủy"),
        ("đảng ủy ", "Văn phòng Đảng ủy"),
        ("ban cán sự đảng", "Văn phòng"),
        ("ban ", "Văn phòng Ban"),
    ):
        if name.startswith(start):
            return f"Lưu {office}"
    return "Lưu Văn phòng"


def target_rows(programme: Programme, as_of: datetime.date) -> list[dict[str, Any]]:
    """Progress towards the national targets of the resolution the programme implements.

    Computed as of `as_of` (the cut-off) from the values approved and known by then, by
    the same function as the target pages (`?as_of=`): a value published or approved
    after the cut-off never changes the document, and the page as of the same day shows
    the same figures and statuses.
    """
    from lotrinh.indicators.services import programme_statuses

    parent = programme.implements or programme
    rows = []
    for status in programme_statuses(parent, as_of):
        for row in status.milestones:
            latest = status.latest
            rows.append(
                {
                    "indicator": status.indicator.name_vi,
                    "code": status.indicator.code,
                    "kind": status.indicator.kind,
                    "milestone": f"{row.milestone.year}: {row.milestone.text}",
                    "latest": f"{with_unit(format_number(latest.value, 2, 'vi'), status.indicator.unit)} ({latest.year})"
                    if latest and status.indicator.kind != "milestone"
                    else ("—" if not latest else f"bằng chứng {latest.year}"),
                    # A status from press-only or draft figures says so (docs/progress-method.md).
                    "status": row.progress.label_vi,
                    "note": _decimal_comma(
                        " ".join(
                            x
                            for x in (
                                row.progress.note_vi,
                                row.provenance.caveat_vi if row.provenance else "",
                            )
                            if x
                        )
                    ),
                    "caveat": row.provenance.caveat_vi if row.provenance else "",
                    "points": [[p.year, p.value] for p in status.points],
                    "target": row.milestone.value,
                    "target_year": row.milestone.year,
                    "lower_is_better": status.indicator.direction == "lower",
                }
            )
    return rows


def agency_report(
    report: AgencyReport, cutoff_day: datetime.date, live: bool = False
) -> dict[str, Any]:
    """An agency's own yearly report, from its frozen copy at the cut-off (or its draft;
    `live`: always the report as it is now, the content its leader signs)."""
    snapshot = (
        None
        if live
        else report.snapshots.filter(created_at__lte=cutoff_moment(cutoff_day))
        .order_by("-created_at", "-id")
        .first()
    )
    from lotrinh.reporting.services import snapshot_data

    data = snapshot.data if snapshot else snapshot_data(report)
    programme = report.period.regime.programme
    refs = {t.ref: t for t in programme.tasks.all()}
    entries = [
        {
            "ref": e["task"],
            "text": refs[e["task"]].text if e["task"] in refs else "",
            "status": STATUS_LABELS.get(e["status"], e["status"]),
            "result": e["result"],
            "evidence": " ".join(
                x
                for x in (
                    e.get("evidence_number"),
                    e.get("evidence_date")
                    and datetime.date.fromisoformat(e["evidence_date"]).strftime("%d/%m/%Y"),
                    e.get("evidence_link"),
                )
                if x
            ),
        }
        for e in data["entries"]
    ]
    agency = report.agency
    if report.unit_id is not None:
        return {
            **_report_body(report, cutoff_day, snapshot, data, entries),
            **unit_letter(report, cutoff_day, programme),
        }
    # Sent to the period's receiver: MOST (50/NQ-CP's yearly report), or another body
    # (a Party committee's six-monthly report on 52-NQ/TW goes to the Commission, not to
    # MOST and the Government Office), titled after the resolution and the period.
    receiver = receiver_of(report.period, cutoff_day)
    if receiver is None:
        title = f"Kết quả thực hiện {programme_named(programme)} năm {report.period.year}"
        recipients = [
            "Bộ Khoa học và Công nghệ (để tổng hợp)",
            "Văn phòng Chính phủ",
            file_copy(agency),
        ]
    else:
        label = report.period.label
        title = f"Tình hình thực hiện Nghị quyết số {programme.code} {label[:1].lower()}{label[1:]}"
        recipients = [f"{receiver.name_vi} (để tổng hợp)", file_copy(agency)]
    if agency.kind.startswith("party"):
        head = party_header(agency, place_date(cutoff_day, party_place(agency)), title)
    else:
        head = header(
            issuer_of(agency),
            "",
            f"Số:      /BC-{state_abbreviation(agency) or '……'}",
            place_date(cutoff_day, place_of(agency)),
            title,
        )
    return {
        **_report_body(report, cutoff_day, snapshot, data, entries),
        "header": head,
        "recipients": recipients,
        "signature": {"authority": authority_of(agency), "name": ""},
    }


def _report_body(
    report: AgencyReport,
    cutoff_day: datetime.date,
    snapshot: ReportSnapshot | None,
    data: dict[str, Any],
    entries: list[dict[str, Any]],
) -> dict[str, Any]:
    """What an agency's or a unit's report document says, its letterhead aside."""
    programme = report.period.regime.programme
    return {
        "agency": report.agency.name_vi,
        "programme": {"code": programme.code, "title": programme.title},
        "year": report.period.year,
        "cutoff": cutoff_day.strftime("%d/%m/%Y"),
        "frozen": bool(snapshot),
        # The state of this content decides who may read the document (permissions.py).
        "content_status": snapshot.status if snapshot else report.status,
        "state": str(report.get_status_display()),
        "general_assessment": data.get("general_assessment", ""),
        "proposals_to_government": data.get("proposals_to_government", ""),
        "entries": entries,
        "contributions": data.get("contributions", []),
        "difficulties": [
            {"task": e["task"], "text": e["difficulties"]}
            for e in data["entries"]
            if e.get("difficulties")
        ],
    }


def unit_abbreviation(unit: Unit) -> str:
    """A unit's abbreviation in a Decree 30 symbol ("BC-SKHCN"): the registry's; else,
    for a province's department, the initials of its name's syllables without "và", as
    departments write theirs ("Sở Khoa học và Công nghệ" → "SKHCN", "Sở Y tế" → "SYT");
    else "" (unknown: the clerk writes it)."""
    if unit.abbreviation:
        return unit.abbreviation
    if unit.kind == UnitKind.DEPARTMENT and unit.name_vi.startswith("Sở "):
        return initials(unit.name_vi)
    return ""


def unit_parent(agency: Agency) -> str:
    """The line above a unit's name in its letterhead (Decree 30, Phụ lục I): the body
    it belongs to, a province's People's Committee abbreviated ("UBND THÀNH PHỐ HÀ
    NỘI", "UBND TỈNH BẮC NINH"), a ministry by its name ("BỘ Y TẾ")."""
    if agency.kind in PROVINCE_KINDS:
        return f"UBND {agency.name_vi}".upper()
    return issuer_of(agency)


def formal_name(agency: Agency) -> str:
    """The body as a document names it in a sentence (the body a unit reports to in
    "Nơi nhận", a plan's issuer in a title): a province's People's Committee ("Ủy ban
    nhân dân thành phố Hà Nội"), else the agency by its name."""
    if agency.kind in PROVINCE_KINDS:
        return f"Ủy ban nhân dân {agency.name_vi[:1].lower()}{agency.name_vi[1:]}"
    return agency.name_vi


# The head of a unit who signs its report, by the start of its name; else the generic
# "THỦ TRƯỞNG ĐƠN VỊ" (the clerk corrects it).
UNIT_HEADS = (
    ("Sở ", "GIÁM ĐỐC"),
    ("Công an ", "GIÁM ĐỐC"),
    ("Bộ Chỉ huy ", "CHỈ HUY TRƯỞNG"),
    ("Văn phòng ", "CHÁNH VĂN PHÒNG"),
    ("Thanh tra ", "CHÁNH THANH TRA"),
    ("Ban ", "TRƯỞNG BAN"),
    ("Vụ ", "VỤ TRƯỞNG"),
    ("Cục ", "CỤC TRƯỞNG"),
    ("Viện ", "VIỆN TRƯỞNG"),
)


def unit_head(unit: Unit) -> str:
    folded = _folded(unit.name_vi)
    for start, head in UNIT_HEADS:
        if folded.startswith(_folded(start)):
            return head
    return "THỦ TRƯỞNG ĐƠN VỊ"


def unit_letter(
    report: AgencyReport, cutoff_day: datetime.date, programme: Programme
) -> dict[str, Any]:
    """The letterhead, addressees and signature of a unit's report to its agency, on the
    agency's plan: the unit issues it under its agency ("UBND THÀNH PHỐ HÀ NỘI" over "SỞ
    KHOA HỌC VÀ CÔNG NGHỆ"), numbered "Số: …/BC-SKHCN" (dots where the abbreviation is
    unknown, for the clerk), dated where the agency sits, sent to the agency."""
    unit, agency = report.unit, report.agency
    assert unit is not None
    title = f"Kết quả thực hiện {programme_named(programme)} năm {report.period.year}"
    head = header(
        unit.name_vi.upper(),
        unit_parent(agency),
        f"Số:      /BC-{unit_abbreviation(unit) or '……'}",
        place_date(cutoff_day, place_of(agency)),
        title,
    )
    return {
        "header": head,
        "unit": unit.name_vi,
        "recipients": [f"{formal_name(agency)} (để tổng hợp)", file_copy(agency)],
        "signature": {"authority": unit_head(unit), "name": ""},
    }


def multi_year_review(
    programme: Programme, first_year: int, last_year: int, cutoff_day: datetime.date
) -> dict[str, Any]:
    """Sơ kết / tổng kết: the same numbers over a span of years, with trends."""
    years = [
        consolidated(programme, year, min(cutoff_day, datetime.date(year + 1, 12, 31)))
        for year in range(first_year, last_year + 1)
    ]
    kind = "tổng kết" if last_year - first_year >= 9 else "sơ kết"
    base = years[-1]
    return {
        **base,
        "header": most_header(
            cutoff_day,
            f"{kind.capitalize()} {last_year - first_year + 1} năm thực hiện {programme_named(programme)} ({first_year}–{last_year})",
        ),
        "span": f"{first_year}–{last_year}",
        "by_year": [{"year": y["year"], **y["overview"]} for y in years],
        "group_trends": [
            {
                "ref": group["ref"],
                "title": group["title"],
                "done": [sum(y["groups"][i]["totals"][3:5]) for y in years],
            }
            for i, group in enumerate(base["groups"])
        ],
        "years": [y["year"] for y in years],
    }


def _decimal_comma(text: str) -> str:
    """Numbers written by code with a decimal point and a hyphen ("-9.58%") as Vietnamese
    writes them ("−9,58%")."""
    return figures_in_text(text, "vi")


# Units written before the number: a rank is "vị trí 3", not "3 vị trí".
UNITS_BEFORE = ("vị trí", "thứ hạng", "hạng")


def with_unit(number: str, unit: str) -> str:
    """A figure with its indicator's unit, as an official document writes it: "14,02% GDP",
    "6,5%/năm", "12 đô thị", "vị trí 3"; a figure without a unit stays as it is."""
    unit = unit.strip()
    if not unit:
        return number
    if unit.startswith("%"):
        rest = unit[1:].strip()
        # "%" against the number (format_percent's "24,6%"), then what it is a share of.
        return f"{number}%{rest if not rest or rest.startswith('/') else ' ' + rest}"
    if unit.lower() in UNITS_BEFORE:
        return f"{unit} {number}"
    return f"{number} {unit}"
