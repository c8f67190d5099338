import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lib import Doc, cells  # noqa: E402

d = Doc("nq394_cp_2025_phong_trao_moi_truong")
P = "g:all_provinces"
MTTQ = "Trung ương Mặt trận Tổ quốc Việt Nam"
d.group([30, 31, 32, 33], [P])
d.add(34, ["Bộ Nội vụ"])
d.group([36, 37, 38, 39, 40, 41], [MTTQ])
d.add(
    42,
    [
        "Đài Truyền hình Việt Nam",
        "Đài Tiếng nói Việt Nam",
        "các cơ quan thông tấn, báo chí trung ương và địa phương",
    ],
)
d.group([46, 47], ["Bộ Nông nghiệp và Môi trường"])
d.group([49, 50, 51], ["Bộ Công Thương"])
d.group([53, 54], ["Bộ Xây dựng"])
d.add(55, ["Bộ Giáo dục và Đào tạo", "các cơ sở giáo dục, đào tạo"])
d.add(57, ["Bộ Tài chính"], ["Bộ Nông nghiệp và Môi trường"])
d.add(58, ["Bộ Tài chính"])
d.add(59, ["Ngân hàng Nhà nước Việt Nam"])
d.group([61, 62], ["Bộ Văn hóa, Thể thao và Du lịch"])
d.group([64, 65, 66, 67, 68], [P])
d.group([71, 72, 73, 74], [P])
d.group([77, 78], ["Bộ Nông nghiệp và Môi trường"])
d.group([80, 81, 82], [P])
d.group([85, 86, 87], ["Bộ Nông nghiệp và Môi trường"])
d.group([89, 90, 91], [P])
d.group([93, 94], ["Mặt trận Tổ quốc Việt Nam tại địa phương"])
# IV. Tổ chức thực hiện: III already assigns every task, so IV holds the usual closing
# clauses (as in 50/NQ-CP, the seed), not tasks.
d.table(
    0,
    1,
    2,
    3,
    cells(
        {
            MTTQ: [MTTQ],
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương": [P],
            "Bộ, cơ quan ngang bộ, cơ quan thuộc Chính phủ; Đài Truyền hình Việt Nam; Đài Tiếng nói Việt Nam và các cơ quan thông tấn, báo chí trung ương": [
                "g:all_ministries_agencies",
                "Đài Truyền hình Việt Nam",
                "Đài Tiếng nói Việt Nam",
                "các cơ quan thông tấn, báo chí trung ương",
            ],
            "Đài Truyền hình và các cơ quan thông tấn, báo chí tại địa phương": [
                "Đài Truyền hình",
                "các cơ quan thông tấn, báo chí tại địa phương",
            ],
            "Các bộ, ngành và địa phương có liên quan": ["g:related_agencies_provinces"],
        }
    ),
)
d.write(
    "nq394-cp",
    "394/NQ-CP (2025), read by hand from the .docx. Tasks: the leaf items of III (an agency line '- Bộ X' or lettered heading naming the addressee leads its '+'/'-' items; 'Đề nghị X' addresses X; 'X chỉ đạo Y' is X's task), not IV (Tổ chức thực hiện: III already assigns every task, so IV holds the usual closing clauses, as in the seed 50/NQ-CP), and the appendix rows (the continuation row adds its lead and coordinators to scheme 1). Generic addressees by code; other names as written (see docs/importer.md).",
)
