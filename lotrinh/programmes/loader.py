"""Loading a programme file (docs/programme-format.md) into the registry.

Validation runs completely before anything is written, and the write happens in one
transaction, so a bad file changes nothing. Errors name the file, the place
(`tasks[12].lead[0]`) and the problem.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from lotrinh.agencies.models import Agency
from lotrinh.agencies.services import resolve_agency
from lotrinh.core.audit import record_event
from lotrinh.programmes.models import (
    Clause,
    ClauseKind,
    GenericAddressee,
    Goal,
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeOrigin,
    ProgrammeStatus,
    Recurrence,
    Role,
    Task,
    TaskAssignment,
    TaskGroup,
)
from lotrinh.programmes.services import programme_numbered

FORMAT = "lotrinh.programme/1"
DATA_DIR = Path(__file__).resolve().parent / "data"
# Bundled programmes, parents first.
BUNDLED = ["52-NQ-TW.json", "50-NQ-CP.json"]


class ProgrammeFileError(Exception):
    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(
            f"{source}: {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems)
        )


@dataclass
class _Checker:
    problems: list[str] = field(default_factory=list)

    def fail(self, place: str, problem: str) -> None:
        self.problems.append(f"{place}: {problem}")

    def string(self, obj: dict[str, Any], key: str, place: str, required: bool = False) -> str:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(f"{place}.{key}", "is required")
            return ""
        if not isinstance(value, str):
            self.fail(f"{place}.{key}", f"must be a string, got {type(value).__name__}")
            return ""
        if required and not value.strip():
            self.fail(f"{place}.{key}", "must not be empty")
        return value

    def date(self, value: Any, place: str) -> datetime.date | None:
        if value is None:
            return None
        if not isinstance(value, str):
            self.fail(place, f"must be a date YYYY-MM-DD, got {type(value).__name__}")
            return None
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            self.fail(place, f"is not a valid date (YYYY-MM-DD): {value!r}")
            return None

    def items(self, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list):
            self.fail(key, f"must be a list, got {type(value).__name__}")
            return []
        good = []
        for index, item in enumerate(value):
            if isinstance(item, dict):
                good.append(item)
            else:
                self.fail(f"{key}[{index}]", f"must be an object, got {type(item).__name__}")
        return good

    def names(self, obj: dict[str, Any], key: str, place: str) -> list[str]:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{place}.{key}", "must be a list of agency names")
            return []
        return value


def _choice(check: _Checker, value: str, choices: type, place: str) -> str:
    if value and value not in choices.values:  # type: ignore[attr-defined]
        allowed = ", ".join(choices.values)  # type: ignore[attr-defined]
        check.fail(place, f"unknown value {value!r} (allowed: {allowed})")
    return value


@dataclass
class ValidatedProgramme:
    data: dict[str, Any]
    issue_date: datetime.date
    agencies: dict[str, Agency]
    content_hash: str


def validate(data: Any, source: str) -> ValidatedProgramme:
    """Check a parsed programme file completely; raise ProgrammeFileError listing every problem."""
    check = _Checker()
    if not isinstance(data, dict):
        raise ProgrammeFileError(source, ["(top): must be a JSON object"])
    if data.get("format") != FORMAT:
        check.fail("format", f"must be {FORMAT!r}, got {data.get('format')!r}")
    programme = data.get("programme")
    issue_date = None
    if not isinstance(programme, dict):
        check.fail("programme", "is required and must be an object")
        programme = {}
    check.string(programme, "code", "programme", required=True)
    check.string(programme, "title", "programme", required=True)
    _choice(check, check.string(programme, "kind", "programme"), ProgrammeKind, "programme.kind")
    if "issue_date" not in programme:
        check.fail("programme.issue_date", "is required")
    else:
        issue_date = check.date(programme.get("issue_date"), "programme.issue_date")

    clauses = check.items(data, "clauses")
    if not clauses:
        check.fail("clauses", "at least one clause is required")
    clause_refs: set[str] = set()
    for index, clause in enumerate(clauses):
        place = f"clauses[{index}]"
        ref = check.string(clause, "ref", place, required=True)
        check.string(clause, "text", place, required=False)
        _choice(
            check, check.string(clause, "kind", place, required=True), ClauseKind, f"{place}.kind"
        )
        if ref in clause_refs:
            check.fail(f"{place}.ref", f"duplicate clause reference {ref!r}")
        parent = clause.get("parent")
        if parent is not None and parent not in clause_refs:
            check.fail(f"{place}.parent", f"unknown or later clause {parent!r}")
        clause_refs.add(ref)

    for index, goal in enumerate(check.items(data, "goals")):
        place = f"goals[{index}]"
        check.string(goal, "ref", place, required=True)
        check.string(goal, "text", place, required=True)

    group_refs: set[str] = set()
    for index, group in enumerate(check.items(data, "task_groups")):
        place = f"task_groups[{index}]"
        ref = check.string(group, "ref", place, required=True)
        check.string(group, "title", place, required=True)
        if ref in group_refs:
            check.fail(f"{place}.ref", f"duplicate task group reference {ref!r}")
        group_refs.add(ref)

    names: dict[str, str] = {}  # name as written → first place it was seen
    task_refs: set[str] = set()
    for index, task in enumerate(check.items(data, "tasks")):
        place = f"tasks[{index}]"
        ref = check.string(task, "ref", place, required=True)
        check.string(task, "text", place, required=True)
        if ref in task_refs:
            check.fail(f"{place}.ref", f"duplicate task reference {ref!r}")
        task_refs.add(ref)
        if ref and ref not in clause_refs:
            check.fail(f"{place}.ref", f"no clause has the reference {ref!r}")
        group_ref = check.string(task, "group", place, required=True)
        if group_ref and group_ref not in group_refs:
            check.fail(f"{place}.group", f"unknown task group {group_ref!r}")
        for role in ("lead", "coordinating"):
            for position, name in enumerate(check.names(task, role, place)):
                names.setdefault(name, f"{place}.{role}[{position}]")
        addressees = task.get("addressees", [])
        if not isinstance(addressees, list):
            check.fail(f"{place}.addressees", "must be a list")
            addressees = []
        for position, addressee in enumerate(addressees):
            where = f"{place}.addressees[{position}]"
            if not isinstance(addressee, dict):
                check.fail(where, "must be an object")
                continue
            _choice(
                check,
                check.string(addressee, "generic", where, required=True),
                GenericAddressee,
                f"{where}.generic",
            )
            _choice(
                check, check.string(addressee, "role", where, required=True), Role, f"{where}.role"
            )
        deadline = task.get("deadline")
        if deadline is not None:
            if not isinstance(deadline, dict):
                check.fail(f"{place}.deadline", "must be an object {text, date} or null")
            else:
                check.date(deadline.get("date"), f"{place}.deadline.date")
        recurrence = task.get("recurrence")
        if recurrence is not None:
            if not isinstance(recurrence, str):
                check.fail(f"{place}.recurrence", "must be a string or null")
            else:
                _choice(check, recurrence, Recurrence, f"{place}.recurrence")
        if task.get("output") is not None and not isinstance(task.get("output"), str):
            check.fail(f"{place}.output", "must be a string or null")

    for index, regime in enumerate(check.items(data, "reporting_regimes")):
        place = f"reporting_regimes[{index}]"
        check.string(regime, "code", place, required=True)
        check.string(regime, "name", place, required=True)
        recipient = regime.get("recipient")
        if isinstance(recipient, str) and recipient:
            names.setdefault(recipient, f"{place}.recipient")
        reporters = regime.get("reporters") or {}
        if isinstance(reporters, dict):
            for position, name in enumerate(reporters.get("agencies") or []):
                names.setdefault(name, f"{place}.reporters.agencies[{position}]")
        deadline = regime.get("deadline") or {}
        if isinstance(deadline, dict) and "date" in deadline:
            check.date(deadline.get("date"), f"{place}.deadline.date")

    targets = check.items(data, "targets")
    for index, target in enumerate(targets):
        place = f"targets[{index}]"
        check.string(target, "code", place, required=True)
        check.string(target, "indicator", place, required=True)
        year = target.get("year")
        if not isinstance(year, int):
            check.fail(f"{place}.year", f"must be an integer year, got {year!r}")

    agencies: dict[str, Agency] = {}
    at = issue_date or timezone.localdate()  # Hà Nội's day, not the server's
    for name, place in names.items():
        agency = resolve_agency(name, at=at)
        if agency is None:
            check.fail(place, f"unknown agency {name!r} (not in the agency registry)")
        else:
            agencies[name] = agency

    if check.problems:
        raise ProgrammeFileError(source, check.problems)
    assert issue_date is not None
    digest = hashlib.sha256(
        json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    return ValidatedProgramme(data, issue_date, agencies, digest)


def read_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ProgrammeFileError(str(path), ["file not found"]) from exc
    except UnicodeDecodeError as exc:
        raise ProgrammeFileError(str(path), [f"not UTF-8 text (byte {exc.start})"]) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgrammeFileError(
            str(path), [f"line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"]
        ) from exc


def load_file(
    path: Path,
    status: str = ProgrammeStatus.PUBLISHED,
    *,
    origin: str = ProgrammeOrigin.FILE,
) -> tuple[Programme, bool]:
    return load_data(read_file(path), source=str(path), status=status, origin=origin)


def next_version(code: str) -> int:
    """The version the next one numbered `code` gets: after every version of the number,
    drafts and superseded ones included (the confirmation says the same number). The
    national lineage's count: an agency's plan counts its own (`next_plan_version`)."""
    from lotrinh.programmes.services import national_versions

    latest = (
        national_versions(code).order_by("-version").values_list("version", flat=True)
    ).first()
    return (latest or 0) + 1


def load_data(
    data: Any,
    source: str,
    status: str = ProgrammeStatus.PUBLISHED,
    *,
    origin: str = ProgrammeOrigin.FILE,
    source_name: str = "",
    user: Any = None,
) -> tuple[Programme, bool]:
    """Validate and store a programme. Returns (programme, created).

    The same content loaded twice is a no-op; changed content becomes a new version
    and the earlier published version is kept, marked superseded. Everything that hangs
    on the tasks of the replaced version follows them (`lotrinh.reporting.carry`).
    `source_name` is what the versions page shows (a file name, or the decision of an
    amendment); by default the file name of `source`.
    """
    valid = validate(data, source)
    code = valid.data["programme"]["code"]
    from lotrinh.programmes.services import agency_plan_versions

    plan = agency_plan_versions(code, programme_slug(code)).order_by("-version").first()
    if plan is not None:
        # Another lineage: an agency's own plan has this number, or this address under
        # another spelling ("45-KH-TU", "45-KH/TU"); a national version would take its
        # address, and its version numbers (docs/cascade.md).
        raise ProgrammeFileError(
            source,
            [
                f"{code}: số, ký hiệu hoặc địa chỉ /chuong-trinh/{plan.slug}/ của kế hoạch "
                f"{plan.code} của một cơ quan (Phân cấp), không nạp chồng"
            ],
        )
    from lotrinh.programmes.services import national_versions

    latest = national_versions(code).order_by("-version").first()
    if latest is not None and latest.content_hash == valid.content_hash:
        return latest, False
    with transaction.atomic():
        version = next_version(code)
        replaced = None
        if latest is not None:
            if status == ProgrammeStatus.PUBLISHED:
                published = (
                    national_versions(code)
                    .select_for_update()
                    .filter(status=ProgrammeStatus.PUBLISHED)
                )
                replaced = published.order_by("-version").first()
                published.update(status=ProgrammeStatus.SUPERSEDED)
        programme = _store(valid, version, status, source, origin, source_name or Path(source).name)
        if replaced is not None:
            from lotrinh.reporting.carry import carry_dependants

            carry_dependants(replaced, programme, user=user)
    return programme, True


def programme_slug(code: str) -> str:
    """The address a national programme numbered `code` is stored at: its latest earlier
    version's, when a page could take it (an address once given stays, whatever rule made
    it), else `new_programme_slug`."""
    from lotrinh.accounts import permissions as perms
    from lotrinh.programmes.services import national_versions

    kept = national_versions(code).order_by("-version").values_list("slug", flat=True).first()
    if kept and _SLUG_CHARACTERS.match(kept):
        return kept
    # Two numbers may fold to one address ("15/QĐ-TTg (a)", "15/QĐ-TTg a"): another
    # national number's address is not taken; the number gets the next free "-2", "-3".
    base = slug = new_programme_slug(code)
    others = Programme.objects.exclude(code=code).exclude(perms.agency_plan_rule())
    suffix = 1
    while others.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base[: 79 - len(str(suffix))]}-{suffix}"
    return slug


_SLUG_CHARACTERS = re.compile(r"^[-a-z0-9_]+$")


def new_programme_slug(code: str) -> str:
    """The address of a new number: folded, "/", " " and "." as "-" ("50/NQ-CP" →
    "50-nq-cp", as every address made before). A number with other characters
    ("15/QĐ-TTg (minh hoạ)") once kept them ("15-qd-ttg-(minh-hoa)"), which no page's
    address takes (`<slug:…>`: letters, digits, "-", "_"), so no link to it could be made
    (the home page failed): now each run of them is one "-" ("15-qd-ttg-minh-hoa"), as
    `cascade.plan_slug` writes a plan's. A number that gave a working address gives the
    same one."""
    from lotrinh.core.text import fold

    slug = fold(code).replace("/", "-").replace(" ", "-").replace(".", "-")
    if _SLUG_CHARACTERS.match(slug) and len(slug) <= 80:
        return slug
    slug = re.sub(r"[^a-z0-9_]+", "-", slug).strip("-")
    return slug[:80].strip("-") or "chuong-trinh"


def _store(
    valid: ValidatedProgramme,
    version: int,
    status: str,
    source: str,
    origin: str,
    source_name: str,
) -> Programme:
    data = valid.data
    meta = data["programme"]
    issuer_text = meta.get("issuer") or ""
    implements_code = meta.get("implements") or ""
    programme = Programme.objects.create(
        code=meta["code"],
        slug=programme_slug(meta["code"]),
        version=version,
        kind=meta.get("kind") or ProgrammeKind.OTHER,
        title=meta["title"],
        title_en=meta.get("title_en") or "",
        issuer=resolve_agency(issuer_text, at=valid.issue_date) if issuer_text else None,
        issuer_text=issuer_text,
        issue_date=valid.issue_date,
        implements=programme_numbered(implements_code) if implements_code else None,
        implements_code=implements_code,
        status=status,
        source=meta.get("source") or "",
        source_en=meta.get("source_en") or "",
        note=meta.get("note") or "",
        note_en=meta.get("note_en") or "",
        source_file=source_name[:255],
        origin=origin,
        # Whatever the document reads as (a Party committee's "Kế hoạch" too): the loader
        # stores national programmes; agencies' plans are the cascade's.
        lineage=ProgrammeLineage.NATIONAL,
        content_hash=valid.content_hash,
    )
    clauses: dict[str, Clause] = {}
    for position, item in enumerate(data["clauses"]):
        parent = clauses.get(item.get("parent") or "")
        clause = Clause(
            programme=programme,
            ref=item["ref"],
            kind=item["kind"],
            label=item.get("label") or "",
            text=item.get("text") or "",
            parent=parent,
            position=position,
            depth=(parent.depth + 1) if parent else 0,
        )
        clause.save()
        clauses[clause.ref] = clause

    Goal.objects.bulk_create(
        Goal(
            programme=programme,
            ref=g["ref"],
            horizon=str(g.get("horizon") or ""),
            text=g["text"],
            position=i,
        )
        for i, g in enumerate(data.get("goals", []))
    )
    parent_groups = (
        {g.ref: g for g in programme.implements.task_groups.all()} if programme.implements else {}
    )
    groups: dict[str, TaskGroup] = {}
    for position, item in enumerate(data.get("task_groups", [])):
        groups[item["ref"]] = TaskGroup.objects.create(
            programme=programme,
            ref=item["ref"],
            title=item["title"],
            implements=parent_groups.get(item.get("implements") or ""),
            position=position,
        )
    for position, item in enumerate(data.get("tasks", [])):
        deadline = item.get("deadline") or {}
        task = Task(
            programme=programme,
            group=groups[item["group"]],
            clause=clauses[item["ref"]],
            ref=item["ref"],
            text=item["text"],
            deadline_text=deadline.get("text") or "",
            deadline=datetime.date.fromisoformat(deadline["date"])
            if deadline.get("date")
            else None,
            recurrence=item.get("recurrence") or "",
            output=item.get("output") or "",
            note=item.get("note") or "",
            note_en=item.get("note_en") or "",
            position=position,
        )
        task.save()
        assignments = []
        for role in (Role.LEAD, Role.COORDINATING):
            for index, name in enumerate(item.get(role, [])):
                assignments.append(
                    TaskAssignment(
                        task=task,
                        role=role,
                        agency=valid.agencies[name],
                        name_as_written=name,
                        position=index,
                    )
                )
        for index, addressee in enumerate(item.get("addressees", [])):
            assignments.append(
                TaskAssignment(
                    task=task,
                    role=addressee["role"],
                    generic=addressee["generic"],
                    name_as_written=addressee.get("text") or addressee["generic"],
                    position=100 + index,
                )
            )
        TaskAssignment.objects.bulk_create(assignments)

    from lotrinh.indicators.services import load_targets
    from lotrinh.reporting.regimes import load_regimes

    load_regimes(programme, data.get("reporting_regimes", []), valid.agencies)
    load_targets(programme, data.get("targets", []), source_name=Path(source).name)
    record_event(
        None,
        "programme.loaded",
        programme,
        after={"version": version, "status": status, "tasks": len(data.get("tasks", []))},
        note=source_name,
    )
    return programme


class BundledState:
    LOADED = "loaded"  # absent before: loaded as version 1
    UNCHANGED = "unchanged"  # the current version is the bundled file as shipped
    UPGRADED = "upgraded"  # the bundled file changed and nobody had amended the programme
    MOVED_ON = "moved_on"  # the programme has versions of its own since: left alone


@dataclass
class BundledResult:
    programme: Programme
    state: str


def load_bundled() -> list[BundledResult]:
    """Load the programmes shipped with the software, never undoing what came after them.

    A bundled file is loaded when its programme is absent, or when the file changed
    (a software upgrade) and the current version is still one loaded from the bundled
    file. A programme that has moved on (an accepted amendment, a file loaded by hand,
    an import) is left as it is: running `init` again is always safe.
    """
    return [_load_bundled_file(DATA_DIR / name) for name in BUNDLED]


def _load_bundled_file(path: Path) -> BundledResult:
    data = read_file(path)
    valid = validate(data, str(path))
    code = valid.data["programme"]["code"]
    from lotrinh.programmes.services import national_versions

    # The national programme of the number: an agency's plan numbered alike is another
    # lineage, which `load_data` refuses to load over, never the programme "moved on".
    versions = national_versions(code)
    current = versions.filter(status=ProgrammeStatus.PUBLISHED).order_by("-version").first()
    if current is None and not versions.exists():
        programme, _created = load_data(data, source=str(path), origin=ProgrammeOrigin.BUNDLED)
        return BundledResult(programme, BundledState.LOADED)
    if current is None or current.origin != ProgrammeOrigin.BUNDLED:
        latest = current or versions.order_by("-version").first()
        assert latest is not None
        return BundledResult(latest, BundledState.MOVED_ON)
    if current.content_hash == valid.content_hash:
        return BundledResult(current, BundledState.UNCHANGED)
    programme, _created = load_data(data, source=str(path), origin=ProgrammeOrigin.BUNDLED)
    return BundledResult(programme, BundledState.UPGRADED)
