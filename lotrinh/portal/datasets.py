"""Open data: everything public, as CSV, JSON and XLSX (SDMX-CSV for indicators).

Each dataset is a list of columns and rows built from the public picture (public reports
only) or from approved indicator values, with its metadata: what it is, its source, its
licence and when the file was generated. Spreadsheet cells go through
`lotrinh.core.exports` (no cell leaves as a formula, a day is a date cell). Files are in
Vietnamese for every visitor (`response`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from lotrinh.core.exports import append_row, fit_columns, for_excel, write_csv_row
from lotrinh.portal import public

LICENCE = {
    "name": "CC BY 4.0",
    "title": _("Giấy phép Creative Commons Ghi công 4.0 Quốc tế"),
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCE = _(
    "Bộ Khoa học và Công nghệ, hệ thống Lộ trình: báo cáo của các bộ, ngành, địa phương đã được tiếp nhận và công bố"
)


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Any
    description: Any
    columns: tuple[str, ...]
    rows: Callable[[public.Picture], list[list[Any]]]
    formats: tuple[str, ...] = ("csv", "json", "xlsx")


def _task_rows(picture: public.Picture) -> list[list[Any]]:
    return [
        [
            picture.programme.code,
            t.task.ref,
            t.group_ref,
            t.task.text,
            "; ".join(t.leads),
            "; ".join(t.coordinating),
            t.status,
            public.label(t.status),
            t.year,
            timezone.localdate(t.updated) if t.updated else "",
        ]
        for t in picture.tasks
    ]


def _result_rows(picture: public.Picture) -> list[list[Any]]:
    return [
        [
            picture.programme.code,
            t.task.ref,
            s.year,
            s.agency.code,
            s.agency.name_vi,
            s.status,
            s.public_status,
            s.result,
            s.evidence_number,
            s.evidence_date or "",
            s.evidence_link,
            timezone.localdate(s.published_at) if s.published_at else "",
        ]
        for t in picture.tasks
        for s in t.statements
    ]


def _agency_rows(picture: public.Picture) -> list[list[Any]]:
    return [
        [r.key, r.name, r.name_en, *(r.counts[s] for s in public.SCALE), r.total]
        for r in picture.by_agency
    ]


def _indicator_rows(picture: public.Picture) -> list[list[Any]]:
    from django.contrib.auth.models import AnonymousUser

    from lotrinh.accounts import permissions as perms
    from lotrinh.indicators.models import Observation

    queryset = perms.visible_observations(
        AnonymousUser(),
        Observation.objects.filter(is_current=True, approval="approved")
        .exclude(indicator__kind="milestone")
        .select_related("indicator")
        .order_by("indicator__position", "indicator__code", "country", "year"),
    )
    return [
        [
            o.indicator.code,
            o.indicator.name_vi,
            o.indicator.name_en,
            o.country,
            o.year,
            o.value,
            o.text_value,
            o.indicator.unit,
            o.status,
            o.citation,
            o.source_url,
        ]
        for o in queryset
    ]


DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "nhiem-vu",
            _("Tình trạng công khai của các nhiệm vụ"),
            _(
                "Mỗi nhiệm vụ của chương trình: cơ quan chủ trì, phối hợp, tình trạng công khai và năm của báo cáo đã công bố mới nhất."
            ),
            (
                "programme",
                "task",
                "group",
                "text",
                "lead",
                "coordinating",
                "public_status",
                "public_status_label",
                "year",
                "updated",
            ),
            _task_rows,
        ),
        Dataset(
            "ket-qua",
            _("Kết quả thực hiện đã công bố"),
            _(
                "Mỗi dòng là điều một báo cáo đã được tiếp nhận và công bố nói về một nhiệm vụ: tình trạng, kết quả và văn bản minh chứng."
            ),
            (
                "programme",
                "task",
                "year",
                "agency_code",
                "agency",
                "reported_status",
                "public_status",
                "result",
                "evidence_number",
                "evidence_date",
                "evidence_link",
                "published",
            ),
            _result_rows,
        ),
        Dataset(
            "co-quan",
            _("Tiến độ theo cơ quan chủ trì"),
            _(
                "Số nhiệm vụ mỗi cơ quan chủ trì theo tình trạng công khai, từ báo cáo đã công bố của chính cơ quan."
            ),
            ("agency_code", "agency", "agency_en", *public.SCALE, "total"),
            _agency_rows,
        ),
        Dataset(
            "chi-so",
            _("Số liệu các chỉ số"),
            _(
                "Các giá trị đã được phê duyệt của các chỉ số theo dõi mục tiêu, kèm nguồn trích dẫn."
            ),
            (
                "indicator",
                "name",
                "name_en",
                "country",
                "year",
                "value",
                "text_value",
                "unit",
                "status",
                "citation",
                "source_url",
            ),
            _indicator_rows,
            ("csv", "json", "xlsx", "sdmx.csv"),
        ),
    )
}


def metadata(dataset: Dataset, generated_at: Any = None) -> dict[str, Any]:
    return {
        "name": dataset.name,
        "title": str(dataset.title),
        "description": str(dataset.description),
        "source": str(SOURCE),
        "licence": {"name": LICENCE["name"], "url": LICENCE["url"]},
        "generated_at": (generated_at or timezone.now()).isoformat(timespec="seconds"),
        "columns": list(dataset.columns),
    }


def catalogue() -> list[dict[str, Any]]:
    return [{"dataset": d, "meta": metadata(d)} for d in DATASETS.values()]


def as_csv(dataset: Dataset, rows: list[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    write_csv_row(writer, dataset.columns)
    for row in rows:
        write_csv_row(writer, row)
    return out.getvalue()


def as_json(dataset: Dataset, rows: list[list[Any]], meta: dict[str, Any]) -> str:
    data = [dict(zip(dataset.columns, row, strict=True)) for row in rows]
    return json.dumps({"metadata": meta, "data": data}, ensure_ascii=False, default=str)


def as_xlsx(dataset: Dataset, rows: list[list[Any]], meta: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.create_sheet("data", 0)
    book.remove(book.worksheets[1])
    append_row(sheet, dataset.columns)
    for row in rows:
        append_row(sheet, row)
    about = book.create_sheet("metadata")
    for key in ("name", "title", "description", "source", "generated_at"):
        append_row(about, [key, meta[key]])
    append_row(about, ["licence", f"{meta['licence']['name']} {meta['licence']['url']}"])
    append_row(about, ["columns", ", ".join(meta["columns"])])
    fit_columns(sheet)
    fit_columns(about, freeze=None)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


TYPES = {
    "csv": "text/csv; charset=utf-8",
    "sdmx.csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def response(dataset: Dataset, fmt: str, picture: public.Picture) -> HttpResponse:
    """A dataset's file, in Vietnamese whatever the visitor's language: its URL does not
    name a language, so a file someone cites is the one everyone gets (docs/portal.md)."""
    with translation.override("vi"):
        return _response(dataset, fmt, picture)


def _response(dataset: Dataset, fmt: str, picture: public.Picture) -> HttpResponse:
    meta = metadata(dataset)
    body: str | bytes
    if fmt == "sdmx.csv":
        from lotrinh.indicators import sdmx

        body = sdmx.export_csv()
    else:
        rows = dataset.rows(picture)
        if fmt == "csv":
            body = for_excel(as_csv(dataset, rows))
        elif fmt == "json":
            body = as_json(dataset, rows, meta)
        else:
            body = as_xlsx(dataset, rows, meta)
    answer = HttpResponse(body, content_type=TYPES[fmt])
    answer["Content-Disposition"] = f'attachment; filename="lotrinh-{dataset.name}.{fmt}"'
    # The metadata travels with every format (JSON and XLSX also carry it inside).
    answer["X-Licence"] = f"{LICENCE['name']} {LICENCE['url']}"
    answer["X-Generated-At"] = meta["generated_at"]
    answer["Link"] = f'<{LICENCE["url"]}>; rel="license"'
    return answer
