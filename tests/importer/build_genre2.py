"""Four documents of the genre the annotated corpus lacks, built as Word files (helper genre2).

Each is written as the office that would issue it writes (Decree 30/2020 for State bodies,
Hướng dẫn 36-HD/VPTW for the Party), with the 2025 names (two-level local government,
merged provinces and ministries), and annotated by reading it before the importer saw it
(`tests/importer/eval/g2-*.json`: tasks, leads, coordinators, deadlines and the header).
Run it to refresh the .docx files: `python -m tests.importer.build_genre2`. Their PDF
renderings are made by `tests/importer/pdf_renderings.render_docx_pdf` (and the letterhead
as a table by `render_letterhead_docx_pdf`).

- g2-qd-byt: a ministry's decision adopting its plan (Điều 1 … Điều 3), the plan after it
  with its own title, and an appendix table whose columns are in another order and under
  other names, group rows merged across all columns, the header row repeated on each page.
- g2-kh-xa: a commune's plan after 1 July 2025 (UBND xã, its Phòng Kinh tế, Phòng Văn hóa -
  Xã hội, Văn phòng HĐND và UBND xã, a "công chức"), short, in prose ("Giao … chủ trì").
- g2-ctr-tu: a provincial Party committee's action programme ("ĐẢNG CỘNG SẢN VIỆT NAM" on
  the right, "Số 42-CTr/TU"), the body naming nobody, the duties in Tổ chức thực hiện.
- g2-kh-tinh: a province's plan numbered "1.1.", "a)", "-", "+", with the deadlines in all
  the common forms, two appendices (Phụ lục I of targets, Phụ lục II of projects) with a
  "Ghi chú" column, and the recipients and signature as a two-column table.
"""

from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HERE = Path(__file__).resolve().parent
EVAL = HERE / "eval"


def _letterhead(document, left: list[str], right: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Decree 30's letterhead: a borderless table of two columns."""
    table = document.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (left, right), strict=True):
        cell.text = lines[0]
        for line in lines[1:]:
            cell.add_paragraph(line)


def _signature(document, recipients: list[str], signer: list[str]) -> None:  # type: ignore[no-untyped-def]
    """ "Nơi nhận:" on the left, the signature block on the right, as one borderless table."""
    _letterhead(document, recipients, signer)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _task_table(document, header: list[str], rows: list[list[str] | str]) -> None:  # type: ignore[no-untyped-def]
    """A ruled task table; a row given as a string is a group heading merged across."""
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, header, strict=True):
        cell.text = title
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = row
            continue
        for cell, value in zip(cells, row, strict=True):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def _paragraphs(document, text: str) -> None:  # type: ignore[no-untyped-def]
    for line in text.strip().splitlines():
        if line.strip():
            document.add_paragraph(line.strip())


# ------------------------------------------------------------------ g2-qd-byt

QD_BYT_TITLE = (
    "Ban hành Kế hoạch hành động của Bộ Y tế thực hiện Nghị quyết số 71/NQ-CP ngày 01 tháng 4"
    " năm 2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ"
    " thực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá"
    " phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
)

