"""A unit's name is bounded by the same name written elsewhere in the document with a
clear end (docs/importer.md, "The document's own names"): whatever verb starts the task
("Cục Thuế thanh lý tài sản."), listed or not, the name is read as the document writes it
where it ends beyond doubt (before a comma, "chủ trì", "phối hợp", "và", a parenthesis, or
alone on its line, as in a table's cell).

Where the words come from: the bodies are units of ministries and provinces as their
organisation decrees name them (their shapes, not the evaluation set's); the verbs are
duties of the genre that no lexicon of `names` holds (checked below), so the rule is tried
on verbs it was never told.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.core.text import canonical_tone
from lotrinh.importer.names import (
    AMBIGUOUS_CLAUSE_WORDS,
    CLAUSE_WORDS,
    DUTY_VERBS,
    FIELD_WORDS,
    find_names,
    written_units,
)
from lotrinh.importer.service import parse_bytes

BODIES = (
    "Cục Thuế",
    "Cục Hải quan",
    "Vụ Pháp chế",
    "Cục Thú y",
    "Trung tâm Chuyển đổi số",
    "Cục Quản lý thị trường",
    "Chi cục Kiểm lâm",
    "Cục Kiểm định hải quan",
    "Vụ Tổ chức cán bộ",
    "Trung tâm Lưu trữ lịch sử",
    "Cục Quản lý đất đai",
    "Chi cục Thủy lợi",
    "Trung tâm Công nghệ thông tin",
    "Cục Y tế dự phòng",
    "Cục An toàn thực phẩm",
    "Vụ Bảo hiểm y tế",
    "Trung tâm Khuyến nông",
    "Chi cục Chăn nuôi và Thú y",
    "Cục Quản lý Y, Dược cổ truyền",
    "Viện Khoa học thủy lợi Việt Nam",
    "Trung tâm Kiểm soát bệnh tật",
    "Ban Dân tộc tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Trung tâm Phát triển quỹ đất",
    "Vụ Kế hoạch - Tài chính",
)
# Verbs of duties that no list of `names` holds.
VERBS = (
    "thanh lý", "bàn giao", "thẩm định", "thu hồi", "niêm yết", "khảo sát", "thu thập",
    "tiêu hủy", "chuyển giao", "đối chiếu", "biên soạn", "thẩm tra", "quyết toán",
    "nghiệm thu", "giải ngân", "dịch thuật", "số hóa", "lưu giữ", "cấp phát", "in ấn",
    "kê khai", "thống kê", "vận chuyển", "sao lưu",
)  # fmt: skip
OBJECTS = (
    "tài sản",
    "hồ sơ",
    "tài sản công",
    "hồ sơ cho Sở Tư pháp",
    "trang thiết bị y tế đã hết hạn sử dụng",
    "số liệu năm 2026",
)
# Where the same body is named with a clear end.
CLEAR = (
    "{name} chủ trì, phối hợp với các cơ quan liên quan tổ chức thực hiện.",
    "Giao {name} phối hợp với Sở Tư pháp hướng dẫn thực hiện.",
    "Phối hợp với {name}, Sở Tư pháp và các cơ quan liên quan.",
    "Cơ quan chủ trì: {name}; thời hạn: năm 2026.",
    "(Cơ quan chủ trì: {name})",
    "- {name}",
)


def _first(text: str) -> str:
    found = find_names(text)
    return found[0].written if found else ""


def test_the_verbs_are_in_no_list() -> None:
    listed = {canonical_tone(w) for w in CLAUSE_WORDS + AMBIGUOUS_CLAUSE_WORDS + FIELD_WORDS}
    listed |= {canonical_tone(w) for w in DUTY_VERBS}
    assert not [v for v in VERBS if canonical_tone(v) in listed]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(BODIES),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS),
    st.sampled_from(CLEAR),
    st.sampled_from(("", "Giao ", "- ", "3. ")),
    st.sampled_from((".", ";", "")),
)
def test_a_body_named_elsewhere_with_a_clear_end_is_read_exactly_before_any_verb(
    name: str, verb: str, obj: str, clear: str, lead_in: str, stop: str
) -> None:
    with written_units([clear.format(name=name), "Nội dung khác của kế hoạch."]):
        assert _first(f"{lead_in}{name} {verb} {obj}{stop}") == name


def test_a_name_written_only_with_an_unclear_end_is_read_as_before() -> None:
    # Nothing bounds it: the grammar's reading stays (the run-on the rule cannot see).
    with written_units(["Cục Thuế thanh lý tài sản."]):
        assert _first("Cục Thuế thanh lý tài sản.") == "Cục Thuế thanh lý tài sản"


def test_qualifiers_after_the_known_name_are_the_names() -> None:
    # The place's level and a term's number qualify the name: never cut off.
    with written_units(["Ban Chấp hành Đảng bộ (khóa XV)", "Ban Chấp hành Trung ương Đảng,"]):
        assert _first("Ban Chấp hành Đảng bộ tỉnh lãnh đạo thực hiện.") == (
            "Ban Chấp hành Đảng bộ tỉnh"
        )
        assert _first("Nghị quyết của Ban Chấp hành Trung ương Đảng khoá XII về") == (
            "Ban Chấp hành Trung ương Đảng khoá XII"
        )
    # A capital after it writes a longer name, as the grammar reads it.
    with written_units(["Cục Thuế chủ trì"]):
        assert _first("Cục Thuế Hà Nội, Sở Tài chính") == "Cục Thuế Hà Nội"


def test_a_wrapped_line_and_a_small_letter_give_no_name() -> None:
    # A plain text's line may end anywhere ("… Thể thao thời" / "kỳ 2021-2030"), and "cơ
    # sở Văn hóa" is no unit: neither bounds a mention.
    wrapped = "Quy hoạch mạng lưới cơ sở Văn hóa và Thể thao thời\nkỳ 2021-2030"
    with written_units([wrapped, "Phối hợp với Trung tâm Văn hóa\nvà các cơ quan"]):
        assert _first("Trung tâm Văn hóa tỉnh An Giang tổ chức") != "Trung tâm Văn hóa"


PLAN = """ỦY BAN NHÂN DÂN
TỈNH ĐỒNG THÁP

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 41/KH-UBND

