"""The progress-status method: is the country on course for a target milestone?

Pure functions, no database. Every number used is returned with the status, so the
target page can show the calculation. The method is written down, with worked
examples from the shipped data, in docs/progress-method.md; keep both in step.

Rules by indicator kind:
- levels, shares, counts: the ratio of the actual compound annual growth rate (from
  the baseline to the latest value) to the rate required to reach the target in the
  milestone year (Open SDG / Statistics Canada);
- coverage with a natural limit (100%): the same ratio on yearly absolute change,
  because compound growth overstates the pace needed close to the limit;
- world ranks and ranks within a group ("top N of ASEAN"): the actual improvement in
  rank since the baseline against the improvement required by now on a straight path
  from the baseline rank to N;
- average growth over a period ("over 7% a year in 2021–2025"): the average achieved
  so far (geometric mean) against the target average, and the average still required
  in the remaining years;
- milestones reached or not: from the evidence recorded.
Thresholds on the ratio: ≥ 0.95 on track, 0.60–0.95 needs acceleration, 0–0.60
limited progress, < 0 moving away.
"""

import math
from dataclasses import dataclass, field

ON_TRACK = 0.95
NEEDS_ACCELERATION = 0.60
LIMITED = 0.0
# "khoảng 20%": within ±5% of the target value counts as reaching it.
APPROX_TOLERANCE = 0.05

ACHIEVED = "achieved"
ON_TRACK_STATUS = "on_track"
NEEDS_ACCELERATION_STATUS = "needs_acceleration"
LIMITED_PROGRESS = "limited_progress"
MOVING_AWAY = "moving_away"
NOT_ACHIEVED = "not_achieved"
NOT_REACHED = "not_reached"
INSUFFICIENT_DATA = "insufficient_data"
NOT_MEASURABLE = "not_measurable"

STATUS_LABELS: dict[str, tuple[str, str]] = {
    ACHIEVED: ("Đã đạt", "Achieved"),
    ON_TRACK_STATUS: ("Đúng lộ trình", "On track"),
    NEEDS_ACCELERATION_STATUS: ("Cần đẩy nhanh", "Needs acceleration"),
    LIMITED_PROGRESS: ("Tiến triển hạn chế", "Limited progress"),
    MOVING_AWAY: ("Đi ngược mục tiêu", "Moving away"),
    NOT_ACHIEVED: ("Không đạt", "Not achieved"),
    NOT_REACHED: ("Chưa đạt mốc", "Not reached yet"),
    INSUFFICIENT_DATA: ("Chưa đủ dữ liệu", "Insufficient data"),
    NOT_MEASURABLE: ("Chưa đo được", "Not measurable yet"),
}
# Badge colour of each status on the pages.
STATUS_TONE = {
    ACHIEVED: "ok",
    ON_TRACK_STATUS: "ok",
    NEEDS_ACCELERATION_STATUS: "warn",
    LIMITED_PROGRESS: "bad",
    MOVING_AWAY: "bad",
    NOT_ACHIEVED: "bad",
    NOT_REACHED: "warn",
    INSUFFICIENT_DATA: "info",
    NOT_MEASURABLE: "info",
}

LEVEL_KINDS = {"level", "share", "count"}
RANK_KINDS = {"world_rank", "group_rank"}


@dataclass(frozen=True)
class Point:
    year: int
    value: float


@dataclass(frozen=True)
class Milestone:
    kind: str  # indicator kind: level, share, count, coverage, world_rank, group_rank, average_growth, milestone
    comparator: str  # gte, gt, lte, lt, approx, top, reached
    target: float | None
    year: int
    direction: str = "higher"
    limit: float | None = None
    period_start: int | None = None


@dataclass
class Step:
    label_vi: str
    label_en: str
    value: str
    value_en: str = ""  # when the value holds words ("5 năm", "điểm/năm")

    @property
    def value_en_or_value(self) -> str:
        return self.value_en or self.value


