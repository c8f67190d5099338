""" "Nơi nhận" as Decree 30/2020/NĐ-CP sets it (Phụ lục I): one recipient a line, each
ending with a semicolon, the last ("Lưu: VT, …") with a full stop."""

import io

import pytest
from docx import Document
from pdfminer.high_level import extract_text

from lotrinh.documents import assemble, render
from lotrinh.documents.templating import TemplateProblem, check_template
from tests.documents.test_documents import CUTOFF, programme, submitted  # noqa: F401
from tests.documents.test_template_sandbox import template_with

pytestmark = pytest.mark.django_db


def recipient_lines(text: str) -> list[str]:
    lines = text.split("Nơi nhận:")[1].splitlines()
    return [line.strip() for line in lines if line.strip().startswith("- ")]


def test_the_docx_recipients_end_with_a_full_stop(submitted):  # noqa: F811
    data = assemble.agency_report(submitted, CUTOFF)
    blob = render.render("agency", "docx", data, when=CUTOFF)
    sign = Document(io.BytesIO(blob)).tables[-1].rows[0].cells[0]
    lines = recipient_lines(sign.text)
    assert len(lines) == len(data["recipients"]) >= 2
    assert all(line.endswith(";") for line in lines[:-1]), lines
    assert lines[-1] == f"- {data['recipients'][-1]}.", lines
    assert lines[-1].startswith("- Lưu:")


def test_the_pdf_recipients_end_with_a_full_stop(programme, submitted):  # noqa: F811
    data = assemble.consolidated(programme, 2024, CUTOFF)
    text = extract_text(io.BytesIO(render.render("consolidated", "pdf", data)))
    lines = [line for line in recipient_lines(text) if line.startswith("- ")]
    assert lines[-1] == f"- {data['recipients'][-1]}.", lines
    assert all(line.endswith(";") for line in lines[:-1]), lines


def test_a_template_may_ask_whether_a_recipient_is_the_last(tmp_path):
    check_template(
        template_with(
            tmp_path, "{% for r in recipients %}- {{ r }}{% if loop.last %}.{% endif %}{% endfor %}"
        )
    )


@pytest.mark.parametrize(
    "payload",
    [
        "{{ loop.last }}",  # outside a loop
        "{% for r in recipients %}{{ loop.cycle('a', 'b') }}{% endfor %}",
        "{% for r in recipients %}{{ loop.__class__ }}{% endfor %}",
        "{% for r in recipients %}{{ loop }}{% endfor %}",
        "{% for r in recipients %}{{ loop._iterator }}{% endfor %}",
    ],
)
def test_nothing_else_of_the_loop_is_reachable(tmp_path, payload):
    with pytest.raises(TemplateProblem):
        check_template(template_with(tmp_path, payload))
