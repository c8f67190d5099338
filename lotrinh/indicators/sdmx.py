"""SDMX exchange of the programme's indicators (docs/api.md, "SDMX").

One data structure definition (DSD_NQ52) and one dataflow (DF_NQ52) describe every
value: dimensions REF_AREA (country), INDICATOR, TIME_PERIOD (year); measure
OBS_VALUE; attributes UNIT_MEASURE, OBS_STATUS (A final, P provisional) and COMMENT (the
citation). `DSD` below is the one definition: the SDMX-ML 2.1 structure message is
written from it, and an SDMX-CSV file is checked against it before anything is written.

An imported value goes through `services.record_observation`, the same rule as a value
typed on the page: it waits for a MOST monitor's approval. A file with any problem is
refused whole, every problem listed, nothing written.
"""

import csv
import io
import math
import re
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.indicators.models import Approval, Indicator, Observation

AGENCY = "LOTRINH"
DSD_ID, DATAFLOW_ID, VERSION = "DSD_NQ52", "DF_NQ52", "1.0"
DATAFLOW = f"{AGENCY}:{DATAFLOW_ID}({VERSION})"
OBS_STATUS = {"A": "final", "P": "provisional"}
OBS_STATUS_NAMES = {"A": ("Chính thức", "Normal value"), "P": ("Sơ bộ", "Provisional value")}


@dataclass(frozen=True)
class Component:
    id: str
    kind: str  # "dimension", "time", "measure", "attribute"
    codelist: str = ""
    mandatory: bool = True


COMPONENTS = (
    Component("REF_AREA", "dimension", "CL_AREA"),
    Component("INDICATOR", "dimension", "CL_INDICATOR"),
    Component("TIME_PERIOD", "time"),
    Component("OBS_VALUE", "measure"),
    Component("UNIT_MEASURE", "attribute", mandatory=False),
    Component("OBS_STATUS", "attribute", "CL_OBS_STATUS"),
    Component("COMMENT", "attribute", mandatory=False),
)
COLUMNS = ("DATAFLOW", *(c.id for c in COMPONENTS))


@dataclass
class Codelists:
    """The codes the DSD allows, from the registry of indicators and the areas in use."""

    indicators: dict[str, Indicator]
    areas: list[str]
    statuses: dict[str, tuple[str, str]] = field(default_factory=lambda: dict(OBS_STATUS_NAMES))


def codelists() -> Codelists:
    # Milestone indicators ("the law is passed") are described by text evidence, entered on
    # the page: the dataflow carries the numeric indicators only.
    indicators = {
        i.code: i for i in Indicator.objects.exclude(kind="milestone").order_by("position", "code")
    }
    areas = sorted(
        {"VNM", *Observation.objects.values_list("country", flat=True).distinct()} - {""}
    )
    return Codelists(indicators, areas)


# ---------------------------------------------------------------- the structure message


def _names(vi: str, en: str) -> str:
    out = f'<com:Name xml:lang="vi">{escape(vi)}</com:Name>'
    if en:
        out += f'<com:Name xml:lang="en">{escape(en)}</com:Name>'
    return out


def _codelist(cid: str, vi: str, en: str, codes: list[tuple[str, str, str]]) -> str:
    items = "".join(
        f"<str:Code id={quoteattr(code)}>{_names(name_vi or code, name_en)}</str:Code>"
        for code, name_vi, name_en in codes
    )
    return (
        f'<str:Codelist id="{cid}" agencyID="{AGENCY}" version="{VERSION}">'
        f"{_names(vi, en)}{items}</str:Codelist>"
    )


def _ref(cid: str, cls: str, package: str) -> str:
    return (
        f'<str:Enumeration><Ref id="{cid}" agencyID="{AGENCY}" version="{VERSION}" '
        f'package="{package}" class="{cls}"/></str:Enumeration>'
    )


def _concept(cid: str) -> str:
    return (
        f'<str:ConceptIdentity><Ref id="{cid}" maintainableParentID="CS_NQ52" '
        f'maintainableParentVersion="{VERSION}" agencyID="{AGENCY}" package="conceptscheme" '
        'class="Concept"/></str:ConceptIdentity>'
    )


CONCEPTS = {
    "REF_AREA": ("Quốc gia, vùng lãnh thổ", "Reference area"),
    "INDICATOR": ("Chỉ tiêu", "Indicator"),
    "TIME_PERIOD": ("Năm", "Time period"),
    "OBS_VALUE": ("Giá trị", "Observation value"),
    "UNIT_MEASURE": ("Đơn vị", "Unit of measure"),
    "OBS_STATUS": ("Tình trạng số liệu", "Observation status"),
    "COMMENT": ("Nguồn trích dẫn", "Comment (citation)"),
}


