"""Units of an agency: naming, the tree, succession, and who holds a unit's task on a date.

A unit (a province's Sở, its communes and wards; a ministry's Vụ and Cục) belongs to one
agency. Like agencies, units are valid over a span of time and pass their
responsibilities on by succession; a succession may cross agencies (the 2025 provincial
mergers merged the departments of the merged provinces). Rules in docs/cascade.md.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies import units_file
from lotrinh.agencies.models import Agency, SuccessionKind, Unit, UnitKind, UnitSuccession
from lotrinh.agencies.services import SuccessionGraph
from lotrinh.agencies.unit_names import classify_unit_name, unit_name_key
from lotrinh.core.audit import record_event
from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.exports import unsafe_cell
from lotrinh.core.locale import format_datetime, localized_text, name_order
from lotrinh.core.text import fold, normalise_name
from lotrinh.core.textfiles import TextEncodingError, csv_delimiter, decode_text_file


class UnitError(Exception):
    """A unit change refused, with a message for the person."""


# ---------------------------------------------------------------- names

# One table of unit names for the units and the importer (docs/cascade.md).


def unit_code(name: str) -> str:
    return slugify(fold(name).replace("đ", "d"))[:110] or "don-vi"


# ---------------------------------------------------------------- looking units up


def valid_units(agency: Agency, day: datetime.date) -> Any:
    return agency.units.filter(
        (Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    )


def resolve_unit(agency: Agency, name: str, day: datetime.date | None = None) -> Unit | None:
    """The agency's unit a name as written refers to (exact name or abbreviation, after
    folding), preferring one valid on `day`."""
    key = unit_name_key(normalise_name(name))
    candidates = [
        u
        for u in agency.units.all()
        if unit_name_key(u.normalised) == key
        or (u.abbreviation and normalise_name(u.abbreviation) == normalise_name(name))
    ]
    if not candidates:
        return None
    if day is not None:
        valid = [u for u in candidates if u.is_valid_on(day)]
        if valid:
            return valid[0]
    return candidates[-1]


# ---------------------------------------------------------------- who holds a unit's task


@dataclass(frozen=True)
class Holder:
    """Who holds a unit's responsibilities on a date: a unit (with its agency), or only an
    agency when the unit's agency was merged and no unit succession names the successor."""

    agency: Agency
    unit: Unit | None

    @property
    def name(self) -> str:
        return self.unit.full_name if self.unit else self.agency.name_vi


class UnitGraph:
    """All unit successions in memory, with the agency graph, for date questions."""

    def __init__(
        self, successions: Iterable[UnitSuccession], agencies: SuccessionGraph | None = None
    ) -> None:
        self.out: dict[int, list[UnitSuccession]] = {}
        for succession in successions:
            self.out.setdefault(succession.predecessor_id, []).append(succession)
        for items in self.out.values():
            items.sort(key=lambda s: s.effective_date)
        self.agencies = agencies if agencies is not None else SuccessionGraph.load()

    @classmethod
    def load(cls) -> UnitGraph:
        return cls(
            UnitSuccession.objects.select_related(
                "predecessor__agency", "successor__agency", "successor"
            )
        )

    def unit_at(self, unit: Unit, day: datetime.date) -> Unit:
        """The unit holding `unit`'s responsibilities on `day` through unit successions."""
        current, seen = unit, {unit.pk}
        while True:
            step = next(
                (
                    s
                    for s in self.out.get(current.pk, [])
                    if s.effective_date <= day and s.successor_id is not None
                ),
                None,
            )
            if step is None or step.successor is None or step.successor_id in seen:
                return current
            current = step.successor
            seen.add(current.pk)

    def holder_at(self, unit: Unit, day: datetime.date) -> Holder:
        """Who holds `unit`'s task on `day`, through mergers at both levels: first the
        unit's own successions; then, if the holding unit's agency has passed its
        responsibilities on (a merged ministry or province) and no unit succession says
        which unit of the successor took them, the successor agency itself."""
        held = self.unit_at(unit, day)
        agency_holder = self.agencies.holder_at(held.agency, day)
        if agency_holder.pk != held.agency_id:
            return Holder(agency_holder, None)
        return Holder(held.agency, held)