@dataclass
class Progress:
    status: str
    method: str
    milestone: Milestone
    baseline: Point | None = None
    latest: Point | None = None
    required_rate: float | None = None
    actual_rate: float | None = None
    ratio: float | None = None
    expected_now: float | None = None
    achieved_average: float | None = None
    required_remaining: float | None = None
    note_vi: str = ""
    note_en: str = ""
    steps: list[Step] = field(default_factory=list)

    @property
    def label_vi(self) -> str:
        return STATUS_LABELS[self.status][0]

    @property
    def label_en(self) -> str:
        return STATUS_LABELS[self.status][1]

    @property
    def tone(self) -> str:
        return STATUS_TONE[self.status]

    def as_dict(self) -> dict[str, object]:
        return {
            "status": self.status,
            "status_vi": self.label_vi,
            "method": self.method,
            "baseline": _point(self.baseline),
            "latest": _point(self.latest),
            "required_rate": self.required_rate,
            "actual_rate": self.actual_rate,
            "ratio": self.ratio,
            "expected_now": self.expected_now,
            "achieved_average": self.achieved_average,
            "required_remaining": self.required_remaining,
            "thresholds": {
                "on_track": ON_TRACK,
                "needs_acceleration": NEEDS_ACCELERATION,
                "limited_progress": LIMITED,
            },
            "note": self.note_en,
            "note_vi": self.note_vi,
        }


def _point(point: Point | None) -> dict[str, float] | None:
    return None if point is None else {"year": point.year, "value": point.value}


def meets(value: float, comparator: str, target: float) -> bool:
    """Does `value` satisfy the milestone's comparator?"""
    if comparator == "gte":
        return value >= target
    if comparator == "gt":
        return value > target
    if comparator == "lte":
        return value <= target
    if comparator == "lt":
        return value < target
    if comparator == "approx":
        return abs(value - target) <= APPROX_TOLERANCE * abs(target)
    if comparator == "top":
        return value <= target
    raise ValueError(f"unknown comparator {comparator!r}")


def status_from_ratio(ratio: float) -> str:
    if ratio >= ON_TRACK:
        return ON_TRACK_STATUS
    if ratio >= NEEDS_ACCELERATION:
        return NEEDS_ACCELERATION_STATUS
    if ratio >= LIMITED:
        return LIMITED_PROGRESS
    return MOVING_AWAY


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"


def pct(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.2f}%"


def evaluate(
    milestone: Milestone,
    observations: list[Point],
    *,
    as_of_year: int,
    baseline: Point | None = None,
) -> Progress:
    """The status of one milestone, from the observations known as of `as_of_year`."""
    known = sorted((p for p in observations if p.year <= as_of_year), key=lambda p: p.year)
    if milestone.kind == "vision":
        return Progress(
            NOT_MEASURABLE,
            "none",
            milestone,
            note_vi="Mục tiêu định tính chưa có chỉ tiêu và ngưỡng lượng hoá.",
            note_en="A qualitative aim without a quantified indicator and threshold yet.",
        )
    if milestone.kind == "tasks":
        return _evaluate_share_of_tasks(milestone, known, as_of_year)
    if milestone.kind == "milestone":
        return _evaluate_reached(milestone, known, as_of_year)
    if milestone.kind == "average_growth":
        return _evaluate_average_growth(milestone, known, as_of_year)
    if not known:
        return Progress(
            INSUFFICIENT_DATA,
            "none",
            milestone,
            baseline=baseline,
            note_vi="Chưa có số liệu quan sát nào.",
            note_en="No observation yet.",
        )
    if baseline is None:
        baseline = known[0]
    if milestone.kind in RANK_KINDS:
        return _evaluate_rank(milestone, baseline, known)
    return _evaluate_level(milestone, baseline, known)


def _final_or_early(
    milestone: Milestone, baseline: Point, latest: Point, method: str
) -> Progress | None:
    """Achieved, or not achieved once the milestone year is observed; None otherwise."""
    assert milestone.target is not None
    if meets(latest.value, milestone.comparator, milestone.target):
        return Progress(
            ACHIEVED,
            method,
            milestone,
            baseline,
            latest,
            note_vi=f"Giá trị năm {latest.year} ({fmt(latest.value)}) đã đạt chỉ tiêu.",
            note_en=f"The {latest.year} value ({fmt(latest.value)}) meets the target.",
        )
    if latest.year >= milestone.year:
        return Progress(
            NOT_ACHIEVED,
            method,
            milestone,
            baseline,
            latest,
            note_vi=f"Năm mốc {milestone.year} đã có số liệu ({fmt(latest.value)}) và chưa đạt chỉ tiêu.",
            note_en=f"The milestone year {milestone.year} is observed ({fmt(latest.value)}) and the target is not met.",
        )
    return None


