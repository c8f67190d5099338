"""Malformed inputs on the importer's changed reader paths (a Word page header's
letterhead, `reader._page_letterhead`; a PDF table's repeated header rows,
`pdf_tables.join_pages`): whatever the file, the reader reads it or refuses it with its
own message (a `ReadError`), never another exception (an "unexpected error" on the worker).
A well-formed PDF is never called damaged: a reader crash behind `_pdf`'s catch-all would
show as "bad_pdf" for a file the person cannot repair."""

import pytest
from hypothesis import HealthCheck, given, settings

from lotrinh.importer.reader import ReadError
from lotrinh.importer.service import parse_bytes
from tests.importer import fuzz40_files as files

pytestmark = pytest.mark.django_db

SUITE = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)


def read_or_refusal(data: bytes, name: str) -> ReadError | None:
    try:
        parse_bytes(data, name)
    except ReadError as exc:
        assert exc.message.strip(), exc.code
        return exc
    return None


@SUITE
@given(files.odd_header_docx())
def test_a_word_file_with_odd_page_headers_is_read_or_refused_with_a_message(data):
    refusal = read_or_refusal(data, "ke-hoach.docx")
    # The body holds the tasks: whatever its headers, the file is read (a missing header
    # part is a damaged file, refused as such).
    assert refusal is None or refusal.code == "bad_docx", refusal and refusal.code


@SUITE
@given(files.odd_table_pdf())
def test_a_pdf_whose_table_breaks_oddly_over_pages_is_never_called_damaged(data):
    refusal = read_or_refusal(data, "ke-hoach.pdf")
    assert refusal is None or refusal.code != "bad_pdf", refusal and refusal.code


@pytest.mark.parametrize("label", sorted(files.named_files()))
def test_every_named_malformed_file_is_read_or_refused_with_a_message(label):
    name, data = files.named_files()[label]
    read_or_refusal(data, name)


def test_a_pdf_table_of_only_its_header_and_column_numbers_has_no_task() -> None:
    # Before: the row of column numbers under the header ("(1) | (2) | (3) | (4)", kept
    # once by join_pages) was read as a task "(2)", and a draft was made of it.
    name, data = files.named_files()["pdf-header-only-pages"]
    refusal = read_or_refusal(data, name)
    assert refusal is not None and refusal.code == "no_tasks", refusal and refusal.code


def test_a_word_table_row_of_column_numbers_is_no_task() -> None:
    rows = [files.HEADER_ROWS[0], files.HEADER_ROWS[1], ["1", "Xay dung", "So Tai chinh", "2026"]]
    body = "".join(files.p(line) for line in ["KẾ HOẠCH", "Chuyển đổi số", "I. NHIỆM VỤ"])
    body += files.table([[files.p(cell) for cell in row] for row in rows])
    tasks = parse_bytes(files.docx_bytes(body), "ke-hoach.docx")["tasks"]
    assert [task["text"] for task in tasks] == ["Xay dung"]


def test_a_pdf_of_no_page_is_refused_as_having_no_page() -> None:
    # Before: "damaged or protected" (PDFium opens no document of no page); after an
    # encrypted file was read, "it needs a password" (PDFium's last error, left over).
    first = read_or_refusal(files.named_files()["pdf-encrypted"][1], "ke-hoach.pdf")
    assert first is not None and first.code == "pdf_password"
    refusal = read_or_refusal(files.named_files()["pdf-0-pages"][1], "ke-hoach.pdf")
    assert refusal is not None and refusal.code == "pdf_no_pages", refusal and refusal.code
