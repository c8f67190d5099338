"""An open-data file is the same for every visitor: its URL names no language, so the file
someone cites is the one anyone else downloads from that URL. It is in Vietnamese (as the
other spreadsheets), whatever the language chosen for the pages; the page that lists the
files follows the visitor's language."""

import csv
import io
import json

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from lotrinh.portal import public
from tests.conftest import AGENCY_A
from tests.core.pending_english import add_pending_english

pytestmark = pytest.mark.django_db


def client_in(language: str) -> Client:
    client = Client()
    client.cookies["django_language"] = language
    return client


def without_time(body: bytes, fmt: str) -> object:
    """A file's content, less the moment it was generated."""
    if fmt == "json":
        data = json.loads(body)
        data["metadata"].pop("generated_at")
        return data
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(body))
        return {
            sheet.title: [
                [c.value for c in row]
                for row in sheet.iter_rows()
                if not row or row[0].value != "generated_at"
            ]
            for sheet in book.worksheets
        }
    return body


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
@pytest.mark.parametrize("name", ["nhiem-vu", "ket-qua", "co-quan"])
def test_an_english_visitor_downloads_the_same_file_as_a_vietnamese_one(cycle, name, fmt):
    cycle.publish(cycle.accepted(AGENCY_A, 2023, "MARKLANGZ9"))
    url = f"/cong-khai/du-lieu/{name}.{fmt}"
    vi = client_in("vi").get(url)
    en = client_in("en").get(url)
    assert vi.status_code == en.status_code == 200
    assert without_time(en.content, fmt) == without_time(vi.content, fmt)


def test_the_file_is_in_vietnamese_for_an_english_visitor(cycle, monkeypatch):
    add_pending_english(monkeypatch, "xlsx38")
    cycle.publish(cycle.accepted(AGENCY_A, 2023, "MARKLANGZ9"))
    english = client_in("en")
    body = english.get("/cong-khai/du-lieu/nhiem-vu.json").json()
    assert body["metadata"]["title"] == "Tình trạng công khai của các nhiệm vụ"
    labels = {row["public_status_label"] for row in body["data"]}
    with translation.override("vi"):
        vietnamese = {str(label) for label in public.LABELS.values()}
    with translation.override("en"):
        english_only = {str(label) for label in public.LABELS.values()} - vietnamese
    assert english_only, "no English label: the test could not fail"
    assert labels and labels <= vietnamese, labels
    rows = list(
        csv.DictReader(
            io.StringIO(english.get("/cong-khai/du-lieu/nhiem-vu.csv").content.decode("utf-8-sig"))
        )
    )
    assert {row["public_status_label"] for row in rows} == labels
    book = load_workbook(io.BytesIO(english.get("/cong-khai/du-lieu/nhiem-vu.xlsx").content))
    about = {r[0].value: r[1].value for r in book["metadata"].iter_rows()}
    assert about["title"] == "Tình trạng công khai của các nhiệm vụ"
    # The page listing the files speaks the visitor's language.
    page = english.get("/cong-khai/du-lieu/").content.decode()
    assert "Tình trạng công khai của các nhiệm vụ" not in page
    assert "The files are in Vietnamese, the same for everyone" in page
