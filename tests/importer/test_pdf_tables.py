"""Ruled tables read from a PDF (lotrinh/importer/pdf_tables.py, docs/importer.md).

The evaluation documents with task tables, printed to PDF as Word exports them (every
cell ruled, merged cells merged, long cells wrapping, rows breaking across pages, the
header row repeated on each page or not), give the tasks of their tables as the DOCX
read directly does: the same rows, leads, coordinators, deadlines and outputs."""

import re
import time
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.importer.reader import ReadError, read_document
from lotrinh.importer.service import parse_bytes
from tests.importer.pdf_renderings import (
    RUNNING,
    WITH_TABLES,
    render_docx_pdf,
    render_landscape_appendix,
    render_table_pdf,
)

EVAL = Path(__file__).parent / "eval"


def rendered(name: str, repeat_header: bool, running: str | None = None) -> bytes:
    return render_docx_pdf(EVAL / f"{name}.docx", repeat_header=repeat_header, running=running)


def _words(text: str | None) -> str:
    # A line wrapped after a hyphen or a slash: whether the source had a space after it
    # ("giảng dạy- học", "Chương trình/ Đề án") the page does not show.
    return re.sub(r"(?<=[-/])\s+", "", " ".join((text or "").split()))


def table_tasks(parsed: dict) -> list[tuple]:
    return [
        (
            task["ref"],
            _words(task["text"]),
            sorted(task["lead"]),
            sorted(task["coordinating"]),
            sorted((a["text"], a["role"]) for a in task.get("addressees", [])),
            _words((task.get("deadline") or {}).get("text")),
            (task.get("deadline") or {}).get("date"),
            _words(task.get("output")),
        )
        for task in parsed["tasks"]
        if task["ref"].startswith("PL")
    ]


@cache
def docx_parse(name: str) -> dict:
    """The DOCX read directly, once for the tests that compare its renderings with it."""
    return parse_bytes((EVAL / f"{name}.docx").read_bytes(), f"{name}.docx")


def _compare(name: str, repeat_header: bool, running: str | None = None) -> dict:
    docx = docx_parse(name)
    pdf = parse_bytes(rendered(name, repeat_header, running), f"{name}.pdf")
    expected = table_tasks(docx)
    assert expected, "the document has a task table"
    assert table_tasks(pdf) == expected
    assert len(pdf["tasks"]) == len(docx["tasks"])
    return pdf


@pytest.mark.parametrize("name", WITH_TABLES)
def test_a_pdf_gives_the_tasks_of_its_tables_as_the_docx(name: str) -> None:
    _compare(name, repeat_header=True)


@pytest.mark.parametrize("name", ["kh179-dongnai", "qd2597-ttg"])
def test_a_table_continued_without_its_header_row_is_one_table(name: str) -> None:
    _compare(name, repeat_header=False)


def test_a_running_header_and_footer_are_left_out() -> None:
    # Every page opens with the document's number and title and ends with "Trang n/N";
    # the table goes on over the pages without its header row repeated.
    pdf = _compare("qd2597-ttg", repeat_header=False, running=RUNNING)
    texts = " ".join(task["text"] for task in pdf["tasks"])
    assert "179/KH-UBND" not in texts and "Trang " not in texts


@pytest.mark.parametrize("turn", ["rotate", "matrix"])
def test_a_landscape_appendix_drawn_turned_gives_its_tasks(turn: str) -> None:
    # The appendix table on landscape pages drawn a quarter turn on tall ones, shown
    # upright by /Rotate 90 ("rotate") or printed sideways ("matrix"), over several pages.
    docx = docx_parse("qd2597-ttg")
    data = render_landscape_appendix(EVAL / "qd2597-ttg.docx", turn)
    pdf = parse_bytes(data, "qd2597-ttg.pdf")
    assert table_tasks(pdf) == table_tasks(docx)
    assert len(pdf["tasks"]) == len(docx["tasks"])


WORDS = [
    "Sở",
    "Khoa",
    "học",
    "và",
    "Công",
    "nghệ",
    "triển",
    "khai",
    "nhiệm",
    "vụ",
    "chuyển",
    "đổi",
    "số",
    "2025",
    "Quý",
    "IV",
    "thường",
    "xuyên",
    "UBND",
    "tỉnh",
    "phối",
    "hợp",
    "quản",
    "lý",
]
cell_text = st.lists(st.sampled_from(WORDS), max_size=14).map(" ".join)


@st.composite
def grids(draw: st.DrawFn) -> list[list[str]]:
    width = draw(st.integers(1, 5))
    height = draw(st.integers(1 if width > 1 else 2, 5))
    return [[draw(cell_text) for _ in range(width)] for _ in range(height)]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=grids())
def test_any_ruled_table_reads_back_its_cells(rows: list[list[str]]) -> None:
    blocks = read_document(render_table_pdf(rows), "table.pdf")
    assert [b.kind for b in blocks] == ["p", "table"]
    assert blocks[0].text == "Phụ lục: danh mục nhiệm vụ kèm theo kế hoạch."
    assert blocks[1].rows == rows


# ------------------------------------------------------------------ bad input


