"""Word files as offices save them: automatic numbering, tracked changes, text boxes,
content controls, soft line breaks, tabs, fields and hyperlinks are read as Word shows
them (docs/importer.md, "Word files as saved")."""

import json
from pathlib import Path

import pytest

from lotrinh.importer.evaluate import score
from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import read_document
from tests.importer.word_files import abstract, auto_numbered, docx_bytes, lvl, num, p, text_box

EVAL = Path(__file__).parent / "eval"

OUTLINE = abstract(
    1,
    lvl(0, "upperRoman", "%1."),
    lvl(1, "decimal", "%2."),
    lvl(2, "lowerLetter", "%3)"),
    lvl(3, "bullet", "-"),
)


def texts(data: bytes) -> list[str]:
    return [b.text for b in read_document(data, "van-ban.docx") if b.kind == "p"]


def test_it_reads_automatic_numbers_in_front_of_paragraphs():
    body = "".join(
        [
            p("NHIỆM VỤ", (1, 0)),
            p("Kinh tế số", (1, 1)),
            p("Chuyển đổi số", (1, 1)),
            p("Sở Công Thương chủ trì", (1, 2)),
            p("Sở Tài chính phối hợp", (1, 2)),
            p("Hoàn thành năm 2026", (1, 3)),
            p("TỔ CHỨC THỰC HIỆN", (1, 0)),
            p("Các sở, ngành", (1, 1)),
            p("Không đánh số"),
        ]
    )
    assert texts(docx_bytes(body, OUTLINE + num(1, 1))) == [
        "I. NHIỆM VỤ",
        "1. Kinh tế số",
        "2. Chuyển đổi số",
        "a) Sở Công Thương chủ trì",
        "b) Sở Tài chính phối hợp",
        "- Hoàn thành năm 2026",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Các sở, ngành",
        "Không đánh số",
    ]


def test_it_fills_multilevel_text_and_honours_start_and_never_restart():
    numbering = abstract(
        2,
        lvl(0, "decimal", "%1.", start=3),
        lvl(1, "decimal", "%1.%2.", extra='<w:lvlRestart w:val="0"/>'),
        lvl(2, "upperLetter", "%3.", extra='<w:suff w:val="space"/>'),
        lvl(3, "lowerRoman", "(%4)", extra='<w:suff w:val="nothing"/>'),
    )
    body = "".join(
        [
            p("Một", (5, 0)),
            p("Một một", (5, 1)),
            p("Chữ", (5, 2)),
            p("La Mã", (5, 3)),
            p("La Mã", (5, 3)),
            p("Hai", (5, 0)),
            p("Hai một", (5, 1)),
        ]
    )
    assert texts(docx_bytes(body, numbering + num(5, 2))) == [
        "3. Một",
        "3.1. Một một",
        "A. Chữ",
        "(i)La Mã",
        "(ii)La Mã",
        "4. Hai",
        # lvlRestart 0: the second level goes on across the first.
        "4.2. Hai một",
    ]


def test_a_list_with_a_start_override_restarts_and_the_others_share_their_counter():
    numbering = OUTLINE + num(1, 1) + num(2, 1, {1: 1}) + num(3, 1)
    body = "".join(
        [
            p("Một", (1, 1)),
            p("Hai", (1, 1)),
            p("Lại một", (2, 1)),
            p("Ba", (3, 1)),  # the same abstract list as numId 1, no override: goes on
            p("Lại hai", (2, 1)),
        ]
    )
    assert texts(docx_bytes(body, numbering)) == [
        "1. Một",
        "2. Hai",
        "1. Lại một",
        "3. Ba",
        "2. Lại hai",
    ]


def test_it_reads_numbers_given_by_the_paragraph_style_through_based_on():
    styles = (
        '<w:style w:type="paragraph" w:styleId="MucLon"><w:name w:val="Muc lon"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="MucLon2"><w:name w:val="Muc lon 2"/>'
        '<w:basedOn w:val="MucLon"/></w:style>'
    )
    body = "".join(
        [
            p("MỤC TIÊU", style="MucLon2"),
            p("Mục một", (1, 1)),
            p("NHIỆM VỤ", style="MucLon"),
            # numId 0 on the paragraph takes its style's number away.
            p("Không số", style="MucLon", extra=""),
        ]
    )
    body = body.replace(
        '<w:pStyle w:val="MucLon"/></w:pPr><w:r><w:t xml:space="preserve">Không số',
        '<w:pStyle w:val="MucLon"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">Không số',
    )
    assert texts(docx_bytes(body, OUTLINE + num(1, 1), styles)) == [
        "I. MỤC TIÊU",
        "1. Mục một",
        "II. NHIỆM VỤ",
        "Không số",
    ]


