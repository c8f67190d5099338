"""An agency's plan as a child programme: built from the importer's parse output, linked
to the national tasks it carries out, assigned to the agency's units (docs/cascade.md).

The steps are services: `child_from_parse` (a draft child programme, with proposed units
and suggested links), `confirm_link` / `reject_link` / `add_link`, `assign_unit`, and
`publish_child` (with the plan's own reporting regime).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst

from lotrinh.accounts import permissions as perms
from lotrinh.agencies import unit_names
from lotrinh.agencies.models import Agency, Unit
from lotrinh.agencies.services import resolve_agency
from lotrinh.agencies.units import classify_unit_name, propose_unit, valid_units
from lotrinh.core.audit import record_event
from lotrinh.core.i18n import Deferred
from lotrinh.core.i18n import gettext as _
from lotrinh.core.locale import agency_in_sentence, format_datetime, localized_text
from lotrinh.core.models import AuditEvent
from lotrinh.core.text import fold, posted_pk
from lotrinh.importer import names as importer_names
from lotrinh.importer.dates import find_deadline, find_recurrence
from lotrinh.programmes import meaning
from lotrinh.programmes.linking import LinkSuggester, plan_subject
from lotrinh.programmes.models import (
    Clause,
    ClauseKind,
    LinkMethod,
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeOrigin,
    ProgrammeStatus,
    Recurrence,
    Role,
    Task,
    TaskGroup,
    TaskLink,
    UnitAddressee,
    UnitAssignment,
    UnitGroup,
)
from lotrinh.programmes.services import next_plan_version, number_key


class CascadeError(Exception):
    """A change to an agency's plan refused, with a message for the person."""


class DraftExists(CascadeError):
    """The plan is already a draft of the same issuer: `draft` is that draft (a page links
    to it), and importing the file again makes no second draft of it."""

    def __init__(self, draft: Programme) -> None:
        super().__init__(
            _(
                "Kế hoạch %(code)s đã có một bản nháp chưa công bố (phiên bản %(version)s): "
                "không tạo bản nháp thứ hai. Hãy mở bản nháp đó để xem lại, sửa hoặc công bố."
            )
            % {"code": draft.code, "version": draft.version}
        )
        self.draft = draft


# ---------------------------------------------------------------- reading the plan

# Field lines of plans written "a) Nhiệm vụ: … b) Cơ quan thực hiện: - Đơn vị chủ trì: …"
# (Hà Nội 308/KH-UBND, Lai Châu 7360/KH-UBND): folded label → field.
_FIELDS: tuple[tuple[str, str], ...] = (
    ("nhiem vu", "text"),
    ("noi dung", "text"),
    ("don vi chu tri", "lead"),
    ("co quan chu tri", "lead"),
    ("co quan thuc hien", "lead"),
    ("don vi thuc hien", "lead"),
    ("don vi phoi hop", "coordinating"),
    ("co quan phoi hop", "coordinating"),
    ("thoi gian thuc hien", "deadline"),
    ("thoi gian hoan thanh", "deadline"),
    ("thoi han", "deadline"),
)
# Labels read only as written, whole: "Thời gian:" and "Tiến độ:" alone (or "Tiến độ thực
# hiện:") are the task's time; "Thời gian tổ chức …:", "Tiến độ giải ngân:" are not.
_WHOLE_FIELDS = {"thoi gian": "deadline", "tien do": "deadline", "tien do thuc hien": "deadline"}
_LABEL = re.compile(r"^\s*(?:[a-zđ]\)|[-+•])?\s*(?P<label>[^:]{3,40}):\s*(?P<rest>.*)$", re.S)
# Generic addressees inside a plan: every department, every commune and ward.
_GENERIC_UNITS = (
    (re.compile(r"cac so,? ban,? nganh( thanh pho| tinh)?"), UnitGroup.ALL_DEPARTMENTS),
    (
        re.compile(r"(ubnd|uy ban nhan dan) (cac )?xa,? phuong(,? dac khu)?"),
        UnitGroup.ALL_COMMUNES,
    ),
    (
        re.compile(r"cac (vu,? cuc|don vi (thuoc|truc thuoc) bo)( lien quan)?"),
        UnitGroup.ALL_MINISTRY_UNITS,
    ),
)
# A Party committee's plan names its own committees as a class (field lines and the
# importer's `subordinate_party_committees`, docs/importer.md "Generic addressees"); never
# read in another issuer's plan.
_SUBORDINATE_UNITS = importer_names.SUBORDINATE_COMMITTEES
_PARSED_GROUPS = {importer_names.SUBORDINATE_CODE: UnitGroup.SUBORDINATE_PARTY_COMMITTEES}
# The kinds of unit each group covers (docs/cascade.md, "Units named as a group").
GROUP_KINDS: dict[str, frozenset[str]] = {
    UnitGroup.ALL_DEPARTMENTS: frozenset(
        {
            unit_names.DEPARTMENT,
            unit_names.BOARD,
            unit_names.OFFICE,
            unit_names.INSPECTORATE,
            unit_names.POLICE,
        }
    ),
    UnitGroup.ALL_COMMUNES: frozenset({unit_names.COMMUNE, unit_names.WARD}),
    UnitGroup.ALL_MINISTRY_UNITS: frozenset(
        {
            unit_names.MINISTRY_DEPARTMENT,
            unit_names.GENERAL_DEPARTMENT,
            unit_names.OFFICE,
            unit_names.INSPECTORATE,
        }
    ),
}


def _field(text: str) -> tuple[str, str] | None:
    match = _LABEL.match(text.strip())
    if not match:
        return None
    label = " ".join(fold(match.group("label")).split())
    if label in _WHOLE_FIELDS:
        return _WHOLE_FIELDS[label], match.group("rest").strip()
    for prefix, name in _FIELDS:
        if label == prefix or (label.startswith(prefix) and len(label) <= len(prefix) + 12):
            return name, match.group("rest").strip()
    return None


@dataclass
class PlanTask:
    """One task of an agency's plan as read from the parse output."""

    ref: str
    title: str
    text: str
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    generic: list[tuple[str, str]] = field(default_factory=list)  # (code, role)
    deadline_text: str = ""
    # What the deadline's words (or the task's prose, as the importer read it) say: a day
    # ("thực hiện năm 2026": 31/12/2026) and a rhythm ("thực hiện hằng năm": annual).
    deadline: datetime.date | None = None
    recurrence: str = ""
    # The headings of the plan's sections the task is in, nearest first.
    context: list[str] = field(default_factory=list)


def split_names(text: str, party: bool = False) -> tuple[list[str], list[str]]:
    """(names, generic codes) of a field line "Sở Khoa học và Công nghệ, UBND xã, phường";
    `party`: the plan is a Party committee's ("Các đảng ủy trực thuộc" is a group)."""
    text = text.strip().rstrip(".;")
    generic: list[str] = []
    folded = fold(text)
    groups = list(_GENERIC_UNITS)
    if party:
        groups.insert(0, (_SUBORDINATE_UNITS, UnitGroup.SUBORDINATE_PARTY_COMMITTEES))
    # Cut generic phrases out first (their commas are not separators).
    for pattern, code in groups:
        while True:
            match = pattern.search(folded)
            if not match:
                break
            generic.append(str(code))
            end = match.end()
            if match.groupdict().get("above"):
                end = importer_names.place_name_end(text, end)  # "… trực thuộc Tỉnh ủy Nghệ An"
            text = text[: match.start()] + "\x00" + text[end:]
            folded = folded[: match.start()] + "\x00" + folded[end:]
    names = []
    for part in re.split(r"[,;\x00]| và các | và UBND ", text):
        name = " ".join(part.split()).strip(" .-")
        if len(name) >= 4 and not fold(name).startswith(("cac ", "doanh nghiep")):
            names.append(name)
    return names, sorted(set(generic))


