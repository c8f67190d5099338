"""The progress method, rule by rule, against hand-computed numbers (docs/progress-method.md)."""

import re
from pathlib import Path

import pytest

from lotrinh.indicators.progress import (
    ACHIEVED,
    INSUFFICIENT_DATA,
    LIMITED_PROGRESS,
    MOVING_AWAY,
    NEEDS_ACCELERATION_STATUS,
    NOT_ACHIEVED,
    NOT_REACHED,
    ON_TRACK_STATUS,
    Milestone,
    Point,
    evaluate,
    meets,
    status_from_ratio,
)
from lotrinh.indicators.projection import project

DIGITAL = [
    Point(2020, 12.66),
    Point(2021, 12.87),
    Point(2022, 12.83),
    Point(2023, 12.87),
    Point(2024, 13.17),
]
GII = [
    Point(2019, 42),
    Point(2020, 42),
    Point(2021, 44),
    Point(2022, 48),
    Point(2023, 46),
    Point(2024, 44),
    Point(2025, 44),
]


def test_share_ratio_of_compound_growth_rates():
    # required (20/12.66)^(1/5)-1 = 9.5769%; actual (13.17/12.66)^(1/4)-1 = 0.99224%.
    p = evaluate(Milestone("share", "approx", 20, 2025), DIGITAL, as_of_year=2026)
    assert p.required_rate == pytest.approx(0.095769, abs=1e-5)
    assert p.actual_rate == pytest.approx(0.0099224, abs=1e-6)
    assert p.ratio == pytest.approx(0.10361, abs=1e-4)
    assert p.expected_now == pytest.approx(12.66 * 1.095769**4, rel=1e-4)
    assert p.status == LIMITED_PROGRESS


def test_lower_is_better_level():
    # required 0.5^(1/10)-1 = -6.697%; actual 0.8^(1/5)-1 = -4.365%; ratio 0.6518.
    p = evaluate(
        Milestone("level", "lte", 5, 2030, direction="lower"),
        [Point(2020, 10), Point(2025, 8)],
        as_of_year=2026,
    )
    assert p.ratio == pytest.approx(0.6518, abs=1e-3)
    assert p.status == NEEDS_ACCELERATION_STATUS


def test_baseline_equal_to_target_then_lost_is_moving_away():
    p = evaluate(
        Milestone("level", "gte", 50, 2025), [Point(2020, 50), Point(2023, 48)], as_of_year=2024
    )
    assert p.status == MOVING_AWAY


def test_target_met_at_baseline_then_lost_is_moving_away():
    p = evaluate(
        Milestone("level", "gte", 50, 2025), [Point(2020, 55), Point(2023, 45)], as_of_year=2024
    )
    assert p.status == MOVING_AWAY


def test_target_met_early_is_achieved_and_milestone_year_unmet_is_not_achieved():
    assert (
        evaluate(
            Milestone("level", "gte", 10, 2025), [Point(2020, 5), Point(2023, 11)], as_of_year=2024
        ).status
        == ACHIEVED
    )
    assert (
        evaluate(
            Milestone("level", "gte", 10, 2025), [Point(2020, 5), Point(2025, 9)], as_of_year=2026
        ).status
        == NOT_ACHIEVED
    )


def test_missing_years_use_the_observations_there_are():
    p = evaluate(
        Milestone("level", "gte", 200, 2030), [Point(2019, 100), Point(2024, 150)], as_of_year=2026
    )
    # required 2^(1/11)-1 = 6.504%; actual 1.5^(1/5)-1 = 8.447%: ratio 1.299 → on track.
    assert p.ratio == pytest.approx(1.2988, abs=1e-3)
    assert p.status == ON_TRACK_STATUS


def test_one_observation_or_none_is_insufficient_data():
    assert (
        evaluate(Milestone("level", "gte", 10, 2025), [Point(2020, 5)], as_of_year=2024).status
        == INSUFFICIENT_DATA
    )
    assert (
        evaluate(Milestone("count", "gte", 3, 2025), [], as_of_year=2024).status
        == INSUFFICIENT_DATA
    )


