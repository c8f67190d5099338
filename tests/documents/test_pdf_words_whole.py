"""Vietnamese words in the PDF's tables break only at spaces: a narrow column never
splits a syllable ("nhiệ-m vụ"). Read back as a clerk would (pdftotext), every word of
the document is a whole word of its content."""

import io
import re
import subprocess

import pytest

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db
# Long syllables, and a symbol list, in the narrow columns (status, result, evidence).
LONG = "Nghiêng khuyếch trương nghiệm thu chuyển đổi số thường xuyên"


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def test_no_word_of_a_narrow_column_is_split(programme, submitted):  # noqa: F811
    entry = submitted.entries.first()
    data = assemble.agency_report(submitted, CUTOFF)
    data["entries"][0]["result"] = LONG
    data["entries"][0]["status"] = "Hoàn thành đúng hạn"
    data["entries"][0]["evidence"] = "12/QĐ-BYT; 101-CTr/TU-BN; 08/07/2024 " + LONG
    for kind, content in (
        ("agency", data),
        ("consolidated", assemble.consolidated(programme, 2024, CUTOFF)),
    ):
        pdf = render.render(kind, "pdf", content)
        text = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
        # The content, and the sentences the template and the renderer write around it.
        source = words(str(content))
        for path in ("templates/documents/print.html", "render.py"):
            source |= words(open(f"lotrinh/documents/{path}", encoding="utf-8").read())
        printed = {w for w in words(text.stdout.decode()) if not w.isdigit()}
        assert printed - source == set(), (kind, entry.task_id, sorted(printed - source)[:20])


def lines_of(pdf: bytes) -> list[str]:
    """The text lines of the first page, as pdfminer groups them."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextContainer

    return [
        " ".join(line.get_text().split())
        for box in next(iter(extract_pages(io.BytesIO(pdf))))
        if isinstance(box, LTTextContainer)
        for line in box
    ]


def test_the_agency_reports_result_column_is_wide_enough_to_read(submitted):  # noqa: F811
    """The result is the agency's own words: its column takes about a quarter of the
    table, as in the DOCX (4.5 of 16.6 cm), not two words per line ("Đang xây" / "dựng
    dự" / "thảo, đã")."""
    data = assemble.agency_report(submitted, CUTOFF)
    for entry in data["entries"]:
        entry["result"] = "Đang xây dựng dự thảo, đã lấy ý kiến các cơ quan liên quan."
    lines = lines_of(render.render("agency", "pdf", data))
    assert any("Đang xây dựng dự thảo," in line for line in lines), lines[:40]