def _day(value: Any) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def read_plan(data: dict[str, Any]) -> list[PlanTask]:
    """The plan's tasks from the importer's parse output. Tasks whose lines are field
    lines ("Nhiệm vụ:", "Đơn vị chủ trì:", "Thời gian thực hiện:") are folded into the
    task heading they belong to; other tasks are taken as parsed (their `lead` and
    `coordinating` names, whether the importer marked them `unit_of` the issuer or not,
    and a Party committee's subordinate committees as a group: `child_from_parse` keeps
    that group in a Party committee's plan only)."""
    clauses = {c["ref"]: c for c in data.get("clauses", [])}

    def parent(ref: str | None) -> dict[str, Any] | None:
        if ref is None or ref not in clauses:
            return None
        up = clauses[ref].get("parent")
        return clauses.get(up) if up else None

    def headings(clause: dict[str, Any] | None) -> list[str]:
        chain: list[str] = []
        up = parent(clause["ref"]) if clause else None
        while up is not None and len(chain) < 4:
            chain.append(up["text"].split("\n")[0].strip())
            up = parent(up["ref"])
        return chain

    out: dict[str, PlanTask] = {}
    order: list[str] = []
    for task in data.get("tasks", []):
        ref, text = task["ref"], task["text"]
        own = _field(text)
        up = parent(ref)
        up_field = _field(up["text"]) if up else None
        if own is not None:
            key_clause, kind, rest = up, own[0], own[1]
        elif up_field is not None:
            key_clause, kind, rest = parent(up["ref"]) if up else None, up_field[0], text
        else:
            key_clause, kind, rest = None, "", text
        # The task is the first ancestor that is not itself a field line ("b) Cơ quan
        # thực hiện:" holds "- Đơn vị chủ trì: …").
        while key_clause is not None and _field(key_clause["text"]) is not None:
            key_clause = parent(key_clause["ref"])
        if key_clause is None:
            plan_task = PlanTask(
                ref=ref,
                title="",
                text=text,
                lead=list(task.get("lead", [])),
                coordinating=list(task.get("coordinating", [])),
                generic=[
                    (str(_PARSED_GROUPS[a["generic"]]), a["role"])
                    for a in task.get("addressees", [])
                    if a.get("generic") in _PARSED_GROUPS
                    and a.get("role") in (Role.LEAD, Role.COORDINATING)
                ],
                deadline_text=(task.get("deadline") or {}).get("text", "") or "",
                deadline=_day((task.get("deadline") or {}).get("date")),
                recurrence=str(task.get("recurrence") or ""),
                context=headings(clauses.get(ref)),
            )
            out[ref] = plan_task
            order.append(ref)
            continue
        key = key_clause["ref"]
        if key not in out:
            title = key_clause["text"].split("\n")[0].strip().rstrip(":")
            out[key] = PlanTask(ref=key, title=title, text="", context=headings(key_clause))
            order.append(key)
        plan_task = out[key]
        if kind == "text":
            plan_task.text = (plan_task.text + "\n" + rest).strip() if rest else plan_task.text
        elif kind in ("lead", "coordinating"):
            if not rest:
                continue
            names, generic = split_names(rest, party=True)
            getattr(plan_task, kind).extend(n for n in names if n not in getattr(plan_task, kind))
            plan_task.generic.extend((g, kind) for g in generic)
        elif kind == "deadline":
            plan_task.deadline_text = rest.rstrip(". ")
            found = find_deadline(rest, table_cell=True)
            plan_task.deadline = found.date if found is not None else None
            plan_task.recurrence = find_recurrence(rest) or ""
    tasks = [out[k] for k in order]
    for plan_task in tasks:
        if not plan_task.text:
            plan_task.text = plan_task.title
    return tasks


# ---------------------------------------------------------------- building the child


def _check_edit(user: Any, programme: Programme) -> None:
    if not perms.may_edit_child_programme(user, programme):
        raise CascadeError(_("Chỉ cơ quan ban hành kế hoạch mới sửa được kế hoạch này."))


def _check_draft_edit(user: Any, programme: Programme) -> None:
    """`_check_edit`, and the plan still a draft. A published plan is the agency's record:
    its links and units change by a new version (the plan imported again), never in place.
    The page offers no form once published; a tab opened before must not edit it either.
    The plan's row is locked, as `publish_child` locks it: the two never interleave."""
    _check_edit(user, programme)
    current = (
        Programme.objects.select_for_update()
        .filter(pk=programme.pk)
        .values_list("status", flat=True)
        .first()
    )
    if current != ProgrammeStatus.DRAFT:
        raise CascadeError(
            _(
                "Kế hoạch đã được công bố (có thể bởi người khác): liên kết và đơn vị không "
                "sửa được nữa. Hãy tải lại trang; muốn sửa, hãy nhập lại văn bản thành phiên "
                "bản mới."
            )
        )


def _national_refusal(code: str, programme: Programme) -> str:
    """Why an agency's plan is not numbered as a national programme: which programme, who
    issued it, in what state, since when, and where it is read."""
    return _(
        "Số, ký hiệu “%(code)s” đã là của chương trình quốc gia %(number)s “%(title)s” "
        "(%(issuer)s ban hành; phiên bản %(version)s, %(status)s, nhập ngày %(day)s; xem ở "
        "mục Chương trình, địa chỉ /chuong-trinh/%(slug)s/): kế hoạch của cơ quan không dùng "
        "chung số, ký hiệu đó. Chưa nhập gì."
    ) % {
        "code": code,
        "number": programme.code,
        "title": programme.title[:200],
        "issuer": Deferred(lambda: agency_in_sentence(issuer)[0])
        if (issuer := programme.issuer) is not None
        else programme.issuer_text or "—",
        "version": programme.version,
        "status": Deferred(lambda: str(programme.get_status_display())),
        "day": timezone.localtime(programme.created_at).strftime("%d/%m/%Y"),
        "slug": programme.slug,
    }


def plan_slug(code: str, agency: Agency, exclude: int | None = None) -> str:
    """The slug of `agency`'s plan numbered `code`: the one its earlier versions have, else
    the number's; another agency's plan of the same number ("144/KH-UBND" exists in many
    provinces) gets the agency's code after it, so each plan has its page. A number (or
    slug) of a programme that is not an agency's plan (50/NQ-CP) is refused: the national
    pages find their programme by it, and would find the plan."""
    from django.utils.text import slugify

    from lotrinh.programmes.services import national_versions

    base = slugify(fold(code).replace("/", "-"))[:80] or "ke-hoach"
    others = Programme.objects.exclude(pk=exclude) if exclude is not None else Programme.objects
    # A national programme's versions (loaded, or imported by MOST on /nhap-van-ban/, even
    # a Party committee's "Kế hoạch"): another lineage, never a version of the plan.
    national = national_versions(code, base).select_related("issuer").order_by("-version")
    if exclude is not None:
        national = national.exclude(pk=exclude)
    programme = national.first()
    if programme is not None:
        raise CascadeError(_national_refusal(code, programme))
    own = others.filter(code=code, issuer=agency).values_list("slug", flat=True).first()
    if own:
        return own
    if others.filter(slug=base).exclude(issuer=agency).exists():
        return slugify(f"{base[:60]}-{agency.code}")[:80]
    return base


