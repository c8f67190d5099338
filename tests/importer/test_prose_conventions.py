"""Prose conventions of the genre (docs/importer.md, "Rules"): addressee lines, local levels
of national bodies, the provinces addressed without "trực thuộc trung ương", management
boards and regional units."""

from lotrinh.importer.names import find_names, name_list
from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document


def _tasks(text: str) -> dict[str, dict]:
    result = parse_blocks(read_document(text.encode(), "x.txt"))
    return {t["text"].split()[0]: t for t in result["tasks"]}


def test_an_addressee_line_under_a_heading_leads_the_items_below_it():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n"
        "a) Hoàn thiện hạ tầng thu gom rác thải\n"
        "Bộ Xây dựng:\n"
        "- Rà soát danh mục dự án đầu tư.\n"
        "- Bố trí trang thiết bị thu gom.\n"
        "b) Đề nghị Trung ương Mặt trận Tổ quốc Việt Nam\n"
        "- Chỉ đạo tuyên truyền, vận động Nhân dân.\n"
    )
    tasks = _tasks(text)
    assert tasks["Rà"]["lead"] == ["Bộ Xây dựng"]
    assert tasks["Bố"]["lead"] == ["Bộ Xây dựng"]
    assert tasks["Chỉ"]["lead"] == ["Trung ương Mặt trận Tổ quốc Việt Nam"]


def test_a_heading_line_that_is_not_only_names_leads_nothing():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n"
        "a) Hoàn thiện hạ tầng thu gom rác thải\n"
        "theo hướng dẫn của Bộ Xây dựng:\n"
        "- Rà soát danh mục dự án đầu tư.\n"
    )
    assert _tasks(text)["Rà"]["lead"] == []


def test_the_local_level_of_a_national_body_is_not_the_central_body():
    local = find_names("Đề nghị Mặt trận Tổ quốc Việt Nam tại địa phương giám sát")
    assert [(m.written, m.canonical) for m in local] == [
        (
            "Mặt trận Tổ quốc Việt Nam tại địa phương",
            "Mặt trận Tổ quốc Việt Nam tại địa phương",
        )
    ]
    regional = find_names("Ngân hàng Nhà nước khu vực XII chủ động triển khai")
    assert [m.written for m in regional] == ["Ngân hàng Nhà nước khu vực XII"]
    central = find_names("Mặt trận Tổ quốc Việt Nam tổ chức vận động")
    assert [m.canonical for m in central] == ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"]


def test_the_provinces_without_truc_thuoc_trung_uong_are_every_province():
    names, _ = name_list("Ủy ban nhân dân các tỉnh, thành phố tổ chức triển khai", 0)
    assert [(m.canonical, m.generic) for m in names] == [("all_provinces", True)]