def holder_of_unit(unit: Unit, day: datetime.date) -> Holder:
    return UnitGraph.load().holder_at(unit, day)


# ---------------------------------------------------------------- changes (services)


def _check(user: Any, agency: Agency) -> None:
    # `user` None: the command line (`lotrinh import_units`), run by the server's operator.
    if user is None:
        return
    if not perms.may_manage_units(user, agency):
        raise UnitError(_("Chỉ quản trị viên của cơ quan mới quản lý được đơn vị của cơ quan."))


def _date(value: str, field: str) -> datetime.date | None:
    """A date of the CSV: dd/mm/yyyy (as Excel in Vietnamese writes it) or ISO."""
    try:
        return parse_day(value)
    except DayError as exc:
        raise UnitError(
            _("%(field)s: %(problem)s") % {"field": field, "problem": str(exc)}
        ) from None


@transaction.atomic
def create_unit(
    user: Any,
    agency: Agency,
    *,
    name: str,
    kind: str = "",
    parent: Unit | None = None,
    name_en: str = "",
    abbreviation: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    code: str = "",
) -> Unit:
    """The agency's administrator adds a unit (kind guessed from the name if not given)."""
    _check(user, agency)
    # One unit added to an agency at a time: a second administrator's (or a double
    # click's) same code waits here and is then told the unit exists, not a 500.
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    name = " ".join(name.split())
    if not name:
        raise UnitError(_("Cần tên đơn vị."))
    if any(_CONTROL.search(value) for value in (name, name_en, abbreviation, code)):
        raise UnitError(_("Tên hoặc mã đơn vị có ký tự điều khiển không hợp lệ."))
    if len(name) > 255 or len(name_en.strip()) > 255:
        raise UnitError(_("Tên đơn vị dài quá 255 ký tự."))
    kind = kind or classify_unit_name(name) or UnitKind.OTHER
    if kind not in UnitKind.values:
        raise UnitError(_("Loại đơn vị không hợp lệ."))
    if parent is not None and parent.agency_id != agency.pk:
        raise UnitError(_("Đơn vị cấp trên phải thuộc cùng cơ quan."))
    if valid_from and valid_to and valid_to < valid_from:
        raise UnitError(_("Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực."))
    code = code or unit_code(name)
    if agency.units.filter(code=code).exists():
        raise UnitError(_("Cơ quan đã có đơn vị mã “%(code)s”.") % {"code": code})
    unit = Unit.objects.create(
        agency=agency,
        parent=parent,
        code=code,
        name_vi=name,
        name_en=name_en.strip(),
        abbreviation=abbreviation.strip(),
        kind=kind,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    record_event(user, "unit.created", unit, after={"name": unit.name_vi, "kind": unit.kind})
    return unit


@transaction.atomic
def confirm_unit(user: Any, unit: Unit, expected_version: int) -> Unit:
    """The administrator confirms a unit the importer proposed from a plan's text."""
    locked = Unit.objects.select_for_update().get(pk=unit.pk)
    _check(user, locked.agency)
    if not locked.proposed:
        # Confirmed already (a double click, a colleague's tab): what is asked is what is
        # stored, so nothing to refuse and nothing to record again.
        return locked
    if locked.version != expected_version:
        raise UnitError(_("Đơn vị đã được thay đổi từ lúc bạn mở trang: hãy xem lại."))
    locked.proposed = False
    locked.version += 1
    locked.save(update_fields=["proposed", "version"])
    record_event(user, "unit.confirmed", locked)
    return locked


@transaction.atomic
def add_succession(
    user: Any,
    predecessor: Unit,
    successor: Unit | None,
    effective_date: datetime.date,
    kind: str = SuccessionKind.MERGED_INTO,
) -> UnitSuccession:
    _check(user, predecessor.agency)
    if successor is not None and successor.pk == predecessor.pk:
        raise UnitError(_("Một đơn vị không kế thừa chính nó."))
    succession, _created = UnitSuccession.objects.update_or_create(
        predecessor=predecessor,
        effective_date=effective_date,
        defaults={"successor": successor, "kind": kind},
    )
    if predecessor.valid_to is None or predecessor.valid_to >= effective_date:
        predecessor.valid_to = effective_date - datetime.timedelta(days=1)
        predecessor.version += 1
        predecessor.save(update_fields=["valid_to", "version"])
    record_event(
        user,
        "unit.succeeded",
        predecessor,
        after={
            "successor": successor.name_vi if successor else None,
            "date": effective_date.isoformat(),
        },
    )
    return succession


@transaction.atomic
def attach_user(
    user: Any, person: Any, unit: Unit | None, expected_version: int | None = None
) -> Any:
    """Attach a person of the agency to one of its units (or detach with None).

    `expected_version` is the person's version the page showed (None: the command line
    and other services). The person's unit as it is stored is no change (a double click,
    a colleague's same choice): nothing saved, nothing recorded. Another change since
    the page was shown (a colleague moved her, or changed her role) refuses the save,
    naming where she is now and what was chosen."""
    from lotrinh.accounts.models import User

    locked = User.objects.select_for_update().get(pk=person.pk)
    agency = locked.agency
    if agency is None:
        raise UnitError(_("Người dùng chưa thuộc cơ quan nào."))
    _check(user, agency)
    if unit is not None and unit.agency_id != agency.pk:
        raise UnitError(_("Đơn vị không thuộc cơ quan của người dùng."))
    if locked.unit_id == (unit.pk if unit is not None else None):
        return locked
    if expected_version is not None and locked.version != expected_version:
        none = _("cơ quan, không thuộc đơn vị nào")
        raise UnitError(
            _(
                "%(person)s đã được đổi đơn vị hoặc vai trò từ lúc bạn mở trang; nay thuộc: "
                "%(now)s. Chưa lưu gì. Bạn đã chọn: %(chosen)s. Hãy xem lại rồi lưu lần nữa."
            )
            % {
                "person": str(locked),
                "now": localized_text(locked.unit, "name") if locked.unit is not None else none,
                "chosen": localized_text(unit, "name") if unit is not None else none,
            }
        )
    previous = locked.unit
    before = previous.name_vi if previous else None
    locked.unit = unit
    locked.version += 1
    locked.save(update_fields=["unit", "version"])
    record_event(
        user,
        "unit.user_attached",
        locked,
        before={"unit": before},
        after={"unit": unit.name_vi if unit else None},
        # The unit the person joins; taken out of one, the unit she leaves.
        unit=unit or previous,
    )
    return locked


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

CSV_COLUMNS = ("code", "name_vi", "kind", "parent", "valid_from", "valid_to")
CSV_OPTIONAL = ("name_en", "abbreviation", "successor", "succession_date", "version")


@dataclass
class CsvResult:
    created: int
    updated: int
    successions: int


@dataclass
class CsvOverwrite:
    """A row of the file that would write over a change made to its unit since the file's
    version of it (its `version` column) or since the preview: who changed what, when."""

    line: int
    code: str
    unit: Unit
    changes: list[tuple[str, str, str]]  # (field's name, stored now, in the file)
    who: str
    when: str
    since_preview: bool  # changed after the preview was shown: shown again, never forced


@dataclass
class CsvPreview:
    """What a file would do, nothing written: units added, units updated (with the version
    each has now, carried by the confirm form), rows that would overwrite a change."""

    created: list[str]
    updated: dict[str, int]
    overwrites: list[CsvOverwrite]
    versioned: bool  # the file carries each unit's version (a `version` column)
    # Every row that changes a unit: (line, unit, [(field's name, stored now, in the file)]).
    changed: list[tuple[int, Unit, list[tuple[str, str, str]]]] = dataclasses.field(
        default_factory=list
    )


class StaleImport(UnitError):
    """Rows of the file would overwrite changes made since: nothing written."""

    def __init__(self, preview: CsvPreview) -> None:
        self.preview = preview
        super().__init__(
            _(
                "%(count)s dòng của tệp sẽ ghi đè thay đổi được thực hiện sau khi tệp được "
                "tải xuống hoặc sau khi xem trước. Chưa ghi gì."
            )
            % {"count": len(preview.overwrites)}
        )


def _shown(value: Any) -> str:
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value or "")