# A plan's or programme's own number as written: a State body's ("144/KH-UBND",
# "12/QĐ-BKHCN", "05/CTr-UBND") or a Party body's, number and symbol joined by "-"
# (Hướng dẫn 36-HD/VPTW: "12-KH/TU", "42-CTr/TU"). Another document's number (a letter
# "15-CV/TU", a resolution) is not the plan's.
_PLAN_NUMBER = re.compile(r"/(?:KH|QĐ|CTr-|CTR-)|^\d+[a-zđ]?-(?:KH|CTr|CTR)/")


def child_code(data: dict[str, Any], agency: Agency) -> str:
    code = (data.get("programme") or {}).get("code") or ""
    if _PLAN_NUMBER.search(code):
        return code[:60]
    return f"KH-{agency.abbreviation or agency.code}"[:60]


def issued_by_another(header: dict[str, Any], agency: Agency) -> Agency | None:
    """The registry agency the document names as its issuer when it is not `agency` nor
    a body whose responsibilities `agency` holds today (Bắc Ninh imports Bắc Giang's
    plan); None when the document names no issuer the registry knows. A person imports
    her own agency's plan: another province's would become hers, its units proposed as
    her agency's (the command line is the operator's, who names the agency)."""
    from lotrinh.agencies.services import SuccessionGraph

    name = str(header.get("issuer") or "").strip()
    if not name:
        return None
    day = None
    try:
        day = datetime.date.fromisoformat(str(header.get("issue_date") or ""))
    except ValueError:
        day = None
    named = resolve_agency(name, day)
    if named is None or named.pk == agency.pk:
        return None
    graph = SuccessionGraph.load()
    today = timezone.localdate()
    if graph.holder_at(named, today).pk == graph.holder_at(agency, today).pk:
        return None
    return named


# ---------------------------------------------------------------- which programme


# The programme a plan implements when its text cites none of the registry's: Section
# III.1 of 50/NQ-CP makes every ministry and province write one.
DEFAULT_PARENT = "50/NQ-CP"
PARENT_KINDS = (
    ProgrammeKind.PARTY_RESOLUTION,
    ProgrammeKind.GOVERNMENT_RESOLUTION,
    ProgrammeKind.PM_DECISION,
)


def plan_parents() -> Any:
    """The programmes an agency may write its plan for: the published national ones (a
    resolution or a Prime Minister's decision; never a draft, another agency's plan, nor
    another kind of document)."""
    return perms.national_programmes(
        Programme.objects.filter(status=ProgrammeStatus.PUBLISHED, kind__in=PARENT_KINDS)
    ).order_by("code")


@dataclass(frozen=True)
class ParentChoice:
    """The programme a plan is imported under, and why: `cited` (the number as the text
    cites it) when the document's title or legal bases name it, `chosen` when the person
    chose it, neither when it is the default."""

    programme: Programme
    cited: str = ""
    chosen: bool = False
    # The reporting regime of `programme` the issuing Party body reports under, when that
    # is why the programme was taken (`party_parent`).
    regime: Any = None

    def record(self) -> dict[str, Any]:
        found = {"parent": self.programme.code, "cited": self.cited, "chosen": self.chosen}
        if self.regime is not None:
            found["regime"] = self.regime.code
        return found


def party_parent(agency: Agency | None) -> ParentChoice | None:
    """For a Party body (which 50/NQ-CP does not address), the published Party resolution
    among `plan_parents` whose reporting regime counts it among its reporters (52-NQ/TW 4.3
    for the provincial committees, the boards and the committees under the Centre); of
    several, the one it last reported under, else the latest issued. None for another
    body, or a Party body no regime names (its plan then takes the default)."""
    from lotrinh.agencies.models import PARTY_KINDS
    from lotrinh.reporting.models import AgencyReport, ReportingRegime
    from lotrinh.reporting.services import reporter_candidates

    if agency is None or agency.kind not in PARTY_KINDS:
        return None
    regimes = [
        regime
        for regime in ReportingRegime.objects.filter(
            programme__in=plan_parents().filter(kind=ProgrammeKind.PARTY_RESOLUTION)
        )
        .select_related("programme")
        .order_by("-programme__issue_date", "programme__code", "pk")
        if reporter_candidates(regime).filter(pk=agency.pk).exists()
    ]
    if not regimes:
        return None
    last = (
        AgencyReport.objects.filter(agency=agency, unit__isnull=True, period__regime__in=regimes)
        .order_by("-period__due_date", "-pk")
        .values_list("period__regime_id", flat=True)
        .first()
    )
    regime = next((r for r in regimes if r.pk == last), regimes[0])
    return ParentChoice(regime.programme, regime=regime)


def parent_from_document(data: dict[str, Any], agency: Agency | None = None) -> ParentChoice:
    """The programme of the registry (`plan_parents`) that the document says it carries
    out (the header's `implements`: its title, then a basis "Thực hiện …", then a ground
    "Căn cứ …", `importer.parser.implemented_document`), else the first one it cites in its
    title or legal bases (`importer.parser.cited_documents`), else, for a Party body, the
    Party resolution it reports on (`party_parent`), else 50/NQ-CP. Numbers are
    compared as the genre writes them in any case or spacing (`services.number_key`)."""
    from lotrinh.importer.parser import cited_documents

    parents = {number_key(p.code): p for p in plan_parents()}
    implements = str((data.get("programme") or {}).get("implements") or "")
    for number in ([implements] if implements else []) + cited_documents(data):
        if number_key(number) in parents:
            found = parents[number_key(number)]
            return ParentChoice(found, cited=found.code)
    party = party_parent(agency)
    if party is not None:
        return party
    default = parents.get(number_key(DEFAULT_PARENT))
    if default is None:
        raise CascadeError(_("Chưa có chương trình nào để kế hoạch thực hiện. Chưa nhập gì."))
    return ParentChoice(default)


def chosen_parent(value: str) -> ParentChoice:
    """The programme a person chose on the import form (its id), refused unless it is one
    of `plan_parents` (an id typed into the form may be a draft, a plan, anything)."""
    found = plan_parents().filter(pk=posted_pk(value)).first()
    if found is None:
        raise CascadeError(
            _(
                "Chương trình được chọn không có trong danh sách các chương trình quốc gia "
                "đã công bố mà cơ quan có thể lập kế hoạch thực hiện. Chưa nhập gì."
            )
        )
    return ParentChoice(found, chosen=True)


