"""In a task's own text, "thường xuyên" and "hằng năm" set its recurrence only where they
schedule the work: in "định kỳ hằng năm", at the head of a clause ("Hằng năm tổ chức …",
"Thường xuyên rà soát …"), after "thực hiện"/"một cách" ("; thực hiện thường xuyên.").
Where they describe a thing they do not: "nhiệm vụ trọng tâm, thường xuyên của cấp ủy",
"chương trình làm việc toàn khóa, hằng năm", "kinh phí chi thường xuyên", "kế hoạch đầu tư
công trung hạn, hằng năm" (42-CTr/TU Nghệ An II.1.1–2 read ongoing/annual; measured on the
whole evaluation set, docs/importer.md). A deadline cell or field reads any rhythm, as before."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotrinh.importer.dates import find_recurrence, task_recurrence


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Văn phòng Tỉnh ủy theo dõi; định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.", "annual"),
        ("Hằng năm tổ chức “Tuần lễ Chuyển đổi số”.", "annual"),
        ("Rà soát các văn bản. Hàng năm thực hiện sát hạch, đánh giá.", "annual"),
        ("Thường xuyên rà soát, kiểm tra, đánh giá mức độ an toàn.", "ongoing"),
        ("Hỗ trợ hộ kinh doanh bán hàng trực tuyến; thực hiện thường xuyên.", "ongoing"),
        ("Tuyên truyền về Kế hoạch một cách thường xuyên.", "ongoing"),
        ("Tổng hợp kết quả (định kỳ hằng năm).", "annual"),
        ("Định kỳ 6 tháng báo cáo kết quả với Ban Chỉ đạo.", "semiannual"),
        ("Thời gian thực hiện: thường xuyên.", "ongoing"),
        # Describing, not scheduling.
        (
            "Xác định công tác xây dựng pháp luật là nhiệm vụ trọng tâm, thường xuyên của cấp"
            " ủy, tổ chức đảng.",
            None,
        ),
        (
            "Đưa nhiệm vụ vào chương trình làm việc toàn khóa, hằng năm của cấp ủy; gắn trách"
            " nhiệm người đứng đầu.",
            None,
        ),
        ("Bố trí kinh phí chi thường xuyên hằng năm theo quy định.", None),
        ("Phân bổ kế hoạch đầu tư công trung hạn, hằng năm từ nguồn vốn ngân sách.", None),
        ("Ứng dụng nền tảng bồi dưỡng thường xuyên giáo viên.", None),
        ("Lắp đặt thiết bị quan trắc ở nơi thường xuyên phát sinh bụi.", None),
    ],
)
def test_a_rhythm_in_the_text_schedules_the_task_only_where_it_says_when(text, code) -> None:
    assert task_recurrence(text) == code


NOUNS = ("nhiệm vụ trọng tâm,", "kinh phí chi", "chương trình làm việc", "kế hoạch công tác")
TAILS = (" của cấp ủy.", " theo quy định.", " của cơ quan, đơn vị;", " để triển khai.")


@given(
    verb=st.sampled_from(("Xác định", "Bố trí", "Đưa vào", "Rà soát")),
    noun=st.sampled_from(NOUNS),
    cue=st.sampled_from(("thường xuyên", "hằng năm", "hàng năm")),
    tail=st.sampled_from(TAILS),
)
def test_a_cue_after_a_noun_describes_it(verb, noun, cue, tail) -> None:
    assert task_recurrence(f"{verb} {noun} {cue}{tail}") is None


@given(
    cue=st.sampled_from(("Thường xuyên", "Hằng năm", "Hàng năm", "Định kỳ hằng năm")),
    verb=st.sampled_from(("tổ chức", "rà soát", "đánh giá", "kiểm tra")),
    lead=st.sampled_from(("", "Sở Tư pháp chủ trì. ", "Theo dõi tiến độ; ")),
)
def test_a_cue_at_the_head_of_a_clause_schedules_it(cue, verb, lead) -> None:
    text = f"{lead}{cue} {verb} việc thực hiện."
    assert task_recurrence(text) == find_recurrence(cue) is not None