def structure_xml(lists: Codelists | None = None) -> str:
    """The SDMX-ML 2.1 structure message: codelists, concepts, the DSD and the dataflow."""
    lists = lists or codelists()
    prepared = timezone.now().strftime("%Y-%m-%dT%H:%M:%S")
    indicator_codes = [(c, i.name_vi, i.name_en) for c, i in lists.indicators.items()]
    area_codes = [(a, a, a) for a in lists.areas]
    status_codes = [(c, vi, en) for c, (vi, en) in lists.statuses.items()]
    concepts = "".join(
        f'<str:Concept id="{cid}">{_names(vi, en)}</str:Concept>'
        for cid, (vi, en) in CONCEPTS.items()
    )
    dimensions, attributes = [], []
    position = 1
    for c in COMPONENTS:
        if c.kind == "dimension":
            dimensions.append(
                f'<str:Dimension id="{c.id}" position="{position}">{_concept(c.id)}'
                f"<str:LocalRepresentation>{_ref(c.codelist, 'Codelist', 'codelist')}"
                "</str:LocalRepresentation></str:Dimension>"
            )
            position += 1
        elif c.kind == "time":
            dimensions.append(
                f'<str:TimeDimension id="{c.id}" position="{position}">{_concept(c.id)}'
                '<str:LocalRepresentation><str:TextFormat textType="GregorianYear"/>'
                "</str:LocalRepresentation></str:TimeDimension>"
            )
        elif c.kind == "attribute":
            representation = (
                _ref(c.codelist, "Codelist", "codelist")
                if c.codelist
                else '<str:TextFormat textType="String"/>'
            )
            attributes.append(
                f'<str:Attribute id="{c.id}" assignmentStatus='
                f'"{"Mandatory" if c.mandatory else "Conditional"}">{_concept(c.id)}'
                f"<str:LocalRepresentation>{representation}</str:LocalRepresentation>"
                "<str:AttributeRelationship><str:PrimaryMeasure>OBS_VALUE</str:PrimaryMeasure>"
                "</str:AttributeRelationship></str:Attribute>"
            )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<mes:Structure xmlns:mes="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
        'xmlns:str="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure" '
        'xmlns:com="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" '
        'xmlns="">'
        f"<mes:Header><mes:ID>NQ52_STRUCTURE</mes:ID><mes:Test>false</mes:Test>"
        f"<mes:Prepared>{prepared}</mes:Prepared>"
        f'<mes:Sender id="{AGENCY}"/></mes:Header>'
        "<mes:Structures>"
        "<str:Codelists>"
        + _codelist("CL_AREA", "Quốc gia, vùng lãnh thổ", "Reference areas", area_codes)
        + _codelist("CL_INDICATOR", "Chỉ tiêu của Nghị quyết 52", "Indicators", indicator_codes)
        + _codelist("CL_OBS_STATUS", "Tình trạng số liệu", "Observation status", status_codes)
        + "</str:Codelists>"
        f'<str:Concepts><str:ConceptScheme id="CS_NQ52" agencyID="{AGENCY}" version="{VERSION}">'
        f"{_names('Khái niệm', 'Concepts')}{concepts}</str:ConceptScheme></str:Concepts>"
        f'<str:DataStructures><str:DataStructure id="{DSD_ID}" agencyID="{AGENCY}" '
        f'version="{VERSION}">'
        f"{_names('Cấu trúc số liệu chỉ tiêu Nghị quyết 52-NQ/TW', 'Indicators of Resolution 52-NQ/TW')}"
        "<str:DataStructureComponents>"
        f'<str:DimensionList id="DimensionDescriptor">{"".join(dimensions)}</str:DimensionList>'
        f'<str:AttributeList id="AttributeDescriptor">{"".join(attributes)}</str:AttributeList>'
        '<str:MeasureList id="MeasureDescriptor"><str:PrimaryMeasure id="OBS_VALUE">'
        f"{_concept('OBS_VALUE')}</str:PrimaryMeasure></str:MeasureList>"
        "</str:DataStructureComponents></str:DataStructure></str:DataStructures>"
        f'<str:Dataflows><str:Dataflow id="{DATAFLOW_ID}" agencyID="{AGENCY}" version="{VERSION}">'
        f"{_names('Chỉ tiêu Nghị quyết 52-NQ/TW', 'Indicators of Resolution 52-NQ/TW')}"
        f'<str:Structure><Ref id="{DSD_ID}" agencyID="{AGENCY}" version="{VERSION}" '
        'package="datastructure" class="DataStructure"/></str:Structure>'
        "</str:Dataflow></str:Dataflows>"
        "</mes:Structures></mes:Structure>"
    )


