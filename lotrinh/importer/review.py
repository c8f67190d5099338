"""Reviewing a parsed document before it is published: corrections, recorded one by one."""

import copy
import datetime
import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from lotrinh.core.audit import events_for, record_event
from lotrinh.core.dates import DayError, document_day_problem, parse_day
from lotrinh.core.locale import agency_in_sentence
from lotrinh.core.text import fold_aligned
from lotrinh.importer import regimes
from lotrinh.importer.models import DraftImport, DraftStatus
from lotrinh.importer.names import (
    GENERIC_PHRASES,
    closest_names,
    issued_by,
    known_names,
    match_at,
)
from lotrinh.programmes.loader import (
    ProgrammeFileError,
    load_data,
    next_version,
    programme_slug,
)
from lotrinh.programmes.models import (
    GenericAddressee,
    Programme,
    ProgrammeKind,
    ProgrammeOrigin,
    ProgrammeStatus,
)
from lotrinh.programmes.services import (
    agency_plan_versions,
    national_versions,
    programme_numbered,
)


class ReviewError(Exception):
    pass


def pdf_tables_unread(filename: str, refs: Any) -> bool:
    """A document read from a PDF in which no table was read (no task from a table:
    refs "PL1.…", `parser._table_tasks`). Ruled tables are read from a PDF; a table drawn
    without rulings, or on a turned page, is not, and its tasks are missing."""
    if not str(filename or "").lower().endswith(".pdf"):
        return False
    return not any(_TABLE_REF.match(str(ref)) for ref in refs)


_TABLE_REF = re.compile(r"^PL\d")


class AlreadyPublished(ReviewError):
    """The draft was published already (a second click, another tab): nothing done."""


