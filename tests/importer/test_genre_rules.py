"""Conventions of the genre read by issue 12 (docs/importer.md, "Rules"): a dash or a
number wrapped inside a phrase, Latin letters in an outline, articles and the closing
request after the body, classes of addressees under one article, classes of bodies as
subjects and headings, "phối hợp" with its adverbs, units with their province's name, and
table cells read under the gazetteer in force."""

import textwrap
from pathlib import Path

from lotrinh.importer import names, tables
from lotrinh.importer.names import find_names, name_list
from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import Block, _unwrap, dash_continues, dash_item, read_document
from lotrinh.importer.service import parse_bytes

BODY = "Các sở, ngành, địa phương tổ chức triển khai thực hiện nhiệm vụ được giao. " * 8


def _parse(text: str) -> dict:
    return parse_blocks(read_document(text.encode(), "x.txt"))


def _tasks(text: str) -> dict[str, dict]:
    return {t["text"].split()[0]: t for t in _parse(text)["tasks"]}


# ---------------------------------------------------------------- the reader
def test_a_dash_inside_a_phrase_wrapped_to_a_line_head_continues_the_line():
    assert dash_continues("Chương trình Make in Viet Nam cho giai đoạn 2026", "- 2030, tập trung")
    assert dash_continues("Xây dựng Nền tảng dạy - học", "- thi trực tuyến")
    assert dash_continues("(blockchain lớp", "1) tạo điều kiện cho doanh nghiệp")
    # An item of the genre: after a clause that ends, with a capital, or a figure of its own.
    assert not dash_continues("thực hiện các nhiệm vụ sau:", "- thi trực tuyến")
    assert not dash_continues("b) Đến năm 2030", "- 100% hồ sơ được số hóa")
    assert not dash_continues("b) Đến năm 2030", "- 2030 là năm hoàn thành")  # no period
    assert not dash_continues("cho giai đoạn 2026", "- Bộ Xây dựng chủ trì")
    assert not dash_continues("", "- 2030")


def test_wrapped_lines_that_start_with_a_dash_or_a_number_join_at_any_width():
    item = (
        "e) Xây dựng và triển khai Chương trình hỗ trợ doanh nghiệp nhỏ và vừa cho giai đoạn "
        "2026 - 2030, tập trung vào các doanh nghiệp sản xuất thiết bị theo mô hình dạy - học "
        "- thi trực tuyến và hạ tầng chuỗi khối (blockchain lớp 1) tạo điều kiện cho doanh nghiệp."
    )
    for width in range(50, 121):
        lines = [
            "II. NHIỆM VỤ, GIẢI PHÁP",
            *textwrap.wrap(BODY, width),
            "",
            *textwrap.wrap(item, width),
        ]
        joined = [line for line in _unwrap(lines) if line]
        assert joined[-1] == item, width


def test_f_after_e_and_j_after_i_are_lettered_items():
    text = (
        "II. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Sở Khoa học và Công nghệ\n"
        "e) Xây dựng chương trình hỗ trợ doanh nghiệp.\n"
        "f) Chủ trì, phối hợp với Sở Nội vụ tổ chức phong trào thi đua.\n"
    )
    tasks = _tasks(text)
    assert set(tasks) == {"Xây", "Chủ"}
    assert tasks["Chủ"]["coordinating"] == ["Sở Nội vụ"]
    # Without an "e)" before it, "f)" opens no item (the Vietnamese outline has no f).
    alone = _tasks("II. NHIỆM VỤ, GIẢI PHÁP\n1. Hoàn thiện thể chế.\nf) theo quy định.\n")
    assert list(alone) == ["Hoàn"]


def test_a_word_paragraph_continued_by_a_wrapped_dash_is_one_paragraph():
    blocks = [
        Block("p", text="II. NHIỆM VỤ, GIẢI PHÁP"),
        Block("p", text="a) Đẩy mạnh đầu tư kho hàng, trung tâm chia chọn"),
        Block("p", text="- đảm bảo hoạt động thương mại điện tử thông suốt."),
        Block("p", text="b) Xây dựng Nền tảng dạy - học trực tuyến."),
    ]
    tasks = parse_blocks(blocks)["tasks"]
    assert [t["ref"] for t in tasks] == ["II.a", "II.b"]
    assert tasks[0]["text"].endswith("chia chọn - đảm bảo hoạt động thương mại điện tử thông suốt.")


# ---------------------------------------------------------------- the end of the body
def test_articles_after_the_outline_are_not_part_of_the_last_task():
    text = (
        "Điều 1. Phê duyệt Đề án\n"
        "I. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Bộ Xây dựng chủ trì rà soát các quy định về hạ tầng.\n"
        "2. Các bộ, ngành theo chức năng, nhiệm vụ thực hiện các nội dung có liên quan.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký ban hành.\n"
        "Điều 3. Các Bộ trưởng, Thủ trưởng cơ quan ngang bộ chịu trách nhiệm thi hành.\n"
    )
    tasks = _parse(text)["tasks"]
    assert [t["ref"] for t in tasks] == ["I.1", "I.2"]
    assert tasks[-1]["text"].endswith("có liên quan.")


