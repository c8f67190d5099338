"""A clause of Tổ chức thực hiện that gives a body the plan's own tasks without saying
where they stand ("Sở Công Thương: Chủ trì, phối hợp triển khai các nhiệm vụ chuyển đổi số
… trong lĩnh vực quản lý của Kế hoạch"; "Triển khai nhiệm vụ được giao chủ trì tại Phụ lục
của Kế hoạch") is the assignment of tasks the plan lists elsewhere, not a task of its own,
as a reference by position is (docs/importer.md, "Assignment by reference"). A clause that
does work besides ("…; hướng dẫn, đôn đốc …", "Hướng dẫn Bộ X … triển khai các nhiệm vụ …
trong Đề án") stays a task."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.names import _read
from lotrinh.importer.service import parse_bytes

HEAD = (
    "ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n-------\nSố: 12/KH-UBND\n\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n---------------\n"
    "Lào Cai, ngày 12 tháng 6 năm 2025\n\nKẾ HOẠCH\nPhát triển kinh tế số và xã hội số\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n1. Phát triển kinh tế số nhanh, bền vững.\n\n"
    "II. NHIỆM VỤ, GIẢI PHÁP\n"
    "1. Xây dựng nền tảng dữ liệu dùng chung của tỉnh.\n"
    "2. Phát triển thương mại điện tử trên địa bàn tỉnh.\n"
    "3. Đào tạo kỹ năng số cho người dân.\n\n"
    "III. TỔ CHỨC THỰC HIỆN\n"
    "1. Sở Khoa học và Công nghệ\n"
    "a) Chủ trì theo dõi, đôn đốc việc thực hiện Kế hoạch.\n"
    "b) Xây dựng Cổng dữ liệu mở của tỉnh.\n"
)
TAIL = "{n}. Sở Nội vụ\nTổ chức phong trào thi đua về chuyển đổi số trên địa bàn tỉnh.\n"

DEPARTMENTS = sorted(
    "Sở " + row["name_vi"][3:]
    for row in _read("agencies_2020.csv")
    if row["name_vi"].startswith("Bộ ") and " " in row["name_vi"][3:].strip()
)
TOPICS = (
    "chuyển đổi số, phát triển kinh tế số và xã hội số trong lĩnh vực quản lý",
    "phát triển kinh tế số thuộc phạm vi quản lý nhà nước",
    "về thương mại điện tử",
    "trong lĩnh vực công nghiệp",
)
OPENINGS = ("Chủ trì, phối hợp triển khai", "Chủ trì triển khai", "Chủ trì, phối hợp thực hiện")


def _tasks(body: str) -> list[dict]:
    text = HEAD + body + TAIL.format(n=3)
    return parse_bytes(text.encode(), "ke-hoach.txt")["tasks"]


@settings(max_examples=40, deadline=None)
@given(
    department=st.sampled_from(DEPARTMENTS),
    topic=st.sampled_from(TOPICS),
    opening=st.sampled_from(OPENINGS),
    on_its_line=st.booleans(),
)
def test_a_duty_that_only_gives_the_plans_tasks_is_no_task(
    department, topic, opening, on_its_line
) -> None:
    duty = f"{opening} các nhiệm vụ {topic} của Kế hoạch."
    heading = f"2. {department}: {duty}\n" if on_its_line else f"2. {department}\n{duty}\n"
    tasks = _tasks(heading)
    assert not any("của Kế hoạch." in t["text"] and "nhiệm vụ" in t["text"] for t in tasks)
    # The rest of the section is read as before: its duties, with their bodies.
    assert any("Tổ chức phong trào" in t["text"] for t in tasks)
    assert any(t["text"].startswith("Xây dựng Cổng") for t in tasks)


@settings(max_examples=30, deadline=None)
@given(department=st.sampled_from(DEPARTMENTS), letter=st.sampled_from("bcd"))
def test_a_point_that_only_refers_to_the_appendix_is_no_task(department, letter) -> None:
    body = (
        f"2. {department}\n"
        "a) Xây dựng cơ sở dữ liệu chuyên ngành.\n"
        f"{letter}) Triển khai nhiệm vụ được giao chủ trì tại Phụ lục của Kế hoạch.\n"
    )
    tasks = _tasks(body)
    assert not any("Phụ lục" in t["text"] for t in tasks)
    built = next(t for t in tasks if t["text"].startswith("Xây dựng cơ sở dữ liệu"))
    assert built["lead"] and built["lead"][0].startswith("Sở")


def test_a_duty_that_refers_and_does_more_stays_a_task() -> None:
    body = (
        "2. Sở Tài chính\n"
        "a) Triển khai các nhiệm vụ được giao chủ trì tại Phụ lục của Kế hoạch; hướng dẫn,"
        " đôn đốc, kiểm tra tiến độ thực hiện.\n"
        "b) Hướng dẫn Sở Xây dựng và các cơ quan liên quan triển khai các nhiệm vụ chuyển"
        " đổi số trong Kế hoạch.\n"
        "c) Phối hợp Sở Khoa học và Công nghệ triển khai các hiệp định hợp tác quốc tế theo"
        " nhiệm vụ của Kế hoạch.\n"
        "d) Chủ trì, phối hợp với các sở, ngành liên quan triển khai các nhiệm vụ của Kế"
        " hoạch.\n"
    )
    texts = [t["text"] for t in _tasks(body)]
    assert any(t.startswith("Triển khai các nhiệm vụ được giao") for t in texts)
    assert any(t.startswith("Hướng dẫn Sở Xây dựng") for t in texts)
    assert any(t.startswith("Phối hợp Sở Khoa học") for t in texts)
    # "các nhiệm vụ của Kế hoạch" names none of them: a duty to carry out the plan.
    assert any(t.startswith("Chủ trì, phối hợp với các sở, ngành") for t in texts)
