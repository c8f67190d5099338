"""Two rules of a plan's "Tổ chức thực hiện" (docs/importer.md, "A paragraph with a
subject of its own" and "A summary of a body's listed tasks"), found on 179/KH-UBND VI.18
and VI.9 and tested here on plans written for the test: the bodies and clauses are not
the evaluation set's (each is a plan's usual wording; the fields are those of a province's
health and agriculture plans).
"""

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import _text_blocks


def parse(text: str) -> dict[str, Any]:
    return parse_blocks(_text_blocks(text))


def tasks_of(text: str) -> list[tuple[str, list[str], list[str]]]:
    return [(t["text"], t["lead"], t["coordinating"]) for t in parse(text)["tasks"]]


# ------------------------------------------------------------- a paragraph of its own

ORGANISATION = "III. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì tổng hợp, báo cáo kết quả thực hiện."


def test_an_unmarked_paragraph_opening_with_other_bodies_is_their_duty() -> None:
    text = (
        "II. NHIỆM VỤ\n1. Sở Y tế chủ trì nâng cao chất lượng khám, chữa bệnh.\n"
        "2. Khuyến khích Hội Chữ thập đỏ tỉnh tham gia sơ cứu, cấp cứu ban đầu tại cộng đồng.\n"
        "Các hiệp hội doanh nghiệp chủ động vận động hội viên tham gia bảo hiểm y tế; "
        "tham gia cùng Sở Y tế trong việc tuyên truyền phòng, chống dịch bệnh.\n" + ORGANISATION
    )
    tasks = tasks_of(text)
    assert tasks[1] == (
        "Khuyến khích Hội Chữ thập đỏ tỉnh tham gia sơ cứu, cấp cứu ban đầu tại cộng đồng.",
        ["Hội Chữ thập đỏ tỉnh"],
        [],
    )
    assert tasks[2] == (
        "Các hiệp hội doanh nghiệp chủ động vận động hội viên tham gia bảo hiểm y tế; "
        "tham gia cùng Sở Y tế trong việc tuyên truyền phòng, chống dịch bệnh.",
        ["Các hiệp hội doanh nghiệp"],
        ["Sở Y tế"],
    )


def test_a_paragraph_that_goes_on_with_the_same_body_or_its_partners_stays_in_the_point() -> None:
    same = (
        "II. NHIỆM VỤ\n1. Sở Nông nghiệp và Môi trường chủ trì rà soát quy hoạch thủy lợi.\n"
        "Sở Nông nghiệp và Môi trường hướng dẫn các xã lập kế hoạch phòng, chống hạn hán.\n"
        + ORGANISATION
    )
    partners = (
        "II. NHIỆM VỤ\n1. Sở Nông nghiệp và Môi trường chủ trì rà soát quy hoạch thủy lợi.\n"
        "Sở Tài chính, Sở Xây dựng phối hợp thẩm định, bố trí kinh phí.\n" + ORGANISATION
    )
    heading = (
        "II. NHIỆM VỤ\n1. Sở Nông nghiệp và Môi trường\n"
        "Sở Tài chính bố trí kinh phí cho các công trình thủy lợi.\n" + ORGANISATION
    )
    wrapped = (
        "II. NHIỆM VỤ\n1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với\n"
        "Sở Tài chính, Sở Xây dựng rà soát quy hoạch thủy lợi.\n" + ORGANISATION
    )
    for text in (same, partners, heading, wrapped):
        # One point (III only reports: II already names who acts).
        assert len(parse(text)["tasks"]) == 1, text


# ------------------------------------------------------------- a summary of listed tasks

PLAN = """II. NHIỆM VỤ
1. Phát triển mạng lưới y tế cơ sở gắn với chăm sóc sức khỏe ban đầu.
2. Xây dựng vùng nguyên liệu nông sản tập trung.
III. TỔ CHỨC THỰC HIỆN
1. {body}: Chủ trì, phối hợp triển khai các nhiệm vụ {topic}.
2. Sở Tài chính: Bố trí kinh phí thực hiện Kế hoạch.
Nơi nhận:
- Lưu: VT.

Phụ lục
DANH MỤC NHIỆM VỤ

| TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Củng cố mạng lưới y tế cơ sở, trạm y tế xã | Sở Y tế | Sở Tài chính | 2026 |
| 2 | Nâng cao chất lượng chăm sóc sức khỏe ban đầu cho người dân | Sở Y tế | | 2027 |
| 3 | Xây dựng vùng nguyên liệu tập trung | Sở Nông nghiệp và Môi trường | | 2027 |
"""


def test_a_clause_summing_up_a_bodys_listed_tasks_is_their_assignment() -> None:
    texts = [
        t[0]
        for t in tasks_of(
            PLAN.format(
                body="Sở Y tế",
                topic="củng cố y tế cơ sở, chăm sóc sức khỏe ban đầu cho người dân",
            )
        )
    ]
    assert not any(text.startswith("Sở Y tế: Chủ trì") for text in texts)
    assert len(texts) == 6


def test_a_body_given_nothing_else_keeps_its_clause_as_a_task() -> None:
    tasks = tasks_of(
        PLAN.format(
            body="Bộ Chỉ huy Quân sự tỉnh",
            topic="chuyển đổi số trong lĩnh vực quốc phòng, quân sự địa phương",
        )
    )
    assert any(lead == ["Bộ Chỉ huy Quân sự tỉnh"] for _text, lead, _c in tasks)
    assert len(tasks) == 7


def test_a_clause_on_another_topic_of_the_same_body_stays_a_task() -> None:
    tasks = tasks_of(
        PLAN.format(body="Sở Y tế", topic="phòng, chống dịch bệnh truyền nhiễm ở vùng biên giới")
    )
    assert len(tasks) == 7


TOPICS = [
    "củng cố mạng lưới y tế cơ sở, trạm y tế xã",
    "nâng cao chất lượng chăm sóc sức khỏe ban đầu",
    "củng cố mạng lưới y tế cơ sở và chăm sóc sức khỏe ban đầu cho người dân",
]


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(TOPICS),
    st.sampled_from(["Chủ trì, phối hợp triển khai", "Chủ trì triển khai", "Triển khai"]),
    st.sampled_from([": ", "\n"]),
)
def test_any_summary_of_the_listed_tasks_is_dropped_and_they_keep_their_lead(
    topic: str, giving: str, after_body: str
) -> None:
    text = PLAN.replace("{body}: Chủ trì, phối hợp triển khai", "{body}" + after_body + giving)
    parsed = parse(text.format(body="Sở Y tế", topic=topic))
    assert [t["lead"] for t in parsed["tasks"]] == [
        [],
        [],
        ["Sở Tài chính"],
        ["Sở Y tế"],
        ["Sở Y tế"],
        ["Sở Nông nghiệp và Môi trường"],
    ]
