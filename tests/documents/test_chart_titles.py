"""The targets chart's titles stay over their own chart: a long indicator name is set on
two lines at most, cut at a word with "…", never running into the next chart's title
(it was one line of 70 characters: "… Đổi mới sáng tạo toàn cầu (G" over its neighbour)."""

import matplotlib.pyplot as plt

from lotrinh.documents import charts

LONG = "Vị trí của Việt Nam trong ASEAN theo Chỉ số Đổi mới sáng tạo toàn cầu (GII) của WIPO"
OTHER = "Thứ hạng của Việt Nam theo Chỉ số Đổi mới sáng tạo toàn cầu (GII) trong các nước"


def _series(*titles: str) -> dict:  # type: ignore[type-arg]
    return {
        f"C{n}": {"title": t, "points": [(2020, 1.0), (2024, 2.0)], "targets": [], "lower": False}
        for n, t in enumerate(titles)
    }


def _title_spans(figure) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    renderer = figure.canvas.get_renderer()
    spans = []
    for axis in figure.axes:
        if axis.get_title():
            box = axis.title.get_window_extent(renderer)
            spans.append((box.x0, box.x1))
    return spans


def test_a_long_title_stays_over_its_own_chart() -> None:
    figure = charts.draw_figure(_series(LONG, OTHER))
    try:
        (left_start, left_end), (right_start, right_end) = _title_spans(figure)
        width = figure.get_window_extent().x1
        assert left_start >= 0 and left_end < right_start and right_end <= width
        titles = [axis.get_title() for axis in figure.axes]
        assert all(len(t.split("\n")) <= 2 for t in titles), titles
    finally:
        plt.close(figure)


def test_the_title_keeps_whole_words_and_says_when_it_is_cut() -> None:
    assert charts.chart_title("Tỷ lệ dân số") == "Tỷ lệ dân số"
    title = charts.chart_title(LONG + " " + OTHER)
    assert title.endswith("…") and title.count("\n") == 1
    words = (LONG + " " + OTHER).split()
    assert title.replace("\n", " ").rstrip("…").split() == words[: len(title.split())]
