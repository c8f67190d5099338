"""Word templates are code: only documented placeholders pass the check, and whatever
reaches the renderer runs in a sandbox where it cannot touch the machine."""

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from docx import Document
from docxtpl import DocxTemplate
from jinja2.sandbox import SecurityError

from lotrinh.core.models import AuditEvent
from lotrinh.documents import render, services
from lotrinh.documents.models import DocumentTemplate
from lotrinh.documents.templating import TemplateProblem, check_template
from lotrinh.programmes.models import Programme
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

SUBCLASSES = "{{ header.__class__.__mro__[1].__subclasses__() }}"


def popen(marker: Path) -> str:
    """The classic payload: reach os.popen through a Jinja global's module globals."""
    return "{{ cycler.__init__.__globals__.os.popen('touch " + str(marker) + "').read() }}"


def template_with(tmp_path: Path, *paragraphs: str, body: bool = True, name="mau.docx") -> Path:
    """The default template plus `paragraphs` (or a bare one without the body)."""
    document = Document(str(render.DEFAULT_TEMPLATE)) if body else Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = tmp_path / name
    document.save(str(path))
    return path


def test_the_default_template_and_the_documented_placeholders_and_filters_pass(tmp_path):
    check_template(render.DEFAULT_TEMPLATE)
    check_template(
        template_with(
            tmp_path,
            "{{ header.issuer|upper }} {{ agency|default('Bộ KH&CN') }} {{ year }} {{ cutoff }}",
            "{% if agency %}{{ agency|trim }}{% else %}—{% endif %} {{ programme.code }}",
            "{% for x in recipients %}{{ x|lower }}{% endfor %}",
        )
    )


@pytest.mark.parametrize(
    ("payload", "named"),
    [
        (SUBCLASSES, "header.__class__.__mro__[1].__subclasses__()"),
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "cycler.__init__"),
        ("{{ header.title.upper() }}", "header.title.upper()"),
        ("{{ header['title'] }}", "header['title']"),
        ("{{ body.subdocx }}", "body.subdocx"),
        ("{{ lipsum }}", "lipsum"),
        ("{{ header.title|attr('__class__') }}", "attr"),
        ("{{ header.title|format(1) }}", "format"),
        ("{{ header.title ~ 'x' }}", "Concat"),
        ("{% set x = header %}", "assign"),
        ("{% include 'x' %}", "include"),
        ("{% macro m() %}{% endmacro %}", "macro"),
        ("{% for x in range(10**9) %}{% endfor %}", "range"),
        ("{% for x in recipients if x %}{% endfor %}", "recipients"),
    ],
)
def test_a_template_using_anything_else_is_refused_naming_the_expression(tmp_path, payload, named):
    with pytest.raises(TemplateProblem) as refused:
        check_template(template_with(tmp_path, payload))
    assert named in str(refused.value)


def test_a_template_without_the_body_placeholder_is_refused(tmp_path):
    with pytest.raises(TemplateProblem, match="body"):
        check_template(template_with(tmp_path, "{{ header.title }}", body=False))


def test_a_payload_in_the_document_properties_or_a_header_is_refused(tmp_path):
    document = Document(str(render.DEFAULT_TEMPLATE))
    document.core_properties.title = SUBCLASSES
    document.save(str(tmp_path / "props.docx"))
    with pytest.raises(TemplateProblem, match="__subclasses__"):
        check_template(tmp_path / "props.docx")
    document = Document(str(render.DEFAULT_TEMPLATE))
    document.sections[0].header.paragraphs[0].text = SUBCLASSES
    document.save(str(tmp_path / "header.docx"))
    with pytest.raises(TemplateProblem, match="__subclasses__"):
        check_template(tmp_path / "header.docx")