def test_symbol_bullets_read_as_a_bullet():
    numbering = abstract(4, lvl(0, "bullet", "\uf0b7"), lvl(1, "bullet", "o")) + num(4, 4)
    body = p("Một ý", (4, 0)) + p("Ý nhỏ", (4, 1))
    assert texts(docx_bytes(body, numbering)) == ["• Một ý", "• Ý nhỏ"]


def _cell(text: str = "", numbered: bool = False) -> str:
    return f"<w:tc>{p(text, (7, 0) if numbered else None)}</w:tc>"


def test_an_auto_numbered_stt_column_gives_the_rows_their_numbers():
    numbering = abstract(6, lvl(0, "decimal", "%1", extra='<w:suff w:val="nothing"/>'))
    header = "<w:tr>" + "".join(
        _cell(t) for t in ("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành")
    )
    rows = [header + "</w:tr>"]
    for text, lead in (
        ("Xây dựng kho dữ liệu dùng chung", "Sở Khoa học và Công nghệ"),
        ("Đào tạo kỹ năng số cho cán bộ", "Sở Nội vụ"),
    ):
        rows.append(
            "<w:tr>"
            + _cell(numbered=True)
            + _cell(text)
            + _cell(lead)
            + _cell("Năm 2026")
            + "</w:tr>"
        )
    table = f"<w:tbl><w:tblGrid>{'<w:gridCol/>' * 4}</w:tblGrid>{''.join(rows)}</w:tbl>"
    blocks = read_document(docx_bytes(table, numbering + num(7, 6)), "bang.docx")
    assert [row[0] for row in blocks[0].rows] == ["STT", "1", "2"]
    tasks = parse_blocks(blocks)["tasks"]
    assert [(t["text"], t["lead"]) for t in tasks] == [
        ("Xây dựng kho dữ liệu dùng chung", ["Sở Khoa học và Công nghệ"]),
        ("Đào tạo kỹ năng số cho cán bộ", ["Sở Nội vụ"]),
    ]


# ---------------------------------------------------------------- the corpus, renumbered


@pytest.mark.parametrize("name", sorted(path.name for path in EVAL.glob("*.docx")))
def test_a_corpus_file_renumbered_by_word_reads_as_the_original(name):
    """The strongest check: each corpus .docx with its typed numbers turned into Word's
    numbering (word_files.auto_numbered: "I. ", "1. ", "a) ", "- ", STT cells) reads the
    same blocks and parses to the same tasks, leads, deadlines and headings."""
    original = (EVAL / name).read_bytes()
    renumbered, turned = auto_numbered(original)
    assert turned >= 10  # numbers turned into Word numbering (the short g2-* plans: 22)
    assert renumbered != original
    before = read_document(original, name)
    after = read_document(renumbered, name)
    assert [(b.kind, b.text, b.rows) for b in after] == [(b.kind, b.text, b.rows) for b in before]
    parsed_before, parsed_after = parse_blocks(before), parse_blocks(after)
    assert parsed_after == parsed_before
    truth = json.loads((EVAL / name.replace(".docx", ".json")).read_text(encoding="utf-8"))
    assert score(name, parsed_after, truth) == score(name, parsed_before, truth)


# ---------------------------------------------------------------- tracked changes


