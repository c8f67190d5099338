"""Assignment by reference (lotrinh/importer/references.py) on small synthetic documents."""

from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document
from lotrinh.importer.references import references_in

DECISION = """QUYẾT ĐỊNH
Điều 1. Phê duyệt Đề án với các nội dung sau:
I. MỤC TIÊU
1. Mục tiêu chung của đề án.
II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Hoàn thiện thể chế
a) Rà soát các luật về hạ tầng.
b) Ban hành tiêu chuẩn dữ liệu hạ tầng.
c) Xây dựng cơ sở dữ liệu hạ tầng.
2. Đào tạo nhân lực
a) Đào tạo cán bộ chuyển đổi số.
III. TỔ CHỨC THỰC HIỆN
1. Bộ Xây dựng
a) Chủ trì, phối hợp với các cơ quan liên quan thực hiện các nhiệm vụ quy định tại các mục 1, 2 Phần II Điều 1 Quyết định này.
b) Tổng hợp, báo cáo kết quả hằng năm.
2. Bộ Tài chính
Chủ trì thực hiện nhiệm vụ quy định tại điểm c mục 1 Phần II Điều 1 Quyết định này.
3. Bộ Khoa học và Công nghệ
Phối hợp với Bộ Xây dựng thực hiện các nhiệm vụ quy định tại điểm b mục 1 Phần II Điều 1 Quyết định này.
"""


def _tasks(text: str) -> dict[str, dict]:
    parsed = parse_blocks(read_document(text.encode(), "x.txt"))
    return {t["text"].split("\n")[-1]: t for t in parsed["tasks"]}


def _roles(task: dict) -> tuple[set[str], set[str]]:
    lead = set(task["lead"]) | {a["generic"] for a in task["addressees"] if a["role"] == "lead"}
    coordinating = set(task["coordinating"]) | {
        a["generic"] for a in task["addressees"] if a["role"] == "coordinating"
    }
    return lead, coordinating


def test_the_positions_of_a_reference():
    assert references_in(
        "thực hiện các nhiệm vụ quy định tại các mục 1, 2, 3; điểm a, b mục 7 Phần III Điều 1"
    )[0][2] == ["III.1", "III.2", "III.3", "III.7.a", "III.7.b"]
    assert references_in(
        "Phối hợp thực hiện các nhiệm vụ quy định tại các điểm c, g mục 1, điểm đ mục 3 Phần II."
    )[0][2] == ["II.1.c", "II.1.g", "II.3.đ"]
    assert references_in("Chủ trì triển khai các nhiệm vụ tại mục (IV)(3.4)(a);")[0][2] == [
        "IV.3.4.a"
    ]
    assert references_in("Chủ trì các nhiệm vụ tại mục (IV) (4.1) (4.2) của Kế hoạch.")[0][2] == [
        "IV.4.1",
        "IV.4.2",
    ]
    # Positions in another document are not this one's.
    assert references_in("các nhiệm vụ tại mục IV, V của Chương trình.", "ke hoach") == []
    assert references_in("Triển khai các nhiệm vụ của Kế hoạch.") == []


def test_referred_tasks_take_the_lead_and_the_narrower_reference_wins():
    tasks = _tasks(DECISION)
    assert _roles(tasks["Rà soát các luật về hạ tầng."]) == ({"Bộ Xây dựng"}, {"related_bodies"})
    # 2. Bộ Tài chính names point c itself: narrower than "mục 1".
    assert _roles(tasks["Xây dựng cơ sở dữ liệu hạ tầng."])[0] == {"Bộ Tài chính"}
    # 3. only "phối hợp": Bộ Khoa học và Công nghệ joins the coordinators of point b.
    lead, coordinating = _roles(tasks["Ban hành tiêu chuẩn dữ liệu hạ tầng."])
    assert lead == {"Bộ Xây dựng"}
    assert coordinating == {"related_bodies", "Bộ Khoa học và Công nghệ"}
    assert _roles(tasks["Đào tạo cán bộ chuyển đổi số."])[0] == {"Bộ Xây dựng"}


def test_a_clause_that_only_refers_is_not_a_task_but_a_duty_of_its_own_is():
    texts = set(_tasks(DECISION))
    assert not any("các nhiệm vụ quy định tại" in text for text in texts)
    assert "Tổng hợp, báo cáo kết quả hằng năm." in texts


def test_a_focus_line_marks_its_section_as_holding_tasks():
    plan = """KẾ HOẠCH
I. MỤC TIÊU
1. Đến năm 2030 đạt các chỉ tiêu.
II. PHÁT TRIỂN NỀN MÓNG
1. Thể chế
Nền tảng dẫn dắt sự phát triển.
Trọng tâm:
a) Hoàn thiện chính sách về dữ liệu.
b) Thí điểm mô hình quản trị số.
"""
    texts = set(_tasks(plan))
    assert {"Hoàn thiện chính sách về dữ liệu.", "Thí điểm mô hình quản trị số."} <= texts
    assert "Đến năm 2030 đạt các chỉ tiêu." not in texts
