"""An agency's report numbers its parts without a gap: the coordination part (III) is
there only when the agency coordinates on some task, and the difficulties then take its
number, in the Word file and in the PDF alike."""

import io
import re

import pytest
from pdfminer.high_level import extract_text

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, docx_text, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db

HEADING = re.compile(
    r"^(I|II|III|IV|V)\. [A-ZĐÁÀẢÃẠÂẤẦẨẪẬĂẮẰẲẴẶÉÈẺẼẸÊẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌÔỐỒỔỖỘƠỚỜỞỠỢÚÙỦŨỤƯỨỪỬỮỰÝỲỶỸỴ ,]+$"
)


def numerals(text: str) -> list[str]:
    return [m.group(1) for line in text.splitlines() if (m := HEADING.match(line.strip()))]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_an_agency_report_without_coordination_numbers_its_parts_in_order(submitted, fmt):  # noqa: F811
    data = assemble.agency_report(submitted, CUTOFF)
    data["contributions"] = []
    blob = render.render("agency", fmt, data, when=CUTOFF)
    text = docx_text(blob) if fmt == "docx" else extract_text(io.BytesIO(blob))
    assert numerals(text) == ["I", "II", "III"]
    assert "III. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ" in " ".join(text.split())