QD_BYT_ROWS: list[list[str] | str] = [
    "I. HOÀN THIỆN THỂ CHẾ, CHÍNH SÁCH",
    [
        "1",
        "Rà soát, đề xuất sửa đổi, bổ sung các quy định về ứng dụng trí tuệ nhân tạo trong"
        " khám bệnh, chữa bệnh",
        "Cục Quản lý Khám, chữa bệnh",
        "Vụ Pháp chế; Cục Khoa học công nghệ và Đào tạo",
        "Báo cáo rà soát; dự thảo Thông tư",
        "Quý IV/2025",
    ],
    [
        "2",
        "Xây dựng Thông tư quy định về hồ sơ bệnh án điện tử",
        "Cục Quản lý Khám, chữa bệnh",
        "Vụ Pháp chế",
        "Thông tư của Bộ trưởng Bộ Y tế",
        "Tháng 12/2025",
    ],
    [
        "3",
        "Xây dựng cơ chế thử nghiệm có kiểm soát đối với sản phẩm, dịch vụ công nghệ số"
        " trong lĩnh vực y tế",
        "Cục Khoa học công nghệ và Đào tạo",
        "Vụ Pháp chế;\nVụ Kế hoạch - Tài chính",
        "Đề án trình Bộ trưởng",
        "Năm 2026",
    ],
    "II. PHÁT TRIỂN HẠ TẦNG SỐ, DỮ LIỆU Y TẾ",
    [
        "4",
        "Triển khai Sổ sức khỏe điện tử tích hợp trên ứng dụng định danh quốc gia VNeID",
        "Cục Quản lý Khám, chữa bệnh",
        "Bảo hiểm xã hội Việt Nam; Bộ Công an",
        "Sổ sức khỏe điện tử được tích hợp",
        "Trước 31/12/2025",
    ],
    [
        "5",
        "Kết nối, liên thông dữ liệu khám bệnh, chữa bệnh của các cơ sở y tế với Hệ thống"
        " thông tin giám định bảo hiểm y tế",
        "Vụ Bảo hiểm y tế",
        "Bảo hiểm xã hội Việt Nam; Cục Quản lý Khám, chữa bệnh",
        "Dữ liệu được kết nối, liên thông",
        "Thường xuyên",
    ],
    [
        "6",
        "Xây dựng Cơ sở dữ liệu về dược, bảo đảm kết nối với Cơ sở dữ liệu quốc gia về dân cư",
        "Cục Quản lý Dược",
        "Cục Khoa học công nghệ và Đào tạo; Bộ Công an",
        "Cơ sở dữ liệu được vận hành",
        "Quý II/2026",
    ],
    "III. PHÁT TRIỂN NGUỒN NHÂN LỰC, TỔ CHỨC THỰC HIỆN",
    [
        "7",
        "Đào tạo, bồi dưỡng kỹ năng số cho công chức, viên chức, người lao động của Bộ",
        "Vụ Tổ chức cán bộ",
        "Cục Khoa học công nghệ và Đào tạo; các cơ quan, đơn vị liên quan",
        "Các lớp đào tạo, bồi dưỡng",
        "Hằng năm",
    ],
    [
        "8",
        "Sơ kết, đánh giá kết quả thực hiện Kế hoạch, đề xuất điều chỉnh nhiệm vụ",
        "Cục Khoa học công nghệ và Đào tạo",
        "Văn phòng Bộ",
        "Báo cáo sơ kết",
        "Năm 2027",
    ],
]


