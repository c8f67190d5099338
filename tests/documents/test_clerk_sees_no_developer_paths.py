"""What a clerk reads names things a clerk knows. The versions page said where a version
came from by the software's file name ("Tệp chương trình kèm theo phần mềm:
50-NQ-CP.json"), and the template upload said the allowed fields were "in the document
(docs/documents.md)", a file on the developers' machine. The versions page now names the
document the version was read from; the upload lists the fields a template may use, from
the same list the upload is checked against (`templating.PLACEHOLDERS`)."""

import re

import pytest
from django.urls import reverse

from lotrinh.documents import templating
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"<[^>]+>", " ", response.content.decode())


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_versions_page_names_the_document_not_the_file(client, language):
    client.cookies["django_language"] = language
    text = _text(client.get(reverse("programmes:versions", args=["50-nq-cp"])))
    assert ".json" not in text
    assert "17" in text and ("Nghị quyết số 50/NQ-CP" in text or "Resolution No. 50/NQ-CP" in text)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_template_upload_lists_the_fields_instead_of_a_developers_path(most_monitor, language):
    client = client_for(most_monitor)
    client.cookies["django_language"] = language
    text = _text(client.get(reverse("documents:list")))
    assert "docs/" not in text and ".md" not in text
    for name in templating.PLACEHOLDERS:
        assert name in text, name
    assert "{{p body }}" in text and "recipients" in text


def test_every_placeholder_has_its_explanation():
    """A guard: the list shown beside the upload is the list the upload checks."""
    assert {name for name, _syntax, _help in templating.field_guide()} >= templating.PLACEHOLDERS


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_vietnamese_examples_of_the_fields_are_marked_vietnamese_on_english_pages(
    most_monitor, monkeypatch, language
):
    """An English page showed "for example BỘ KHOA HỌC VÀ CÔNG NGHỆ" unmarked: a screen
    reader spelt it out as English. The examples are the genre's Vietnamese, marked."""
    add_pending_english(monkeypatch, "polish43")
    client = client_for(most_monitor)
    client.cookies["django_language"] = language
    page = client.get(reverse("documents:list")).content.decode()
    for example in ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Số: /BC-BKHCN"):
        marked = f'<span lang="vi">{example}</span>'
        assert (marked in page) == (language == "en"), example
        assert example in page
    if language == "en":
        assert "the issuing body, for example <span" in page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_document_type_and_the_filters_example_are_marked_vietnamese_on_english_pages(
    most_monitor, monkeypatch, language
):
    """The English upload guide wrote "the document type (BÁO CÁO)" and the filters'
    example "{{ agency|default('Bộ KH&CN') }}" unmarked (scripts/vietnamese_on_english_
    pages.py found both): the genre's Vietnamese, marked as such like the other examples."""
    add_pending_english(monkeypatch, "order44")
    client = client_for(most_monitor)
    client.cookies["django_language"] = language
    page = client.get(reverse("documents:list")).content.decode()
    marked = language == "en"
    assert ('<span lang="vi">BÁO CÁO</span>' in page) == marked and "BÁO CÁO" in page
    assert "<code>{{ header.issuer|upper }}</code>" in page
    assert "{{ agency|default('<span lang=\"vi\">Bộ KH&amp;CN</span>') }}" in page
    if marked:
        assert "the document type, for example <span" in page
