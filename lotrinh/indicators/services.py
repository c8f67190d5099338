"""Indicator services: targets from programme files, statuses, observations, exchange formats."""

import csv
import datetime
import io
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.core.audit import record_event
from lotrinh.indicators.models import Indicator, Milestone, Observation, Target
from lotrinh.indicators.progress import Milestone as MilestoneSpec
from lotrinh.indicators.progress import Point, Progress, evaluate
from lotrinh.indicators.projection import Projection, project

COUNTRY = "VNM"


def load_targets(programme: Any, targets: list[dict[str, Any]], source_name: str) -> None:
    """Store a programme file's target milestones, one Target per indicator."""
    by_indicator: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in targets:
        by_indicator[item["indicator"]].append(item)
    for code, items in by_indicator.items():
        indicator, _created = Indicator.objects.get_or_create(
            code=code, defaults={"name_vi": code, "unit": items[0].get("unit", "")}
        )
        baseline, note = choose_baseline(indicator, programme.issue_date.year)
        target = Target.objects.create(
            programme=programme,
            indicator=indicator,
            code=code,
            baseline_year=baseline.year if baseline else None,
            baseline_value=baseline.value if baseline else None,
            baseline_note=note,
        )
        for item in sorted(items, key=lambda i: i["year"]):
            Milestone.objects.create(
                target=target,
                code=item["code"],
                year=item["year"],
                comparator=item.get("comparator") or "gte",
                value=item.get("value"),
                group=item.get("group") or "",
                period_start=item.get("period_start"),
                clause_ref=item.get("clause") or "",
                text=item.get("text") or "",
            )


def choose_baseline(indicator: Indicator, programme_year: int) -> tuple[Point | None, str]:
    """The value of the programme's year or the latest before it; else the first available."""
    points = series(indicator)
    if indicator.kind in ("average_growth", "milestone") or not points:
        return None, ""
    before = [p for p in points if p.year <= programme_year]
    if before:
        return before[
            -1
        ], f"Năm gốc {before[-1].year}: số liệu của năm ban hành hoặc năm gần nhất trước đó."
    return points[
        0
    ], f"Năm gốc {points[0].year}: số liệu sớm nhất có được (chưa có số liệu năm {programme_year})."


def series(indicator: Indicator, country: str = COUNTRY) -> list[Point]:
    return [
        Point(o.year, o.value)
        for o in Observation.objects.filter(
            indicator=indicator, country=country, is_current=True
        ).order_by("year")
        if o.value is not None
    ]


def milestone_spec(milestone: Milestone) -> MilestoneSpec:
    indicator = milestone.target.indicator
    return MilestoneSpec(
        kind=indicator.kind,
        comparator=milestone.comparator,
        target=milestone.value,
        year=milestone.year,
        direction=indicator.direction,
        limit=indicator.limit,
        period_start=milestone.period_start,
    )


@dataclass
class MilestoneStatus:
    milestone: Milestone
    progress: Progress
    projection: Projection | None


@dataclass
class TargetStatus:
    target: Target
    indicator: Indicator
    points: list[Point]
    milestones: list[MilestoneStatus]

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None


def target_status(
    target: Target, as_of: datetime.date | None = None, points: list[Point] | None = None
) -> TargetStatus:
    as_of = as_of or timezone.localdate()
    indicator = target.indicator
    points = series(indicator) if points is None else points
    baseline = (
        Point(target.baseline_year, target.baseline_value)
        if target.baseline_year is not None and target.baseline_value is not None
        else None
    )
    rows = []
    for milestone in target.milestones.all():
        spec = milestone_spec(milestone)
        progress = evaluate(spec, points, as_of_year=as_of.year, baseline=baseline)
        if (
            progress.latest
            and progress.latest.year < milestone.year < as_of.year
            and progress.status not in ("achieved", "not_achieved")
        ):
            progress.note_vi += f" Năm mốc {milestone.year} đã qua nhưng chưa có số liệu của năm đó: trạng thái theo số liệu mới nhất."
            progress.note_en += f" The milestone year {milestone.year} has passed but has no data yet: status from the latest data."
        rows.append(
            MilestoneStatus(
                milestone,
                progress,
                project(indicator.kind, points, milestone.year, indicator.limit),
            )
        )
    return TargetStatus(target, indicator, points, rows)


def current_targets(programme: Any = None) -> QuerySet[Target]:
    queryset = (
        Target.objects.filter(is_current=True, programme__status="published")
        .select_related("indicator", "programme")
        .prefetch_related("milestones")
    )
    if programme is not None:
        queryset = queryset.filter(programme=programme)
    return queryset.order_by("indicator__position", "code")