def test_the_closing_request_closes_the_body():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Khoa học và Công nghệ\n"
        "a) Chủ trì tổ chức phong trào thi đua.\n"
        "b) Chủ trì xây dựng chương trình đào tạo.\n"
        "Yêu cầu các sở, ban, ngành triển khai thực hiện tốt Kế hoạch này. Trong quá trình "
        "tổ chức thực hiện, nếu có vướng mắc, phản ánh về Sở Khoa học và Công nghệ.\n"
    )
    tasks = _tasks(text)
    assert tasks["Chủ"]["text"] == "Chủ trì xây dựng chương trình đào tạo."
    # An unmarked paragraph without the escalation clause still continues its item.
    text = text.replace("Trong quá trình tổ chức thực hiện, nếu có vướng mắc, phản ánh", "Báo cáo")
    assert "Yêu cầu" in _tasks(text)["Chủ"]["text"]


# ---------------------------------------------------------------- addressees
def test_a_class_list_under_one_article_closed_by_lien_quan_is_one_related_class():
    def codes(text: str) -> list[str]:
        return [m.canonical for m in name_list(text, 0)[0] if m.generic]

    assert codes("các bộ, ngành và tổ chức liên quan thực hiện") == ["related_agencies"]
    assert codes("các bộ, ngành, địa phương và cơ quan có liên quan") == [
        "related_agencies_provinces"
    ]
    # A second article names a second class beside every ministry and province.
    assert codes("các bộ, ngành, địa phương và các cơ quan liên quan") == [
        "all_ministries_agencies_provinces",
        "related_bodies",
    ]
    assert codes("các bộ, ngành triển khai") == ["all_ministries_agencies"]


def test_classes_of_bodies_run_to_their_predicate_and_lead_from_a_heading():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tài chính\n"
        "Chủ trì bố trí kinh phí thực hiện Kế hoạch.\n"
        "2. Các cơ sở đào tạo đại học, sau đại học\n"
        "a) Mở thêm chuyên ngành về chuyển đổi số.\n"
        "b) Doanh nghiệp viễn thông, tổ chức bảo đảm kinh phí đào tạo.\n"
        "3. Doanh nghiệp số\n"
        "a) Phát huy vai trò dẫn dắt của doanh nghiệp lớn.\n"
    )
    tasks = _tasks(text)
    assert tasks["Mở"]["lead"] == ["Các cơ sở đào tạo đại học, sau đại học"]
    # The point's own subject wins, and runs over "tổ chức" after a comma (a noun there).
    assert tasks["Doanh"]["lead"] == ["Doanh nghiệp viễn thông, tổ chức"]
    # A topic heading without "Các" names no one.
    assert tasks["Phát"]["lead"] == []


def test_phoi_hop_with_its_adverbs_names_the_coordinating_bodies():
    for phrase in (
        "Chủ động phối hợp với",
        "Phối hợp chặt chẽ với",
        "Chủ trì, phối hợp chặt chẽ với",
    ):
        text = (
            "V. TỔ CHỨC THỰC HIỆN\n"
            "1. Công an tỉnh\n"
            f"a) {phrase} Sở Công Thương triển khai kết nối dữ liệu.\n"
        )
        (task,) = _parse(text)["tasks"]
        assert task["coordinating"] == ["Sở Công Thương"], phrase


def test_units_of_a_province_keep_its_name_and_youth_unions_are_units():
    written = [m.written for m in find_names("Ban Quản lý khu Kinh tế tỉnh Đồng Tháp; Tỉnh đoàn")]
    assert written == ["Ban Quản lý khu Kinh tế tỉnh Đồng Tháp", "Tỉnh đoàn"]
    listed, _ = name_list("Liên đoàn Lao động tỉnh, Hội Nông dân tỉnh triển khai", 0)
    assert [m.written for m in listed] == ["Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh"]
    youth = find_names("Khuyến khích Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai chỉ đạo")
    assert [m.written for m in youth] == ["Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"]
    heading, _ = name_list("Liên hiệp các Hội Khoa học và Kỹ thuật\nNghiên cứu, tư vấn", 0)
    assert [m.written for m in heading] == ["Liên hiệp các Hội Khoa học và Kỹ thuật"]


def test_a_table_cell_is_read_under_the_gazetteer_in_force(monkeypatch):
    cell = "Sở Công Thương; Quỹ Đổi mới Sáng tạo Đồng Xanh"

    def canonicals() -> list[str]:
        return [m.canonical for m in tables.split_agencies(cell, lead_cell=True).lead]

    plain = canonicals()
    assert plain[-1] == "Quỹ Đổi mới Sáng tạo Đồng Xanh"
    monkeypatch.setattr(
        names, "database_names", lambda: {"quy doi moi sang tao dong xanh": "Quỹ Đồng Xanh"}
    )
    with names.gazetteer():
        assert canonicals()[-1] == "Quỹ Đồng Xanh"
    # Memoised cells do not carry the database's names to a parse without them.
    assert canonicals() == plain


