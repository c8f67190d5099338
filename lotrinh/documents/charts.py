"""Charts for the printed reports: PNG at print quality (200 dpi), fonts with Vietnamese glyphs."""

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

FONT = ["Liberation Sans", "DejaVu Sans"]


def targets_chart(rows: list[dict[str, Any]]) -> bytes | None:
    """Small multiples: each indicator's observed values and its milestone targets."""
    series: dict[str, dict[str, Any]] = {}
    for row in rows:
        if len(row["points"]) < 2:
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
        axis.set_title(item["title"][:70], fontsize=8)
        axis.tick_params(labelsize=7)
        axis.grid(alpha=0.3)
    for axis in list(axes.flat)[count:]:
        axis.axis("off")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()