def programme_statuses(
    programme: Any = None, as_of: datetime.date | None = None
) -> list[TargetStatus]:
    targets = list(current_targets(programme))
    observations: dict[int, list[Point]] = defaultdict(list)
    for o in Observation.objects.filter(
        indicator__in=[t.indicator_id for t in targets],
        country=COUNTRY,
        is_current=True,
        value__isnull=False,
    ).order_by("year"):
        observations[o.indicator_id].append(Point(o.year, o.value))  # type: ignore[arg-type]
    return [target_status(t, as_of, observations.get(t.indicator_id, [])) for t in targets]


def status_json(statuses: list[TargetStatus]) -> list[dict[str, Any]]:
    out = []
    for status in statuses:
        for row in status.milestones:
            m = row.milestone
            out.append(
                {
                    "programme": status.target.programme.code,
                    "target": m.code,
                    "clause": m.clause_ref,
                    "text": m.text,
                    "indicator": status.indicator.code,
                    "indicator_name": status.indicator.name_vi,
                    "comparator": m.comparator,
                    "value": m.value,
                    "year": m.year,
                    "group": m.group or None,
                    "latest": {"year": status.latest.year, "value": status.latest.value}
                    if status.latest
                    else None,
                    **row.progress.as_dict(),
                    "projection": {
                        "year": row.projection.final.year,
                        "value": round(row.projection.final.value, 3),
                        "model": row.projection.model_en,
                    }
                    if row.projection
                    else None,
                }
            )
    return out


# ------------------------------------------------------------------ data entry


