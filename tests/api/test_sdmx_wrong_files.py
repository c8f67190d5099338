"""A file that is not CSV sent to the SDMX import: the web upload's words, in the caller's
language, the status of what is wrong (415 its type, 400 empty, 413 its size), nothing
written.

Before, a Word file, a zip bomb or an Excel workbook got "not readable CSV text (its
encoding is not recognised)", a PDF "the old VNI encoding", a 0-byte file "the file is
missing", all 422 under "does not follow the DSD structure".
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from lotrinh.core.uploads import UploadRefused, read_upload
from tests.api.conftest import token_client
from tests.core.pending_english import add_pending_english
from tests.importer import fuzz40_files
from tests.security.dbhash import WriteWatch
from tests.uploads import corpus

pytestmark = pytest.mark.django_db
URL = "/api/v1/sdmx/data/"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600


def word() -> bytes:
    return fuzz40_files.docx_bytes(fuzz40_files.TASKS)


# (label, file name, bytes, status): what a person may pick instead of the CSV.
WRONG_FILES = [
    ("word", "so-lieu.docx", word, 415),
    ("word-named-csv", "so-lieu.csv", word, 415),
    ("pdf", "so-lieu.pdf", lambda: corpus.pdf_with_pages(1), 415),
    ("pdf-named-csv", "so-lieu.csv", lambda: corpus.pdf_with_pages(1), 415),
    ("zip-bomb", "so-lieu.docx", fuzz40_files.zip_bomb_docx, 415),
    ("zip-bomb-named-csv", "so-lieu.csv", fuzz40_files.zip_bomb_docx, 415),
    ("workbook", "so-lieu.xlsx", fuzz40_files.xlsx_merged_header_with_formulas, 415),
    ("old-office-named-csv", "so-lieu.csv", lambda: OLE, 415),
    ("binary-named-csv", "so-lieu.csv", lambda: b"\x00\x01" * 100, 415),
    ("empty", "so-lieu.csv", lambda: b"", 400),
]
# What the refusals of the past said instead of what the file is.
VAGUE = ("VNI", "encoding", "bảng mã", "missing", "Thiếu tệp", "DSD_NQ52")


def _error(response) -> dict:
    error = response.json()["error"]
    return error


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    ("label", "name", "make", "status"), WRONG_FILES, ids=[f[0] for f in WRONG_FILES]
)
def test_a_wrong_file_gets_the_web_uploads_words(
    most_token, monkeypatch, label, name, make, status, language
):
    add_pending_english(monkeypatch, "en42")
    data = make()
    with translation.override(language), pytest.raises(UploadRefused) as web:
        read_upload(SimpleUploadedFile(name, data), "csv")  # what the web page says
    watch = WriteWatch()
    response = token_client(most_token.secret).post(
        URL,
        {"file": SimpleUploadedFile(name, data, "application/octet-stream")},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == status, response.content[:300]
    error = _error(response)
    assert error["status"] == status and error["code"] == web.value.code
    assert error["message"] == web.value.message and "fields" not in error
    assert not any(word in error["message"] for word in VAGUE)
    assert [t for t in watch.changed() if not t.startswith("api_")] == []


BODIES = [f for f in WRONG_FILES if f[0] != "empty" and not f[1].endswith((".docx", ".pdf"))]
# The name of what a body is, as the refusal says it, per language.
WHAT = {
    "vi": {"zip": "tệp nén (Word/Excel)", "pdf": "PDF", "binary": "dữ liệu nhị phân"},
    "en": {"zip": "a compressed file (Word/Excel)", "pdf": "PDF", "binary": "binary data"},
}


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(("label", "name", "make", "status"), BODIES, ids=[f[0] for f in BODIES])
def test_a_wrong_body_is_named_for_what_it_is(
    most_token, monkeypatch, label, name, make, status, language
):
    add_pending_english(monkeypatch, "en42")
    watch = WriteWatch()
    response = token_client(most_token.secret).post(
        URL, data=make(), content_type="text/csv", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 415, response.content[:300]
    message = _error(response)["message"]
    if label.startswith("old-office"):
        assert ".doc/.xls" in message
    else:
        kind = "pdf" if "pdf" in label else "binary" if "binary" in label else "zip"
        assert WHAT[language][kind] in message and "CSV" in message
        english = message.startswith("The body sent is")
        assert english == (language == "en")
    assert not any(word in message for word in VAGUE)
    assert [t for t in watch.changed() if not t.startswith("api_")] == []


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("content_type", ["text/csv", "application/vnd.sdmx.data+csv"])
def test_an_empty_body_is_refused_as_an_empty_file(most_token, content_type, language):
    """A CSV body with nothing in it got 422 "the file is missing" where a 0-byte file
    gets 400 `empty`: the same nothing, the same answer."""
    with translation.override(language), pytest.raises(UploadRefused) as web:
        read_upload(SimpleUploadedFile("so-lieu.csv", b""), "csv")
    watch = WriteWatch()
    # As curl sends it (the test client names no type for an empty body: set here).
    headers = {"CONTENT_TYPE": content_type, "CONTENT_LENGTH": "0"}
    response = token_client(most_token.secret).post(
        URL, data=b"", content_type=content_type, HTTP_ACCEPT_LANGUAGE=language, **headers
    )
    assert response.status_code == 400, response.content[:300]
    error = _error(response)
    assert (error["code"], error["message"]) == ("empty", web.value.message)
    assert "fields" not in error and not any(word in error["message"] for word in VAGUE)
    assert [t for t in watch.changed() if not t.startswith("api_")] == []


def test_a_post_with_no_file_and_no_body_still_says_the_file_is_missing(most_token):
    response = token_client(most_token.secret).post(URL, {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and _error(response)["fields"]["file"]