def parent_reason(programme: Programme) -> str:
    """Why the plan implements its programme, as its import recorded it: the document's
    citation, the person's choice, or the default; "" for a plan not imported so."""
    found = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Programme),
            object_id=str(programme.pk),
            action__in=("cascade.plan_imported", "cascade.plan_parent_changed"),
        )
        .order_by("-pk")
        .values_list("action", "after")
        .first()
    )
    action, event = found if found is not None else ("", None)
    if action == "cascade.plan_parent_changed":  # corrected on the plan's page
        return _("Chương trình do người nhập kế hoạch chọn.")
    if not isinstance(event, dict) or "cited" not in event:
        return ""
    if event.get("chosen"):
        return _("Chương trình do người nhập kế hoạch chọn.")
    if event.get("regime") and programme.implements is not None:
        from lotrinh.reporting.models import ReportingRegime

        regime = ReportingRegime.objects.filter(
            programme=programme.implements, code=event["regime"]
        ).first()
        if regime is not None and programme.issuer is not None:
            return _(
                "Văn bản không dẫn chương trình nào có trong hệ thống: %(body)s báo cáo theo chế "
                "độ “%(regime)s” của Nghị quyết %(code)s, nên kế hoạch được xếp vào nghị quyết "
                "này."
            ) % {
                "body": agency_in_sentence(programme.issuer)[0],
                "regime": localized_text(regime, "name"),
                "code": programme.implements.code,
            }
    if event.get("cited"):
        parent = programme.implements
        kind = (
            _("Quyết định")
            if parent is not None and parent.kind == ProgrammeKind.PM_DECISION
            else _("Nghị quyết")
        )
        return _("Văn bản dẫn căn cứ %(kind)s số %(code)s.") % {
            "kind": kind,
            "code": event["cited"],
        }
    return _("Văn bản không dẫn chương trình nào có trong hệ thống: mặc định là %(code)s.") % {
        "code": event.get("parent", "")
    }


READ_FIELDS = ("kind", "code", "issue_date", "issuer", "title")


@dataclass(frozen=True)
class DocumentReading:
    """What an imported plan's document was read as (its import's record), the fields not
    read (`missing`), and what its issuer made of the import (`issuer_note`)."""

    kind_label: str
    code: str
    issue_date: str
    issuer: str
    missing: tuple[str, ...]
    issuer_note: str
    # A Word file with tracked changes not yet accepted, read as if they were.
    tracked_changes: bool = False


def document_reading(programme: Programme) -> DocumentReading | None:
    """The header of the plan's document as its import read it; None for a plan not
    imported so (or imported before the reading was recorded). Never writes."""
    found = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Programme),
            object_id=str(programme.pk),
            action="cascade.plan_imported",
        )
        .order_by("-pk")
        .values_list("after", flat=True)
        .first()
    )
    read = found.get("read") if isinstance(found, dict) else None
    if not isinstance(read, dict):
        return None
    from lotrinh.importer.review import unread_header

    kind = str(read.get("kind") or "")
    issuer = str(read.get("issuer") or "")
    code, unread = unread_header(read, programme.source)
    missing = tuple(unread)
    agency = programme.issuer
    agency_name = agency_in_sentence(agency)[0] if agency is not None else ""
    # An issuer that is another agency is refused on import (`issued_by_another`): what is
    # left is the importing agency itself, a name the registry does not know, or none.
    party = agency is not None and agency.is_party  # a committee, not a "cơ quan"
    if not issuer and party:
        note = _(
            "Chưa đọc được nơi ban hành trong văn bản: kế hoạch được ghi là của %(agency)s, "
            "cấp ủy đã nhập. Hãy kiểm tra văn bản đúng là chương trình, kế hoạch của cấp ủy mình."
        ) % {"agency": agency_name}
    elif not issuer:
        note = _(
            "Chưa đọc được cơ quan ban hành trong văn bản: kế hoạch được ghi là của %(agency)s, "
            "cơ quan đã nhập. Hãy kiểm tra văn bản đúng là kế hoạch của cơ quan mình."
        ) % {"agency": agency_name}
    elif resolve_agency(issuer) is None and party:
        note = _(
            "“%(issuer)s” chưa có trong danh mục: kế hoạch được ghi là của %(agency)s, cấp ủy "
            "đã nhập."
        ) % {"issuer": issuer, "agency": agency_name}
    elif resolve_agency(issuer) is None:
        note = _(
            "“%(issuer)s” chưa có trong danh mục cơ quan: kế hoạch được ghi là của %(agency)s, "
            "cơ quan đã nhập."
        ) % {"issuer": issuer, "agency": agency_name}
    elif party:
        note = _("Văn bản do %(agency)s ban hành: kế hoạch của chính cấp ủy.") % {
            "agency": agency_name
        }
    else:
        note = _("Văn bản do %(agency)s ban hành: kế hoạch của chính cơ quan.") % {
            "agency": agency_name
        }
    return DocumentReading(
        kind_label=str(ProgrammeKind(kind).label) if kind in ProgrammeKind.values else "",
        code=code,
        issue_date=str(read.get("issue_date") or ""),
        issuer=issuer,
        missing=missing,
        issuer_note=str(note),
        tracked_changes=isinstance(found, dict) and "tracked_changes" in (found.get("notes") or []),
    )


