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