Đồng Tháp, ngày 12 tháng 3 năm 2026

KẾ HOẠCH
Sắp xếp, xử lý tài sản công năm 2026

I. MỤC ĐÍCH, YÊU CẦU

Quản lý, sử dụng tài sản công tiết kiệm, hiệu quả.

II. NHIỆM VỤ

1. {clear}

2. {name} {verb} {obj}.

3. Sở Tài chính tổng hợp, báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện.
"""


@pytest.mark.django_db
def test_the_plans_lead_is_the_body_not_its_task() -> None:
    # Before: the lead was "Cục Thuế thanh lý tài sản" (an unlisted verb ran the name on).
    text = PLAN.format(
        clear="Cục Thuế chủ trì, phối hợp với Sở Tài chính rà soát tài sản công.",
        name="Cục Thuế",
        verb="thanh lý",
        obj="tài sản công",
    )
    tasks = parse_bytes(text.encode(), "kh41.txt")["tasks"]
    assert [t["lead"] for t in tasks[:2]] == [["Cục Thuế"], ["Cục Thuế"]]


@pytest.mark.django_db
def test_a_body_swallowing_the_next_body_no_longer_loses_it() -> None:
    # A guard (passes on the old rule too, where the parse split the task's names
    # otherwise): the run-on must not swallow the next body.
    text = PLAN.format(
        clear="Vụ Pháp chế phối hợp với Sở Tư pháp hướng dẫn thực hiện.",
        name="Vụ Pháp chế",
        verb="bàn giao",
        obj="hồ sơ cho Sở Tư pháp",
    )
    tasks = parse_bytes(text.encode(), "kh41.txt")["tasks"]
    assert tasks[1]["lead"] == ["Vụ Pháp chế"]


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(BODIES),
    st.sampled_from(VERBS),
    st.sampled_from(OBJECTS[:3] + OBJECTS[4:]),
    st.sampled_from(CLEAR[:2]),
)
def test_any_body_before_any_unlisted_verb_leads_its_task(
    name: str, verb: str, obj: str, clear: str
) -> None:
    text = PLAN.format(clear=clear.format(name=name), name=name, verb=verb, obj=obj)
    tasks = parse_bytes(text.encode(), "kh41.txt")["tasks"]
    assert tasks[1]["lead"] == [name]


def test_a_run_on_ended_by_a_comma_or_a_semicolon_is_no_name_of_the_document() -> None:
    # Before a comma the clause's list goes on ("hồ sơ, tài liệu"); ";" ends an item's
    # sentence: neither makes the run-on a name when the body is named beyond doubt.
    texts = [
        "Cục Thuế chủ trì, phối hợp với Sở Tài chính.",
        "Cục Thuế bàn giao hồ sơ, tài liệu cho Sở Tư pháp.",
        "Cục Thuế thanh lý tài sản công;",
        "Cục Thuế Hà Nội, Sở Tài chính",
    ]
    with written_units(texts):
        assert [_first(t) for t in texts[1:]] == ["Cục Thuế", "Cục Thuế", "Cục Thuế Hà Nội"]
