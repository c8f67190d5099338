"""A review (sơ kết/tổng kết) numbers its parts once, in order, in the DOCX and the PDF
alike: its two parts over the span (I, II), then the year's (III–VII). The DOCX had "I."
and "II." twice, the PDF its first two parts unnumbered."""

import datetime
import io
import re
import subprocess

import pytest
from docx import Document

from lotrinh.documents import assemble, render
from tests.documents.test_documents import programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db
ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII)\. [A-ZĐÂĂÊÔƠƯÁÀẢÃẠ]", re.MULTILINE)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_review_numbers_its_parts_once_in_order(programme, submitted, fmt):  # noqa: F811
    data = assemble.multi_year_review(programme, 2023, 2024, datetime.date(2024, 12, 31))
    blob = render.render("review", fmt, data)
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(blob)).paragraphs)
    else:
        done = subprocess.run(["pdftotext", "-", "-"], input=blob, capture_output=True, check=True)
        text = done.stdout.decode()
    found = [m.group(1) for m in ROMAN.finditer(text)]
    assert found == ["I", "II", "III", "IV", "V", "VI", "VII"], found
    assert re.search(r"^I\. TÌNH HÌNH THỰC HIỆN CHẾ ĐỘ BÁO CÁO GIAI ĐOẠN 2023–2024", text, re.M)