def _single_year(method: str, milestone: Milestone, baseline: Point, latest: Point) -> Progress:
    return Progress(
        INSUFFICIENT_DATA,
        method,
        milestone,
        baseline,
        latest,
        note_vi="Chỉ có một năm số liệu: chưa thể tính xu hướng hay so với lộ trình.",
        note_en="Only one year of data: no trend or comparison with the path can be computed.",
    )


def _evaluate_level(milestone: Milestone, baseline: Point, known: list[Point]) -> Progress:
    assert milestone.target is not None
    latest = known[-1]
    linear = milestone.kind == "coverage" and milestone.limit is not None
    method = "linear_change_ratio" if linear else "cagr_ratio"
    done = _final_or_early(milestone, baseline, latest, method)
    if done is not None:
        return done
    if latest.year <= baseline.year:
        return _single_year(method, milestone, baseline, latest)
    span_now = latest.year - baseline.year
    span_target = milestone.year - baseline.year
    if linear:
        required = (milestone.target - baseline.value) / span_target
        actual = (latest.value - baseline.value) / span_now
        expected_now = baseline.value + required * span_now
        unit_vi, unit_en = "điểm/năm", "points/year"
    else:
        if baseline.value <= 0 or milestone.target <= 0 or latest.value <= 0:
            return Progress(
                INSUFFICIENT_DATA,
                method,
                milestone,
                baseline,
                latest,
                note_vi="Tốc độ tăng kép không xác định với giá trị không dương.",
                note_en="Compound growth is undefined for non-positive values.",
            )
        required = (milestone.target / baseline.value) ** (1 / span_target) - 1
        actual = (latest.value / baseline.value) ** (1 / span_now) - 1
        expected_now = baseline.value * (1 + required) ** span_now
        unit_vi, unit_en = "%/năm", "%/year"
    steps = [
        Step("Năm gốc", "Baseline", f"{baseline.year}: {fmt(baseline.value)}"),
        Step("Số liệu mới nhất", "Latest value", f"{latest.year}: {fmt(latest.value)}"),
        Step("Chỉ tiêu", "Target", f"{milestone.year}: {fmt(milestone.target)}"),
    ]
    rate = (lambda r: f"{fmt(r)} {unit_vi}") if linear else pct
    rate_en = (lambda r: f"{fmt(r)} {unit_en}") if linear else pct
    steps.append(Step("Tốc độ cần thiết", "Required rate", rate(required), rate_en(required)))
    steps.append(Step("Tốc độ thực tế", "Actual rate", rate(actual), rate_en(actual)))
    steps.append(Step("Giá trị cần đạt tới nay", "Expected value now", fmt(expected_now)))
    if required == 0 or (required > 0) != (milestone.direction == "higher"):
        # The baseline already met the target; it is no longer met now.
        return Progress(
            MOVING_AWAY,
            method,
            milestone,
            baseline,
            latest,
            required_rate=required,
            actual_rate=actual,
            expected_now=expected_now,
            steps=steps,
            note_vi="Năm gốc đã đạt chỉ tiêu nhưng số liệu mới nhất không còn đạt.",
            note_en="The baseline met the target; the latest value no longer does.",
        )
    ratio = actual / required
    steps.append(Step("Tỷ số thực tế / cần thiết", "Ratio actual / required", fmt(ratio, 3)))
    return Progress(
        status_from_ratio(ratio),
        method,
        milestone,
        baseline,
        latest,
        required_rate=required,
        actual_rate=actual,
        ratio=ratio,
        expected_now=expected_now,
        steps=steps,
        note_vi=f"Tốc độ thực tế {rate(actual)} so với tốc độ cần thiết {rate(required)}.",
        note_en=f"Actual rate {pct(actual) if not linear else fmt(actual)} against required {pct(required) if not linear else fmt(required)} ({unit_en}).",
    )


