import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lib import Doc, cells  # noqa: E402

d = Doc("kh144_ubnd_bacninh_2025_kinh_te_so")
KHCN, TC, NN, VH, CT, GD, NV, YT, XD = (
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hoá, Thể thao và Du lịch",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Xây dựng",
)
HQ = "Chi cục Hải quan khu vực V"
# III: the "Trọng tâm" items (their bullets where they have some); no agency is named or referred to.
d.group([47, 48, 49, 50, 51, 52, 58, 59, 60, 62, 63, 64])
d.add((68, 69))
d.add(70)
d.group([72, 73])
d.group([78, 79, 80, 81, 82, 87, 88, 93, 94, 95, 96, 97, 98, 103, 104, 105])
d.add((110, 111))
d.add(112)
d.group([114, 115])
d.group([120, 121, 122, 127, 128])
d.add(
    "Ưu tiên dịch vụ công trực tuyến toàn trình, bảo đảm phục vụ người dân - doanh nghiệp nhanh hơn, minh bạch hơn, chính xác hơn."
)
d.group([132, 133])
# IV: assigned by reference in VI (3: IV.1; 4: IV.2; 5: IV.3; 6: IV.4.1–4.2; 7: IV.4.3; 8: IV.5;
# 17a: IV.3.4.a to the customs branch, the narrower reference).
d.group([141, 143, 144, 146, 147, 148, 149, 150, 154, 155, 156, 157, 158], [NN])
d.group([163, 164, 165, 166, 167, 171, 172, 173, 174, 175], [VH])
d.group([181, 182, 183, 184, 185], [CT])
d.add((186, 187), [CT])
d.group([188, 189, 190, 191, 196, 197, 198, 203, 204, 205], [CT])
d.group([210, 211], [HQ])
d.add(212, [CT])
d.add(217, [GD])
d.add((218, 219), [GD])
d.group([220, 221, 222, 223], [GD])
d.add((224, 225, 226, 227), [GD])
d.group([231, 232, 233, 234], [NV])
d.group([238, 239, 240, 241, 242, 243], [YT])
d.add((244, 245))
# V. Giải pháp: no agency unless a subject is named.
d.group([248, 249, 251, 252, 253, 256, 257, 260, 261, 262, 263, 266, 267, 268, 269])
d.add((270, 271))
d.add(274, ["g:departments_localities"])
d.add(275)
d.add(276, ["Doanh nghiệp, tổ chức, cơ sở giáo dục tự chủ tài chính"])
d.group([277, 278, 281, 282, 283, 284])
d.add((285, 286, 287))
# VI. Tổ chức thực hiện: duties per body; a point that only refers to tasks of IV or of the
# appendix ("Chủ trì triển khai các nhiệm vụ tại mục (IV)(1)") assigns them and is no task.
d.add(290, [KHCN])
d.add(291, [KHCN])
d.add(292, [KHCN])
d.add(293, [KHCN])
d.add(294, [KHCN])
d.add(296, [TC])
d.add(298, [TC])
d.add((304, 305), [CT])
d.add((309, 310), [NV])
d.add(314, [XD])
d.add(316, ["Công an tỉnh"])
d.add(317, ["Công an tỉnh"])
LOCAL = ["g:departments", "g:communes"]
d.group([319, 320, 321], LOCAL)
d.add(322, LOCAL, [KHCN, "g:related_bodies"])
d.add((324, 325), ["Ngân hàng nhà nước khu vực XII"])
# VI.13–16: a numbered heading that names the body, followed by its one paragraph and no
# points, is one task with the heading and the paragraph (as in the other plans).
d.add(
    (326, 327),
    ["Báo và Phát thanh, Truyền hình tỉnh", "các cơ quan báo chí đóng trên địa bàn"],
    [KHCN, "g:departments_localities"],
)
d.add((328, 329), ["Tỉnh đoàn"])
d.add((330, 331), ["Liên đoàn Lao động", "Hội Nông dân", "Liên minh Hợp tác xã"])
d.add((332, 333), ["Mặt trận Tổ quốc tỉnh", "g:socio_political_organisations"])
d.add(336, [HQ], [KHCN, CT, "các doanh nghiệp logistics"])
d.add(338, ["Doanh nghiệp viễn thông, bưu chính"])
d.add(339, ["Doanh nghiệp công nghệ số"])
d.add(340, ["Các doanh nghiệp công nghệ số"], ["g:departments", "trường đại học, cao đẳng"])
d.add(341, ["Doanh nghiệp công nghệ số"])
d.add(343, ["Các cơ sở đào tạo đại học, sau đại học"])
d.add(344, ["Các cơ sở đào tạo đại học, sau đại học"], ["các viện nghiên cứu"])
d.add(345, ["Các cơ sở đào tạo đại học, sau đại học"])
# Appendix: each target row is assigned to the body in its Chủ trì cell.
d.table(
    0,
    1,
    2,
    None,
    cells(
        {
            TC: [TC],
            KHCN: [KHCN],
            YT: [YT],
            "Công an tỉnh": ["Công an tỉnh"],
            "Tỉnh đoàn": ["Tỉnh đoàn"],
            "Văn phòng UBND tỉnh": ["Văn phòng UBND tỉnh"],
            "Ngân hàng nhà nước khu vực XII": ["Ngân hàng nhà nước khu vực XII"],
            "Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố dữ liệu mở hằng năm theo lĩnh vực quản lý.": [
                "Sở KH&CN",
                "|",
                "g:departments",
                "g:communes",
            ],
            "Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu": [KHCN],
            "Sở Giáo dục và Đào tạo; Sở Nội vụ; Sở Khoa học và Công nghệ thúc đẩy, theo dõi, báo cáo chỉ tiêu": [
                GD,
                NV,
                KHCN,
            ],
        }
    ),
)
d.write(
    "kh144-bacninh",
    "144/KH-UBND Bắc Ninh (2025), read by hand from the .docx. Tasks: the 'Trọng tâm' items of III, IV and V (their bullets where they have some; a lettered item and its unmarked paragraph are one task; an item without sub-items is one task with its paragraphs), the duties of VI per body, and the appendix's target rows (TT | Chỉ tiêu | Chủ trì: a target assigned to a body is a task). Leads: IV is assigned by reference in VI (3–8, and 17a for IV.3.4.a, the narrower reference wins); III names nobody (VI.11d and 12 only point at III as a focus); a point of VI that only refers to tasks of IV or of the appendix is the assignment, not a task; in a lead cell 'X chủ trì …; Y thực hiện …' X leads and Y coordinates. VII (báo cáo) is not a task. Departments are units of Tỉnh Bắc Ninh, recorded as written; classes by generic code.",
)