def _overwrite(
    item: dict[str, Any], unit: Unit, values: dict[str, Any], since_preview: bool
) -> CsvOverwrite:

    from lotrinh.core.concurrency import last_event

    event = last_event(unit)
    who = (
        (event.actor.full_name or event.actor.username)
        if event is not None and event.actor is not None
        else _("hệ thống")
    )
    when = format_datetime(event.occurred_at) if event else ""
    return CsvOverwrite(
        item["line"], item["code"], unit, _diff(unit, values), who, when, since_preview
    )


def _diff(unit: Unit, values: dict[str, Any]) -> list[tuple[str, str, str]]:
    """What a row changes: (the field's name, what is stored now, what the file says)."""
    return [
        (str(Unit._meta.get_field(name).verbose_name), _shown(getattr(unit, name)), _shown(value))
        for name, value in values.items()
        if getattr(unit, name) != value
    ]


def decode_csv(data: bytes) -> str:
    try:
        # UTF-8, UTF-16 with its mark (Excel's "Unicode text"), Windows-1258.
        return decode_text_file(data)
    except TextEncodingError as exc:
        raise UnitError(exc.message) from None


def preview_units_csv(user: Any, agency: Agency, data: bytes | str) -> CsvPreview:
    """What `import_units_csv` would do with the file, written nothing (a bad file raises
    `UnitError` as the import does)."""
    try:
        with transaction.atomic():
            import_units_csv(user, agency, data, dry_run=True)
    except _DryRun as done:
        return done.preview
    raise AssertionError("a dry run always ends in _DryRun")  # pragma: no cover