def qd_byt() -> Document:
    document = Document()
    _letterhead(
        document,
        ["BỘ Y TẾ", "_______", "Số: 3125/QĐ-BYT"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "_______________________",
            "Hà Nội, ngày 15 tháng 10 năm 2025",
        ],
    )
    _paragraphs(
        document,
        f"""
QUYẾT ĐỊNH
{QD_BYT_TITLE}
_______________
BỘ TRƯỞNG BỘ Y TẾ
Căn cứ Nghị định số 42/2025/NĐ-CP ngày 27 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Y tế;
Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;
Căn cứ Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW;
Theo đề nghị của Cục trưởng Cục Khoa học công nghệ và Đào tạo.
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Kế hoạch hành động của Bộ Y tế thực hiện Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký, ban hành.
Điều 3. Chánh Văn phòng Bộ, Cục trưởng Cục Khoa học công nghệ và Đào tạo, Vụ trưởng, Cục trưởng các Vụ, Cục thuộc Bộ Y tế, Thủ trưởng các đơn vị trực thuộc Bộ và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.
""",
    )
    _signature(
        document,
        [
            "Nơi nhận:",
            "- Như Điều 3;",
            "- Bộ trưởng (để báo cáo);",
            "- Các Thứ trưởng;",
            "- Cổng thông tin điện tử Bộ Y tế;",
            "- Lưu: VT, KHCNĐT.",
        ],
        ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "(Đã ký)"],
    )
    _letterhead(
        document,
        ["BỘ Y TẾ", "_______"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
    )
    _paragraphs(
        document,
        """
KẾ HOẠCH
Hành động của Bộ Y tế thực hiện Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ
(Ban hành kèm theo Quyết định số 3125/QĐ-BYT ngày 15 tháng 10 năm 2025 của Bộ trưởng Bộ Y tế)
_______________
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Cụ thể hóa các nhiệm vụ được Chính phủ giao cho Bộ Y tế tại Nghị quyết số 71/NQ-CP, tạo chuyển biến rõ nét trong ứng dụng khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của ngành y tế.
2. Yêu cầu
Xác định rõ nhiệm vụ, đơn vị chủ trì, đơn vị phối hợp, sản phẩm và thời hạn hoàn thành; bảo đảm tính khả thi, gắn với chức năng, nhiệm vụ của từng đơn vị.
II. NHIỆM VỤ, GIẢI PHÁP
Các nhiệm vụ, giải pháp cụ thể, đơn vị chủ trì, đơn vị phối hợp, sản phẩm và thời hạn hoàn thành được phân công tại Phụ lục kèm theo Kế hoạch này.
III. TỔ CHỨC THỰC HIỆN
1. Cục Khoa học công nghệ và Đào tạo là đơn vị đầu mối, theo dõi, đôn đốc, tổng hợp tình hình thực hiện Kế hoạch; định kỳ 6 tháng, hằng năm báo cáo Bộ trưởng.
2. Thủ trưởng các Vụ, Cục, Văn phòng Bộ, Thanh tra Bộ và các đơn vị trực thuộc Bộ căn cứ nhiệm vụ được giao tại Phụ lục, chủ động xây dựng kế hoạch chi tiết và tổ chức triển khai; báo cáo kết quả thực hiện trước ngày 15 tháng 12 hằng năm về Cục Khoa học công nghệ và Đào tạo để tổng hợp.
3. Vụ Kế hoạch - Tài chính bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách nhà nước được giao và các nguồn hợp pháp khác.
Trong quá trình tổ chức thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời báo cáo Bộ trưởng (qua Cục Khoa học công nghệ và Đào tạo) để xem xét, giải quyết./.
Phụ lục
DANH MỤC NHIỆM VỤ THỰC HIỆN KẾ HOẠCH HÀNH ĐỘNG CỦA BỘ Y TẾ
(Kèm theo Quyết định số 3125/QĐ-BYT ngày 15 tháng 10 năm 2025 của Bộ trưởng Bộ Y tế)
""",
    )
    _task_table(
        document,
        [
            "TT",
            "Nội dung công việc",
            "Đơn vị chủ trì",
            "Đơn vị phối hợp",
            "Sản phẩm",
            "Thời hạn hoàn thành",
        ],
        QD_BYT_ROWS,
    )
    return document


# ------------------------------------------------------------------ g2-kh-xa

KH_XA = """
KẾ HOẠCH
Triển khai chuyển đổi số, cải cách thủ tục hành chính và Đề án 06 trên địa bàn xã Đông Anh năm 2025
Thực hiện Kế hoạch số 230/KH-UBND ngày 05 tháng 8 năm 2025 của Ủy ban nhân dân Thành phố Hà Nội về đẩy mạnh chuyển đổi số, cải cách thủ tục hành chính trong vận hành chính quyền địa phương hai cấp, Ủy ban nhân dân xã Đông Anh ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
- Bảo đảm chính quyền xã vận hành thông suốt, phục vụ người dân, doanh nghiệp tốt hơn sau khi sắp xếp đơn vị hành chính.
- Phân công rõ người, rõ việc, rõ thời gian, rõ kết quả.
II. NHIỆM VỤ CỤ THỂ
1. Giao Văn phòng HĐND và UBND xã chủ trì, phối hợp với Trung tâm Phục vụ hành chính công xã rà soát, công khai đầy đủ thủ tục hành chính thuộc thẩm quyền giải quyết của xã trên Cổng Dịch vụ công quốc gia; hoàn thành trong tháng 9/2025.
2. Phòng Kinh tế chủ trì, phối hợp với Phòng Văn hóa - Xã hội hướng dẫn hộ kinh doanh, hợp tác xã trên địa bàn ứng dụng thanh toán không dùng tiền mặt, bán hàng trên sàn thương mại điện tử; thực hiện thường xuyên.
3. Giao Phòng Văn hóa - Xã hội chủ trì tuyên truyền, phổ biến kỹ năng số cho người dân; phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam xã duy trì hoạt động của các Tổ công nghệ số cộng đồng ở các thôn.
4. Công an xã chủ trì, phối hợp với Văn phòng HĐND và UBND xã làm sạch dữ liệu hộ tịch, đồng bộ với Cơ sở dữ liệu quốc gia về dân cư, hoàn thành trước ngày 30 tháng 9 năm 2025.
5. Trung tâm Phục vụ hành chính công xã hướng dẫn, hỗ trợ người dân nộp hồ sơ trực tuyến toàn trình, bảo đảm tỷ lệ hồ sơ trực tuyến đạt trên 80% trong Quý IV/2025.
6. Giao công chức phụ trách công nghệ thông tin bảo đảm hạ tầng mạng, an toàn thông tin cho hệ thống máy tính của cơ quan; thực hiện thường xuyên.
7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam xã và các tổ chức chính trị - xã hội tăng cường vận động đoàn viên, hội viên cài đặt, kích hoạt tài khoản định danh điện tử mức độ 2.
III. TỔ CHỨC THỰC HIỆN
1. Các phòng, đơn vị thuộc Ủy ban nhân dân xã căn cứ nhiệm vụ được giao chủ động triển khai; báo cáo kết quả về Ủy ban nhân dân xã (qua Văn phòng HĐND và UBND xã) trước ngày 20 hằng tháng.
2. Văn phòng HĐND và UBND xã theo dõi, đôn đốc, tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân xã.
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị báo cáo Ủy ban nhân dân xã để xem xét, giải quyết./.
"""


def kh_xa() -> Document:
    document = Document()
    _letterhead(
        document,
        ["ỦY BAN NHÂN DÂN", "XÃ ĐÔNG ANH", "_______", "Số: 86/KH-UBND"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "_______________________",
            "Đông Anh, ngày 20 tháng 8 năm 2025",
        ],
    )
    _paragraphs(document, KH_XA)
    _signature(
        document,
        [
            "Nơi nhận:",
            "- UBND Thành phố (để báo cáo);",
            "- Đảng ủy xã;",
            "- Chủ tịch, các Phó Chủ tịch UBND xã;",
            "- Các phòng, đơn vị thuộc UBND xã;",
            "- Lưu: VT.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "(Đã ký)"],
    )
    return document


# ------------------------------------------------------------------ g2-ctr-tu

CTR_TU = """
CHƯƠNG TRÌNH HÀNH ĐỘNG
thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị về đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới
-----
Ngày 30/4/2025, Bộ Chính trị ban hành Nghị quyết số 66-NQ/TW về đổi mới công tác xây dựng và thi hành pháp luật đáp ứng yêu cầu phát triển đất nước trong kỷ nguyên mới. Để tổ chức thực hiện có hiệu quả Nghị quyết, Ban Chấp hành Đảng bộ tỉnh ban hành Chương trình hành động như sau:
I. MỤC TIÊU
1. Mục tiêu chung
Nâng cao chất lượng xây dựng, ban hành văn bản quy phạm pháp luật của tỉnh; tổ chức thi hành pháp luật nghiêm minh, hiệu quả, tạo môi trường thuận lợi cho phát triển kinh tế - xã hội.
2. Mục tiêu cụ thể
- Đến năm 2025, hoàn thành rà soát, xử lý các văn bản quy phạm pháp luật của tỉnh không còn phù hợp với mô hình chính quyền địa phương hai cấp.
- Đến năm 2027, 100% thủ tục hành chính liên quan đến doanh nghiệp được thực hiện trực tuyến toàn trình.
II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU
1. Tăng cường sự lãnh đạo của Đảng đối với công tác xây dựng và thi hành pháp luật
- Quán triệt sâu sắc nội dung Nghị quyết số 66-NQ/TW đến cán bộ, đảng viên; xác định công tác xây dựng và thi hành pháp luật là nhiệm vụ trọng tâm, thường xuyên của cấp ủy, tổ chức đảng.
- Đưa nhiệm vụ xây dựng và thi hành pháp luật vào chương trình làm việc toàn khóa, hằng năm của cấp ủy; gắn trách nhiệm người đứng đầu với kết quả thực hiện.
2. Nâng cao chất lượng xây dựng, ban hành văn bản quy phạm pháp luật của tỉnh
- Đổi mới quy trình xây dựng nghị quyết của Hội đồng nhân dân, quyết định của Ủy ban nhân dân tỉnh; lấy ý kiến thực chất của người dân, doanh nghiệp chịu sự tác động.
- Kịp thời ban hành văn bản quy định chi tiết các nội dung được luật giao cho địa phương; không để chậm, nợ đọng văn bản.
3. Tăng cường tổ chức thi hành pháp luật
- Đẩy mạnh phổ biến, giáo dục pháp luật, ứng dụng công nghệ số trong tiếp cận pháp luật của người dân.
- Tăng cường kiểm tra, giám sát việc thi hành pháp luật; xử lý nghiêm tổ chức, cá nhân có hành vi vi phạm.
III. TỔ CHỨC THỰC HIỆN
1. Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo việc tổ chức quán triệt, triển khai thực hiện Chương trình hành động này trong toàn Đảng bộ tỉnh.
2. Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh xây dựng kế hoạch cụ thể hóa Chương trình hành động; chỉ đạo rà soát hệ thống văn bản quy phạm pháp luật của tỉnh, hoàn thành trong Quý III/2025.
3. Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với các cơ quan liên quan tổ chức quán triệt Nghị quyết số 66-NQ/TW và Chương trình hành động này; định hướng các cơ quan báo chí của tỉnh tuyên truyền.
4. Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tăng cường giám sát, phản biện xã hội đối với dự thảo văn bản quy phạm pháp luật của tỉnh.
5. Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp với Ban Nội chính Tỉnh ủy kiểm tra, giám sát việc thực hiện Chương trình hành động này.
6. Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy theo dõi, đôn đốc việc thực hiện Chương trình hành động; định kỳ hằng năm báo cáo Ban Thường vụ Tỉnh ủy.
Chương trình hành động này được phổ biến đến chi bộ./.
"""


def ctr_tu() -> Document:
    document = Document()
    _letterhead(
        document,
        ["BAN CHẤP HÀNH ĐẢNG BỘ", "TỈNH NGHỆ AN", "*", "Số 42-CTr/TU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "_______________", "Nghệ An, ngày 12 tháng 5 năm 2025"],
    )
    _paragraphs(document, CTR_TU)
    _signature(
        document,
        [
            "Nơi nhận:",
            "- Ban Bí thư Trung ương Đảng (để báo cáo),",
            "- Các đảng ủy trực thuộc Tỉnh ủy,",
            "- Các ban đảng, Văn phòng Tỉnh ủy,",
            "- Lưu Văn phòng Tỉnh ủy.",
        ],
        ["T/M TỈNH ỦY", "BÍ THƯ", "", "(Đã ký)"],
    )
    return document


# ------------------------------------------------------------------ g2-kh-tinh

KH_TINH = """
KẾ HOẠCH
Phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Ninh Bình giai đoạn 2025 – 2030
Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;
Căn cứ Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ sửa đổi, bổ sung, cập nhật Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW;
Ủy ban nhân dân tỉnh ban hành Kế hoạch phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh Ninh Bình giai đoạn 2025 – 2030 như sau:
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số là động lực chính tăng trưởng kinh tế - xã hội của tỉnh sau hợp nhất.
2. Yêu cầu
Các nhiệm vụ phải cụ thể, có cơ quan chủ trì, thời hạn hoàn thành và sản phẩm rõ ràng.
II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện cơ chế, chính sách
1.1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tư pháp tham mưu Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh ban hành Nghị quyết quy định chính sách hỗ trợ hoạt động đổi mới sáng tạo trên địa bàn tỉnh.
- Thời gian hoàn thành: Quý III/2025.
1.2. Sở Nội vụ chủ trì, phối hợp với Sở Khoa học và Công nghệ kiện toàn Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số của tỉnh.
- Thời gian hoàn thành: Tháng 12/2025.
1.3. Sở Tài chính chủ trì, phối hợp với Sở Khoa học và Công nghệ bố trí tối thiểu 3% tổng chi ngân sách tỉnh cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số.
- Thời gian thực hiện: Hằng năm.
2. Phát triển hạ tầng số
2.1. Sở Khoa học và Công nghệ:
a) Chủ trì xây dựng Kiến trúc chính quyền điện tử, chính quyền số tỉnh Ninh Bình phiên bản 4.0; hoàn thành trước 30/6/2026.
b) Chủ trì, phối hợp với các doanh nghiệp viễn thông phát triển hạ tầng mạng di động 5G phủ sóng 100% xã, phường; thời gian thực hiện: 2025 – 2030.
2.2. Sở Xây dựng chủ trì thực hiện các nhiệm vụ sau:
- Tích hợp quy hoạch hạ tầng kỹ thuật viễn thông thụ động vào quy hoạch xây dựng, quy hoạch đô thị; năm 2026.
- Hướng dẫn các chủ đầu tư:
+ Bố trí hạ tầng kỹ thuật dùng chung trong các công trình giao thông, khu đô thị mới; thực hiện thường xuyên.
+ Ngầm hóa mạng cáp viễn thông tại các tuyến phố chính của các phường; hoàn thành trong Quý IV/2027.
3. Phát triển nguồn nhân lực số
3.1. Sở Giáo dục và Đào tạo chủ trì, phối hợp với các cơ sở giáo dục nghề nghiệp đưa nội dung kỹ năng số, trí tuệ nhân tạo vào chương trình giáo dục phổ thông và đào tạo nghề của tỉnh.
- Thời gian thực hiện: Năm 2026.
3.2. Sở Nội vụ chủ trì đánh giá, xếp hạng mức độ chuyển đổi số của các sở, ban, ngành và Ủy ban nhân dân các xã, phường.
- Thời gian thực hiện: Định kỳ 6 tháng.
III. TỔ CHỨC THỰC HIỆN
1. Sở Khoa học và Công nghệ là cơ quan thường trực, theo dõi, đôn đốc, kiểm tra việc thực hiện Kế hoạch; tổng hợp, báo cáo Ủy ban nhân dân tỉnh.
2. Các sở, ban, ngành, Ủy ban nhân dân các xã, phường căn cứ nhiệm vụ được giao tại Kế hoạch này và các Phụ lục kèm theo xây dựng kế hoạch chi tiết; báo cáo kết quả thực hiện trước ngày 15/12 hằng năm về Sở Khoa học và Công nghệ.
Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị báo cáo Ủy ban nhân dân tỉnh (qua Sở Khoa học và Công nghệ) để xem xét, giải quyết./.
"""

KH_TINH_TARGETS: list[list[str] | str] = [
    [
        "1",
        "Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình",
        "%",
        "50",
        "80",
        "Sở Khoa học và Công nghệ",
        "Chỉ tiêu Nghị quyết 71/NQ-CP",
    ],
    [
        "2",
        "Tỷ trọng kinh tế số trong GRDP của tỉnh",
        "%",
        "12",
        "30",
        "Sở Tài chính",
        "",
    ],
    [
        "3",
        "Số doanh nghiệp khoa học và công nghệ được chứng nhận",
        "Doanh nghiệp",
        "20",
        "60",
        "Sở Khoa học và Công nghệ",
        "Lũy kế",
    ],
]

KH_TINH_PROJECTS: list[list[str] | str] = [
    [
        "1",
        "Xây dựng Trung tâm dữ liệu tỉnh Ninh Bình",
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính; Công an tỉnh",
        "2025 – 2027",
        "Vốn đầu tư công",
    ],
    [
        "2",
        "Nền tảng số quản lý đô thị thông minh tại các phường",
        "Sở Xây dựng",
        "Sở Khoa học và Công nghệ;\nỦy ban nhân dân các xã, phường",
        "Quý III/2026",
        "",
    ],
    [
        "3",
        "Số hóa kho lưu trữ lịch sử của tỉnh",
        "Sở Nội vụ",
        "Sở Khoa học và Công nghệ",
        "Trước 30/6/2026",
        "Chuyển tiếp từ năm 2024",
    ],
    [
        "4",
        "Chương trình hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số",
        "Sở Công Thương",
        "Sở Khoa học và Công nghệ; Hiệp hội Doanh nghiệp tỉnh",
        "Hằng năm",
        "",
    ],
]


def kh_tinh() -> Document:
    document = Document()
    _letterhead(
        document,
        ["ỦY BAN NHÂN DÂN", "TỈNH NINH BÌNH", "_______", "Số: 112/KH-UBND"],
        [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "_______________________",
            "Ninh Bình, ngày 08 tháng 9 năm 2025",
        ],
    )
    _paragraphs(document, KH_TINH)
    _signature(
        document,
        [
            "Nơi nhận:",
            "- Bộ Khoa học và Công nghệ;",
            "- TT Tỉnh ủy, TT HĐND tỉnh;",
            "- Chủ tịch, các PCT UBND tỉnh;",
            "- Các sở, ban, ngành;",
            "- UBND các xã, phường;",
            "- Lưu: VT, KGVX.",
        ],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "(Đã ký)"],
    )
    _paragraphs(
        document,
        """
Phụ lục I
CHỈ TIÊU PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ
(Kèm theo Kế hoạch số 112/KH-UBND ngày 08/9/2025 của UBND tỉnh Ninh Bình)
""",
    )
    _task_table(
        document,
        ["TT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030", "Cơ quan chủ trì", "Ghi chú"],
        KH_TINH_TARGETS,
    )
    _paragraphs(
        document,
        """
Phụ lục II
DANH MỤC NHIỆM VỤ, DỰ ÁN TRỌNG ĐIỂM
(Kèm theo Kế hoạch số 112/KH-UBND ngày 08/9/2025 của UBND tỉnh Ninh Bình)
""",
    )
    _task_table(
        document,
        [
            "TT",
            "Tên nhiệm vụ, dự án",
            "Cơ quan chủ trì",
            "Cơ quan phối hợp",
            "Thời gian thực hiện",
            "Ghi chú",
        ],
        KH_TINH_PROJECTS,
    )
    return document


BUILDERS = {"g2-qd-byt": qd_byt, "g2-kh-xa": kh_xa, "g2-ctr-tu": ctr_tu, "g2-kh-tinh": kh_tinh}


def build(target: Path = EVAL) -> None:
    for name, make in BUILDERS.items():
        document = make()
        document.core_properties.author = "Lộ trình"
        document.save(str(target / f"{name}.docx"))


if __name__ == "__main__":
    build()
    print(", ".join(BUILDERS))