def test_tracked_changes_are_read_as_accepted():
    changed = (
        "<w:p>"
        '<w:r><w:t xml:space="preserve">Sở </w:t></w:r>'
        '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve">Khoa học và Công nghệ</w:t></w:r></w:ins>'
        '<w:del w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">Tài chính</w:delText></w:r></w:del>'
        '<w:r><w:t xml:space="preserve"> chủ trì</w:t></w:r>'
        '<w:moveFrom w:id="3" w:author="A"><w:r><w:t xml:space="preserve"> (cũ)</w:t></w:r></w:moveFrom>'
        '<w:moveTo w:id="4" w:author="A"><w:r><w:t xml:space="preserve">, quý IV/2026</w:t></w:r></w:moveTo>'
        "</w:p>"
    )
    # A paragraph whose mark was deleted runs on into the next one.
    merged = (
        '<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="A"/></w:rPr></w:pPr>'
        '<w:r><w:t xml:space="preserve">Bộ Y tế </w:t></w:r></w:p>' + p("phối hợp.")
    )
    assert texts(docx_bytes(changed + merged)) == [
        "Sở Khoa học và Công nghệ chủ trì, quý IV/2026",
        "Bộ Y tế phối hợp.",
    ]


def test_a_row_deleted_as_a_tracked_change_is_left_out():
    def row(a: str, b: str, deleted: bool = False) -> str:
        props = '<w:trPr><w:del w:id="9" w:author="A"/></w:trPr>' if deleted else ""
        return f"<w:tr>{props}{_cell(a)}{_cell(b)}</w:tr>"

    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        + row("Nội dung", "Chủ trì")
        + row("Bỏ", "Sở A", deleted=True)
        + row("Giữ", "Sở B")
        + "</w:tbl>"
    )
    [block] = read_document(docx_bytes(table), "bang.docx")
    assert block.rows == [["Nội dung", "Chủ trì"], ["Giữ", "Sở B"]]


# ---------------------------------------------------------------- text boxes, content controls


def _text_box(*paragraphs: str) -> str:
    return text_box("".join(p(t) for t in paragraphs))


def test_a_text_box_is_read_where_it_is_anchored_once():
    body = (
        f"<w:p>{_text_box('ỦY BAN NHÂN DÂN', 'TỈNH BẮC NINH', 'Số: 144/KH-UBND')}"
        '<w:r><w:t xml:space="preserve">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</w:t></w:r></w:p>'
        + p("KẾ HOẠCH")
    )
    assert texts(docx_bytes(body)) == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH BẮC NINH",
        "Số: 144/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KẾ HOẠCH",
    ]


def test_block_content_controls_are_read_in_body_order():
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{_cell('Nội dung')}{_cell('Chủ trì')}</w:tr></w:tbl>"
    )
    body = (
        p("Trước")
        + '<w:sdt><w:sdtPr><w:alias w:val="Số"/></w:sdtPr><w:sdtContent>'
        + p("Số: 12/KH-UBND")
        + table
        + "</w:sdtContent></w:sdt>"
        + p("Sau")
        # An inline content control inside a paragraph.
        + '<w:p><w:r><w:t xml:space="preserve">Ngày </w:t></w:r><w:sdt><w:sdtContent>'
        "<w:r><w:t>05 tháng 3 năm 2025</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    )
    blocks = read_document(docx_bytes(body), "van-ban.docx")
    assert [(b.kind, b.text or b.rows) for b in blocks] == [
        ("p", "Trước"),
        ("p", "Số: 12/KH-UBND"),
        ("table", [["Nội dung", "Chủ trì"]]),
        ("p", "Sau"),
        ("p", "Ngày 05 tháng 3 năm 2025"),
    ]


# ---------------------------------------------------------------- breaks, tabs, fields, links


def test_soft_line_breaks_split_items_and_tabs_follow_a_typed_number():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">a) Sở Y tế chủ trì;</w:t><w:br/>'
        '<w:t xml:space="preserve">b) Sở Nội vụ thực hiện các</w:t><w:br/>'
        "<w:t>nhiệm vụ còn lại.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>1.</w:t><w:tab/><w:t>Xây dựng đề án</w:t></w:r></w:p>"
    )
    assert texts(docx_bytes(body)) == [
        "a) Sở Y tế chủ trì;",
        "b) Sở Nội vụ thực hiện các nhiệm vụ còn lại.",
        "1. Xây dựng đề án",
    ]


