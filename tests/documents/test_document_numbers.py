"""Official documents are Vietnamese: numbers in the Vietnamese format, on any page language."""

import re

import pytest
from django.utils import translation

from lotrinh.documents import assemble, render
from tests.documents.test_documents import CUTOFF, docx_text, programme, submitted  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["vi", "en"])
def test_rates_in_the_consolidated_report_use_the_decimal_comma(programme, submitted, language):  # noqa: F811
    with translation.override(language):
        data = assemble.consolidated(programme, 2024, CUTOFF)
    rate = data["overview"]["reporting_rate"]
    assert re.fullmatch(r"\d+(,\d)?%", rate), rate
    text = docx_text(render.render("consolidated", "docx", data, when=CUTOFF))
    assert f"(tỷ lệ {rate})" in text
    assert not re.search(r"\b\d+\.\d%", text)  # never "24.6%"