@transaction.atomic
def child_from_parse(
    data: dict[str, Any],
    agency: Agency,
    parent: Programme,
    user: Any,
    *,
    code: str = "",
    title: str = "",
    issue_date: datetime.date | None = None,
    source: str = "",
    refine_later: bool = False,
    why: ParentChoice | None = None,
) -> Programme:
    """A draft child programme of `parent` issued by `agency`, from the importer's parse
    output: its tasks, the units named in them (existing, or proposed), and suggested
    links to `parent`'s tasks (unconfirmed). `refine_later` (a web request): the links
    are suggested by their words now, and a job adds the meaning of the texts after
    (`refine_suggestions`: embedding a long plan takes tens of seconds)."""
    # `user` None: the command line (`lotrinh import_plan`), run by the server's operator.
    if user is not None and not perms.can(user, perms.EDIT_PLAN, agency):
        raise CascadeError(_("Chỉ cơ quan ban hành kế hoạch mới nhập được kế hoạch này."))
    if not plan_parents().filter(pk=parent.pk).exists():
        raise CascadeError(
            _(
                "%(code)s không phải một chương trình quốc gia đã công bố: kế hoạch không "
                "thực hiện được nó. Chưa nhập gì."
            )
            % {"code": parent.code}
        )
    tasks = read_plan(data)
    if not unit_names.is_party_committee(agency.name_vi):
        # "Các đảng ủy trực thuộc" is a Party committee's own committees: a People's
        # Committee's plan has no such group (docs/importer.md "Generic addressees").
        for item in tasks:
            item.generic = [g for g in item.generic if g[0] not in _PARSED_GROUPS.values()]
    if not tasks:
        raise CascadeError(_("Không nhận ra nhiệm vụ nào trong kế hoạch."))
    header = data.get("programme") or {}
    if user is not None:
        other = issued_by_another(header, agency)
        if other is not None:
            raise CascadeError(
                _(
                    "Văn bản này do %(issuer)s ban hành, không phải %(agency)s: cơ quan chỉ "
                    "nhập kế hoạch của chính mình. Chưa nhập gì."
                )
                % {
                    "issuer": Deferred(lambda: agency_in_sentence(other)[0]),
                    "agency": Deferred(lambda: agency_in_sentence(agency)[0]),
                }
            )
    code = code or child_code(data, agency)
    slug = plan_slug(code, agency)
    day = issue_date
    if day is None and header.get("issue_date"):
        day = datetime.date.fromisoformat(header["issue_date"])
    day = day or timezone.localdate()  # Hà Nội's day, not the server's
    # One import of an agency's plan at a time (the agency's row): two workers importing
    # two files of one plan would otherwise both find no draft, and the second fail on
    # the version's uniqueness instead of linking to the first's draft.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    # The same plan imported again (twice the same file): its draft is there already.
    draft = (
        Programme.objects.filter(code=code, issuer=agency, status=ProgrammeStatus.DRAFT)
        .order_by("-version")
        .first()
    )
    if draft is not None:
        raise DraftExists(draft)
    programme = Programme.objects.create(
        code=code,
        slug=slug,
        # The agency's own count: another province's 144/KH-UBND is not an earlier version.
        version=next_plan_version(code, agency.pk),
        kind=ProgrammeKind.PLAN,
        title=(title or header.get("title") or code)[:2000],
        issuer=agency,
        issuer_text=agency.name_vi,
        issue_date=day,
        implements=parent,
        implements_code=parent.code,
        status=ProgrammeStatus.DRAFT,
        origin=ProgrammeOrigin.IMPORT,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        source=source,
    )
    group = TaskGroup.objects.create(
        programme=programme, ref="KH", title=_("Nhiệm vụ của kế hoạch"), position=0
    )
    root = Clause.objects.create(
        programme=programme, ref="KH", kind=ClauseKind.SECTION, text=programme.title, position=0
    )
    suggester = LinkSuggester.for_programme(parent, issuer=agency, with_meaning=not refine_later)
    later: list[dict[str, Any]] = []
    # The plan's title says what the whole plan carries out (docs/cascade.md).
    subject = plan_subject(programme.title)
    texts = [
        f"{item.title}: {item.text}" if item.title and item.title != item.text else item.text
        for item in tasks
    ]
    suggester.prepare([*texts, subject])
    for position, (item, text) in enumerate(zip(tasks, texts, strict=True), start=1):
        clause = Clause.objects.create(
            programme=programme,
            ref=item.ref,
            kind=ClauseKind.ITEM,
            label=item.title[:100],
            text=item.text,
            parent=root,
            position=position,
            depth=1,
        )
        names = item.lead + item.coordinating
        task = Task.objects.create(
            programme=programme,
            group=group,
            clause=clause,
            ref=item.ref,
            text=text,
            deadline_text=item.deadline_text[:255],
            deadline=item.deadline,
            recurrence=item.recurrence if item.recurrence in Recurrence.values else "",
            position=position,
            headings=list(item.context),
            names_written=list(names),
        )
        _assign_names(task, agency, item.lead, Role.LEAD, source or code)
        _assign_names(task, agency, item.coordinating, Role.COORDINATING, source or code)
        for unit_group, role in item.generic:
            UnitAddressee.objects.get_or_create(task=task, group=unit_group, role=role)
        for parent_task, method, score in suggester.suggest(
            task.text, item.context, names, subject
        ):
            TaskLink.objects.get_or_create(
                task=task,
                parent_task=parent_task,
                defaults={"method": method, "score": score},
            )
        if refine_later:
            later.append({"task": task.pk, "context": list(item.context), "names": list(names)})
    record_event(
        user,
        "cascade.plan_imported",
        programme,
        after={
            "code": programme.code,
            "tasks": len(tasks),
            **(why.record() if why is not None else {"parent": parent.code}),
            # What the document was read as, shown on the draft's page (`document_reading`).
            "read": {key: header.get(key) or "" for key in READ_FIELDS},
            # How the file was read (`importer.service.parse_bytes`: tracked changes accepted).
            **({"notes": list(data["read_notes"])} if data.get("read_notes") else {}),
        },
    )
    if refine_later and meaning.available():
        from lotrinh.programmes.tasks import refine_plan_links

        pk = programme.pk
        transaction.on_commit(lambda: refine_plan_links.enqueue(pk, later, subject))
    return programme


# The events of a person's change to a draft plan's links and units: each moves
# `Programme.draft_version` once (`_draft_changed`), so a stale publish names them.
_DRAFT_ACTIONS = (
    "cascade.link_confirmed",
    "cascade.link_rejected",
    "cascade.unit_assigned",
    "cascade.unit_group_assigned",
    "cascade.plan_parent_changed",
)


def _draft_changed(programme_pk: int) -> None:
    """A person changed the draft plan (a link or a unit): its version moves, so a publish
    form shown before is stale (`publish_child`). A change that changes nothing (a link
    confirmed again) does not call this."""
    from django.db.models import F

    Programme.objects.filter(pk=programme_pk).update(draft_version=F("draft_version") + 1)


def _draft_changes(plan: Programme, count: int) -> list[str]:
    """The last `count` changes to the draft (at most 5), newest first, as sentences."""
    tasks = {str(pk): ref for pk, ref in plan.tasks.values_list("pk", "ref")}
    events = (
        AuditEvent.objects.filter(action__in=_DRAFT_ACTIONS)
        .filter(
            Q(content_type=ContentType.objects.get_for_model(Task), object_id__in=list(tasks))
            | Q(content_type=ContentType.objects.get_for_model(Programme), object_id=str(plan.pk))
        )
        .select_related("actor")
        .order_by("-occurred_at", "-pk")[: min(max(count, 1), 5)]
    )
    out = []
    for event in events:
        after = event.after or {}
        before = event.before or {}
        values = {
            "who": (event.actor.full_name or event.actor.username) if event.actor else "?",
            "task": tasks.get(event.object_id, ""),
            "parent": after.get("implements") or before.get("implements") or "",
            "unit": after.get("unit", ""),
            "code": after.get("parent", ""),
            "when": format_datetime(event.occurred_at),
        }
        if event.action == "cascade.link_confirmed":
            text = _("%(who)s xác nhận liên kết nhiệm vụ %(task)s với %(parent)s (%(when)s)")
        elif event.action == "cascade.link_rejected":
            text = _("%(who)s bỏ liên kết nhiệm vụ %(task)s với %(parent)s (%(when)s)")
        elif event.action == "cascade.unit_assigned":
            text = _("%(who)s giao nhiệm vụ %(task)s cho %(unit)s (%(when)s)")
        elif event.action == "cascade.unit_group_assigned":
            text = _("%(who)s giao nhiệm vụ %(task)s cho một nhóm đơn vị (%(when)s)")
        else:
            text = _("%(who)s đổi chương trình mà kế hoạch thực hiện thành %(code)s (%(when)s)")
        out.append(str(text % values))
    return out