def test_the_payload_is_refused_at_upload_and_the_previous_template_stays(
    most_monitor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_for(most_monitor)
    good = SimpleUploadedFile("mau-1.docx", render.DEFAULT_TEMPLATE.read_bytes())
    client.post(reverse("documents:upload_template"), {"template": good})
    bad = template_with(tmp_path, SUBCLASSES, name="doc-hai.docx")
    response = client.post(
        reverse("documents:upload_template"),
        {"template": SimpleUploadedFile("doc-hai.docx", bad.read_bytes())},
        follow=True,
    )
    page = response.content.decode()
    assert "Mẫu không được dùng" in page and "__subclasses__" in page
    assert [t.note for t in DocumentTemplate.objects.all()] == ["mau-1.docx"]


def test_the_template_command_says_why_and_exits_with_status_1(tmp_path):
    bad = template_with(tmp_path, popen(tmp_path / "x"))
    with pytest.raises(CommandError, match="cycler"):
        call_command("template", "check", str(bad))
    run = subprocess.run(
        [sys.executable, "-m", "lotrinh.cli", "template", "check", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1 and "cycler.__init__" in run.stderr
    good = subprocess.run(
        [sys.executable, "-m", "lotrinh.cli", "template", "check", str(render.DEFAULT_TEMPLATE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert good.returncode == 0 and "hợp lệ" in good.stdout


def test_the_payload_runs_code_without_the_sandbox_but_not_with_it(tmp_path):
    """The payload is real (it runs in docxtpl's default Jinja) and harmless in ours."""
    marker = tmp_path / "marker"
    path = template_with(tmp_path, popen(marker))
    DocxTemplate(str(path)).render({**_agency_data(), "body": ""})  # the old, unsandboxed way
    assert marker.exists()
    marker.unlink()
    with pytest.raises(Exception):  # noqa: B017 (undefined or security error, never a run)
        render.render_docx("agency", _agency_data(), path)
    assert not marker.exists()
    subclasses = template_with(tmp_path, SUBCLASSES, name="subclasses.docx")
    with pytest.raises(SecurityError):
        render.render_docx("agency", _agency_data(), subclasses)


def test_a_template_put_in_the_database_directly_fails_the_document_clearly(
    officer_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    marker = tmp_path / "marker"
    payload = template_with(tmp_path, SUBCLASSES, popen(marker))
    template = DocumentTemplate(note="doc-hai.docx")
    template.file.save("doc-hai.docx", ContentFile(payload.read_bytes()))
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    from lotrinh.reporting import services as reporting

    regime = programme.reporting_regimes.get(code="annual-report")
    period = next(p for p in reporting.generate_periods(regime, 2024) if p.year == 2024)
    reporting.ensure_report(officer_a.agency, period)
    document = services.request_document(
        officer_a,
        kind="agency",
        programme=programme,
        year=2024,
        cutoff=datetime.date(2024, 12, 31),
        fmt="docx",
        agency=officer_a.agency,
    )
    with pytest.raises(SecurityError):
        services.generate_document.call(document.pk)
    document.refresh_from_db()
    assert document.status == "failed" and not document.file
    assert "biểu thức không được phép" in document.error
    assert not marker.exists()


def test_a_replaced_template_is_recorded_with_who_and_the_file_name(
    most_monitor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    client = client_for(most_monitor)
    for name in ("mau-1.docx", "mau-2.docx"):
        upload = SimpleUploadedFile(name, render.DEFAULT_TEMPLATE.read_bytes())
        client.post(reverse("documents:upload_template"), {"template": upload})
    event = AuditEvent.objects.filter(action="document_template.replaced").first()
    assert event.actor == most_monitor and event.note == "mau-2.docx"
    assert event.before == {"file": "mau-1.docx"} and event.after == {"file": "mau-2.docx"}
    first, second = DocumentTemplate.objects.order_by("id")
    download = client.get(reverse("documents:download_template", args=[first.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == render.DEFAULT_TEMPLATE.read_bytes()
    assert services.current_template() == Path(second.file.path)


def _agency_data() -> dict:
    return {
        "header": {"title": "Báo cáo"},
        "general_assessment": "",
        "entries": [],
        "contributions": [],
        "difficulties": [],
        "proposals_to_government": "",
        "recipients": ["Lưu: VT"],
        "signature": {"authority": "BỘ TRƯỞNG", "name": ""},
    }
