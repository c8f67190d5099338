"""Annotation of Lai Châu's plan 7360/KH-UBND (2025), read by hand (docs/importer.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from importer_gold import Doc, task, write  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent / "tests" / "importer" / "eval"
d = Doc(EVAL / "kh7360-laichau.txt")
KHCN = "Sở Khoa học và Công nghệ"
draft_a = d.p("Nghị định quy định chi tiết thi hành một số điều")
draft_b = d.p("Nghị định quy định về điều kiện kinh doanh")
tasks = [
    task(
        d.p("Trên cơ sở tài liệu do Trung ương biên soạn"),
        lead=[
            KHCN,
            "Sở Tư pháp",
            "Sở Văn hóa, Thể thao và Du lịch",
            "Báo và Phát thanh Truyền hình Lai Châu",
        ],
        lead_generic=["related_departments"],
        coord_generic=["departments", "communes"],
    ),
    task(
        d.p("Rà soát văn bản quy phạm pháp luật") + "\n" + d.after_label("Nội dung: Rà soát"),
        lead=[KHCN],
        lead_generic=["related_departments", "communes"],
    ),
    *[
        task(text, lead=[KHCN], coord_generic=["related_departments", "communes"])
        for text in (draft_a, draft_b, draft_a, draft_b)
    ],
    task(
        d.p("Phối hợp kiểm tra việc thi hành Luật"),
        lead=[KHCN],
        coord_generic=["departments", "communes", "related_bodies"],
    ),
    task(
        d.p("Tổ chức các nội dung hỗ trợ thi hành Luật")
        + "\n"
        + d.p("Các nội dung hỗ trợ thị hành Luật bao gồm:", upto="Bảo đảm các điều kiện thi"),
        lead_generic=["related_departments"],
    ),
    task(
        d.p(
            "Tổ chức triển khai thực hiện Chiến lược",
            upto="Chiến lược tiêu chuẩn quốc gia được ban hành",
        )
    ),
]
write(
    EVAL / "kh7360-laichau.json",
    "7360/KH-UBND (Lai Châu, 2025), read by hand. Tasks are the items of II (Nội dung kế hoạch)"
    " with their field lines; 'Cơ quan thực hiện' names who leads (jointly), 'Cơ quan phối hợp'"
    " who coordinates; a field value written as sentences counts each sentence's subject."
    " III (Kinh phí) and IV (Tổ chức thực hiện) are the closing clauses: II already assigns.",
    tasks,
)