# ---------------------------------------------------------------- SDMX-CSV export


def _number(value: float) -> str:
    return repr(value) if not float(value).is_integer() else str(int(value))


def export_csv(indicators: Any = None) -> str:
    """Every approved value in effect, one row per observation (SDMX-CSV 1.0)."""
    from lotrinh.core.exports import write_csv_row

    out = io.StringIO()
    writer = csv.writer(out)  # CRLF (RFC 4180): a CR inside a field is quoted too
    write_csv_row(writer, list(COLUMNS))
    queryset = (
        Observation.objects.filter(is_current=True, approval=Approval.APPROVED, value__isnull=False)
        .exclude(indicator__kind="milestone")
        .select_related("indicator")
    )
    if indicators is not None:
        queryset = queryset.filter(indicator__in=indicators)
    for o in queryset.order_by("indicator__position", "indicator__code", "country", "year"):
        assert o.value is not None
        write_csv_row(
            writer,
            [
                DATAFLOW,
                o.country,
                o.indicator.code,
                o.year,
                _number(o.value),
                o.indicator.unit,
                "P" if o.status == "provisional" else "A",
                o.citation,
            ],
        )
    return out.getvalue()


# ---------------------------------------------------------------- SDMX-CSV import


@dataclass(frozen=True)
class Row:
    line: int
    indicator: Indicator
    country: str
    year: int
    value: float
    status: str
    citation: str