def _content_digest(draft: DraftImport) -> str:
    import hashlib
    import json

    text = json.dumps(draft.data, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _published_national(code: str) -> Programme | None:
    """The national programme numbered `code` published now, which publishing would
    replace: never an agency's plan of that number (another lineage, which publishing
    refuses; two provinces may share one)."""
    return (
        national_versions(code)
        .filter(status=ProgrammeStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )


def _published_version(code: str) -> int:
    """The version of `code` published now (0: none), which publishing would replace."""
    latest = (
        national_versions(code)
        .filter(status=ProgrammeStatus.PUBLISHED)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return latest or 0


def fingerprint(draft: DraftImport) -> str:
    """What a confirmation holds for: the draft's content and the version it replaces
    ("<digest>-<version>"). Another draft of the same number published meanwhile (two
    officers importing one document) makes the confirmation stale, as a correction does."""
    return f"{_content_digest(draft)}-{_published_version(draft.code)}"


@dataclass
class PublishSummary:
    """What publishing the draft will put in place, for the confirmation."""

    tasks: int
    without_lead: list[str]
    unknown: int
    replaces_version: int | None
    changes: dict[str, int]
    # "PL1.1: “Các Sở, ban, ngành”": tasks naming a class of the issuer's own units.
    own_units: list[str]
    # "PL1.2: “Các tổ chức, cá nhân”": tasks naming a class that names no body.
    nonspecific: list[str]
    # The version publishing creates (`loader.next_version`, drafts counted).
    version: int = 1
    # An agency's plan with this number (another lineage): publishing is refused.
    agency_plan: Programme | None = None


# Classes the importer reads that name no body at all ("các cơ quan, tổ chức", "các tổ
# chức, cá nhân (liên quan)"): neither the registry's bodies nor the issuer's units.
NONSPECIFIC_GROUPS = frozenset({"bodies", "organisations_persons", "related_organisations_persons"})


def _unknown_groups(draft: DraftImport, nonspecific: bool) -> list[str]:
    known = set(GenericAddressee.values)
    return [
        f"{task['ref']}: “{addressee.get('text') or addressee['generic']}”"
        for task in draft.data.get("tasks", [])
        for addressee in task.get("addressees", [])
        if addressee.get("generic")
        and addressee["generic"] not in known
        and (addressee["generic"] in NONSPECIFIC_GROUPS) == nonspecific
    ]


def own_unit_groups(draft: DraftImport) -> list[str]:
    """The tasks whose addressee is a class of the issuer's own units ("Các Sở, ban,
    ngành", "UBND các xã, phường", "Các đơn vị thuộc Bộ"), as "ref: “as written”": an
    agency's plan names them (`cascade`, UnitAddressee), a programme's file format does
    not (its generic addressees are classes of the registry's bodies), so such a document
    is published as the agency's plan, not here (docs/importer.md)."""
    return _unknown_groups(draft, nonspecific=False)


def nonspecific_groups(draft: DraftImport) -> list[str]:
    """The tasks whose addressee is a class that names no body ("Các cơ quan, tổ chức",
    "Các tổ chức, cá nhân"), as "ref: “as written”": not in the programme format, and not
    an agency's units either (an agency's plan would not assign them): the lead must be
    chosen on review."""
    return _unknown_groups(draft, nonspecific=True)


def group_refusal(user: Any, own: list[str], nonspecific: list[str]) -> str:
    """Why a draft naming such classes is not published, each kind in its own words; the
    plan import is pointed to only for a person who may use it
    (`permissions.may_import_agency_plan`), never to MOST's monitors."""
    from lotrinh.accounts import permissions as perms

    said = []
    if own:
        listed = "; ".join(own[:10])
        if perms.may_import_agency_plan(user):
            said.append(
                _(
                    "Chưa công bố: %(listed)s giao cho một nhóm đơn vị của chính cơ quan ban "
                    "hành, điều chỉ có trong kế hoạch của cơ quan, không có trong một chương "
                    "trình. Hãy nhập văn bản này là kế hoạch của cơ quan (Phân cấp › Nhập kế "
                    "hoạch), hoặc chọn lại cơ quan chủ trì của các nhiệm vụ đó."
                )
                % {"listed": listed}
            )
        else:
            said.append(
                _(
                    "Chưa công bố: %(listed)s giao cho một nhóm đơn vị của chính cơ quan ban "
                    "hành, điều chỉ có trong kế hoạch của cơ quan, không có trong một chương "
                    "trình. Kế hoạch ấy do chính cơ quan ban hành nhập, bằng tài khoản của cơ "
                    "quan đó; ở đây, hãy chọn lại cơ quan chủ trì của các nhiệm vụ đó."
                )
                % {"listed": listed}
            )
    if nonspecific:
        said.append(
            _(
                "Chưa công bố: %(listed)s giao cho các cơ quan, tổ chức hoặc cá nhân nói chung, "
                "không chỉ rõ cơ quan nào; một chương trình chỉ giao nhiệm vụ cho cơ quan có "
                "trong danh mục hoặc một nhóm cơ quan của danh mục. Hãy chọn cơ quan chủ trì "
                "của các nhiệm vụ đó."
            )
            % {"listed": "; ".join(nonspecific[:10])}
        )
    return " ".join(str(part) for part in said)


def agency_plan_of(code: str) -> Programme | None:
    """The latest version of an agency's own plan numbered `code` (made on /phan-cap/), or
    at the address a national programme of that number would take ("45-KH/TU" for
    "45-KH-TU"): the programme would share its versions or its address."""
    return (
        agency_plan_versions(code, programme_slug(code))
        .select_related("issuer")
        .order_by("-version")
        .first()
    )


def agency_plan_refusal(plan: Programme, code: str = "") -> str:
    """Why the national importer does not publish `code` over an agency's plan: which
    plan, whose, in what state, since when, and where it is kept; and, when the numbers
    are spelt differently, that they share an address."""
    from django.utils import timezone

    if code and code != plan.code:
        address = _(
            "Số, ký hiệu %(code)s của văn bản có cùng địa chỉ /chuong-trinh/%(slug)s/ với "
            "kế hoạch ấy, chỉ khác cách viết."
        ) % {"code": code, "slug": plan.slug}
        return f"{agency_plan_refusal(plan)} {address}"
    return _(
        "Chưa công bố: số, ký hiệu %(code)s đã là của kế hoạch “%(title)s” của %(agency)s "
        "(phiên bản %(version)s, %(status)s, nhập ngày %(day)s), ở mục Phân cấp của cơ quan "
        "đó. Một chương trình quốc gia không dùng chung số, ký hiệu với kế hoạch của một cơ "
        "quan: hãy kiểm tra lại số, ký hiệu của văn bản."
    ) % {
        "code": plan.code,
        "title": plan.title[:200],
        "agency": agency_in_sentence(plan.issuer)[0] if plan.issuer else plan.issuer_text,
        "version": plan.version,
        "status": plan.get_status_display(),
        "day": timezone.localtime(plan.created_at).strftime("%d/%m/%Y"),
    }


def publish_summary(draft: DraftImport) -> PublishSummary:
    tasks = draft.data.get("tasks", [])
    without_lead = [
        t["ref"]
        for t in tasks
        if not t.get("lead") and not any(a.get("role") == "lead" for a in t.get("addressees", []))
    ]
    published = _published_national(draft.code)
    counts: dict[str, int] = {}
    for change in changes_against_published(draft):
        counts[change.kind] = counts.get(change.kind, 0) + 1
    return PublishSummary(
        version=next_version(draft.code),
        agency_plan=agency_plan_of(draft.code),
        tasks=len(tasks),
        without_lead=without_lead,
        unknown=len(unknown_names(draft)),
        replaces_version=published.version if published else None,
        changes=counts,
        own_units=own_unit_groups(draft),
        nonspecific=nonspecific_groups(draft),
    )


def create_draft(data: dict[str, Any], filename: str, user: Any) -> DraftImport:
    meta = data["programme"]
    draft = DraftImport.objects.create(
        code=meta.get("code") or filename,
        title=meta.get("title") or "",
        filename=filename,
        data=data,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record_event(
        user, "import.parsed", draft, after={"tasks": len(data["tasks"]), "file": filename}
    )
    return draft


def _task(data: dict[str, Any], ref: str) -> dict[str, Any]:
    for task in data["tasks"]:
        if task["ref"] == ref:
            return task
    raise ReviewError(_("Không có nhiệm vụ %(ref)s trong bản nháp.") % {"ref": ref})


def _editable(draft: DraftImport) -> DraftImport:
    locked = DraftImport.objects.select_for_update().get(pk=draft.pk)
    if locked.status != DraftStatus.DRAFT:
        raise ReviewError(_("Bản nháp đã được công bố: hãy nhập lại văn bản để sửa."))
    return locked


def _digest(value: Any) -> str:
    import hashlib
    import json

    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def task_seen(data: dict[str, Any], ref: str) -> str:
    """What a task's form on the review page was shown with: the task as it stood and the
    task after it (the one "merge" would take). Another tab's or a colleague's correction
    since changes it, and the form's correction is refused rather than applied to what
    the officer did not see."""
    tasks = data["tasks"]
    index = next((i for i, t in enumerate(tasks) if t["ref"] == ref), None)
    if index is None:
        return ""
    following = tasks[index + 1]["ref"] if index + 1 < len(tasks) else None
    return _digest([tasks[index], following])


def header_seen(data: dict[str, Any]) -> str:
    """What the header form was shown with (number, title, date, the implemented text)."""
    return _digest(data["programme"])


def _check_seen(current: str, seen: str | None, ref: str = "") -> None:
    if seen is not None and seen != current:
        raise ReviewError(
            _(
                "Nhiệm vụ %(ref)s đã được sửa từ lúc bạn mở trang (ở trang khác hoặc bởi người khác): chưa ghi. Hãy xem lại nhiệm vụ dưới đây rồi sửa lại nếu cần."
            )
            % {"ref": ref}
            if ref
            else _(
                "Thông tin chung của văn bản đã được sửa từ lúc bạn mở trang (ở trang khác hoặc bởi người khác): chưa ghi. Hãy xem lại rồi sửa lại nếu cần."
            )
        )


GENERIC_BY_TEXT = {fold_aligned(text): code for text, code in GENERIC_PHRASES}


def _generic_code(name: str) -> str | None:
    """The code of a generic addressee written whole ("các sở, ngành có liên quan")."""
    mention = match_at(name, fold_aligned(name), 0)
    if mention is not None and mention.generic and mention.end == len(name):
        return mention.canonical
    return None


@transaction.atomic
def set_roles(
    draft: DraftImport,
    ref: str,
    *,
    lead: list[str],
    coordinating: list[str],
    user: Any,
    seen: str | None = None,
) -> DraftImport:
    """Replace a task's lead and coordinating agencies (names or generic phrases).
    `seen`: the task as the form showed it (`task_seen`); a task changed since is not."""
    locked = _editable(draft)
    data = copy.deepcopy(locked.data)
    task = _task(data, ref)
    _check_seen(task_seen(data, ref), seen, ref)
    before = {
        "lead": task["lead"],
        "coordinating": task["coordinating"],
        "addressees": task["addressees"],
    }
    task["lead"], task["coordinating"], task["addressees"] = [], [], []
    # A class is read as the parse read it: "các đảng ủy trực thuộc" in a Party
    # committee's document only (`names.issued_by`).
    with issued_by(str((data.get("programme") or {}).get("issuer") or "")):
        for role, names in (("lead", lead), ("coordinating", coordinating)):
            for name in (n.strip() for n in names if n.strip()):
                generic = GENERIC_BY_TEXT.get(fold_aligned(name)) or _generic_code(name)
                if generic:
                    task["addressees"].append({"generic": generic, "role": role, "text": name})
                else:
                    task[role].append(name)
    task["spans"] = {
        k: v for k, v in task.get("spans", {}).items() if k not in ("lead", "coordinating")
    }
    locked.data = data
    locked.save(update_fields=["data"])
    after = {
        "lead": task["lead"],
        "coordinating": task["coordinating"],
        "addressees": task["addressees"],
    }
    record_event(user, "import.roles_corrected", locked, before=before, after=after, note=ref)
    return locked


@transaction.atomic
def set_header(
    draft: DraftImport,
    *,
    code: str,
    title: str,
    issue_date: str,
    implements: str,
    user: Any,
    seen: str | None = None,
    issuer: str | None = None,
    kind: str | None = None,
) -> DraftImport:
    """Correct the document's number, title, date (dd/mm/yyyy or ISO; stored ISO), the
    document it implements and, when given, its issuer (as written, resolved in the
    registry on publishing) and kind (`ProgrammeKind`); None keeps what is stored."""
    locked = _editable(draft)
    _check_seen(header_seen(locked.data), seen)
    if kind is not None and kind not in ProgrammeKind.values:
        raise ReviewError(_("Loại văn bản không hợp lệ: hãy chọn một loại trong danh sách."))
    try:
        day = parse_day(issue_date)
    except DayError as exc:
        raise ReviewError(
            _("Ngày ban hành không hợp lệ: %(problem)s") % {"problem": str(exc)}
        ) from None
    if day is None:
        raise ReviewError(_("Cần có ngày ban hành của văn bản."))
    problem = document_day_problem(
        day, pgettext("date field, subject of a sentence", "Ngày ban hành văn bản")
    )
    if problem:
        raise ReviewError(problem)
    issue_date = day.isoformat()
    if not code.strip() or not title.strip():
        raise ReviewError(_("Cần có số, ký hiệu và trích yếu của văn bản."))
    data = copy.deepcopy(locked.data)
    before = dict(data["programme"])
    data["programme"].update(
        code=code.strip(),
        title=title.strip(),
        issue_date=issue_date,
        implements=implements.strip() or None,
    )
    if issuer is not None:
        data["programme"]["issuer"] = " ".join(issuer.split())
    if kind is not None:
        data["programme"]["kind"] = kind
    locked.data = data
    locked.code = code.strip()
    locked.title = title.strip()
    locked.save(update_fields=["data", "code", "title"])
    record_event(user, "import.header_corrected", locked, before=before, after=data["programme"])
    return locked


@dataclass
class HeaderReading:
    """What the document was read as (its kind, number, date, issuer, title), what was
    not read (`missing`: field names), and what the issuer and kind make of it on
    publishing (`outcome`, a sentence for the reviewing officer)."""

    kind: str
    kind_label: str
    code: str
    issue_date: str
    issuer: str
    title: str
    implements: str
    missing: list[str]
    # The registry agency the issuer names on the issue date (None: unknown or not read).
    agency: Any
    # Its name in the registry, in the page's language ("" when not resolved).
    agency_name: str
    outcome: str


def unread_header(read: dict[str, Any], filename: str = "") -> tuple[str, list[str]]:
    """The number as read ("" when it was not: `service.parse_bytes` puts the file's
    name there) and the header fields the parser did not read, by name: "other" is the
    kind it gives when it saw no kind's line (KẾ HOẠCH, NGHỊ QUYẾT…). The review page and
    an imported plan's page (`cascade.document_reading`) say the same."""
    code = str(read.get("code") or "").strip()
    if filename and code == PurePath(filename).stem:
        code = ""
    issue_date = str(read.get("issue_date") or "")
    try:
        day = datetime.date.fromisoformat(issue_date) if issue_date else None
    except ValueError:
        day = None
    kind = str(read.get("kind") or "")
    missing = [
        name
        for name, value in (
            ("kind", kind if kind != ProgrammeKind.OTHER else ""),
            ("code", code),
            ("issue_date", day),
            ("issuer", " ".join(str(read.get("issuer") or "").split())),
            ("title", " ".join(str(read.get("title") or "").split())),
        )
        if not value
    ]
    return code, missing


def header_reading(data: dict[str, Any], filename: str = "") -> HeaderReading:
    """The header as read (or corrected since), and what publishing it does: the same
    rules as publishing (`loader._store`: the issuer resolved on the issue date, the
    implemented programme the published one of that number; whatever it reads as, even a
    plan with both, it is a national programme: `Programme.lineage`, docs/cascade.md)."""
    from lotrinh.agencies.services import resolve_agency
    from lotrinh.core.locale import agency_in_sentence, localized_text

    meta = data.get("programme") or {}
    kind = str(meta.get("kind") or "")
    issuer = " ".join(str(meta.get("issuer") or "").split())
    title = " ".join(str(meta.get("title") or "").split())
    issue_date = str(meta.get("issue_date") or "")
    implements = str(meta.get("implements") or "").strip()
    code, missing = unread_header(meta, filename)
    day = None if "issue_date" in missing else datetime.date.fromisoformat(issue_date)
    agency = resolve_agency(issuer, at=day) if issuer else None
    parent = programme_numbered(implements) if implements else None
    if not issuer:
        outcome = _(
            "Chưa đọc được cơ quan ban hành: chương trình sẽ không gắn với cơ quan nào. Hãy nhập cơ quan ban hành như văn bản ghi."
        )
    elif agency is None:
        outcome = _(
            "“%(issuer)s” chưa có trong danh mục cơ quan: chương trình ghi tên cơ quan ban hành như văn bản, không gắn với cơ quan nào trong danh mục."
        ) % {"issuer": issuer}
    elif kind == ProgrammeKind.PLAN and parent is not None:
        outcome = _(
            "Khi công bố, văn bản là một chương trình quốc gia: kế hoạch của %(agency)s thực hiện %(parent)s, xếp ở mục Chương trình, ai cũng đọc được; không phải kế hoạch riêng của cơ quan ở mục Phân cấp. Kế hoạch riêng của một cơ quan (giao việc cho các đơn vị của cơ quan) do chính cơ quan đó nhập ở trang Kế hoạch của các cơ quan."
        ) % {"agency": agency_in_sentence(agency)[0], "parent": parent.code}
    else:
        outcome = _("Khi công bố, chương trình do %(agency)s ban hành.") % {
            "agency": agency_in_sentence(agency)[0]
        }
    return HeaderReading(
        kind=kind,
        kind_label=str(ProgrammeKind(kind).label) if kind in ProgrammeKind.values else "",
        code=code,
        issue_date=issue_date if day else "",
        issuer=issuer,
        title=title,
        implements=implements,
        missing=missing,
        agency=agency,
        agency_name=localized_text(agency, "name") if agency is not None else "",
        outcome=outcome,
    )


@transaction.atomic
def merge_with_next(
    draft: DraftImport, ref: str, user: Any, seen: str | None = None
) -> DraftImport:
    locked = _editable(draft)
    data = copy.deepcopy(locked.data)
    tasks = data["tasks"]
    index = next((i for i, t in enumerate(tasks) if t["ref"] == ref), None)
    if index is not None:
        _check_seen(task_seen(data, ref), seen, ref)
    if index is None or index + 1 >= len(tasks):
        raise ReviewError(_("Không có nhiệm vụ kế tiếp để gộp."))
    first, second = tasks[index], tasks.pop(index + 1)
    first["text"] = first["text"] + "\n" + second["text"]
    for role in ("lead", "coordinating"):
        first[role] += [n for n in second[role] if n not in first[role]]
    first["addressees"] += [a for a in second["addressees"] if a not in first["addressees"]]
    first["spans"] = {}
    locked.data = data
    locked.save(update_fields=["data"])
    record_event(
        user,
        "import.tasks_merged",
        locked,
        before={"refs": [ref, second["ref"]]},
        after={"ref": ref},
        note=ref,
    )
    return locked


@transaction.atomic
def split_task(
    draft: DraftImport, ref: str, position: int, user: Any, seen: str | None = None
) -> DraftImport:
    locked = _editable(draft)
    data = copy.deepcopy(locked.data)
    tasks = data["tasks"]
    index = next((i for i, t in enumerate(tasks) if t["ref"] == ref), None)
    if index is None:
        raise ReviewError(_("Không có nhiệm vụ %(ref)s.") % {"ref": ref})
    _check_seen(task_seen(data, ref), seen, ref)
    task = tasks[index]
    text = task["text"]
    if not 0 < position < len(text):
        raise ReviewError(_("Vị trí tách phải nằm bên trong nội dung nhiệm vụ."))
    second = copy.deepcopy(task)
    task["text"], second["text"] = text[:position].rstrip(), text[position:].lstrip()
    second["ref"] = f"{ref}-{sum(1 for t in tasks if t['ref'].startswith(ref + '-')) + 1}"
    task["spans"], second["spans"] = {}, {}
    tasks.insert(index + 1, second)
    data["clauses"].append(
        {
            "ref": second["ref"],
            "kind": "paragraph",
            "label": "",
            "text": second["text"],
            "parent": None,
        }
    )
    locked.data = data
    locked.save(update_fields=["data"])
    record_event(
        user,
        "import.task_split",
        locked,
        before={"ref": ref},
        after={"refs": [ref, second["ref"]], "position": position},
        note=ref,
    )
    return locked


@dataclass
class Unknown:
    ref: str
    role: str
    name: str
    suggestions: list[str]
    # The body the document names it a unit of ("Sở Tài chính" of Tỉnh Bắc Ninh): never
    # a national agency to add; the issuer's plan is imported on the cascade page.
    issuer: str = ""
    # A unit of the issuer that its agency's list of units already holds; else the
    # cascade import proposes it as a new unit.
    unit_known: bool = False


def unit_issuer(task: dict[str, Any], name: str, issuer: str) -> str:
    """The body `name` is a unit of in this task: the one the parser marked (`unit_of`),
    else the issuer as it reads now (corrected since the parse, or a name the parser read
    as a registry name: "Sở Nông nghiệp và Môi trường" is also a ministry's field), when the
    cascade import would propose it as the issuer's unit."""
    from lotrinh.agencies.unit_names import is_unit_of

    marked = (task.get("unit_of") or {}).get(name, "")
    if marked:
        return str(marked)
    return issuer if issuer and is_unit_of(name, issuer) else ""


def _unit_keys(meta: dict[str, Any]) -> set[str]:
    """The names (as `units.resolve_unit` compares them) of the units the issuer's agency
    already has, to tell a known unit from one the cascade import will propose."""
    from lotrinh.agencies.services import resolve_agency
    from lotrinh.agencies.unit_names import unit_name_key
    from lotrinh.core.text import normalise_name

    issuer = " ".join(str(meta.get("issuer") or "").split())
    try:
        day = datetime.date.fromisoformat(str(meta.get("issue_date") or ""))
    except ValueError:
        day = None
    agency = resolve_agency(issuer, at=day) if issuer else None
    if agency is None:
        return set()
    keys = set()
    for unit in agency.units.all():
        keys.add(unit_name_key(unit.normalised))
        if unit.abbreviation:
            keys.add(unit_name_key(normalise_name(unit.abbreviation)))
    return keys


def unknown_names(draft: DraftImport) -> list[Unknown]:
    """Names neither the registry files nor the database know, with the closest known
    names. The issuer's own units (`unit_issuer`, docs/importer.md) are listed too until
    the registry holds them: a programme names only registered bodies."""
    from lotrinh.agencies.unit_names import unit_name_key
    from lotrinh.core.text import normalise_name

    known = known_names()
    meta = draft.data.get("programme") or {}
    issuer = " ".join(str(meta.get("issuer") or "").split())
    unit_keys: set[str] | None = None
    closest: dict[str, list[str]] = {}
    result = []
    for task in draft.data["tasks"]:
        for role in ("lead", "coordinating"):
            for name in task[role]:
                if fold_aligned(name) not in known:
                    if name not in closest:
                        closest[name] = closest_names(name, 3)
                    of = unit_issuer(task, name, issuer)
                    unit_known = False
                    if of:
                        if unit_keys is None:
                            unit_keys = _unit_keys(meta)
                        unit_known = unit_name_key(normalise_name(name)) in unit_keys
                    result.append(Unknown(task["ref"], role, name, closest[name], of, unit_known))
    return result


@transaction.atomic
def create_agency(draft: DraftImport, name: str, user: Any) -> Any:
    """Add a name the registry does not know as a new agency (kind "other"), from the
    review of a draft that names it; the next import knows it too."""
    from django.utils.text import slugify

    from lotrinh.agencies.models import Agency, AgencyKind

    locked = _editable(draft)
    name = " ".join(name.split())
    if not name or len(name) > 255:
        raise ReviewError(_("Tên cơ quan trống hoặc quá dài."))
    if fold_aligned(name) in known_names():
        raise ReviewError(_("Cơ quan “%(name)s” đã có trong danh mục.") % {"name": name})
    if not any(name in task["lead"] + task["coordinating"] for task in locked.data["tasks"]):
        raise ReviewError(_("Bản nháp không nêu cơ quan “%(name)s”.") % {"name": name})
    named_by = " ".join(str(locked.data["programme"].get("issuer") or "").split())
    issuer = next(
        (
            unit_issuer(task, name, named_by)
            for task in locked.data["tasks"]
            if name in task["lead"] + task["coordinating"] and unit_issuer(task, name, named_by)
        ),
        None,
    )
    if issuer:
        # Added as an agency, "Sở Tài chính" would be every province's department at once.
        raise ReviewError(
            _(
                "“%(name)s” là đơn vị của %(issuer)s, không phải cơ quan của danh mục chung: không thêm thành cơ quan mới. Kế hoạch của %(issuer)s được chính cơ quan đó nhập ở trang Kế hoạch của các cơ quan, nơi các đơn vị được gắn với cơ quan ban hành."
            )
            % {"name": name, "issuer": issuer}
        )
    base = slugify(fold_aligned(name))[:100] or "co-quan"
    code, number = base, 1
    while Agency.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    agency = Agency.objects.create(
        code=code,
        name_vi=name,
        kind=AgencyKind.OTHER,
        source=_("Thêm khi rà soát văn bản nhập “%(file)s”") % {"file": locked.filename},
    )
    record_event(
        user, "import.agency_created", locked, after={"name": name, "code": code}, note=name
    )
    return agency


def publishable_data(draft: DraftImport) -> dict[str, Any]:
    data = copy.deepcopy(draft.data)
    data.pop("read_notes", None)  # about the file read, not the programme
    refs = {c["ref"] for c in data["clauses"]}
    for task in data["tasks"]:
        task.pop("spans", None)
        task.pop("columns", None)
        if task["ref"] not in refs:
            data["clauses"].append(
                {
                    "ref": task["ref"],
                    "kind": "paragraph",
                    "label": "",
                    "text": task["text"],
                    "parent": None,
                }
            )
    if not data["programme"].get("issue_date"):
        raise ReviewError(
            _("Chưa nhận ra ngày ban hành của văn bản: hãy bổ sung trước khi công bố.")
        )
    issued = datetime.date.fromisoformat(data["programme"]["issue_date"])
    from lotrinh.agencies.services import resolve_agency

    for regime in data.get("reporting_regimes") or []:
        # The first period holds the issue date the person confirmed on review.
        regime.setdefault("first_year", regimes.first_year(issued))
        # A regime names registered bodies only; a name the registry lost since the parse
        # stays as written (recipient_text) rather than refusing the whole programme.
        if regime.get("recipient") and resolve_agency(regime["recipient"], at=issued) is None:
            regime["recipient"] = None
        reporters = regime.get("reporters") or {}
        if reporters.get("agencies"):
            reporters["agencies"] = [
                n for n in reporters["agencies"] if resolve_agency(n, at=issued) is not None
            ]
    return data


@transaction.atomic
def publish(draft: DraftImport, user: Any, expected: str | None = None) -> Programme:
    """Publish the reviewed draft. `expected` is the fingerprint the person confirmed: a
    draft corrected since, or published already, is not published again."""
    current = DraftImport.objects.select_for_update().get(pk=draft.pk)
    if current.status == DraftStatus.PUBLISHED:
        programme = current.programme
        if expected is not None and programme is not None:
            if expected == _confirmed_when_published(current):
                # The same confirmation again (a double click, the form sent twice): it
                # is done; the programme it published, nothing written or recorded.
                return programme
            # A tab that confirmed something else (another version replaced, a content
            # corrected since): refused, naming what is in force.
            raise AlreadyPublished(
                _(
                    "Văn bản này đã được công bố thành %(code)s phiên bản %(version)s, từ một "
                    "xác nhận khác với xác nhận của trang bạn đang mở: không công bố lại."
                )
                % {"code": programme.code, "version": programme.version}
            )
        raise AlreadyPublished(_("Văn bản này đã được công bố trước đó: không công bố lại."))
    if expected is not None:
        digest, _dash, against = expected.partition("-")
        if digest != _content_digest(current):
            raise ReviewError(
                _(
                    "Bản nháp đã được sửa từ lúc bạn xác nhận: chưa công bố. Hãy xem lại tóm tắt và xác nhận lần nữa."
                )
            )
        now = _published_version(current.code)
        if against != str(now):
            raise ReviewError(
                _(
                    "Từ lúc bạn xác nhận, %(code)s đã được công bố phiên bản %(version)s (từ một bản nháp khác): chưa công bố. Hãy xem lại tóm tắt và xác nhận lần nữa."
                )
                % {"code": current.code, "version": now}
                if now
                else _(
                    "Từ lúc bạn xác nhận, phiên bản đang công bố của %(code)s đã thay đổi: chưa công bố. Hãy xem lại tóm tắt và xác nhận lần nữa."
                )
                % {"code": current.code}
            )
    locked = _editable(draft)
    confirmed = fingerprint(locked)  # what this publication holds for, before it
    # Another lineage first: no correction of the draft would make it publishable.
    plan = agency_plan_of(locked.code)
    if plan is not None:
        raise ReviewError(agency_plan_refusal(plan, locked.code))
    problems = unknown_names(locked)
    if problems:
        listed = "; ".join(f"{u.ref}: “{u.name}”" for u in problems[:10])
        raise ReviewError(
            _(
                "Còn %(count)s tên cơ quan chưa có trong danh mục: %(listed)s. Hãy chọn lại cơ quan trước khi công bố."
            )
            % {"count": len(problems), "listed": listed}
        )
    own, nonspecific = own_unit_groups(locked), nonspecific_groups(locked)
    if own or nonspecific:
        raise ReviewError(group_refusal(user, own, nonspecific))
    try:
        programme, _created = load_data(
            publishable_data(locked),
            source=locked.filename,
            status=ProgrammeStatus.PUBLISHED,
            origin=ProgrammeOrigin.IMPORT,
            user=user,
        )
    except ProgrammeFileError as exc:
        raise ReviewError(
            _("Chưa công bố được: dữ liệu của văn bản còn lỗi (chi tiết kỹ thuật: %(problems)s).")
            % {"problems": "; ".join(exc.problems[:10])}
        ) from exc
    locked.status = DraftStatus.PUBLISHED
    locked.programme = programme
    locked.save(update_fields=["status", "programme"])
    record_event(
        user,
        "import.published",
        locked,
        after={"programme": programme.code, "version": programme.version, "confirmed": confirmed},
    )
    return programme


def _confirmed_when_published(draft: DraftImport) -> str | None:
    """The confirmation the draft was published on (recorded with its publication)."""
    event = (
        events_for(draft).filter(action="import.published").order_by("-pk").values("after").first()
    )
    return (event["after"] or {}).get("confirmed") if event else None


@dataclass
class Change:
    ref: str
    kind: str  # added, removed, text, lead, coordinating
    before: str
    after: str

    @property
    def kind_label(self) -> str:
        """What changed, in words of the reader's language."""
        from django.utils.translation import gettext

        labels = {
            "added": gettext("Nhiệm vụ mới"),
            "removed": gettext("Nhiệm vụ bị bỏ"),
            "text": gettext("Nội dung"),
            "lead": gettext("Cơ quan chủ trì"),
            "coordinating": gettext("Cơ quan phối hợp"),
        }
        return labels.get(self.kind, gettext("Thay đổi khác"))


def changes_against_published(draft: DraftImport) -> list[Change]:
    """What the draft changes in the published programme with the same number."""
    from lotrinh.importer.evaluate import role_set
    from lotrinh.programmes.exporters import programme_to_data

    published = _published_national(draft.code)
    if published is None:
        return []
    old = {t["ref"]: t for t in programme_to_data(published)["tasks"]}
    new = {t["ref"]: t for t in draft.data["tasks"]}
    changes = []
    for ref, task in new.items():
        if ref not in old:
            changes.append(Change(ref, "added", "", task["text"][:200]))
            continue
        if " ".join(old[ref]["text"].split()) != " ".join(task["text"].split()):
            changes.append(Change(ref, "text", old[ref]["text"][:200], task["text"][:200]))
        for role in ("lead", "coordinating"):
            if role_set(old[ref], role) != role_set(task, role):
                changes.append(
                    Change(
                        ref,
                        role,
                        ", ".join(sorted(role_set(old[ref], role))),
                        ", ".join(sorted(role_set(task, role))),
                    )
                )
    changes += [Change(ref, "removed", old[ref]["text"][:200], "") for ref in old if ref not in new]
    return changes