def raw_pdf(content: str, rotate: int = 0) -> bytes:
    """A one-page PDF whose content stream is `content` (Helvetica as /F1)."""
    stream = content.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Rotate %d"
        b" /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>" % rotate,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def text(x: float, y: float, words: str) -> str:
    return f"BT /F1 11 Tf {x} {y} Td ({words}) Tj ET\n"


INTRO = text(72, 780, "Phu luc: danh muc nhiem vu kem theo ke hoach nay.")


def grid(xs: list[float], ys: list[float]) -> str:
    lines = [f"{xs[0]} {y} m {xs[-1]} {y} l S" for y in ys]
    lines += [f"{x} {ys[0]} m {x} {ys[-1]} l S" for x in xs]
    return "0.5 w\n" + "\n".join(lines) + "\n"


def test_a_table_with_a_missing_ruling_reads_its_text() -> None:
    # Row 2's middle border is missing: its two cells are one, the text all there.
    content = INTRO + "0.5 w\n"
    for y in (700, 680, 660):
        content += f"72 {y} m 372 {y} l S\n"
    content += "72 700 m 72 660 l S\n372 700 m 372 660 l S\n222 700 m 222 680 l S\n"
    content += text(80, 686, "STT") + text(230, 686, "Noi dung") + text(80, 666, "Bo Tai chinh")
    blocks = read_document(raw_pdf(content), "broken.pdf")
    table = [b for b in blocks if b.kind == "table"]
    assert table and table[0].rows == [["STT", "Noi dung"], ["Bo Tai chinh", ""]]


def test_zero_width_cells_and_double_rules_are_no_cells() -> None:
    # Two verticals 0.4 pt apart and two horizontals 0.3 pt apart are one ruling each.
    content = INTRO + grid([72, 72.4, 222, 372], [700, 680, 679.7, 660])
    content += text(80, 686, "TT") + text(230, 686, "Chu tri") + text(80, 666, "1")
    content += text(230, 666, "Bo Xay dung")
    blocks = read_document(raw_pdf(content), "thin.pdf")
    assert [b.rows for b in blocks if b.kind == "table"] == [
        [["TT", "Chu tri"], ["1", "Bo Xay dung"]]
    ]


def test_a_one_cell_table_is_a_paragraph() -> None:
    content = INTRO + grid([72, 372], [700, 660]) + text(80, 680, "Noi dung trong khung.")
    blocks = read_document(raw_pdf(content), "box.pdf")
    assert [b.kind for b in blocks] == ["p", "p"]
    assert blocks[1].text == "Noi dung trong khung."


def test_a_turned_page_with_its_text_drawn_unturned_reads_its_table() -> None:
    # /Rotate 90 over a table drawn as any other: read as drawn (the text runs left to right).
    content = INTRO + grid([72, 222, 372], [700, 680, 660]) + text(80, 686, "TT")
    content += text(230, 686, "Chu tri") + text(80, 666, "1") + text(230, 666, "Bo Y te")
    blocks = read_document(raw_pdf(content, rotate=90), "turned.pdf")
    assert [b.rows for b in blocks if b.kind == "table"] == [[["TT", "Chu tri"], ["1", "Bo Y te"]]]


def test_a_drawing_of_many_lines_reads_as_text_quickly() -> None:
    hatching = "0.2 w\n" + "".join(
        f"{72 + i * 0.9} 100 m {72 + i * 0.9} 700 l S\n72 {100 + i * 1.2} m 500 {100 + i * 1.2} l S\n"
        for i in range(400)
    )
    started = time.perf_counter()
    blocks = read_document(raw_pdf(INTRO + hatching), "drawing.pdf")
    assert time.perf_counter() - started < 5
    assert [b.kind for b in blocks] == ["p"]


def test_curves_and_a_page_of_nothing_but_lines() -> None:
    curve = "72 700 m 100 750 150 750 200 700 c S\n72 700 m 200 700 l 200 650 l 72 650 l h S\n"
    with pytest.raises(ReadError) as refused:
        read_document(raw_pdf(curve + grid([72, 222, 372], [600, 580, 560])), "lines.pdf")
    assert refused.value.code == "scan"


def test_rulings_too_tangled_to_be_a_table_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from lotrinh.importer import pdf_tables

    content = INTRO + grid([72, 222, 372], [700, 680, 660]) + text(80, 686, "TT")
    content += text(230, 686, "Chu tri") + text(80, 666, "1") + text(230, 666, "Bo Y te")
    assert any(b.kind == "table" for b in read_document(raw_pdf(content), "t.pdf"))
    monkeypatch.setattr(pdf_tables, "_MAX_CHECKS", 2)
    blocks = read_document(raw_pdf(content), "t.pdf")
    assert all(b.kind == "p" for b in blocks)
    assert "Bo Y te" in " ".join(b.text for b in blocks)


def test_cells_close_together_keep_their_own_words() -> None:
    # Two narrow cells with text up to their rulings on one baseline; the second row
    # drawn as one string across the ruling (one run of the text layer).
    content = INTRO + grid([72, 120, 168], [700, 680, 660])
    content += text(73, 686, "Nhiem vu") + text(121, 686, "Chu tri")
    content += text(73, 666, "Rasoat      BoYte")
    blocks = read_document(raw_pdf(content), "close.pdf")
    assert [b.rows for b in blocks if b.kind == "table"] == [
        [["Nhiem vu", "Chu tri"], ["Rasoat", "BoYte"]]
    ]