def test_fields_and_hyperlinks_read_as_their_displayed_text_once():
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Phụ lục </w:t></w:r>'
        '<w:fldSimple w:instr=" SEQ Phụ_lục \\* ROMAN "><w:r><w:t>II</w:t></w:r></w:fldSimple>'
        '<w:r><w:t xml:space="preserve">, trang </w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        '<w:r><w:t xml:space="preserve">, xem </w:t></w:r>'
        '<w:hyperlink r:id="rIdX"><w:r><w:t>Cổng thông tin</w:t></w:r></w:hyperlink>'
        "</w:p>"
    )
    assert texts(docx_bytes(body)) == ["Phụ lục II, trang 7, xem Cổng thông tin"]


# ---------------------------------------------------------------- the review page's note


def _with_tracked_change(data: bytes) -> bytes:
    """The file with a tracked insertion and deletion in a last paragraph."""
    import io
    import zipfile

    from tests.importer.word_files import _replace

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        xml = source.read("word/document.xml").decode("utf-8")
    changed = (
        '<w:p><w:ins w:id="91" w:author="Chuyên viên"><w:r><w:t>Nơi nhận: như trên.</w:t></w:r>'
        '</w:ins><w:del w:id="92" w:author="Chuyên viên"><w:r><w:delText>Bản nháp</w:delText>'
        "</w:r></w:del></w:p>"
    )
    at = xml.rindex("<w:sectPr")
    return _replace(data, {"word/document.xml": (xml[:at] + changed + xml[at:]).encode("utf-8")})


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_review_page_says_a_file_with_tracked_changes_was_read_as_accepted(
    most_monitor, language, monkeypatch
):
    from django.urls import reverse

    from tests.core.pending_english import add_pending_english

    add_pending_english(monkeypatch, "docxnum")

    from lotrinh.importer import review
    from lotrinh.importer.service import parse_bytes
    from tests.conftest import client_for
    from tests.importer.test_review import plan_docx

    client = client_for(most_monitor)
    client.cookies["django_language"] = language
    plain = parse_bytes(plan_docx(), "ke-hoach.docx")
    assert "read_notes" not in plain
    tracked = parse_bytes(_with_tracked_change(plan_docx()), "ke-hoach.docx")
    assert tracked["read_notes"] == ["tracked_changes"]
    pages = {}
    for name, parsed in (("plain", plain), ("tracked", tracked)):
        draft = review.create_draft(parsed, "ke-hoach.docx", most_monitor)
        pages[name] = client.get(reverse("importer:review", args=[draft.pk])).content.decode()
        # A note about the file read, not part of the programme published.
        assert "read_notes" not in review.publishable_data(draft)
    assert 'id="tracked-changes"' in pages["tracked"]
    assert 'id="tracked-changes"' not in pages["plain"]
    said = {
        "vi": "văn bản được đọc như khi đã chấp nhận mọi thay đổi",
        "en": "the document was read as if every change were accepted",
    }
    assert said[language] in pages["tracked"]


def test_hidden_text_is_not_read_and_a_hostile_start_stays_a_number():
    numbering = abstract(8, lvl(0, "lowerLetter", "%1)", start=1_000_000_000)) + num(8, 8)
    body = (
        p("Nhiệm vụ", (8, 0))
        + '<w:p><w:r><w:t xml:space="preserve">Hiện </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>'
        "<w:t>ẩn </w:t></w:r><w:r><w:t>ra</w:t></w:r></w:p>"
    )
    assert texts(docx_bytes(body, numbering)) == ["1000000000) Nhiệm vụ", "Hiện ra"]


def test_a_box_with_both_branches_inside_one_drawing_is_read_once():
    inner = p("Số: 7/KH-UBND")
    body = (
        "<w:p><w:r><w:drawing><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></mc:Choice>'
        f"<mc:Fallback><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></mc:Fallback>"
        "</mc:AlternateContent></w:drawing></w:r></w:p>"
    )
    assert texts(docx_bytes(body)) == ["Số: 7/KH-UBND"]