class _DryRun(Exception):
    def __init__(self, preview: CsvPreview) -> None:
        self.preview = preview


@transaction.atomic
def import_units_csv(
    user: Any,
    agency: Agency,
    data: bytes | str,
    *,
    seen: dict[str, int] | None = None,
    base: dict[str, int] | None = None,
    overwrite: Iterable[str] = (),
    dry_run: bool = False,
) -> CsvResult:
    """Units of an agency from a CSV file (header row; UTF-8, UTF-16 or Windows-1258;
    separated by ",", ";" or a tab). Columns: code, name_vi,
    kind (empty: guessed from the name), parent (a code), valid_from, valid_to, and
    optionally name_en, abbreviation, successor (a code, possibly `agency-code:unit-code`
    for a unit of another agency) with succession_date. The whole file is checked before
    anything is written; a bad file changes nothing and every problem is listed.

    A row that changes an existing unit changed by someone since is refused, the whole file
    with it (`StaleImport`, naming who changed what and when), unless the administrator
    confirmed that row (`overwrite`, its code): since the unit's version in the file's
    optional `version` column (else `base[code]`, the version the first preview showed),
    or since the preview that showed version `seen[code]` (a change after the preview is
    always refused: nobody saw it). No version in the file and no `seen` (the command
    line): no check, as before."""
    _check(user, agency)
    confirmed = set(overwrite)
    text = decode_csv(data) if isinstance(data, bytes) else data
    # "," or, from Excel in a Vietnamese locale, ";" or a tab.
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    try:
        # The download's Vietnamese headers ("Tên đơn vị") as the import's names.
        reader.fieldnames = [units_file.column_of(h) for h in reader.fieldnames or []]
        missing = [c for c in ("code", "name_vi") if c not in (reader.fieldnames or [])]
        if missing:
            raise UnitError(_("Tệp CSV thiếu cột: %(columns)s.") % {"columns": ", ".join(missing)})
        # A cell the download neutralised against formulas ("'=…") as it was typed.
        rows = [
            {k: unsafe_cell(v) if isinstance(v, str) else v for k, v in row.items()}
            for row in reader
        ]
    except csv.Error as exc:
        raise UnitError(_("Tệp không đúng định dạng CSV (%(error)s).") % {"error": exc}) from None
    problems: list[str] = []
    codes_in_file = {(r.get("code") or "").strip() for r in rows}
    # The agency's row first, as `create_unit` takes it: the same file sent twice at once
    # (or a unit added meanwhile) waits here, then reads the units the first wrote,
    # instead of inserting the same codes again (a unique-constraint failure, a 500).
    Agency.objects.select_for_update().filter(pk=agency.pk).first()
    existing = {u.code: u for u in agency.units.select_related("parent")}
    parsed: list[dict[str, Any]] = []
    # A code twice would be one unit written over by the other: a lost row.
    first_line: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if code and code in first_line:
            problems.append(
                _("Dòng %(n)s: mã “%(code)s” đã có ở dòng %(first)s.")
                % {"n": number, "code": code[:40], "first": first_line[code]}
            )
        first_line.setdefault(code, number)
        name = " ".join((row.get("name_vi") or "").split())
        # The download writes a kind's Vietnamese name; a file may carry its code too.
        kind = units_file.kind_of((row.get("kind") or "").strip())
        kind = kind or classify_unit_name(name) or UnitKind.OTHER
        parent = (row.get("parent") or "").strip()
        try:
            valid_from = _date(row.get("valid_from", ""), "valid_from")
            valid_to = _date(row.get("valid_to", ""), "valid_to")
            succession_date = _date(row.get("succession_date", ""), "succession_date")
        except UnitError as exc:
            problems.append(_("Dòng %(n)s: %(problem)s") % {"n": number, "problem": exc})
            continue
        if not code or not re.fullmatch(r"[-a-z0-9_]+", code):
            problems.append(
                _("Dòng %(n)s: mã “%(code)s” không hợp lệ.") % {"n": number, "code": code[:40]}
            )
        if not name:
            problems.append(_("Dòng %(n)s: thiếu tên đơn vị.") % {"n": number})
        if any(_CONTROL.search(value or "") for value in row.values() if isinstance(value, str)):
            # PostgreSQL refuses a NUL in text: the save would fail after the check.
            problems.append(_("Dòng %(n)s: có ký tự điều khiển không hợp lệ.") % {"n": number})
        for field, value in (
            ("code", code),
            ("name_vi", name),
            ("name_en", (row.get("name_en") or "").strip()),
            ("abbreviation", (row.get("abbreviation") or "").strip()),
        ):
            limit = Unit._meta.get_field(field).max_length or 0
            if len(value) > limit:
                problems.append(
                    _("Dòng %(n)s: %(field)s dài quá %(limit)s ký tự.")
                    % {"n": number, "field": field, "limit": limit}
                )
        if valid_from and valid_to and valid_to < valid_from:
            problems.append(
                _("Dòng %(n)s: ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.") % {"n": number}
            )
        if kind not in UnitKind.values:
            problems.append(
                _("Dòng %(n)s: loại “%(kind)s” không có.") % {"n": number, "kind": kind}
            )
        if parent and parent not in codes_in_file and parent not in existing:
            problems.append(
                _("Dòng %(n)s: đơn vị cấp trên “%(code)s” không có.")
                % {"n": number, "code": parent}
            )
        successor = (row.get("successor") or "").strip()
        if successor and not succession_date:
            problems.append(_("Dòng %(n)s: có đơn vị kế thừa nhưng thiếu ngày.") % {"n": number})
        if successor == code and code:
            problems.append(_("Dòng %(n)s: một đơn vị không kế thừa chính nó.") % {"n": number})
        elif successor and not _successor_known(agency, successor, codes_in_file, existing):
            problems.append(
                _("Dòng %(n)s: đơn vị kế thừa “%(code)s” không có.")
                % {"n": number, "code": successor[:80]}
            )
        parsed.append(
            {
                "line": number,
                "code": code,
                "name": name,
                "kind": kind,
                "parent": parent,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "name_en": (row.get("name_en") or "").strip(),
                "abbreviation": (row.get("abbreviation") or "").strip(),
                "successor": successor,
                "succession_date": succession_date,
                "version": (row.get("version") or "").strip(),
            }
        )
    for item in parsed:
        if item["version"] and not item["version"].isdigit():
            problems.append(
                _("Dòng %(n)s: phiên bản “%(version)s” không hợp lệ.")
                % {"n": item["line"], "version": item["version"][:20]}
            )
    problems += _cycles(parsed, existing)
    if problems:
        raise UnitError(" ".join(problems[:20]))
    # The rows that would change a unit, and those writing over a change made since.
    preview = CsvPreview([], {}, [], versioned="version" in (reader.fieldnames or []))
    for item in parsed:
        unit = existing.get(item["code"])
        if unit is None:
            preview.created.append(item["code"])
            continue
        values = _values(item)
        if not _changes(unit, item, values, preview.versioned):
            continue
        preview.updated[item["code"]] = unit.version
        preview.changed.append((item["line"], unit, _diff(unit, values)))
        since_preview = seen is not None and seen.get(item["code"]) != unit.version
        # The version the file stands on: its own column, else the first preview's.
        stands_on = int(item["version"]) if item["version"] else (base or {}).get(item["code"])
        since_file = stands_on is not None and stands_on != unit.version
        if since_preview or (since_file and item["code"] not in confirmed):
            preview.overwrites.append(_overwrite(item, unit, values, since_preview))
    if dry_run:
        raise _DryRun(preview)
    if preview.overwrites:
        raise StaleImport(preview)
    created = updated = successions = 0
    units: dict[str, Unit] = dict(existing)
    for item in parsed:
        unit = units.get(item["code"])
        values = _values(item)
        if unit is None:
            unit = Unit.objects.create(agency=agency, code=item["code"], **values)
            created += 1
        elif _changes(unit, item, values, preview.versioned):
            before = {field: _shown(getattr(unit, field)) for field in values}
            for field, value in values.items():
                setattr(unit, field, value)
            unit.proposed = False
            unit.version += 1
            unit.save()
            updated += 1
            # On the unit: the next file sent over this change names who made it, and when.
            record_event(
                user,
                "unit.updated",
                unit,
                before=before,
                after={field: _shown(value) for field, value in values.items()},
            )
        # A row as the unit already stands is not an update: the same file sent again
        # changes no version (an open form on the unit stays current) and counts nothing.
        units[item["code"]] = unit
    for item in parsed:
        if item["parent"]:
            unit = units[item["code"]]
            unit.parent = units[item["parent"]]
            unit.save(update_fields=["parent"])
    for item in parsed:
        if not item["successor"]:
            continue
        target = _successor(agency, units, item["successor"])
        if target is None:
            raise UnitError(_("Đơn vị kế thừa “%(code)s” không có.") % {"code": item["successor"]})
        predecessor = units[item["code"]]
        # A succession already recorded keeps its kind (a split stays a split): the
        # downloaded file sent back changes nothing.
        held = UnitSuccession.objects.filter(
            predecessor=predecessor, effective_date=item["succession_date"]
        ).first()
        if held is None:
            UnitSuccession.objects.create(
                predecessor=predecessor,
                effective_date=item["succession_date"],
                successor=target,
                kind=SuccessionKind.MERGED_INTO,
            )
        elif held.successor_id != target.pk:
            held.successor = target
            held.save(update_fields=["successor"])
        # As `add_succession`: a unit succeeded on a date is not valid from that date (so
        # it no longer receives a group's assignments).
        last_day = item["succession_date"] - datetime.timedelta(days=1)
        if predecessor.valid_to is None or predecessor.valid_to > last_day:
            predecessor.valid_to = last_day
            predecessor.save(update_fields=["valid_to"])
        successions += 1
    record_event(
        user,
        "unit.imported",
        agency,
        after={"created": created, "updated": updated, "successions": successions},
    )
    return CsvResult(created, updated, successions)