@transaction.atomic
def change_parent(
    user: Any, programme: Programme, choice: ParentChoice, shown: int | None = None
) -> Programme:
    """The issuer corrects the programme its DRAFT plan implements (one of `plan_parents`,
    `chosen_parent`): every link to the former programme's tasks goes, confirmed or
    not, and the links are suggested again against the new one (by their words now, by
    their meaning after, as on import). Refused once the plan is published, and when
    `shown` (the id of the programme the page showed; None: not from a page) is no longer
    the one the plan implements: a colleague changed it meanwhile, and the links she
    confirmed since are not dropped by a tab that never showed them."""
    locked = (
        Programme.objects.select_for_update(of=("self",))
        .select_related("issuer")
        .get(pk=programme.pk)
    )
    _check_edit(user, locked)
    if locked.status != ProgrammeStatus.DRAFT:
        raise CascadeError(
            _("Kế hoạch đã được công bố: không đổi được chương trình mà kế hoạch thực hiện.")
        )
    parent = choice.programme
    if shown is not None and shown != locked.implements_id and parent.pk != locked.implements_id:
        raise CascadeError(
            _(
                "Chương trình mà kế hoạch thực hiện đã được đổi thành %(code)s từ lúc bạn mở "
                "trang (có thể bởi người khác): chưa đổi gì, các liên kết được giữ nguyên. "
                "Bạn đã chọn: %(chosen)s. Hãy xem lại rồi đổi lần nữa."
            )
            % {"code": locked.implements_code, "chosen": parent.code}
        )
    if parent.pk == locked.implements_id:
        raise CascadeError(
            _("Kế hoạch đã thực hiện %(code)s: không có gì thay đổi.") % {"code": parent.code}
        )
    before = locked.implements_code
    TaskLink.objects.filter(task__programme=locked).delete()
    locked.implements = parent
    locked.implements_code = parent.code
    locked.save(update_fields=["implements", "implements_code"])
    _draft_changed(locked.pk)
    tasks = list(locked.tasks.order_by("position").prefetch_related("unit_assignments__unit"))
    subject = plan_subject(locked.title)
    refine = meaning.available()
    suggester = LinkSuggester.for_programme(parent, issuer=locked.issuer, with_meaning=False)
    suggester.prepare([*(t.text for t in tasks), subject])
    later: list[dict[str, Any]] = []
    for task in tasks:
        # What the import suggested from (`Task.headings`, `names_written`); a task made
        # before they were kept has its units' names and no headings.
        context = list(task.headings or [])
        names = list(task.names_written or []) or [
            a.unit.name_vi for a in task.unit_assignments.all()
        ]
        TaskLink.objects.bulk_create(
            TaskLink(task=task, parent_task=parent_task, method=method, score=score)
            for parent_task, method, score in suggester.suggest(task.text, context, names, subject)
        )
        later.append({"task": task.pk, "context": context, "names": names})
    record_event(
        user,
        "cascade.plan_parent_changed",
        locked,
        before={"parent": before},
        after={"parent": parent.code},
    )
    if refine and later:
        from lotrinh.programmes.tasks import refine_plan_links

        pk = locked.pk
        transaction.on_commit(lambda: refine_plan_links.enqueue(pk, later, subject))
    return locked


# Who touched a task's links: the job leaves those tasks as the agency left them (a
# rejected suggestion must not come back).
_LINK_ACTIONS = ("cascade.link_confirmed", "cascade.link_rejected")


def refine_suggestions(programme_pk: int, items: list[dict[str, Any]], subject: str) -> int:
    """The job after a plan imported through the page: suggest its links again with the
    meaning of the texts, for each task whose links the agency has not touched (none
    confirmed, rejected or added by hand). The model runs before the lock; the
    suggestions are replaced under it, only while the plan is a draft. Returns how many
    tasks were suggested again."""
    programme = Programme.objects.select_related("implements", "issuer").get(pk=programme_pk)
    if programme.implements is None or programme.status != ProgrammeStatus.DRAFT:
        return 0
    suggester = LinkSuggester.for_programme(programme.implements, issuer=programme.issuer)
    tasks = {t.pk: t for t in programme.tasks.filter(pk__in=[i["task"] for i in items])}
    suggester.prepare([*(t.text for t in tasks.values()), subject])
    fresh = {
        item["task"]: suggester.suggest(
            tasks[item["task"]].text, item["context"], item["names"], subject
        )
        for item in items
        if item["task"] in tasks
    }
    with transaction.atomic():
        locked = Programme.objects.select_for_update().get(pk=programme_pk)
        if locked.status != ProgrammeStatus.DRAFT:
            return 0
        touched = set(
            TaskLink.objects.filter(task_id__in=fresh)
            .filter(Q(confirmed=True) | Q(method=LinkMethod.MANUAL))
            .values_list("task_id", flat=True)
        ) | {
            int(pk)
            for pk in AuditEvent.objects.filter(
                action__in=_LINK_ACTIONS,
                content_type=ContentType.objects.get_for_model(Task),
                object_id__in=[str(pk) for pk in fresh],
            ).values_list("object_id", flat=True)
        }
        redone = 0
        for task_pk, suggestions in fresh.items():
            if task_pk in touched:
                continue
            TaskLink.objects.filter(task_id=task_pk, confirmed=False).exclude(
                method=LinkMethod.MANUAL
            ).delete()
            TaskLink.objects.bulk_create(
                TaskLink(task_id=task_pk, parent_task=parent_task, method=method, score=score)
                for parent_task, method, score in suggestions
            )
            redone += 1
        record_event(
            None,
            "cascade.links_refined",
            locked,
            after={"tasks": redone, "left_as_the_agency_set_them": len(touched)},
        )
    return redone


def _assign_names(task: Task, agency: Agency, names: list[str], role: str, source: str) -> None:
    for position, name in enumerate(names):
        if classify_unit_name(name) is None:
            continue  # another agency ("Bộ Công an") or a person: not one of our units
        if not unit_names.same_side(name, agency.name_vi):
            continue  # "Ban Tuyên giáo Tỉnh ủy" in a People's Committee's plan
        if resolve_agency(name) is not None and not fold(name).startswith(("so ", "ubnd ")):
            continue
        unit = propose_unit(agency, name, source=source)
        if role == Role.COORDINATING and task.unit_assignments.filter(unit=unit).exists():
            continue  # named twice ("chủ trì … phối hợp với Sở …"): the lead holds it
        UnitAssignment.objects.get_or_create(
            task=task,
            unit=unit,
            role=role,
            defaults={"name_as_written": name[:255], "position": position},
        )


@transaction.atomic
def confirm_link(user: Any, link: TaskLink) -> TaskLink:
    # The plan's row first, then the link's, in the order `publish_child` takes them.
    _check_draft_edit(user, link.task.programme)
    locked = TaskLink.objects.select_for_update().select_related("task__programme").get(pk=link.pk)
    if locked.confirmed:
        return locked  # confirmed already (a double click, another tab): nothing to record
    locked.confirmed = True
    locked.save(update_fields=["confirmed"])
    _draft_changed(locked.task.programme_id)
    record_event(
        user, "cascade.link_confirmed", locked.task, after={"implements": locked.parent_task.ref}
    )
    return locked


@transaction.atomic
def reject_link(user: Any, link: TaskLink) -> None:
    # The plan's row first, then the link's, in the order `publish_child` takes them.
    _check_draft_edit(user, link.task.programme)
    locked = TaskLink.objects.select_for_update().select_related("task__programme").get(pk=link.pk)
    # Only a suggestion is removed ("Bỏ" is offered for those only): a page opened before a
    # colleague confirmed it must not undo her decision.
    if locked.confirmed:
        raise CascadeError(
            _(
                "Liên kết %(ref)s đã được xác nhận (có thể bởi người khác): không bỏ. Hãy tải "
                "lại trang để xem."
            )
            % {"ref": locked.parent_task.ref}
        )
    record_event(
        user, "cascade.link_rejected", locked.task, before={"implements": locked.parent_task.ref}
    )
    locked.delete()
    _draft_changed(locked.task.programme_id)


@transaction.atomic
def add_link(user: Any, task: Task, parent_task: Task) -> TaskLink:
    programme = task.programme
    _check_draft_edit(user, programme)
    if programme.implements_id != parent_task.programme_id:
        raise CascadeError(_("Nhiệm vụ được chọn không thuộc chương trình cấp trên."))
    link, _created = TaskLink.objects.update_or_create(
        task=task,
        parent_task=parent_task,
        defaults={"method": LinkMethod.MANUAL, "score": 1.0, "confirmed": True},
    )
    record_event(user, "cascade.link_confirmed", task, after={"implements": parent_task.ref})
    _draft_changed(programme.pk)
    return link


