"""Projection of an indicator to a milestone year, with a stated simple model.

- levels, shares, counts and coverage: the compound annual growth of the last five
  years of data (at least two points, at least one year apart), capped at the
  natural limit for coverage;
- ranks: the least-squares straight line through the ranks (at least three points,
  since ranks move in steps), never better than 1;
- average growth and milestones: no projection (the status already states the
  average still required, or the evidence).
No projection is returned where the data cannot support one.
"""

import math
from dataclasses import dataclass, field

from lotrinh.indicators.progress import RANK_KINDS, Point

WINDOW_YEARS = 5


@dataclass(frozen=True)
class Projection:
    model_vi: str
    model_en: str
    points: list[Point]  # from the last observation to the target year
    # The range (docs/progress-method.md): ranks ± the residual standard deviation of the
    # trend; growth: the slowest and fastest yearly growth between consecutive points.
    low: list[Point] = field(default_factory=list)
    high: list[Point] = field(default_factory=list)
    range_vi: str = ""
    range_en: str = ""

    @property
    def final(self) -> Point:
        return self.points[-1]


def project(
    kind: str, observations: list[Point], to_year: int, limit: float | None = None
) -> Projection | None:
    points = sorted(observations, key=lambda p: p.year)
    if not points or to_year <= points[-1].year:
        return None
    last = points[-1]
    if kind in RANK_KINDS:
        if len(points) < 3:
            return None
        n = len(points)
        mean_x = sum(p.year for p in points) / n
        mean_y = sum(p.value for p in points) / n
        sxx = sum((p.year - mean_x) ** 2 for p in points)
        if sxx == 0:
            return None
        slope = sum((p.year - mean_x) * (p.value - mean_y) for p in points) / sxx
        intercept = mean_y - slope * mean_x
        path = [last] + [
            Point(year, max(1.0, intercept + slope * year))
            for year in range(last.year + 1, to_year + 1)
        ]
        spread = math.sqrt(
            sum((p.value - (intercept + slope * p.year)) ** 2 for p in points) / max(n - 2, 1)
        )
        return Projection(
            f"Đường xu hướng tuyến tính của thứ hạng ({n} điểm, {slope:+.2f} bậc/năm)",
            f"Linear trend of the rank ({n} points, {slope:+.2f} places/year)",
            path,
            [last] + [Point(p.year, max(1.0, p.value - spread)) for p in path[1:]],
            [last] + [Point(p.year, max(1.0, p.value + spread)) for p in path[1:]],
            f"± {spread:.1f} bậc (độ lệch chuẩn phần dư của đường xu hướng)",
            f"± {spread:.1f} places (residual standard deviation of the trend)",
        )
    if kind in {"level", "share", "count", "coverage"}:
        window = [p for p in points if p.year >= last.year - WINDOW_YEARS]
        first = window[0]
        if first.year == last.year or first.value <= 0 or last.value <= 0:
            return None
        growth = (last.value / first.value) ** (1 / (last.year - first.year)) - 1
        rates = [
            (b.value / a.value) ** (1 / (b.year - a.year)) - 1
            for a, b in zip(window, window[1:], strict=False)
            if b.year > a.year and a.value > 0 and b.value > 0
        ] or [growth]

        def path_at(rate: float) -> list[Point]:
            path = [last]
            for year in range(last.year + 1, to_year + 1):
                value = last.value * (1 + rate) ** (year - last.year)
                if limit is not None:
                    value = min(value, limit)
                path.append(Point(year, value))
            return path

        low, high = min(rates + [growth]), max(rates + [growth])
        return Projection(
            f"Giữ tốc độ tăng bình quân {first.year}–{last.year} ({growth * 100:.2f}%/năm)",
            f"Compound growth of {first.year}–{last.year} continued ({growth * 100:.2f}%/year)",
            path_at(growth),
            path_at(low),
            path_at(high),
            f"từ {low * 100:.2f}% đến {high * 100:.2f}%/năm (tốc độ thấp nhất và cao nhất giữa hai lần quan sát liền nhau)",
            f"{low * 100:.2f}% to {high * 100:.2f}% a year (slowest and fastest growth between consecutive observations)",
        )
    return None
