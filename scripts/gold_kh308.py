"""Annotation of Hà Nội's plan 308/KH-UBND (2025), read by hand (docs/importer.md)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from importer_gold import Flat, task, write  # noqa: E402

EVAL = Path(__file__).resolve().parent.parent / "tests" / "importer" / "eval"
f = Flat(EVAL / "kh308-hanoi.txt")
KHCN = "Sở Khoa học và Công nghệ"


def item(title: str, title_end: str, first: str, last: str) -> str:
    return f.span(title, title_end) + "\n" + f.span(first, last)


tasks = [
    task(
        item(
            "Xây dựng các Chiến lược",
            "Hà Nôi:",
            "Tham mưu UBND Thành phố phối hợp",
            "ngày 28/02/2025 của UBND Thành phố.",
        ),
        lead=[KHCN],
        coord_generic=["departments"],
    ),
    task(
        item(
            "khai, phát triển dữ liệu:",
            "dữ liệu:",
            "Triển khai rà soát, hoàn thiện, chuẩn hóa",
            "phát triển kinh tế, xã hội.",
        ),
        lead_generic=["departments"],
        coordinating=[KHCN],
        coord_generic=["communes"],
    ),
    task(
        item(
            "Về các nền tảng số",
            "tảng số",
            "Tổ chức triển khai, sử dụng thống nhất",
            "quản lý nhà nước và chỉ đạo, điều hành.",
        ),
        lead_generic=["departments"],
        coordinating=[KHCN],
        coord_generic=["communes"],
    ),
    task(
        item(
            "Về đảm bảo an toàn thông tin",
            "an toàn thông tin",
            "Triển khai các phương án",
            "gắn với triển khai Đề án 06 theo quy định.",
        ),
        lead=["Công an Thành phố"],
        coord_generic=["departments", "communes"],
    ),
    task(
        item(
            "Kinh phí thực hiện",
            "thực hiện",
            "Các đơn vị được giao thực hiện",
            "bổ sung kinh phí theo quy định.",
        ),
        lead_generic=["departments"],
        coordinating=[KHCN, "Sở Tài chính"],
    ),
    task(
        item(
            "Nguồn nhân lực",
            "nhân lực",
            "Lựa chọn kiến trúc sư",
            "Chiến lược dữ liệu thành phố Hà Nội.",
        ),
        lead=[KHCN],
        coord_generic=["departments"],
    ),
    task(
        item(
            "Về công tác đào tạo",
            "đào tạo",
            "Xây dựng, tổ chức triển khai chương trình",
            "khai thác hiệu quả các nền tảng số.",
        ),
        lead=[KHCN],
        coord_generic=["departments", "communes"],
    ),
]
write(
    EVAL / "kh308-hanoi.json",
    "308/KH-UBND (Hà Nội, 2025), read by hand. Each task is a numbered item of II (Nhiệm vụ)"
    " with 'a) Nhiệm vụ:' (its content, bullets included), 'b) Cơ quan thực hiện:' ('Đơn vị chủ"
    " trì' leads, 'Đơn vị phối hợp' coordinates) and 'c) Thời gian thực hiện:'. 'Các Sở, ban,"
    " ngành (Thành phố)' is the generic class of the city's departments. III (Tổ chức thực"
    " hiện) is the closing clauses: II already assigns.",
    tasks,
)
