"""The targets chart of the printed report reads as a Vietnamese clerk writes numbers:
a decimal comma ("12,5", not "12.5"), whole years on the time axis (never "2024.2"),
whole positions and ranks ("vị trí 3", never "3.2"), and no line for an indicator that
has no figures to draw (a yes/no milestone drawn as a flat line at 0 between -0,04 and
0,04 looked like a measured zero)."""

import matplotlib.pyplot as plt

from lotrinh.documents import charts


def _labels(axis, which: str) -> list[str]:  # type: ignore[no-untyped-def]
    axis.figure.canvas.draw()
    ticks = axis.get_yticklabels() if which == "y" else axis.get_xticklabels()
    return [t.get_text() for t in ticks if t.get_text()]


def _figure(**items):  # type: ignore[no-untyped-def]
    return charts.draw_figure(items)


def test_values_carry_a_decimal_comma_and_years_stay_whole() -> None:
    share = {
        "title": "Tỷ trọng kinh tế số trong GDP",
        "points": [(2020, 12.66), (2024, 14.1), (2025, 14.02)],
        "targets": [(2030, 30.0)],
        "lower": False,
    }
    figure = _figure(SHARE=share)
    try:
        axis = figure.axes[0]
        ys, xs = _labels(axis, "y"), _labels(axis, "x")
        assert ys and all("." not in y for y in ys), ys
        assert any("," in y for y in ys), ys
        assert all(x.isdigit() and len(x) == 4 for x in xs), xs
    finally:
        plt.close(figure)


def test_two_close_years_give_whole_year_ticks() -> None:
    series = {
        "title": "Số trạm 5G",
        "points": [(2024, 0.0), (2025, 6000.0)],
        "targets": [],
        "lower": False,
    }
    figure = _figure(COUNT=series)
    try:
        axis = figure.axes[0]
        xs, ys = _labels(axis, "x"), _labels(axis, "y")
        assert xs and all(x.isdigit() for x in xs), xs
        # Thousands with a dot, as in "6.000".
        assert "6.000" in ys or any("." in y and "," not in y for y in ys), ys
    finally:
        plt.close(figure)


def test_positions_and_ranks_are_whole_numbers() -> None:
    position = {
        "title": "Vị trí của Việt Nam trong ASEAN",
        "points": [(2019, 3.0), (2021, 4.0), (2025, 3.0)],
        "targets": [(2025, 3.0)],
        "lower": True,
    }
    figure = _figure(POS=position)
    try:
        ys = _labels(figure.axes[0], "y")
        assert ys and all(y.lstrip("−").isdigit() for y in ys), ys
    finally:
        plt.close(figure)


def test_an_indicator_without_figures_is_not_drawn() -> None:
    rows = [
        {
            "code": "MOBILE_5G_NATIONWIDE",
            "indicator": "Mạng di động 5G phủ sóng toàn quốc",
            "kind": "milestone",
            "points": [[2024, 0.0], [2025, 0.0]],
            "target": None,
            "target_year": 2025,
            "lower_is_better": False,
        }
    ]
    assert charts.targets_chart(rows) is None
