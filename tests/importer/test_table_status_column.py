"""A monitoring table's "TIẾN ĐỘ" column (2026-12-07, party42). Công văn 402-CV/VPĐU's
appendix (Văn phòng Đảng ủy Chính phủ) has "THỜI GIAN HOÀN THÀNH" (Tháng 4/2025) and
"TIẾN ĐỘ" (Hoàn thành, Đang thực hiện): the second is the task's state. The header cue
"tiến độ" names a deadline column in a plan ("Tiến độ: Quý II/2026"); a column is read as
the deadline by its cells: dates and periods are, states are not. Before, a "TIẾN ĐỘ"
column of states before (or without) the time column gave "Hoàn thành" as the deadline."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer import tables

STATUSES = ["Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Đã hoàn thành", "Chậm tiến độ"]
TIMES = ["Tháng 4/2025", "Quý II/2026", "Năm 2026", "Thường xuyên", "Hằng năm", "2026-2030"]


def _deadlines(header: list[str], cells: list[list[str]]) -> list[str]:
    rows = [header] + [
        ["1.", f"Xây dựng đề án số {n}", "Bộ Nội vụ", *extra] for n, extra in enumerate(cells)
    ]
    table = tables.read_table(rows)
    assert table is not None
    return [item.deadline for item in table.items if isinstance(item, tables.TableTask)]


def test_a_status_column_is_no_deadline() -> None:
    header = ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Tiến độ"]
    assert _deadlines(header, [["Hoàn thành"], ["Đang thực hiện"]]) == ["", ""]


def test_the_time_column_after_a_status_column_is_the_deadline() -> None:
    header = ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Tiến độ", "Thời gian hoàn thành"]
    cells = [["Hoàn thành", "Tháng 4/2025"], ["Đang thực hiện", "Tháng 5/2025"]]
    assert _deadlines(header, cells) == ["Tháng 4/2025", "Tháng 5/2025"]


def test_a_tien_do_column_of_periods_stays_the_deadline() -> None:
    # Guard (passes on the old code): a plan's "Tiến độ" column is its timing.
    header = ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Tiến độ"]
    assert _deadlines(header, [["Quý II/2026"], ["Thường xuyên"]]) == [
        "Quý II/2026",
        "Thường xuyên",
    ]


@settings(max_examples=60, deadline=None)
@given(
    statuses=st.lists(st.sampled_from(STATUSES), min_size=1, max_size=5),
    times=st.lists(st.sampled_from(TIMES), min_size=1, max_size=5),
    status_first=st.booleans(),
)
def test_the_deadline_is_the_column_of_times_whatever_the_order(
    statuses: list[str], times: list[str], status_first: bool
) -> None:
    count = min(len(statuses), len(times))
    statuses, times = statuses[:count], times[:count]
    if status_first:
        header = ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Tiến độ", "Thời hạn"]
        cells = [[s, t] for s, t in zip(statuses, times, strict=True)]
    else:
        header = ["TT", "Nhiệm vụ", "Cơ quan thực hiện", "Thời hạn", "Tiến độ"]
        cells = [[t, s] for s, t in zip(statuses, times, strict=True)]
    found = _deadlines(header, cells)
    assert found == times
    assert not set(found) & set(STATUSES)