def test_coverage_uses_linear_change_towards_the_natural_limit():
    # required (100-80)/5 = 4 points a year; actual (89-80)/3 = 3 → ratio 0.75.
    p = evaluate(
        Milestone("coverage", "gte", 100, 2025, limit=100),
        [Point(2020, 80), Point(2023, 89)],
        as_of_year=2024,
    )
    assert p.method == "linear_change_ratio"
    assert p.ratio == pytest.approx(0.75)
    assert p.status == NEEDS_ACCELERATION_STATUS


def test_world_rank_path():
    # expected now 42 + (40-42)*6/11 = 40.909; required gain 1.0909; actual gain -2.
    p = evaluate(Milestone("world_rank", "top", 40, 2030, direction="lower"), GII, as_of_year=2026)
    assert p.expected_now == pytest.approx(40.909, abs=1e-3)
    assert p.ratio == pytest.approx(-1.8333, abs=1e-3)
    assert p.status == MOVING_AWAY


def test_group_position_within_top_n_is_achieved_and_outside_follows_the_path():
    achieved = evaluate(
        Milestone("group_rank", "top", 3, 2025, direction="lower"),
        [Point(2020, 3), Point(2024, 4), Point(2025, 3)],
        as_of_year=2026,
    )
    assert achieved.status == ACHIEVED
    # 6 (2020) → 4 by 2025: expected 2024 = 4.4; gained 1 of 1.6 → 0.625.
    p = evaluate(
        Milestone("group_rank", "top", 4, 2025, direction="lower"),
        [Point(2020, 6), Point(2022, 6), Point(2024, 5)],
        as_of_year=2026,
    )
    assert p.ratio == pytest.approx(0.625)
    assert p.status == NEEDS_ACCELERATION_STATUS


def test_average_growth_achieved_so_far_and_required_in_remaining_years():
    data = [Point(2021, 4.71), Point(2022, 4.8), Point(2023, 3.65), Point(2024, 5.88)]
    p = evaluate(
        Milestone("average_growth", "gt", 7, 2025, period_start=2021), data, as_of_year=2026
    )
    # product 1.204284: geometric mean 4.7569%; 1.07^5/1.204284 - 1 = 16.46% needed in 2025.
    assert p.achieved_average == pytest.approx(4.7569, abs=1e-3)
    assert p.required_remaining == pytest.approx(16.464, abs=1e-2)
    assert p.status == NEEDS_ACCELERATION_STATUS
    complete = evaluate(
        Milestone("average_growth", "gt", 4, 2022, period_start=2021), data, as_of_year=2026
    )
    assert complete.status == ACHIEVED
    none_yet = evaluate(
        Milestone("average_growth", "approx", 7.5, 2030, period_start=2026), data, as_of_year=2026
    )
    assert none_yet.status == INSUFFICIENT_DATA


def test_milestone_reached_from_evidence():
    spec = Milestone("milestone", "reached", None, 2030)
    assert evaluate(spec, [Point(2024, 0), Point(2025, 0)], as_of_year=2026).status == NOT_REACHED
    assert evaluate(spec, [Point(2024, 0), Point(2028, 1)], as_of_year=2029).status == ACHIEVED
    assert evaluate(spec, [Point(2024, 0)], as_of_year=2031).status == NOT_ACHIEVED
    assert evaluate(spec, [], as_of_year=2026).status == INSUFFICIENT_DATA


@pytest.mark.parametrize(
    ("value", "comparator", "target", "expected"),
    [
        (19.2, "approx", 20, True),
        (18.9, "approx", 20, False),
        (30, "gt", 30, False),
        (30, "gte", 30, True),
        (4, "top", 4, True),
        (5, "top", 4, False),
    ],
)
def test_comparators(value, comparator, target, expected):
    assert meets(value, comparator, target) is expected