def parent_task_named(programme: Programme, ref: str) -> Task:
    """The task of the programme `programme` implements that a reference typed or picked
    on the plan page denotes ("II.3.a"), looked up in the parent programme only, never in
    another; refused, naming the reference, when the parent has no task of it."""
    ref = " ".join("".join(ch if ch.isprintable() else " " for ch in ref).split())[:60]
    found = (
        Task.objects.filter(programme_id=programme.implements_id, ref=ref).first()
        if ref and programme.implements_id is not None
        else None
    )
    if found is None:
        raise CascadeError(
            _("Chương trình %(code)s không có nhiệm vụ “%(ref)s”: hãy chọn trong danh sách.")
            % {
                "code": programme.implements.code
                if programme.implements is not None
                else programme.implements_code,
                "ref": ref,
            }
        )
    return found


def assignable_units(agency: Agency, day: datetime.date) -> Any:
    """The units a task of `agency`'s plan may be given by hand: in force on `day` and
    confirmed, as for a group (`units_of_group`), of any kind."""
    return valid_units(agency, day).filter(proposed=False).order_by("name_sort", "pk")


def unit_named(agency: Agency, name: str, day: datetime.date) -> Unit | None:
    """The unit of `agency` a name typed or picked on the plan page denotes: one of that
    name (an assignable one first), else the name as plans write it
    (`units.resolve_unit`, abbreviations and folding)."""
    from lotrinh.agencies.units import resolve_unit

    # A name as typed: no control characters (PostgreSQL refuses a NUL), one line.
    name = " ".join("".join(ch if ch.isprintable() else " " for ch in name).split())[:300]
    if not name:
        return None
    same = list(agency.units.filter(name_vi=name))
    same.sort(key=lambda u: (u.proposed, not u.is_valid_on(day), u.pk))
    return same[0] if same else resolve_unit(agency, name, day)


def closest_units(agency: Agency, name: str, day: datetime.date, limit: int = 3) -> list[str]:
    """The assignable units of `agency` whose names are closest to a name typed that
    denotes none (`importer.names.rank_names`: "Sở Khoa học Công nghệ", "So tai chinh")."""
    from lotrinh.importer.names import rank_names

    names = {u.name_vi: u.name_vi for u in assignable_units(agency, day).only("name_vi")}
    return rank_names(name, names)[:limit]


def _check_assignable(unit: Unit, day: datetime.date) -> None:
    """Only a unit in force and confirmed takes a task, by hand as by group."""
    if unit.proposed:
        raise CascadeError(
            _(
                "Đơn vị “%(unit)s” mới là đề xuất từ văn bản, chưa được quản trị của cơ quan "
                "xác nhận: chưa giao được nhiệm vụ."
            )
            % {"unit": localized_text(unit, "name")}
        )
    if unit.valid_to is not None and unit.valid_to < day:
        raise CascadeError(
            _("Đơn vị “%(unit)s” đã hết hiệu lực từ ngày %(day)s: không giao được nhiệm vụ.")
            % {"unit": localized_text(unit, "name"), "day": unit.valid_to.strftime("%d/%m/%Y")}
        )
    if unit.valid_from is not None and unit.valid_from > day:
        raise CascadeError(
            _("Đơn vị “%(unit)s” có hiệu lực từ ngày %(day)s: chưa giao được nhiệm vụ.")
            % {"unit": localized_text(unit, "name"), "day": unit.valid_from.strftime("%d/%m/%Y")}
        )


@transaction.atomic
def assign_unit(
    user: Any,
    task: Task,
    unit: Unit,
    role: str,
    day: datetime.date | None = None,
    shown_version: int | None = None,
) -> UnitAssignment:
    """Give `unit` a role in the plan's `task`. `shown_version`: the draft's version the
    page showed (None: not from a page); the lead replacing a coordinating role given
    since is refused, naming who gave it and when (a colleague's work is never undone
    unseen)."""
    _check_draft_edit(user, task.programme)
    if unit.agency_id != task.programme.issuer_id:
        raise CascadeError(_("Đơn vị không thuộc cơ quan ban hành kế hoạch."))
    _check_assignable(unit, day or timezone.localdate())
    if role not in Role.values:
        raise CascadeError(_("Vai trò không hợp lệ."))
    # A unit leads a task or coordinates it, not both: leading takes the place of
    # coordinating; coordinating a task the unit leads is refused.
    held = set(task.unit_assignments.filter(unit=unit).values_list("role", flat=True))
    if role == Role.COORDINATING and Role.LEAD in held:
        raise CascadeError(_("Đơn vị này đang chủ trì nhiệm vụ; không thể đồng thời phối hợp."))
    if role == Role.LEAD and Role.COORDINATING in held:
        _check_not_given_since(task, unit, shown_version)
        task.unit_assignments.filter(unit=unit, role=Role.COORDINATING).delete()
    assignment, created = UnitAssignment.objects.get_or_create(
        task=task, unit=unit, role=role, defaults={"name_as_written": unit.name_vi}
    )
    if not created:
        # The role the unit holds already (a double click, a colleague's same choice):
        # nothing changed, so nothing recorded and the draft's version stays.
        return assignment
    _draft_changed(task.programme_id)
    # The event is on the plan's task, and concerns the unit: its leader reads it.
    record_event(
        user,
        "cascade.unit_assigned",
        task,
        after={"unit": unit.name_vi, "role": role},
        unit=unit,
    )
    return assignment


def _check_not_given_since(task: Task, unit: Unit, shown_version: int | None) -> None:
    """Refuse undoing a coordinating role the page did not show (the draft moved since it
    was opened, and that role was given after the page's version): who and when."""
    if shown_version is None:
        return
    current = (
        Programme.objects.filter(pk=task.programme_id)
        .values_list("draft_version", flat=True)
        .first()
    ) or 0
    if current == shown_version:
        return
    # The draft's changes since the page (each moved the version once), newest first.
    plan_tasks = [
        str(pk)
        for pk in Task.objects.filter(programme_id=task.programme_id).values_list("pk", flat=True)
    ]
    since = list(
        AuditEvent.objects.filter(action__in=_DRAFT_ACTIONS)
        .filter(
            Q(content_type=ContentType.objects.get_for_model(Task), object_id__in=plan_tasks)
            | Q(
                content_type=ContentType.objects.get_for_model(Programme),
                object_id=str(task.programme_id),
            )
        )
        .order_by("-pk")
        .values_list("pk", flat=True)[: max(current - shown_version, 1)]
    )
    given = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Task),
            object_id=str(task.pk),
            action="cascade.unit_assigned",
            after__unit=unit.name_vi,
            after__role=Role.COORDINATING,
        )
        .select_related("actor")
        .order_by("-pk")
        .first()
    )
    if given is None or not since or given.pk < since[-1]:
        return  # given before the page was opened: the page showed it
    raise CascadeError(
        _(
            "%(unit)s đã được %(who)s giao phối hợp nhiệm vụ này lúc %(when)s, sau khi bạn mở "
            "trang. Chưa giao gì: giao chủ trì sẽ thay vai trò phối hợp đó. Nếu vẫn muốn, "
            "hãy giao lại."
        )
        % {
            "unit": capfirst(agency_in_sentence(unit)[0]),
            "who": (given.actor.full_name or given.actor.username) if given.actor else "?",
            "when": format_datetime(given.occurred_at),
        }
    )