def _evaluate_rank(milestone: Milestone, baseline: Point, known: list[Point]) -> Progress:
    assert milestone.target is not None
    latest = known[-1]
    done = _final_or_early(milestone, baseline, latest, "rank_path")
    if done is not None:
        return done
    if latest.year <= baseline.year:
        return _single_year("rank_path", milestone, baseline, latest)
    share = (latest.year - baseline.year) / (milestone.year - baseline.year)
    expected_now = baseline.value + (milestone.target - baseline.value) * share
    required_gain = baseline.value - expected_now
    actual_gain = baseline.value - latest.value
    steps = [
        Step("Thứ hạng năm gốc", "Baseline rank", f"{baseline.year}: {fmt(baseline.value, 0)}"),
        Step("Thứ hạng mới nhất", "Latest rank", f"{latest.year}: {fmt(latest.value, 0)}"),
        Step(
            "Chỉ tiêu",
            "Target",
            f"{milestone.year}: nhóm {fmt(milestone.target, 0)} nước dẫn đầu",
            f"{milestone.year}: top {fmt(milestone.target, 0)}",
        ),
        Step(
            "Thứ hạng cần đạt tới nay (lộ trình thẳng)",
            "Rank expected now (straight path)",
            fmt(expected_now, 1),
        ),
        Step("Số bậc cần tăng tới nay", "Places to gain by now", fmt(required_gain, 1)),
        Step("Số bậc đã tăng", "Places gained", fmt(actual_gain, 1)),
    ]
    if required_gain <= 0:
        return Progress(
            MOVING_AWAY,
            "rank_path",
            milestone,
            baseline,
            latest,
            expected_now=expected_now,
            steps=steps,
            note_vi="Năm gốc đã trong nhóm mục tiêu nhưng thứ hạng mới nhất đã ra ngoài nhóm.",
            note_en="The baseline was within the target group; the latest rank is outside it.",
        )
    ratio = actual_gain / required_gain
    steps.append(Step("Tỷ số thực tế / cần thiết", "Ratio actual / required", fmt(ratio, 3)))
    return Progress(
        status_from_ratio(ratio),
        "rank_path",
        milestone,
        baseline,
        latest,
        ratio=ratio,
        expected_now=expected_now,
        steps=steps,
        note_vi=(
            f"Thứ hạng {fmt(latest.value, 0)} năm {latest.year} so với {fmt(baseline.value, 0)} năm {baseline.year}: "
            + (
                f"tăng {fmt(actual_gain, 1)} bậc"
                if actual_gain >= 0
                else f"giảm {fmt(-actual_gain, 1)} bậc"
            )
            + f", trong khi lộ trình cần tăng {fmt(required_gain, 1)} bậc tới nay."
        ),
        note_en=(
            f"Rank {fmt(latest.value, 0)} in {latest.year} against {fmt(baseline.value, 0)} in {baseline.year}: "
            + (
                f"up {fmt(actual_gain, 1)} places"
                if actual_gain >= 0
                else f"down {fmt(-actual_gain, 1)} places"
            )
            + f", while the path requires {fmt(required_gain, 1)} places gained by now."
        ),
    )


