"""MOST uploads a report template whose XML uses an entity ("&nope;", a declared
<!ENTITY>, a billion laughs): refused, the previous template kept, and the message is
entirely in the reader's language, saying what is wrong and what to do. It used to end
with lxml's English ("Entity 'nope' not defined, line 2, column 3749 (<string>, line 2)")
inside the Vietnamese sentence; a declared entity was accepted and silently dropped
when documents were rendered."""

import io
import zipfile

import pytest
from django.urls import reverse

from lotrinh.documents.models import DocumentTemplate
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english
from tests.uploads import hostile
from tests.uploads.test_fuzz_files import TEMPLATE

pytestmark = pytest.mark.django_db


def _template(doctype: str = "", extra: str = "") -> bytes:
    """The bundled template with a document type and text added to its body's XML."""
    source = zipfile.ZipFile(TEMPLATE)
    document = source.read("word/document.xml").decode()
    document = document.replace("?>", "?>" + doctype, 1)
    document = document.replace("{{p body }}", "{{p body }}" + extra, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            archive.writestr(name, document if name == "word/document.xml" else source.read(name))
    return out.getvalue()


CASES = {
    "undeclared": (lambda: _template(extra="&nope;"), "entity"),
    "billion-laughs": (lambda: _template(hostile.LAUGHS, "&j;"), "entity"),
    "declared": (lambda: _template('<!DOCTYPE d [<!ENTITY xx "x">]>', "&xx;"), "entity"),
    "external": (lambda: _template(hostile.EXTERNAL, "&xx;"), "entity"),
    "broken-xml": (lambda: _template(extra="<w:p>"), "xml"),
}
SAID = {
    "vi": {
        "entity": "Mẫu không được dùng (mẫu trước vẫn được áp dụng): Tệp mẫu có thực thể XML "
        "(dạng “&amp;tên;” hoặc khai báo &lt;!ENTITY&gt;) mà Lộ trình không nhận; Word không "
        "tạo ra chúng. Hãy mở mẫu bằng Word, lưu thành tệp .docx mới rồi tải lên lại.",
        "xml": "Mẫu không được dùng (mẫu trước vẫn được áp dụng): Nội dung XML bên trong tệp "
        "mẫu bị hỏng (không đúng cấu trúc của tệp Word). Hãy mở mẫu bằng Word, lưu thành tệp "
        ".docx mới rồi tải lên lại.",
    },
    "en": {
        "entity": "Template not used (the previous template stays in use): The template file "
        "contains XML entities (“&amp;name;” or an &lt;!ENTITY&gt; declaration), which Lộ "
        "trình does not accept; Word never writes them. Open the template in Word, save it "
        "as a new .docx file and upload it again.",
        "xml": "Template not used (the previous template stays in use): The XML inside the "
        "template file is damaged (it does not have the structure of a Word file). Open the "
        "template in Word, save it as a new .docx file and upload it again.",
    },
}


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_template_with_an_xml_entity_is_refused_in_the_readers_language(
    case, lang, most_monitor, monkeypatch
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    add_pending_english(monkeypatch, "conform")
    build, kind = CASES[case]
    client = client_for(most_monitor)
    client.cookies["django_language"] = lang
    before = list(DocumentTemplate.objects.values())
    response = client.post(
        reverse("documents:upload_template"),
        {"template": SimpleUploadedFile("mau.docx", build())},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert SAID[lang][kind] in page
    for raw in ("not defined", "line ", "column", "amplification", "<string>", "Opening and"):
        assert raw not in page.split("<main", 1)[-1], raw
    assert list(DocumentTemplate.objects.values()) == before