def units_of_group(agency: Agency, group: str, day: datetime.date) -> list[Unit]:
    """The agency's confirmed units of the kinds a group covers, valid on `day`."""
    if group == UnitGroup.SUBORDINATE_PARTY_COMMITTEES:
        # Named by what they are, whatever kind they were filed under: "Đảng ủy xã …",
        # "Đảng ủy Ủy ban nhân dân tỉnh", never the committee's boards or office.
        return [
            unit
            for unit in valid_units(agency, day).filter(proposed=False).order_by("name_sort", "pk")
            if unit_names.is_subordinate_committee(unit.name_vi)
        ]
    kinds = GROUP_KINDS.get(group, frozenset())
    return list(
        valid_units(agency, day)
        .filter(kind__in=sorted(kinds), proposed=False)
        .order_by("name_sort", "pk")
    )


@transaction.atomic
def assign_unit_group(
    user: Any, addressee: UnitAddressee, day: datetime.date | None = None
) -> list[UnitAssignment]:
    """Assign a task addressed to a group of units ("Các Sở, ban, ngành") to every unit of
    the issuing agency of the kinds the group covers, confirmed and valid on `day`
    (today by default), in the addressee's role. Units already assigned keep their
    assignment; running it again adds only units created since."""
    locked = (
        UnitAddressee.objects.select_for_update(of=("self",))
        .select_related("task__programme__issuer")
        .get(pk=addressee.pk)
    )
    task = locked.task
    _check_draft_edit(user, task.programme)
    issuer = task.programme.issuer
    assert issuer is not None
    units = units_of_group(issuer, locked.group, day or timezone.localdate())
    if not units:
        raise CascadeError(
            _("Cơ quan chưa có đơn vị nào thuộc nhóm “%(group)s”.")
            % {"group": locked.get_group_display()}
        )
    start = task.unit_assignments.filter(role=locked.role).count()
    made = []
    for position, unit in enumerate(units, start=start):
        assignment, created = UnitAssignment.objects.get_or_create(
            task=task,
            unit=unit,
            role=locked.role,
            defaults={"name_as_written": locked.get_group_display(), "position": position},
        )
        if created:
            made.append(assignment)
    locked.assigned_at = timezone.now()
    locked.save(update_fields=["assigned_at"])
    if not made:
        return made  # every unit of the group holds the role already: nothing changed
    _draft_changed(task.programme_id)
    record_event(
        user,
        "cascade.unit_group_assigned",
        task,
        after={"group": locked.group, "role": locked.role, "units": [u.name_vi for u in units]},
    )
    return made


UNIT_REGIME = "unit-annual-report"


@transaction.atomic
def publish_child(
    user: Any,
    programme: Programme,
    *,
    deadline_month: int = 11,
    deadline_day: int = 15,
    first_year: int | None = None,
    shown_version: int | None = None,
) -> Programme:
    """Publish the agency's plan: every task must have at least one confirmed link to the
    parent programme or none suggested left unconfirmed; suggestions not confirmed are
    dropped. The plan gets its own regime: units report to the agency each year by
    `deadline_day/deadline_month` (15 November by default, so the agency can report to
    MOST by 1 December).

    `shown_version`: the draft's version the publish form showed (None: not from a page);
    a colleague's change since (a link confirmed, added or removed, a unit given a task)
    refuses the publish, naming the changes, and nothing is written."""
    from lotrinh.reporting.models import Frequency, ReportingRegime

    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    _check_edit(user, locked)
    if locked.status == ProgrammeStatus.PUBLISHED:
        # The same click again (a double click, a second tab): what it asked for is done;
        # nothing is written or recorded, as for every other write sent twice.
        return locked
    if locked.status == ProgrammeStatus.SUPERSEDED:
        # A tab of a version a newer one has replaced: refused, naming the one in force.
        raise CascadeError(
            _(
                "Phiên bản %(version)s của kế hoạch đã được thay bằng phiên bản %(current)s: "
                "không công bố lại phiên bản cũ."
            )
            % {"version": locked.version, "current": _version_in_force(locked)}
        )
    if shown_version is not None and shown_version != locked.draft_version:
        changes = _draft_changes(locked, locked.draft_version - shown_version)
        raise CascadeError(
            _(
                "Bản nháp kế hoạch đã được thay đổi từ lúc bạn mở trang: chưa công bố. "
                "Thay đổi: %(changes)s. Trang dưới đây là bản nháp hiện tại; hãy xem lại rồi "
                "công bố."
            )
            % {"changes": "; ".join(changes) or "?"}
        )
    if not 1 <= deadline_month <= 12 or not 1 <= deadline_day <= 28:
        raise CascadeError(_("Hạn báo cáo của đơn vị không hợp lệ."))
    unconfirmed = (
        locked.tasks.filter(links_up__isnull=False)
        .exclude(links_up__confirmed=True)
        .values_list("ref", flat=True)
        .distinct()
    )
    if unconfirmed:
        raise CascadeError(
            _("Còn nhiệm vụ chưa xác nhận liên kết với nhiệm vụ cấp trên: %(refs)s.")
            % {"refs": ", ".join(list(unconfirmed)[:10])}
        )
    TaskLink.objects.filter(task__programme=locked, confirmed=False).delete()
    Unit.objects.filter(assignments__task__programme=locked, proposed=True).update(proposed=False)
    # The previous published version of the same plan is superseded: the issuer's own (a
    # number like "144/KH-UBND" is the issuer's; another province has its own 144/KH-UBND).
    Programme.objects.filter(
        code=locked.code, issuer_id=locked.issuer_id, status=ProgrammeStatus.PUBLISHED
    ).update(status=ProgrammeStatus.SUPERSEDED)
    locked.status = ProgrammeStatus.PUBLISHED
    locked.save(update_fields=["status"])
    issuer = locked.issuer
    regime, _created = ReportingRegime.objects.get_or_create(
        programme=locked,
        code=UNIT_REGIME,
        defaults={
            "name": "Báo cáo của các đơn vị về kết quả thực hiện kế hoạch",
            "name_en": "Units' annual report on the plan",
            "recipient": issuer,
            "recipient_text": issuer.name_vi if issuer else "",
            "frequency": Frequency.ANNUAL,
            "deadline_month": deadline_month,
            "deadline_day": deadline_day,
            "cutoff_start": "11-16",
            "cutoff_end": "11-15",
            "first_year": first_year or locked.issue_date.year,
        },
    )
    record_event(user, "cascade.plan_published", locked, after={"code": locked.code})
    return locked


def _version_in_force(plan: Programme) -> int:
    """The version of the issuer's plan of the same number published now."""
    return (
        Programme.objects.filter(
            code=plan.code, issuer_id=plan.issuer_id, status=ProgrammeStatus.PUBLISHED
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
        or plan.version
    )


def child_programmes_of(parent: Programme, agency: Agency | None = None) -> Any:
    queryset = Programme.objects.filter(
        perms.agency_plan_rule(), implements__code=parent.code, status=ProgrammeStatus.PUBLISHED
    )
    if agency is not None:
        queryset = queryset.filter(issuer=agency)
    return queryset