def test_management_boards_and_regional_units_keep_their_whole_name():
    for text, name in [
        (
            "Ban Quản lý các khu công nghệ cao và khu công nghiệp chủ trì rà soát",
            "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        ),
        ("Ban Quản lý khu Kinh tế phối hợp hướng dẫn", "Ban Quản lý khu Kinh tế"),
        ("Chi cục Hải quan khu vực V số hóa chứng từ", "Chi cục Hải quan khu vực V"),
    ]:
        names, _ = name_list(text, 0)
        assert [m.written for m in names] == [name]


def test_a_duty_naming_a_part_by_its_field_assigns_the_part_tasks():
    text = (
        "IV. PHÁT TRIỂN KINH TẾ SỐ TRONG CÁC NGÀNH, LĨNH VỰC\n"
        "1. Du lịch và Văn hóa\n"
        "a) Số hóa di sản văn hóa.\n"
        "b) Phát triển du lịch thông minh.\n"
        "2. Y tế\n"
        "a) Triển khai bệnh án điện tử.\n"
        "V. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Văn hóa, Thể thao và Du lịch: Chủ trì, phối hợp triển khai các nhiệm vụ"
        " chuyển đổi số trong lĩnh vực văn hóa và du lịch của Kế hoạch.\n"
        "2. Sở Y tế: Chủ trì triển khai các nhiệm vụ trong lĩnh vực y tế của Kế hoạch.\n"
        "3. Sở Tài chính: Bố trí kinh phí thực hiện các nhiệm vụ và giải pháp của Kế hoạch.\n"
    )
    tasks = _tasks(text)
    assert tasks["Số"]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert tasks["Phát"]["lead"] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert tasks["Triển"]["lead"] == ["Sở Y tế"]
    # A clause that only gives a part's tasks is the assignment, not a task of its own.
    assert not any("lĩnh vực y tế" in t["text"] for t in tasks.values())
    # "các nhiệm vụ và giải pháp của Kế hoạch" names no part: nothing else is assigned.
    assert all(t["lead"] != ["Sở Tài chính"] for t in tasks.values() if t["text"][0] != "S")


def test_khuyen_khich_addresses_and_chu_dong_starts_the_predicate():
    from lotrinh.importer.parser import roles_in

    roles = roles_in("Khuyến khích Mặt trận Tổ quốc Việt Nam vận động hội viên")
    assert [m.written for m in roles.lead] == ["Mặt trận Tổ quốc Việt Nam"]
    press = name_list("Báo và Phát thanh, Truyền hình Đồng Nai chủ động phối hợp", 0)[0]
    assert [m.written for m in press] == ["Báo và Phát thanh, Truyền hình Đồng Nai"]


def test_departments_written_without_cac_and_with_cua():
    names, _ = name_list("Sở, ban, ngành của Thành phố, UBND phường, xã phối hợp", 0)
    assert [m.canonical for m in names] == ["departments", "communes"]
    assert name_list("số liệu thống kê", 0)[0] == []


def test_a_number_alone_in_a_word_paragraph_labels_the_next_one():
    from lotrinh.importer.parser import document_lines
    from lotrinh.importer.reader import Block

    blocks = [Block("p", "III. NHIỆM VỤ"), Block("p", "3.1."), Block("p", "Thương mại")]
    assert document_lines(blocks) == ["III. NHIỆM VỤ", "3.1. Thương mại"]


def test_enterprises_addressed_by_their_trade_lead_their_clause():
    text = (
        "III. NHIỆM VỤ, GIẢI PHÁP\n"
        "1. Hạ tầng số\n"
        "a) Các doanh nghiệp viễn thông, doanh nghiệp bưu chính ưu tiên đầu tư hạ tầng.\n"
        "b) Doanh nghiệp nhà nước tiên phong chuyển đổi số.\n"
        "c) Phát triển doanh nghiệp công nghệ số.\n"
    )
    tasks = _tasks(text)
    assert tasks["Các"]["lead"] == ["Các doanh nghiệp viễn thông, doanh nghiệp bưu chính"]
    assert tasks["Doanh"]["lead"] == ["Doanh nghiệp nhà nước"]
    assert tasks["Phát"]["lead"] == []


def test_the_press_is_not_the_generic_bodies():
    names, _ = name_list(
        "Đài Tiếng nói Việt Nam và các cơ quan thông tấn, báo chí trung ương và địa phương"
        " có trách nhiệm tuyên truyền",
        0,
    )
    assert [(m.written, m.generic) for m in names] == [
        ("Đài Tiếng nói Việt Nam", False),
        ("các cơ quan thông tấn, báo chí trung ương và địa phương", False),
    ]
    bodies, _ = name_list("các cơ quan liên quan triển khai", 0)
    assert [m.generic for m in bodies] == [True]


def test_associations_and_unions_are_units_by_their_kind():
    for text, name in [
        (
            "Liên hiệp các Hội Khoa học và Kỹ thuật phản biện chính sách",
            "Liên hiệp các Hội Khoa học và Kỹ thuật",
        ),
        ("Hội Nông dân tỉnh vận động hội viên", "Hội Nông dân tỉnh"),
        ("Hiệp hội Doanh nghiệp tỉnh là cầu nối", "Hiệp hội Doanh nghiệp tỉnh"),
    ]:
        assert [m.written for m in name_list(text, 0)[0]] == [name]
    assert name_list("Hội nghị triển khai kế hoạch", 0)[0] == []
