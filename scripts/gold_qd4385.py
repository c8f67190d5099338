"""Annotation of the Ministry of Culture's Decision 4385/QĐ-BVHTTDL (2025), read by hand."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from importer_gold import Flat, task, write  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent / "tests" / "importer" / "eval"
f = Flat(EVAL / "qd4385-bvhttdl.txt").at("IV. TỔ CHỨC THỰC HIỆN")
VIEN = "Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam"
SO = ["Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa và Thể thao"]
ALL = ["related_agencies", "all_provinces"]
tasks = [
    task(f.span("Tổ chức tuyên truyền phổ biến", "2045 theo thẩm quyền."), lead=[VIEN]),
    task(f.span("Tổ chức đánh giá thực hiện", "điều kiện thực tế."), lead=[VIEN]),
    task(f.span("Tổ chức nghiên cứu, tham mưu", "Văn hóa và Thể thao."), lead=[VIEN]),
    task(
        f.span("Chủ trì, phối hợp với các Bộ", "cơ sở Văn hóa và Thể thao."),
        lead=[VIEN],
        coord_generic=ALL,
    ),
    task(
        f.span("Các cơ quan trực thuộc Bộ", "kế hoạch khác có liên quan."),
        lead_generic=["own_units"],
        coord_generic=ALL,
    ),
    task(
        f.span("Tổ chức thực hiện quản lý nhà nước", "Văn hóa và Thể thao."),
        lead=SO,
        coord_generic=["related_bodies"],
    ),
    task(
        f.span("Căn cứ vào tình hình thực tế", "bảo vệ môi trường."),
        lead=SO,
        coord_generic=["related_bodies"],
    ),
    task(
        f.span("Trong quá trình triển khai lập", "nhu cầu của địa phương."),
        lead=SO,
        coord_generic=["related_bodies"],
    ),
    task(
        f.span("Chủ động cân đối,", "quy hoạch tại địa phương."),
        lead=SO,
        coord_generic=["related_bodies"],
    ),
    task(
        f.span("Theo dõi và chịu trách nhiệm", "báo cáo Thủ tướng Chính phủ."),
        lead=SO,
        coord_generic=["related_bodies"],
    ),
    task(
        f.span("Các tổ chức, cá nhân liên quan", "vướng mắc (nếu có)"),
        lead_generic=["related_organisations_persons"],
        coord_generic=["related_bodies"],
    ),
]
write(
    EVAL / "qd4385-bvhttdl.json",
    "4385/QĐ-BVHTTDL (Ministry of Culture, Sports and Tourism, 2025), read by hand. Parts II"
    " (Nội dung chủ yếu: objectives, project groups, land, funds) and III (one paragraph"
    " restating the national plan's solutions) assign nothing; IV (Tổ chức thực hiện) is where"
    " the plan distributes duties: each heading names its addressee, who leads the lettered"
    " duties below; heading 3's lead-in 'Chủ trì, phối hợp với các cơ quan có liên quan' gives"
    " the coordinating bodies of its duties. The ministry's institute is one of its units; the"
    " provincial departments are other bodies; 'Các cơ quan trực thuộc Bộ' is the generic class"
    " of the ministry's own units.",
    tasks,
)