class ObservationError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@transaction.atomic
def record_observation(
    indicator: Indicator,
    *,
    year: int,
    value: float | None,
    citation: str,
    user: Any,
    source_url: str = "",
    status: str = "final",
    text_value: str = "",
    note: str = "",
    published_on: datetime.date | None = None,
    country: str = COUNTRY,
) -> Observation:
    """Add a value; an existing current value for the year becomes its earlier revision."""
    previous = (
        Observation.objects.select_for_update()
        .filter(indicator=indicator, year=year, country=country, is_current=True)
        .first()
    )
    observation = Observation.objects.create(
        indicator=indicator,
        year=year,
        country=country,
        value=value,
        text_value=text_value,
        status=status,
        published_on=published_on,
        release=f"nhập bởi {user}" if user else "",
        source_url=source_url,
        citation=citation,
        note=note,
        revision_of=previous,
        recorded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    record_event(
        user,
        "observation.revised" if previous else "observation.recorded",
        observation,
        before={"value": previous.value, "citation": previous.citation} if previous else None,
        after={"year": year, "value": value, "citation": citation},
    )
    return observation


@transaction.atomic
def rebaseline(target: Target, *, year: int, value: float, reason: str, user: Any) -> Target:
    """A new version of the target with another baseline; the original stays visible."""
    old = Target.objects.select_for_update().get(pk=target.pk)
    milestones = list(old.milestones.all())
    old.is_current = False
    old.save(update_fields=["is_current"])
    new = Target.objects.create(
        programme=old.programme,
        indicator=old.indicator,
        code=old.code,
        version=old.version + 1,
        supersedes=old,
        baseline_year=year,
        baseline_value=value,
        baseline_note=reason,
        reason=reason,
    )
    for m in milestones:
        m.pk = None
        m.target = new
        m.save()
    old.task_links.update(target=new)
    record_event(
        user,
        "target.rebaselined",
        new,
        before={"baseline": [old.baseline_year, old.baseline_value]},
        after={"baseline": [year, value]},
        note=reason,
    )
    return new


# ------------------------------------------------------------------ CSV exchange

MAX_CSV_BYTES = 2 * 1024 * 1024
# Year and Value, the Country disaggregation, and metadata columns (ours and Open SDG's).
KNOWN_CSV_COLUMNS = {
    "Year",
    "Value",
    "Country",
    "COUNTRY",
    "Status",
    "Source",
    "Citation",
    "Units",
    "Unit",
    "Series",
}


@dataclass
class ParsedRow:
    line: int
    year: int
    value: float
    country: str


def parse_open_sdg_csv(data: bytes, this_year: int) -> list[ParsedRow]:
    """Rows of an Open SDG CSV (Year, optional disaggregation columns, Value); all problems at once."""
    if len(data) > MAX_CSV_BYTES:
        raise ObservationError(
            [
                _("Tệp quá lớn (%(size)s byte; tối đa %(limit)s).")
                % {"size": len(data), "limit": MAX_CSV_BYTES}
            ]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ObservationError(
            [_("Tệp không phải văn bản UTF-8 (hãy lưu CSV với mã hoá UTF-8).")]
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    problems = []
    if "Year" not in headers or "Value" not in headers:
        raise ObservationError(
            [
                _("Thiếu cột bắt buộc Year và/hoặc Value (các cột: %(columns)s).")
                % {"columns": ", ".join(headers) or _("không có")}
            ]
        )
    rows: list[ParsedRow] = []
    seen: set[tuple[int, str]] = set()
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}
        country = row.get("Country") or row.get("COUNTRY") or COUNTRY
        try:
            year = int(row["Year"])
            if not 1900 <= year <= this_year:
                raise ValueError
        except ValueError:
            problems.append(
                _("Dòng %(line)s, cột Year: “%(year)s” không phải năm hợp lệ (1900–%(this_year)s).")
                % {"line": line, "year": row["Year"], "this_year": this_year}
            )
            continue
        if row["Value"] == "":
            problems.append(_("Dòng %(line)s, cột Value: thiếu giá trị.") % {"line": line})
            continue
        try:
            value = float(row["Value"].replace(",", "."))
        except ValueError:
            problems.append(
                _("Dòng %(line)s, cột Value: “%(value)s” không phải số.")
                % {"line": line, "value": row["Value"]}
            )
            continue
        if (year, country) in seen:
            problems.append(
                _("Dòng %(line)s: năm %(year)s lặp lại.") % {"line": line, "year": year}
            )
            continue
        seen.add((year, country))
        other = {k for k, v in row.items() if k not in KNOWN_CSV_COLUMNS and v}
        if other:
            problems.append(
                _("Dòng %(line)s: cột phân tổ %(columns)s chưa được hỗ trợ cho chỉ tiêu này.")
                % {"line": line, "columns": ", ".join(sorted(other))}
            )
            continue
        rows.append(ParsedRow(line, year, value, country))
    if problems:
        raise ObservationError(problems)
    if not rows:
        raise ObservationError([_("Tệp không có dòng số liệu nào.")])
    return rows


@transaction.atomic
def import_open_sdg_csv(indicator: Indicator, data: bytes, *, citation: str, user: Any) -> int:
    if not citation.strip():
        raise ObservationError([_("Cần nêu nguồn trích dẫn cho số liệu nhập.")])
    rows = parse_open_sdg_csv(data, timezone.localdate().year)
    for row in rows:
        record_observation(
            indicator,
            year=row.year,
            value=row.value,
            citation=citation,
            user=user,
            country=row.country,
        )
    return len(rows)


def export_csv(indicator: Indicator) -> str:
    from lotrinh.core.exports import write_csv_row

    out = io.StringIO()
    writer = csv.writer(out)
    write_csv_row(writer, ["Year", "Country", "Value", "Status", "Source", "Citation"])
    for o in Observation.objects.filter(
        indicator=indicator, is_current=True, value__isnull=False
    ).order_by("country", "year"):
        write_csv_row(writer, [o.year, o.country, o.value, o.status, o.source_url, o.citation])
    return out.getvalue()


def export_sdmx_csv(indicator: Indicator) -> str:
    """SDMX-CSV (one observation per row) with the dataflow named after the indicator."""
    from lotrinh.core.exports import write_csv_row

    out = io.StringIO()
    writer = csv.writer(out)
    write_csv_row(
        writer,
        [
            "DATAFLOW",
            "REF_AREA",
            "INDICATOR",
            "TIME_PERIOD",
            "OBS_VALUE",
            "UNIT_MEASURE",
            "OBS_STATUS",
            "COMMENT",
        ],
    )
    for o in Observation.objects.filter(
        indicator=indicator, is_current=True, value__isnull=False
    ).order_by("country", "year"):
        write_csv_row(
            writer,
            [
                "LOTRINH:DF_NQ52(1.0)",
                o.country,
                indicator.code,
                o.year,
                o.value,
                indicator.unit,
                "P" if o.status == "provisional" else "A",
                o.citation,
            ],
        )
    return out.getvalue()


def export_xlsx() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from lotrinh.core.exports import append_row

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chỉ tiêu"
    append_row(
        sheet,
        [
            "Mã",
            "Tên chỉ tiêu",
            "Đơn vị",
            "Loại",
            "Cơ quan sản xuất số liệu",
            "Chỉ tiêu thay thế cho",
        ],
    )
    indicators = list(Indicator.objects.select_related("proxy_for"))
    for i in indicators:
        append_row(
            sheet,
            [
                i.code,
                i.name_vi,
                i.unit,
                i.get_kind_display(),
                i.producer,
                i.proxy_for.code if i.proxy_for else "",
            ],
        )
    data = book.create_sheet("Số liệu")
    append_row(
        data,
        [
            "Mã chỉ tiêu",
            "Năm",
            "Quốc gia",
            "Giá trị",
            "Bằng chứng",
            "Tình trạng",
            "Lần công bố",
            "Nguồn",
            "Trích dẫn",
            "Ghi chú",
            "Đang dùng",
        ],
    )
    for o in Observation.objects.select_related("indicator").order_by(
        "indicator__position", "country", "year", "recorded_at"
    ):
        append_row(
            data,
            [
                o.indicator.code,
                o.year,
                o.country,
                o.value,
                o.text_value,
                o.get_status_display(),
                o.release,
                o.source_url,
                o.citation,
                o.note,
                "có" if o.is_current else "không (đã sửa đổi)",
            ],
        )
    for ws in (sheet, data):
        for cell in ws[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