def test_a_letterhead_in_a_text_box_gives_the_header_its_number_and_issuer():
    body = (
        f"<w:p>{_text_box('ỦY BAN NHÂN DÂN', 'TỈNH BẮC NINH', 'Số: 144/KH-UBND')}</w:p>"
        + p("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + p("Độc lập - Tự do - Hạnh phúc")
        + p("Bắc Ninh, ngày 12 tháng 5 năm 2025")
        + p("KẾ HOẠCH")
        + p("Phát triển kinh tế số")
        + p("I. NHIỆM VỤ")
        + p("1. Sở Công Thương chủ trì xây dựng sàn thương mại điện tử.")
    )
    header = parse_blocks(read_document(docx_bytes(body), "ke-hoach.docx"))["programme"]
    assert (header["code"], header["issue_date"], header["issuer"]) == (
        "144/KH-UBND",
        "2025-05-12",
        "Tỉnh Bắc Ninh",
    )


# ---------------------------------------------------------------- tables nested in a cell


def _plan_with_nested_table() -> bytes:
    """A plan's task table (built with python-docx, as Word saves it) whose "Nội dung"
    cell holds a sub-table of its own tasks between two paragraphs."""
    import io

    from docx import Document

    document = Document()
    document.add_paragraph("Phụ lục: danh mục nhiệm vụ")
    table = document.add_table(rows=3, cols=4)
    for cell, name in zip(
        table.rows[0].cells,
        ("STT", "Nội dung", "Cơ quan chủ trì", "Thời gian hoàn thành"),
        strict=True,
    ):
        cell.text = name
    first = table.rows[1].cells
    first[0].text = "1"
    first[1].text = "Phát triển hạ tầng số, gồm:"
    nested = first[1].add_table(rows=3, cols=3)
    for row, texts in zip(
        nested.rows,
        (
            ("TT", "Nội dung", "Thời hạn"),
            ("a)", "Xây dựng kho dữ liệu dùng chung", "Quý II/2026"),
            ("b)", "Phủ sóng 5G các xã, phường", ""),
        ),
        strict=True,
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    first[1].paragraphs[-1].text = "Báo cáo kết quả hằng quý."
    first[2].text = "Sở Khoa học và Công nghệ"
    first[3].text = "Năm 2026"
    second = table.rows[2].cells
    for cell, text in zip(
        second, ("2", "Đào tạo kỹ năng số cho cán bộ", "Sở Nội vụ", "Năm 2027"), strict=True
    ):
        cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_table_nested_in_a_cell_reads_as_the_cells_lines_in_document_order():
    # Before: python-docx's cell paragraphs only; the sub-table's tasks were lost.
    data = _plan_with_nested_table()
    [title, block] = read_document(data, "bang.docx")
    assert title.text == "Phụ lục: danh mục nhiệm vụ"
    assert block.rows[1] == [
        "1",
        "Phát triển hạ tầng số, gồm:\n"
        "a) Xây dựng kho dữ liệu dùng chung – Quý II/2026\n"
        "b) Phủ sóng 5G các xã, phường\n"
        "Báo cáo kết quả hằng quý.",
        "Sở Khoa học và Công nghệ",
        "Năm 2026",
    ]
    assert block.rows[2] == ["2", "Đào tạo kỹ năng số cho cán bộ", "Sở Nội vụ", "Năm 2027"]
    tasks = parse_blocks([title, block])["tasks"]
    assert len(tasks) == 2
    assert "a) Xây dựng kho dữ liệu dùng chung" in tasks[0]["text"]
    assert "b) Phủ sóng 5G các xã, phường" in tasks[0]["text"]
    assert tasks[0]["lead"] == ["Sở Khoa học và Công nghệ"]


# ---------------------------------------------------------------- counters of text boxes


def test_numbers_in_text_boxes_count_apart_from_the_body():
    # Word keeps the text boxes' text as a story of its own: a list's numbers in a box go
    # on from the boxes before it, never from or into the body's numbers. Before: the
    # reader counted boxes where they are anchored, so the box took the body's "2." and the
    # body's next item read "3.".
    numbering = abstract(8, lvl(0, "decimal", "%1.")) + num(8, 8)
    body = (
        p("Hoàn thiện thể chế", (8, 0))
        + p("Phát triển hạ tầng số", (8, 0), extra=text_box(p("Ghi chú thứ nhất", (8, 0))))
        + p("Đào tạo nhân lực số", (8, 0), extra=text_box(p("Ghi chú thứ hai", (8, 0))))
    )
    assert texts(docx_bytes(body, numbering)) == [
        "1. Hoàn thiện thể chế",
        "2. Phát triển hạ tầng số",
        "1. Ghi chú thứ nhất",
        "3. Đào tạo nhân lực số",
        "2. Ghi chú thứ hai",
    ]
