"""Annotations of the four documents of `tests/importer/build_genre2.py` (helper genre2).

Written by reading each document as its drafter would, before the importer was run on
them: each task's text, leads, coordinators (names as written, classes by their code),
deadline (`{"text", "date"}` as docs/programme-format.md, "trước ngày D" the day before,
as the format's own example) and recurrence, and the header (`programme`). Run
`python scripts/gold_genre2.py` to rewrite `tests/importer/eval/g2-*.json`.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.importer.build_genre2 import (  # noqa: E402
    KH_TINH_PROJECTS,
    KH_TINH_TARGETS,
    QD_BYT_ROWS,
)

EVAL = ROOT / "tests" / "importer" / "eval"


def task(text, lead=(), coordinating=(), generic=(), deadline=None, recurrence=None):  # type: ignore[no-untyped-def]
    return {
        "text": text,
        "lead": list(lead),
        "coordinating": list(coordinating),
        "addressees": [{"generic": code, "role": role} for code, role in generic],
        "deadline": {"text": deadline[0], "date": deadline[1]} if deadline else None,
        "recurrence": recurrence,
    }


def split(cell: str) -> list[str]:
    return [x.strip() for x in cell.replace("\n", ";").split(";") if x.strip()]


def qd_byt() -> dict:
    deadlines = {
        "1": (("Quý IV/2025", "2025-12-31"), None),
        "2": (("Tháng 12/2025", "2025-12-31"), None),
        "3": (("Năm 2026", "2026-12-31"), None),
        "4": (("Trước 31/12/2025", "2025-12-30"), None),
        "5": (None, "ongoing"),
        "6": (("Quý II/2026", "2026-06-30"), None),
        "7": (None, "annual"),
        "8": (("Năm 2027", "2027-12-31"), None),
    }
    tasks = []
    for row in QD_BYT_ROWS:
        if isinstance(row, str):
            continue
        number, text, lead, coordinating, _output, _when = row
        names = split(coordinating)
        generic = []
        if "các cơ quan, đơn vị liên quan" in names:
            names.remove("các cơ quan, đơn vị liên quan")
            generic.append(("related_bodies", "coordinating"))
        deadline, recurrence = deadlines[number]
        tasks.append(task(text, split(lead), names, generic, deadline, recurrence))
    return {
        "format": "lotrinh.programme/1",
        "note": (
            "3125/QĐ-BYT (written for the evaluation, helper genre2): a ministry's decision"
            " adopting its plan. The tasks are the eight rows of the appendix table (its"
            " columns 'TT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Sản phẩm |"
            " Thời hạn hoàn thành', group rows I–III merged across all columns). Điều 1–3 of"
            " the decision, the plan's II (which only points to the appendix) and III"
            " (monitoring, reporting, funding; the appendix assigns every task) are not"
            " tasks. The ministry's departments are recorded as written. Kind 'plan' (the"
            " team's choice: a decision adopting the body's plan is that plan, docs/importer.md)."
        ),
        "programme": {
            "kind": "plan",
            "code": "3125/QĐ-BYT",
            "issue_date": "2025-10-15",
            "issuer": "Bộ Y tế",
            "title": "^Ban hành Kế hoạch hành động của Bộ Y tế",
            "implements": "71/NQ-CP",
        },
        "tasks": tasks,
    }


def kh_xa() -> dict:
    v = "Văn phòng HĐND và UBND xã"
    tt = "Trung tâm Phục vụ hành chính công xã"
    mt = "Ủy ban Mặt trận Tổ quốc Việt Nam xã"
    tasks = [
        task(
            "Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với Trung tâm Phục vụ hành chính"
            " công xã rà soát, công khai đầy đủ thủ tục hành chính thuộc thẩm quyền giải quyết"
            " của xã trên Cổng Dịch vụ công quốc gia; hoàn thành trong tháng 9/2025.",
            [v],
            [tt],
            deadline=("tháng 9/2025", "2025-09-30"),
        ),
        task(
            "Phòng Kinh tế chủ trì, phối hợp với Phòng Văn hóa - Xã hội hướng dẫn hộ kinh"
            " doanh, hợp tác xã trên địa bàn ứng dụng thanh toán không dùng tiền mặt, bán"
            " hàng trên sàn thương mại điện tử; thực hiện thường xuyên.",
            ["Phòng Kinh tế"],
            ["Phòng Văn hóa - Xã hội"],
            recurrence="ongoing",
        ),
        task(
            "Giao Phòng Văn hóa - Xã hội chủ trì tuyên truyền, phổ biến kỹ năng số cho người"
            " dân; phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam xã duy trì hoạt động của các"
            " Tổ công nghệ số cộng đồng ở các thôn.",
            ["Phòng Văn hóa - Xã hội"],
            [mt],
        ),
        task(
            "Công an xã chủ trì, phối hợp với Văn phòng HĐND và UBND xã làm sạch dữ liệu hộ"
            " tịch, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư, hoàn thành trước ngày 30"
            " tháng 9 năm 2025.",
            ["Công an xã"],
            [v],
            deadline=("trước ngày 30 tháng 9 năm 2025", "2025-09-29"),
        ),
        task(
            "Trung tâm Phục vụ hành chính công xã hướng dẫn, hỗ trợ người dân nộp hồ sơ trực"
            " tuyến toàn trình, bảo đảm tỷ lệ hồ sơ trực tuyến đạt trên 80% trong Quý IV/2025.",
            [tt],
            deadline=("Quý IV/2025", "2025-12-31"),
        ),
        task(
            "Giao công chức phụ trách công nghệ thông tin bảo đảm hạ tầng mạng, an toàn thông"
            " tin cho hệ thống máy tính của cơ quan; thực hiện thường xuyên.",
            ["công chức phụ trách công nghệ thông tin"],
            recurrence="ongoing",
        ),
        task(
            "Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội"
            " tăng cường vận động đoàn viên, hội viên cài đặt, kích hoạt tài khoản định danh"
            " điện tử mức độ 2.",
            [mt],
            generic=[("socio_political_organisations", "lead")],
        ),
    ]
    return {
        "format": "lotrinh.programme/1",
        "note": (
            "86/KH-UBND of a commune (written for the evaluation, helper genre2): xã Đông Anh,"
            " Hà Nội, after the two-level local government of 1 July 2025. Tasks: the seven"
            " points of II, each naming its subject ('Giao X chủ trì', 'X chủ trì, phối hợp"
            " với Y', 'Đề nghị X'); III (reporting, monitoring) is not a task. The commune's"
            " offices (Phòng Kinh tế, Phòng Văn hóa - Xã hội, Văn phòng HĐND và UBND xã,"
            " Trung tâm Phục vụ hành chính công xã, Công an xã) and 'công chức phụ trách công"
            " nghệ thông tin' are recorded as written; the local Mặt trận committee is not the"
            " central one."
        ),
        "programme": {
            "kind": "plan",
            "code": "86/KH-UBND",
            "issue_date": "2025-08-20",
            "issuer": "Ủy ban nhân dân xã Đông Anh",
            "title": "^Triển khai chuyển đổi số, cải cách thủ tục hành chính",
            "implements": "230/KH-UBND",
        },
        "tasks": tasks,
    }


def ctr_tu() -> dict:
    body = [
        "Quán triệt sâu sắc nội dung Nghị quyết số 66-NQ/TW đến cán bộ, đảng viên; xác định"
        " công tác xây dựng và thi hành pháp luật là nhiệm vụ trọng tâm, thường xuyên của cấp"
        " ủy, tổ chức đảng.",
        "Đưa nhiệm vụ xây dựng và thi hành pháp luật vào chương trình làm việc toàn khóa, hằng"
        " năm của cấp ủy; gắn trách nhiệm người đứng đầu với kết quả thực hiện.",
        "Đổi mới quy trình xây dựng nghị quyết của Hội đồng nhân dân, quyết định của Ủy ban"
        " nhân dân tỉnh; lấy ý kiến thực chất của người dân, doanh nghiệp chịu sự tác động.",
        "Kịp thời ban hành văn bản quy định chi tiết các nội dung được luật giao cho địa"
        " phương; không để chậm, nợ đọng văn bản.",
        "Đẩy mạnh phổ biến, giáo dục pháp luật, ứng dụng công nghệ số trong tiếp cận pháp"
        " luật của người dân.",
        "Tăng cường kiểm tra, giám sát việc thi hành pháp luật; xử lý nghiêm tổ chức, cá nhân"
        " có hành vi vi phạm.",
    ]
    tasks = [task(text) for text in body]
    tasks += [
        task(
            "Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo việc tổ chức quán triệt, triển khai thực"
            " hiện Chương trình hành động này trong toàn Đảng bộ tỉnh.",
            ["Ban Thường vụ Tỉnh ủy"],
        ),
        task(
            "Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh xây dựng kế hoạch cụ"
            " thể hóa Chương trình hành động; chỉ đạo rà soát hệ thống văn bản quy phạm pháp"
            " luật của tỉnh, hoàn thành trong Quý III/2025.",
            ["Đảng ủy Ủy ban nhân dân tỉnh"],
            deadline=("Quý III/2025", "2025-09-30"),
        ),
        task(
            "Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan tổ"
            " chức quán triệt Nghị quyết số 66-NQ/TW và Chương trình hành động này; định hướng"
            " các cơ quan báo chí của tỉnh tuyên truyền.",
            ["Ban Tuyên giáo và Dân vận Tỉnh ủy"],
            generic=[("related_bodies", "coordinating")],
        ),
        task(
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tăng cường"
            " giám sát, phản biện xã hội đối với dự thảo văn bản quy phạm pháp luật của tỉnh.",
            ["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"],
            generic=[("socio_political_organisations", "lead")],
        ),
        task(
            "Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp với Ban Nội chính Tỉnh ủy kiểm tra, giám"
            " sát việc thực hiện Chương trình hành động này.",
            ["Ủy ban Kiểm tra Tỉnh ủy"],
            ["Ban Nội chính Tỉnh ủy"],
        ),
        task(
            "Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy theo"
            " dõi, đôn đốc việc thực hiện Chương trình hành động; định kỳ hằng năm báo cáo Ban"
            " Thường vụ Tỉnh ủy.",
            ["Văn phòng Tỉnh ủy"],
            ["Ban Tuyên giáo và Dân vận Tỉnh ủy"],
            recurrence="annual",
        ),
    ]
    return {
        "format": "lotrinh.programme/1",
        "note": (
            "42-CTr/TU of a provincial Party committee (written for the evaluation, helper"
            " genre2): Nghệ An's action programme for 66-NQ/TW, letterhead of Hướng dẫn"
            " 36-HD/VPTW ('BAN CHẤP HÀNH ĐẢNG BỘ / TỈNH NGHỆ AN', 'ĐẢNG CỘNG SẢN VIỆT NAM' on"
            " the right, 'Số 42-CTr/TU' without a colon). The body's dash items name no one"
            " (tasks without a lead, as 57-NQ/TW's); III (Tổ chức thực hiện) distributes the"
            " duties (as 57-NQ/TW's IV): each point a task led by its subject. The Party's"
            " provincial bodies are recorded as written. Kind 'plan' (the team's choice: a"
            " body's programme is its plan, docs/importer.md); the issuer is the committee,"
            " Tỉnh ủy Nghệ An."
        ),
        "programme": {
            "kind": "plan",
            "code": "42-CTr/TU",
            "issue_date": "2025-05-12",
            "issuer": "Tỉnh ủy Nghệ An",
            "title": "^thực hiện Nghị quyết số 66-NQ/TW",
            "implements": "66-NQ/TW",
        },
        "tasks": tasks,
    }


def kh_tinh() -> dict:
    kh = "Sở Khoa học và Công nghệ"
    xd = "Sở Xây dựng"
    tasks = [
        task(
            "Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp tham mưu Ủy ban nhân dân"
            " tỉnh trình Hội đồng nhân dân tỉnh ban hành Nghị quyết quy định chính sách hỗ trợ"
            " hoạt động đổi mới sáng tạo trên địa bàn tỉnh.",
            [kh],
            ["Sở Tư pháp"],
            deadline=("Quý III/2025", "2025-09-30"),
        ),
        task(
            "Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ kiện toàn Ban Chỉ đạo về"
            " phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của tỉnh.",
            ["Sở Nội vụ"],
            [kh],
            deadline=("Tháng 12/2025", "2025-12-31"),
        ),
        task(
            "Sở Tài chính chủ trì, phối hợp với Sở Khoa học và Công nghệ bố trí tối thiểu 3%"
            " tổng chi ngân sách tỉnh cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi"
            " số.",
            ["Sở Tài chính"],
            [kh],
            recurrence="annual",
        ),
        task(
            "Chủ trì xây dựng Kiến trúc chính quyền điện tử, chính quyền số tỉnh Ninh Bình"
            " phiên bản 4.0; hoàn thành trước 30/6/2026.",
            [kh],
            deadline=("trước 30/6/2026", "2026-06-29"),
        ),
        task(
            "Chủ trì, phối hợp với các doanh nghiệp viễn thông phát triển hạ tầng mạng di động"
            " 5G phủ sóng 100% xã, phường; thời gian thực hiện: 2025 – 2030.",
            [kh],
            ["các doanh nghiệp viễn thông"],
            deadline=("2025 – 2030", "2030-12-31"),
        ),
        task(
            "Tích hợp quy hoạch hạ tầng kỹ thuật viễn thông thụ động vào quy hoạch xây dựng,"
            " quy hoạch đô thị; năm 2026.",
            [xd],
            deadline=("năm 2026", "2026-12-31"),
        ),
        task(
            "Bố trí hạ tầng kỹ thuật dùng chung trong các công trình giao thông, khu đô thị"
            " mới; thực hiện thường xuyên.",
            [xd],
            recurrence="ongoing",
        ),
        task(
            "Ngầm hóa mạng cáp viễn thông tại các tuyến phố chính của các phường; hoàn thành"
            " trong Quý IV/2027.",
            [xd],
            deadline=("Quý IV/2027", "2027-12-31"),
        ),
        task(
            "Sở Giáo dục và Đào tạo chủ trì, phối hợp với các cơ sở giáo dục nghề nghiệp đưa"
            " nội dung kỹ năng số, trí tuệ nhân tạo vào chương trình giáo dục phổ thông và đào"
            " tạo nghề của tỉnh.",
            ["Sở Giáo dục và Đào tạo"],
            ["các cơ sở giáo dục nghề nghiệp"],
            deadline=("Năm 2026", "2026-12-31"),
        ),
        task(
            "Sở Nội vụ chủ trì đánh giá, xếp hạng mức độ chuyển đổi số của các sở, ban, ngành"
            " và Ủy ban nhân dân các xã, phường.",
            ["Sở Nội vụ"],
            recurrence="semiannual",
        ),
    ]
    for _n, text, _unit, _a, _b, lead, _note in KH_TINH_TARGETS:  # type: ignore[misc]
        tasks.append(task(text, [lead]))
    when = {
        "1": (("2025 – 2027", "2027-12-31"), None),
        "2": (("Quý III/2026", "2026-09-30"), None),
        "3": (("Trước 30/6/2026", "2026-06-29"), None),
        "4": (None, "annual"),
    }
    for number, text, lead, coordinating, _when, _note in KH_TINH_PROJECTS:  # type: ignore[misc]
        names = split(coordinating)
        generic = []
        if "Ủy ban nhân dân các xã, phường" in names:
            names.remove("Ủy ban nhân dân các xã, phường")
            generic.append(("communes", "coordinating"))
        deadline, recurrence = when[number]
        tasks.append(task(text, [lead], names, generic, deadline, recurrence))
    return {
        "format": "lotrinh.programme/1",
        "note": (
            "112/KH-UBND of Ninh Bình (written for the evaluation, helper genre2; the province"
            " after the 2025 merger). Tasks: the items of II numbered '1.1.' with a deadline"
            " field line under them ('- Thời gian hoàn thành: …', not part of the text), the"
            " lettered points under '2.1. Sở Khoa học và Công nghệ:' (the heading leads), the"
            " '-' and '+' items under '2.2. Sở Xây dựng chủ trì thực hiện các nhiệm vụ sau:'"
            " (the '-' that only introduces '+' items is no task), the three targets of Phụ"
            " lục I (a target assigned to a body is a task) and the four rows of Phụ lục II"
            " ('Ghi chú' is a remark, not an agency). III is monitoring and reporting. The"
            " deadline 'Định kỳ 6 tháng' is a six-monthly rhythm (recurrence 'semiannual',"
            " which the format does not have)."
        ),
        "programme": {
            "kind": "plan",
            "code": "112/KH-UBND",
            "issue_date": "2025-09-08",
            "issuer": "Tỉnh Ninh Bình",
            "title": "giai đoạn 2025 – 2030$",
            "implements": "71/NQ-CP",
        },
        "tasks": tasks,
    }


if __name__ == "__main__":
    for name, make in {
        "g2-qd-byt": qd_byt,
        "g2-kh-xa": kh_xa,
        "g2-ctr-tu": ctr_tu,
        "g2-kh-tinh": kh_tinh,
    }.items():
        data = make()
        (EVAL / f"{name}.json").write_text(
            json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        print(name, len(data["tasks"]), "tasks")