@pytest.mark.parametrize(
    ("ratio", "status"),
    [
        (0.95, ON_TRACK_STATUS),
        (0.6, NEEDS_ACCELERATION_STATUS),
        (0.0, LIMITED_PROGRESS),
        (-0.01, MOVING_AWAY),
    ],
)
def test_threshold_boundaries(ratio, status):
    assert status_from_ratio(ratio) == status


def test_projection_models_and_their_limits():
    levels = project("share", DIGITAL, 2030)
    assert levels is not None and levels.final.year == 2030
    assert levels.final.value == pytest.approx(13.17 * (13.17 / 12.66) ** (6 / 4), rel=1e-4)
    assert (
        project("coverage", [Point(2020, 90), Point(2024, 99)], 2030, limit=100).final.value == 100
    )
    assert project("world_rank", GII[:2], 2030) is None  # two ranks are too few
    assert project("world_rank", GII, 2030) is not None
    assert project("share", [Point(2024, 13)], 2030) is None
    assert project("average_growth", DIGITAL, 2030) is None


def test_worked_example_of_the_method_document():
    doc = (Path(__file__).resolve().parents[2] / "docs" / "progress-method.md").read_text(
        encoding="utf-8"
    )
    match = re.search(r"<!-- worked-example: (.*?) -->", doc)
    assert match, "docs/progress-method.md must carry its worked example"
    fields = dict(item.split("=") for item in match.group(1).split())
    base_year, base_value = fields["baseline"].split(":")
    latest_year, latest_value = fields["latest"].split(":")
    p = evaluate(
        Milestone(
            fields["kind"], fields["comparator"], float(fields["target"]), int(fields["year"])
        ),
        [Point(int(base_year), float(base_value)), Point(int(latest_year), float(latest_value))],
        as_of_year=int(latest_year) + 1,
    )
    assert p.ratio == pytest.approx(float(fields["ratio"]), abs=5e-4)
    assert p.status == fields["status"]
    assert f"{p.ratio:.3f}".replace(".", ",") in doc


def test_calculation_steps_have_no_vietnamese_value_in_english():
    # An English page showed "2021–2025 (5 năm)" and "1.5 điểm/năm" in the calculation table.
    vietnamese = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]|năm", re.I)
    average = evaluate(
        Milestone("average_growth", "gt", 7, 2025, period_start=2021),
        [Point(2021, 4.71), Point(2022, 4.8)],
        as_of_year=2026,
    )
    coverage = evaluate(
        Milestone("coverage", "gte", 100, 2025, limit=100),
        [Point(2020, 80), Point(2023, 90)],
        as_of_year=2026,
    )
    for progress in (average, coverage):
        assert progress.steps
        for step in progress.steps:
            assert not vietnamese.search(step.value_en_or_value), step
    assert average.steps[0].value == "2021–2025 (5 năm)"
    assert average.steps[0].value_en_or_value == "2021–2025 (5 years)"
    assert any(s.value_en_or_value.endswith("points/year") for s in coverage.steps)


def test_the_years_with_data_are_separated_so_decimal_commas_stay_readable():
    # "2021: 4,71%, 2022: 4,8%" on a Vietnamese page: the list's commas read as decimals.
    from lotrinh.core.locale import figures_in_text

    p = evaluate(
        Milestone("average_growth", "gt", 7, 2025, period_start=2021),
        [Point(2021, 4.71), Point(2022, 4.8)],
        as_of_year=2026,
    )
    years = next(s for s in p.steps if s.label_en == "Years with data")
    assert figures_in_text(years.value, "vi") == "2021: 4,71%; 2022: 4,8%"


def test_a_rank_target_reads_vietnamese_on_a_vietnamese_page():
    # "Chỉ tiêu: 2030: top 40" was the one English word in the Vietnamese calculation.
    p = evaluate(Milestone("world_rank", "top", 40, 2030, direction="lower"), GII, as_of_year=2026)
    target = next(s for s in p.steps if s.label_en == "Target")
    assert target.value == "2030: nhóm 40 nước dẫn đầu"
    assert target.value_en_or_value == "2030: top 40"
