import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lib import Doc, cells  # noqa: E402

d = Doc("kh179_ubnd_dongnai_2025_kinh_te_so")
KHCN, TC, NN, VH, CT, GD, NV, YT, XD = (
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Xây dựng",
)
# III.1 "Phát triển nền móng kinh tế số và xã hội số": VI.1.b gives "các nhiệm vụ phát triển nền
# móng cho kinh tế số và xã hội số" to Sở KH&CN, with "các bộ, ngành và tổ chức liên quan".
F = ([KHCN], ["g:related_agencies"])  # a class restricted by "liên quan", by its code
d.add((58, 59), *F)
d.group([61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 72, 73, 74, 75, 76, 77, 78, 79, 81, 82], *F)
d.add((83, 84), *F)
d.group(
    [
        85,
        86,
        87,
        88,
        89,
        90,
        91,
        93,
        94,
        95,
        97,
        98,
        99,
        100,
        101,
        103,
        104,
        105,
        106,
        108,
        109,
        110,
        111,
        112,
        113,
        115,
        116,
        117,
        118,
        119,
        120,
        121,
        122,
        123,
        124,
        125,
        126,
        128,
        129,
        130,
        131,
        132,
        133,
        135,
        136,
        137,
    ],
    *F,
)
# IV: a point of VI that names a sector heading of IV word for word gives it its lead
# (3: nông nghiệp và môi trường → IV.1; 6: văn hóa và du lịch → IV.2; 4: y tế → IV.6;
# 5: giáo dục và đào tạo → IV.5.1–5.2; 11: lao động, việc làm, with Sở GD&ĐT → IV.5.3).
d.group([143, 144, 145, 146, 147, 148, 149, 152, 153, 154, 155, 156, 157, 158], [NN])
d.add(162, [VH])
d.add((163, 164), [VH])
d.group([165, 166, 167], [VH])
d.add((171, 172), [VH])
d.group([173, 174], [VH])
# IV.3 (thương mại, công nghiệp, năng lượng), IV.4 (logistics), IV.7: no point of VI names them.
d.add((179, 180, 181))
d.group([182, 183, 184, 185, 187, 188, 189, 190, 191, 193, 194, 195, 200, 201])
d.add((202, 203))
d.group([205, 206])
d.group([209, 210, 211, 212, 213, 214, 216, 217, 218], [GD])
d.group([221, 222, 223, 224], [NV], [GD])
d.add(228, [YT])
d.group([230, 231, 232, 233, 234, 235, 236, 237, 238], [YT])
d.add((239, 240), [YT])
d.group([243, 244, 245, 246])
# V. Giải pháp: no agency unless a subject is named.
d.group(
    [
        249,
        250,
        252,
        253,
        254,
        255,
        257,
        258,
        259,
        260,
        262,
        263,
        264,
        265,
        266,
        267,
        269,
        270,
        271,
        273,
        275,
        276,
    ]
)
d.add(277, ["Các doanh nghiệp, tổ chức kinh tế, cơ sở giáo dục, đào tạo"])
d.group([278, 280, 281, 282, 283, 284])
d.add((285, 286))
# VI. Tổ chức thực hiện: duties of their own; points that only refer to tasks of the plan
# (1b, 4, 5, 6, 7, 8, 9, 11 first bullet) assign them and are not tasks.
d.add(289, [KHCN])
d.add(291, [KHCN], ["doanh nghiệp"])
d.add(292, [KHCN])
d.add(293, [KHCN], ["g:departments"])
d.add((294, 295), [KHCN])
d.add(296, [KHCN], [NV, "g:related_bodies"])
d.add(297, [KHCN], ["g:bodies"])
d.add(299, [TC])
d.add(300, [TC], ["Bộ ngành Trung ương"])
d.add(302, [NN])
d.add((312, 313), ["Bộ Chỉ huy Quân sự tỉnh"])
d.add(316, [NV], [KHCN])
d.add(317, ["Sở Ngoại vụ"])
d.add(318, [XD], ["g:related_agencies_provinces"])
d.add(319, ["g:departments"])
d.add(320, ["Báo và Phát thanh, Truyền hình Đồng Nai"], [KHCN, "g:departments_localities"])
d.add(321, ["Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Đồng Nai"])
d.add(322, ["Liên đoàn Lao động tỉnh", "Hội Nông dân tỉnh", "Liên minh Hợp tác xã"])
d.add(323, ["Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai", "g:socio_political_organisations"])
d.add(324, ["Hội, hiệp hội xã hội nghề nghiệp"], [KHCN])
d.add(326, ["Các doanh nghiệp viễn thông, doanh nghiệp bưu chính"])
d.add((327, 328), ["Các doanh nghiệp công nghệ số"])
d.add(
    329,
    ["Các doanh nghiệp công nghệ số"],
    ["g:all_ministries_agencies", "các trường đại học, cao đẳng"],
)
d.add(330, ["Các doanh nghiệp nhà nước, Tổng Công ty"])
d.add((331, 332), ["Các cơ sở đào tạo đại học ở các lĩnh vực ngành, nghề"], ["các Viện nghiên cứu"])
DEP, COM = "g:departments", "g:communes"
d.table(
    0,
    1,
    2,
    3,
    cells(
        {
            **{
                n: [n]
                for n in [
                    KHCN,
                    TC,
                    NN,
                    CT,
                    GD,
                    NV,
                    YT,
                    XD,
                    "Sở Văn hóa, Thể thao và Du lịch",
                    "Sở Tư pháp",
                    "Công an tỉnh",
                    "Sở Tài Chính",
                    "Bảo hiểm xã hội tỉnh",
                    "Thuế Đồng Nai",
                    "Báo và Phát thanh, Truyền hình Đồng Nai",
                    "Báo và Phát thanh, Truyền hình tỉnh Đồng Nai",
                    "Ngân hàng Nhà nước Việt nam Chi nhánh Khu vực II",
                    "Ban Quản lý các Khu công nghiệp, khu kinh tế",
                    "Các Trường Đại học, Cao đẳng trên địa bàn tỉnh",
                    "Các trường: Đại học, Cao đẳng, Trung cấp trên địa bàn tỉnh",
                    "Các cơ quan quản lý các lĩnh vực trọng điểm tại điểm d, khoản 1, mục III",
                ]
            },
            "Sở Y tế; Sở Giáo dục và Đào tạo": [YT, GD],
            "Sở Giáo dục và Đào tạo, Sở Văn hóa Thể thao và Du lịch": [
                GD,
                "Sở Văn hóa Thể thao và Du lịch",
            ],
            "Sở Khoa học và Công nghệ; Sở Ngoại vụ": [KHCN, "Sở Ngoại vụ"],
            "Các sở, ban, ngành": [DEP],
            "UBND các phường, xã": [COM],
            "Các sở, ban, ngành; UBND các phường xã": [DEP, COM],
            "Các sở, ban, ngành; UBND các phường, xã": [DEP, COM],
            "Các sở, ban, ngành; UBND các phường, xã; Các doanh nghiệp cung cấp dịch vụ bưu chính": [
                DEP,
                COM,
                "Các doanh nghiệp cung cấp dịch vụ bưu chính",
            ],
            "UBND các phường xã; Các doanh nghiệp cung cấp dịch vụ viễn thông": [
                COM,
                "Các doanh nghiệp cung cấp dịch vụ viễn thông",
            ],
            "Ban Quản lý các Khu công nghiệp khu kinh tế, Sở Tài chính, UBND các phường, xã có liên quan": [
                "Ban Quản lý các Khu công nghiệp khu kinh tế",
                TC,
                "g:related_communes",
            ],
            "Sở Công Thương; Sở Khoa học và Công nghệ; UBND các phường xã": [CT, KHCN, COM],
            "Sở Công Thương; Sở Tài Chính; UBND các phường xã": [CT, "Sở Tài Chính", COM],
            "Sở Tài Chính; Sở Sở Công thương": ["Sở Tài Chính", "Sở Sở Công thương"],
            "Sở Tài chính; Sở Công Thương; UBND các phường xã": [TC, CT, COM],
            "Sở Khoa học và Công nghệ, các sở, ban, ngành;\nUBND các phường xã": [KHCN, DEP, COM],
            "Sở Khoa học và Công nghệ; UBND các phường xã": [KHCN, COM],
        }
    ),
)
d.write(
    "kh179-dongnai",
    "179/KH-UBND Đồng Nai (2025), read by hand from the .docx. Tasks: the leaf items of III (bullets), IV and V (a lettered item with its unmarked paragraphs is one task), the duties of VI, and the appendix rows (group rows A–C and I–IX, repeated sub-header rows and the part headings are not tasks; 'X; Y' cells list several bodies; a row that repeats a body task in the same words is one task). Leads of III and IV come from VI where a point names a part by its title (1b: 'nền móng cho kinh tế số và xã hội số' → III.1, Sở KH&CN; 3, 4, 5, 6, 11: the sector headings of IV); a point that only refers to tasks is the assignment, not a task; IV.3, IV.4 and IV.7 are named by no point. The closing request (after 21) is not a task. Departments are units of Tỉnh Đồng Nai, recorded as written (typos kept: 'Sở Sở Công thương'); 'UBND các phường xã' = communes, 'Các sở, ban, ngành' = departments.",
)
