"""Charts for the printed reports: PNG at print quality (150 dpi at 16 cm wide is about
1,000 pixels, sharp on paper), fonts with Vietnamese glyphs."""

import hashlib
import io
import json
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from django.core.cache import cache  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402

from lotrinh.core.locale import format_number  # noqa: E402
from lotrinh.indicators.models import NOT_CHARTED_KINDS  # noqa: E402

FONT = ["Liberation Sans", "DejaVu Sans"]
DPI = 150
# Changes when the drawing changes: a chart cached before is not reused.
CHART_VERSION = 3


def _register_fonts() -> None:
    """Make fonts installed after matplotlib built its font cache known to it: a cache
    written before `fonts-liberation2` was installed would otherwise fall back, with a
    warning for every label, to a font without every Vietnamese glyph."""
    names = {entry.name for entry in font_manager.fontManager.ttflist}
    if FONT[0] in names:
        return
    for path in font_manager.findSystemFonts():
        if "Liberation" in path:
            font_manager.fontManager.addfont(path)


_register_fonts()


def targets_chart(rows: list[dict[str, Any]]) -> bytes | None:
    """Small multiples: each indicator's observed values and its milestone targets."""
    series: dict[str, dict[str, Any]] = {}
    for row in rows:
        if len(row["points"]) < 2 or row.get("kind") in NOT_CHARTED_KINDS:
            continue
        item = series.setdefault(
            row["code"],
            {
                "title": row["indicator"],
                "points": row["points"],
                "targets": [],
                "lower": row["lower_is_better"],
            },
        )
        if row["target"] is not None:
            item["targets"].append((row["target_year"], row["target"]))
    if not series:
        return None
    # The same figures make the same picture: the DOCX and the PDF of one report, and
    # every regeneration until a figure changes, draw it once (the cache is shared by
    # the workers when it is Redis).
    digest = hashlib.sha256(json.dumps(series, sort_keys=True, default=str).encode())
    key = f"chart:targets:{DPI}:{CHART_VERSION}:{digest.hexdigest()}"
    cached = cache.get(key)
    if cached is not None:
        return bytes(cached)
    png = _draw(series)
    cache.set(key, png, timeout=24 * 3600)
    return png


# A chart's title: 8 pt, at most two lines of TITLE_CHARS characters (half the 7.2 inch
# figure holds about 55 at 8 pt): a title cut to one line of 70 characters ran into
# its neighbour's ("… Đổi mới sáng tạo toàn cầu (G").
TITLE_PT = 8
TITLE_CHARS = 48


def chart_title(text: str) -> str:
    """`text` on at most two lines, broken at spaces; cut at a word with "…" beyond."""
    import textwrap

    lines = textwrap.wrap(" ".join(text.split()), TITLE_CHARS)
    if len(lines) <= 2:
        return "\n".join(lines)
    second = textwrap.wrap(lines[1], TITLE_CHARS - 1)[0]
    return f"{lines[0]}\n{second.rstrip(' ,;:-')}…"


def _vietnamese_axes(axis: Any, values: list[float]) -> None:
    """Ticks as the report writes numbers (the documents are in Vietnamese): whole years
    ("2024", never "2024.2"), whole values when every figure is whole (positions, ranks,
    counts: "vị trí 3", never "3.2"), a decimal comma and a thousands dot ("12,5", "6.000")."""
    axis.xaxis.set_major_locator(MaxNLocator(integer=True))
    axis.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: str(round(x))))
    whole = all(float(v).is_integer() for v in values)
    if whole:
        axis.yaxis.set_major_locator(MaxNLocator(integer=True))
    axis.yaxis.set_major_formatter(
        FuncFormatter(lambda y, _pos: format_number(round(y, 6), 0 if whole else 2, "vi"))
    )


def _draw(series: dict[str, dict[str, Any]]) -> bytes:
    figure = draw_figure(series)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def draw_figure(series: dict[str, dict[str, Any]]) -> Any:
    plt.rcParams["font.family"] = FONT
    count = len(series)
    columns = 2
    lines = (count + 1) // columns
    figure, axes = plt.subplots(lines, columns, figsize=(7.2, 2.6 * lines), squeeze=False)
    for axis, item in zip(axes.flat, series.values(), strict=False):
        years = [p[0] for p in item["points"]]
        values = [p[1] for p in item["points"]]
        axis.plot(years, values, marker="o", linewidth=1.8, color="#0b5cab")
        for year, value in item["targets"]:
            axis.plot([year], [value], marker="s", color="#a31d24", markersize=7)
        if item["lower"]:
            axis.invert_yaxis()
        _vietnamese_axes(axis, values + [v for _, v in item["targets"]])
        axis.set_title(chart_title(item["title"]), fontsize=TITLE_PT)
        axis.tick_params(labelsize=7)
        axis.grid(alpha=0.3)
    for axis in list(axes.flat)[count:]:
        axis.axis("off")
    # Fixed margins rather than tight_layout, which draws every label twice to measure
    # it (half the chart's time); titles are set on two lines at most (`chart_title`),
    # room is kept above each chart for them.
    figure.subplots_adjust(
        left=0.07,
        right=0.98,
        top=1 - 0.5 / (2.6 * lines),
        bottom=0.3 / (2.6 * lines),
        hspace=0.6,
        wspace=0.18,
    )
    return figure