class SdmxInvalid(Exception):
    """The file breaks the DSD or the rules of values: every problem, nothing written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportOutcome:
    entered: int  # values proposed (pending a MOST monitor's approval)
    unchanged: int  # rows equal to the value in effect


YEAR_RE = re.compile(r"^\d{4}$")


def _problem(line: int, column: str, message: str) -> str:
    return _("Dòng %(line)s, cột %(column)s: %(problem)s") % {
        "line": line,
        "column": column,
        "problem": message,
    }


def parse_csv(data: bytes, user: Any, citation: str = "") -> list[Row]:
    """Check a whole SDMX-CSV file against the DSD and the value rules; raise with every
    problem found (the file's structure, each cell, who may enter each indicator)."""
    from lotrinh.core.textfiles import csv_delimiter
    from lotrinh.indicators.validation import ObservationError, check_value, decode_csv

    try:
        text = decode_csv(data)
    except ObservationError as exc:
        raise SdmxInvalid(exc.problems) from None
    try:
        # The cells, read before any check: a broken quote or an oversized field is one
        # problem of the file, not a crash halfway through the rows.
        lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    except csv.Error as exc:
        raise SdmxInvalid(
            [_("Tệp không đúng định dạng CSV (%(error)s).") % {"error": exc}]
        ) from None
    reader = iter(lines)
    header = [h.strip() for h in next(reader, [])]
    problems: list[str] = []
    if "\x00" in citation:  # the file's text is checked by decode_csv; this comes beside it
        problems.append(_("Nguồn trích dẫn gửi kèm tệp không được chứa ký tự NUL."))
    missing = [c for c in COLUMNS if c not in header and c not in ("UNIT_MEASURE", "COMMENT")]
    unknown = [h for h in header if h not in COLUMNS]
    if missing:
        problems.append(
            _("Thiếu cột bắt buộc theo cấu trúc %(dsd)s: %(columns)s.")
            % {"dsd": DSD_ID, "columns": ", ".join(missing)}
        )
    if unknown:
        problems.append(
            _("Cột không có trong cấu trúc %(dsd)s: %(columns)s.")
            % {"dsd": DSD_ID, "columns": ", ".join(unknown)}
        )
    if problems:
        raise SdmxInvalid(problems)
    lists = codelists()
    today = timezone.localdate()
    rows: list[Row] = []
    seen: dict[tuple[str, str, int], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            problems.append(
                _problem(
                    line,
                    "—",
                    _("số ô (%(n)s) khác số cột (%(m)s).") % {"n": len(cells), "m": len(header)},
                )
            )
            continue
        cell = {h: v.strip() for h, v in zip(header, cells, strict=True)}
        before = len(problems)
        if cell["DATAFLOW"] != DATAFLOW:
            problems.append(
                _problem(line, "DATAFLOW", _("cần là %(expected)s.") % {"expected": DATAFLOW})
            )
        area = cell["REF_AREA"]
        if area not in lists.areas:
            problems.append(
                _problem(
                    line, "REF_AREA", _("mã “%(code)s” không có trong CL_AREA.") % {"code": area}
                )
            )
        indicator = lists.indicators.get(cell["INDICATOR"])
        if indicator is None:
            problems.append(
                _problem(
                    line,
                    "INDICATOR",
                    _("mã “%(code)s” không có trong CL_INDICATOR.") % {"code": cell["INDICATOR"]},
                )
            )
        elif not perms.may_enter_observation(user, indicator):
            problems.append(
                _problem(
                    line,
                    "INDICATOR",
                    _("bạn không được nhập số liệu của chỉ tiêu %(code)s.")
                    % {"code": indicator.code},
                )
            )
        year = int(cell["TIME_PERIOD"]) if YEAR_RE.match(cell["TIME_PERIOD"]) else None
        if year is None:
            problems.append(_problem(line, "TIME_PERIOD", _("cần một năm (YYYY).")))
        try:
            value: float | None = float(cell["OBS_VALUE"])
            if value is not None and not math.isfinite(value):
                raise ValueError
        except ValueError:
            value = None
            problems.append(_problem(line, "OBS_VALUE", _("cần một số (dấu chấm thập phân).")))
        status = cell["OBS_STATUS"]
        if status not in OBS_STATUS:
            problems.append(
                _problem(
                    line,
                    "OBS_STATUS",
                    _("mã “%(code)s” không có trong CL_OBS_STATUS.") % {"code": status},
                )
            )
        unit = cell.get("UNIT_MEASURE", "")
        if indicator is not None and unit and unit != indicator.unit:
            problems.append(
                _problem(
                    line,
                    "UNIT_MEASURE",
                    _("đơn vị “%(unit)s” khác đơn vị của chỉ tiêu (“%(expected)s”).")
                    % {"unit": unit, "expected": indicator.unit},
                )
            )
        row_citation = cell.get("COMMENT", "") or citation
        if not row_citation.strip():
            problems.append(_problem(line, "COMMENT", _("cần nêu nguồn trích dẫn.")))
        if indicator is not None and year is not None and value is not None:
            for p in check_value(indicator, year=year, value=value, today=today):
                column = {"year": "TIME_PERIOD", "value": "OBS_VALUE"}.get(p.field, p.field)
                problems.append(_problem(line, column, p.message))
            key = (area, indicator.code, year)
            if key in seen:
                problems.append(
                    _problem(
                        line,
                        "TIME_PERIOD",
                        _("trùng quan sát ở dòng %(line)s.") % {"line": seen[key]},
                    )
                )
            seen.setdefault(key, line)
        if (
            len(problems) == before
            and indicator is not None
            and year is not None
            and value is not None
        ):
            rows.append(Row(line, indicator, area, year, value, OBS_STATUS[status], row_citation))
    if not rows and not problems:
        problems.append(_("Tệp không có dòng số liệu nào."))
    pending = {
        (o.indicator_id, o.country, o.year)
        for o in Observation.objects.filter(
            approval=Approval.PENDING, indicator__in=[r.indicator for r in rows]
        )
    }
    for r in rows:
        if (r.indicator.pk, r.country, r.year) in pending:
            problems.append(
                _problem(
                    r.line,
                    "TIME_PERIOD",
                    _("năm %(year)s đã có một giá trị đang chờ Bộ KH&CN duyệt.") % {"year": r.year},
                )
            )
    if problems:
        raise SdmxInvalid(problems)
    return rows


@transaction.atomic
def import_csv(data: bytes, user: Any, citation: str = "") -> ImportOutcome:
    """Propose every value of an SDMX-CSV file (each pending a MOST monitor's approval,
    as a value typed on the page); a value equal to the one in effect is skipped."""
    from lotrinh.indicators import services

    rows = parse_csv(data, user, citation)
    current = {
        (o.indicator_id, o.country, o.year): (o.value, o.status)
        for o in Observation.objects.filter(
            is_current=True, indicator__in={r.indicator for r in rows}
        )
    }
    entered = 0
    for r in rows:
        if current.get((r.indicator.pk, r.country, r.year)) == (r.value, r.status):
            continue
        services.record_observation(
            r.indicator,
            year=r.year,
            value=r.value,
            citation=r.citation,
            user=user,
            status=r.status,
            country=r.country,
        )
        entered += 1
    return ImportOutcome(entered, len(rows) - entered)