def _evaluate_average_growth(milestone: Milestone, known: list[Point], as_of_year: int) -> Progress:
    assert milestone.target is not None and milestone.period_start is not None
    start, end = milestone.period_start, milestone.year
    years = end - start + 1
    in_period = [p for p in known if start <= p.year <= end]
    if not in_period:
        return Progress(
            INSUFFICIENT_DATA,
            "period_average",
            milestone,
            note_vi=f"Chưa có số liệu nào của giai đoạn {start}–{end}.",
            note_en=f"No data for the period {start}–{end} yet.",
        )
    product = math.prod(1 + p.value / 100 for p in in_period)
    achieved = (product ** (1 / len(in_period)) - 1) * 100
    latest = in_period[-1]
    missing = [
        y for y in range(start, min(end, as_of_year) + 1) if y not in {p.year for p in in_period}
    ]
    steps = [
        Step(
            "Giai đoạn",
            "Period",
            f"{start}–{end} ({years} năm)",
            f"{start}–{end} ({years} year{'s' if years != 1 else ''})",
        ),
        Step(
            "Các năm đã có số liệu",
            "Years with data",
            "; ".join(f"{p.year}: {fmt(p.value)}%" for p in in_period),
        ),
        Step(
            "Bình quân đã đạt (trung bình nhân)",
            "Average achieved (geometric mean)",
            f"{fmt(achieved)}%",
        ),
        Step("Chỉ tiêu bình quân", "Target average", f"{fmt(milestone.target)}%"),
    ]
    if missing:
        steps.append(Step("Năm thiếu số liệu", "Years without data", ", ".join(map(str, missing))))
    ratio = achieved / milestone.target
    steps.append(Step("Tỷ số đạt được / chỉ tiêu", "Ratio achieved / target", fmt(ratio, 3)))
    remaining = years - len(in_period)
    if remaining == 0:
        status = (
            ACHIEVED if meets(achieved, milestone.comparator, milestone.target) else NOT_ACHIEVED
        )
        return Progress(
            status,
            "period_average",
            milestone,
            latest=latest,
            achieved_average=achieved,
            ratio=ratio,
            steps=steps,
            note_vi=f"Cả giai đoạn đã có số liệu: bình quân {fmt(achieved)}%/năm.",
            note_en=f"The whole period is observed: average {fmt(achieved)}% a year.",
        )
    required_remaining = (
        ((1 + milestone.target / 100) ** years / product) ** (1 / remaining) - 1
    ) * 100
    steps.append(
        Step(
            f"Bình quân cần đạt trong {remaining} năm còn lại",
            f"Average required in the {remaining} remaining year(s)",
            f"{fmt(required_remaining)}%",
        )
    )
    status = (
        ON_TRACK_STATUS
        if meets(achieved, milestone.comparator, milestone.target)
        else status_from_ratio(ratio)
    )
    return Progress(
        status,
        "period_average",
        milestone,
        latest=latest,
        achieved_average=achieved,
        required_remaining=required_remaining,
        ratio=ratio,
        steps=steps,
        note_vi=(
            f"Bình quân {fmt(achieved)}%/năm trong {len(in_period)} năm có số liệu; "
            f"cần bình quân {fmt(required_remaining)}%/năm trong {remaining} năm còn lại."
        ),
        note_en=(
            f"Average {fmt(achieved)}% a year over {len(in_period)} year(s) with data; "
            f"{fmt(required_remaining)}% a year needed in the {remaining} remaining year(s)."
        ),
    )


def _evaluate_reached(milestone: Milestone, known: list[Point], as_of_year: int) -> Progress:
    reached = [p for p in known if p.value >= 1]
    if reached:
        return Progress(
            ACHIEVED,
            "evidence",
            milestone,
            latest=reached[0],
            note_vi=f"Đạt mốc năm {reached[0].year} theo bằng chứng đã ghi nhận.",
            note_en=f"Reached in {reached[0].year} according to the recorded evidence.",
        )
    latest = known[-1] if known else None
    if as_of_year > milestone.year:
        status = NOT_ACHIEVED
    else:
        status = NOT_REACHED if known else INSUFFICIENT_DATA
    return Progress(
        status,
        "evidence",
        milestone,
        latest=latest,
        note_vi="Chưa có nguồn chính thức xác nhận đạt mốc."
        if known
        else "Chưa có bằng chứng nào.",
        note_en="No official source confirms the milestone yet." if known else "No evidence yet.",
    )


def _evaluate_share_of_tasks(milestone: Milestone, known: list[Point], as_of_year: int) -> Progress:
    """Qualitative targets evidenced by linked tasks: `known` holds one point, the share of
    the linked tasks done now (empty when no linked task has an accepted report)."""
    assert milestone.target is not None
    if not known:
        return Progress(
            NOT_MEASURABLE,
            "linked_tasks",
            milestone,
            note_vi="Chưa đo được: chưa nhiệm vụ liên kết nào có báo cáo được chấp nhận.",
            note_en="Not measurable yet: no linked task has an accepted report.",
        )
    latest = known[-1]
    if latest.value >= milestone.target:
        status = ACHIEVED
    elif as_of_year > milestone.year:
        status = NOT_ACHIEVED
    else:
        status = NOT_REACHED
    return Progress(
        status,
        "linked_tasks",
        milestone,
        latest=latest,
        ratio=latest.value / milestone.target if milestone.target else None,
        note_vi=f"{fmt(latest.value)}% nhiệm vụ liên kết đã hoàn thành; cần {fmt(milestone.target)}%.",
        note_en=f"{fmt(latest.value)}% of the linked tasks are done; {fmt(milestone.target)}% required.",
    )