def _values(item: dict[str, Any]) -> dict[str, Any]:
    return {
        "name_vi": item["name"],
        "kind": item["kind"],
        "valid_from": item["valid_from"],
        "valid_to": item["valid_to"],
        "name_en": item["name_en"],
        "abbreviation": item["abbreviation"],
    }


def _changes(
    unit: Unit, item: dict[str, Any], values: dict[str, Any], versioned: bool = False
) -> bool:
    """Whether the row changes the unit (a row as the unit stands is not an update). An
    old file's row confirms a proposed unit; a downloaded file (with versions) sent back
    as it was leaves it proposed, to be confirmed on the page."""
    return (
        (unit.proposed and not versioned)
        or any(getattr(unit, field) != value for field, value in values.items())
        or bool(item["parent"] and item["parent"] != (unit.parent.code if unit.parent else ""))
    )


def _successor_known(
    agency: Agency, ref: str, codes_in_file: set[str], existing: dict[str, Unit]
) -> bool:
    """Whether the file's successor `ref` will be found when the file is written (a unit
    of the file, or one `_successor` finds)."""
    return (":" not in ref and ref in codes_in_file) or (
        _successor(agency, existing, ref) is not None
    )


def _cycles(parsed: list[dict[str, Any]], existing: dict[str, Unit]) -> list[str]:
    """Lines whose unit would be its own ancestor once the file is written (with the
    units already there): such a unit would fall out of the tree and off the page."""
    parent_of = {
        code: (unit.parent.code if unit.parent_id and unit.parent else "")
        for code, unit in existing.items()
    }
    for item in parsed:
        parent_of[item["code"]] = item["parent"]
    problems, rooted = [], set()  # rooted: codes whose chain of parents ends
    for item in parsed:
        chain, current = [item["code"]], item["parent"]
        while current and current not in rooted:
            if current in chain:
                problems.append(
                    _("Dòng %(n)s: đơn vị “%(code)s” sẽ nằm dưới chính nó trong cây đơn vị.")
                    % {"n": item["line"], "code": item["code"][:40]}
                )
                break
            chain.append(current)
            current = parent_of.get(current, "")
        else:
            rooted.update(chain)
    return problems


def _successor(agency: Agency, units: dict[str, Unit], ref: str) -> Unit | None:
    if ":" in ref:
        agency_code, code = ref.split(":", 1)
        return Unit.objects.filter(agency__code=agency_code, code=code).first()
    return units.get(ref)


@transaction.atomic
def propose_unit(agency: Agency, name: str, source: str = "") -> Unit:
    """A unit named in a plan's text: the existing one, or a new unit marked proposed
    (the agency's administrator confirms it on the units page)."""
    found = resolve_unit(agency, name)
    if found is not None:
        return found
    code = unit_code(name)
    base, n = code, 2
    while agency.units.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return Unit.objects.create(
        agency=agency,
        code=code,
        name_vi=" ".join(name.split()),
        kind=classify_unit_name(name) or UnitKind.OTHER,
        proposed=True,
        source=source,
    )


def tree(agency: Agency) -> list[tuple[Unit, int]]:
    """The agency's units in tree order with their depth."""
    units = list(agency.units.all().order_by(name_order(), "pk"))
    children: dict[int | None, list[Unit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)
    out: list[tuple[Unit, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            out.append((unit, depth))
            walk(unit.pk, depth + 1)

    walk(None, 0)
    return out