def test_classes_of_bodies_named_in_small_letters_are_partners():
    def partners(clause: str) -> tuple[list[str], list[str]]:
        text = f"V. TỔ CHỨC THỰC HIỆN\n1. Sở Giáo dục và Đào tạo\na) {clause}\n"
        (task,) = _parse(text)["tasks"]
        return task["lead"], task["coordinating"]

    assert partners("Phối hợp với doanh nghiệp, viện nghiên cứu, trường đại học tổ chức đào tạo.")[
        1
    ] == ["doanh nghiệp", "viện nghiên cứu", "trường đại học"]
    assert partners("Phối hợp với các doanh nghiệp logistics triển khai kết nối dữ liệu.")[1] == [
        "các doanh nghiệp logistics"
    ]
    assert partners("Phối hợp các trường đại học, cao đẳng xây dựng chương trình đào tạo.")[1] == [
        "các trường đại học, cao đẳng"
    ]
    # After a name, a subject goes on with a class: "X và các cơ sở giáo dục, đào tạo …".
    lead, _ = partners("Sở Y tế và các cơ sở giáo dục, đào tạo lồng ghép nội dung phòng bệnh.")
    assert lead == ["Sở Y tế", "các cơ sở giáo dục, đào tạo"]
    # Elsewhere a class in small letters is ordinary text: no subject, no partner.
    assert partners("Hỗ trợ doanh nghiệp chuyển đổi số.") == (["Sở Giáo dục và Đào tạo"], [])


def test_a_department_line_and_chu_tri_hoac_phoi_hop_name_partners():
    text = (
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Xây dựng: Chủ trì, phối hợp với Sở Công Thương tích hợp IoT vào hạ tầng.\n"
        "2. Ủy ban nhân dân các xã, phường: Theo chức năng, nhiệm vụ, chủ trì hoặc phối hợp "
        "với Sở Xây dựng thực hiện các nội dung có liên quan.\n"
    )
    first, second = _parse(text)["tasks"]
    assert (first["lead"], first["coordinating"]) == (["Sở Xây dựng"], ["Sở Công Thương"])
    assert second["coordinating"] == ["Sở Xây dựng"]


def test_after_a_line_that_ends_mid_phrase_a_dash_with_a_capital_starts_an_item():
    assert dash_item("2. Tập trung hoàn thiện các quy hoạch liên quan đến biển", "- Triển khai")
    assert dash_item("phấn đấu đạt các chỉ tiêu chủ yếu về chuyển đổi số", "- 100% hồ sơ")
    # A short heading ending with a year is no wrapped line: its "- 100% …" item stays.
    lines = ["II. NHIỆM VỤ", *textwrap.wrap(BODY, 70), "b) Đến năm 2030", "- 100% hồ sơ."]
    assert _unwrap(lines)[-2:] == ["b) Đến năm 2030", "- 100% hồ sơ."]
    # The halves of a registered name written with a dash stay together.
    assert not dash_item("phối hợp với Bộ Lao động", "- Thương binh và Xã hội")
    assert not dash_item("Ủy ban nhân dân tỉnh Bà Rịa", "- Vũng Tàu")
    assert not dash_item("Tuần lễ Biển và Hải đảo Việt Nam (01", "- 08/6). Thông qua")
    # A period's closing year is read before the shape of an item (`dash_continues`).
    lines = [
        "II. NHIỆM VỤ",
        *textwrap.wrap(BODY, 70),
        "a) Chương trình cho giai đoạn 2026",
        "- 2030.",
    ]
    assert _unwrap(lines)[-1].endswith("giai đoạn 2026 - 2030.")


def test_a_place_name_wrapped_over_two_lines_is_one_commune():
    listed, _ = name_list("Ủy ban nhân dân các xã: Gia Thuận, Tân Phú\nĐông\nXây dựng kế hoạch", 0)
    assert [" ".join(m.written.split()) for m in listed] == [
        "Ủy ban nhân dân xã Gia Thuận",
        "Ủy ban nhân dân xã Tân Phú Đông",
    ]


def test_a_roadmap_restating_the_appendix_by_phase_is_no_task_list() -> None:
    """Đồng Tháp 552/KH-UBND, "III. LỘ TRÌNH THỰC HIỆN": the work of each phase (2025–2030,
    2031–2035), unassigned, which the plan itself details as tasks in its appendix ("III.
    NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU (chi tiết Phụ lục đính kèm)"), each row with its lead and
    its period (2025–2030, 2025–2035). Its points stay clauses of the plan, readable, and
    are no tasks reported on twice (docs/importer.md, "Task sections")."""
    name = "kh552-dongthap.txt"
    parsed = parse_bytes((Path(__file__).parent / "eval" / name).read_bytes(), name)
    roadmap = [c for c in parsed["clauses"] if c["ref"].startswith("III.")]
    assert len([c for c in roadmap if c["kind"] == "bullet"]) == 29
    assert all(c.get("role") != "task" for c in roadmap)
    assert not [t for t in parsed["tasks"] if t["ref"].startswith("III.")]
    periods = {t["deadline"]["text"] for t in parsed["tasks"] if t["ref"].startswith("PL1.")}
    assert {"2025 - 2030", "2025 - 2035"} <= periods
