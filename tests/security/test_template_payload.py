"""A Word template that tries to run code: refused at upload, harmless at render.

The payloads walk from an allowed placeholder (`header`) to Python's class tree
(`__class__.__mro__[1].__subclasses__()`), the classic way out of an unsandboxed Jinja
environment towards `os.popen` or `open`. MOST may upload templates, so the attacker
here is someone holding (or having stolen) a MOST account, or a template passed around
by e-mail and uploaded in good faith.
"""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from lotrinh.documents import render, services
from lotrinh.documents.models import DocumentTemplate
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

LIST_SUBCLASSES = "{{ header.__class__.__mro__[1].__subclasses__() }}"


def write_file_payload(target: Path) -> str:
    """A template statement that writes `target` if Python's builtins can be reached."""
    return (
        "{% for c in header.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'catch_warnings' %}"
        "{{ c()._module.__builtins__['open']('" + str(target) + "', 'w').write('x') }}"
        "{% endif %}{% endfor %}"
    )


def popen_payload(target: Path) -> str:
    return (
        "{% for c in header.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['touch', '" + str(target) + "']).wait() }}"
        "{% endif %}{% endfor %}"
    )


def template_with(*paragraphs: str) -> bytes:
    """A template otherwise like the default one: header fields, the body, a payload."""
    document = Document()
    document.add_paragraph("{{ header.title }}")
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_paragraph("{{p body }}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def payloads(target: Path) -> dict[str, str]:
    return {
        "subclasses": LIST_SUBCLASSES,
        "open": write_file_payload(target),
        "popen": popen_payload(target),
        "dunder-attribute": "XX{{ header.__class__.__mro__[1].__name__ }}XX",
        "dunder-item": "{{ header['__class__'] }}",
    }


@pytest.mark.parametrize(
    "payload", ["subclasses", "open", "popen", "dunder-attribute", "dunder-item"]
)
def test_a_template_that_reaches_for_python_internals_is_refused_at_upload(
    payload, most_monitor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    target = tmp_path / "pwned"
    upload = SimpleUploadedFile("mau.docx", template_with(payloads(target)[payload]))
    response = client_for(most_monitor).post(
        reverse("documents:upload_template"), {"template": upload}, follow=True
    )
    assert response.status_code < 500
    said = " ".join(str(m) for m in response.context["messages"])
    assert "Mẫu không được dùng" in said or response.status_code >= 400, said
    assert not DocumentTemplate.objects.exists()
    assert not target.exists()


@pytest.mark.parametrize("payload", ["subclasses", "open", "popen"])
def test_the_same_template_check_refuses_it_outside_the_web(payload, tmp_path):
    """`check_template` (used by the upload and by `lotrinh template check`) refuses it."""
    path = tmp_path / "mau.docx"
    path.write_bytes(template_with(payloads(tmp_path / "pwned")[payload]))
    with pytest.raises(render.TemplateProblem):
        render.check_template(path)
    assert not (tmp_path / "pwned").exists()


@pytest.fixture
def agency_report(officer_a, approver_a):
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    return programme, reporting.ensure_report(officer_a.agency, period)


@pytest.mark.parametrize("payload", ["subclasses", "open", "popen", "dunder-attribute"])
def test_a_payload_that_got_in_anyway_is_harmless_at_render(
    payload, agency_report, settings, tmp_path
):
    """Rendering is sandboxed too: a template slipped in past the check (an old row, a
    file replaced on disk) renders nothing of Python's internals and runs nothing."""
    settings.MEDIA_ROOT = tmp_path / "media"
    programme, report = agency_report
    target = tmp_path / "pwned"
    stored = DocumentTemplate(note="mau.docx")
    stored.file.save("mau.docx", ContentFile(template_with(payloads(target)[payload])))
    try:
        data = services.produce(
            "agency", "docx", programme, 2024, datetime.date(2024, 12, 31), report.agency
        )
    except Exception as exc:  # refusing to render is a fine answer; running it is not
        assert not target.exists(), exc
        return
    assert not target.exists()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8", "replace")
    assert not re.search(r"class/?>?\s*(&apos;|&#39;|')type", xml), (
        "Python's class tree was rendered"
    )
    assert "XXobjectXX" not in xml, "a dunder attribute was rendered"
