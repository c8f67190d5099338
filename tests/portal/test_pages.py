"""The public pages: what they show, in both languages, at a cost flat in the data."""

import csv
import datetime
import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from lotrinh.portal import public
from lotrinh.reporting.models import TaskStatus
from tests.conftest import AGENCY_A, AGENCY_B

pytestmark = pytest.mark.django_db

PAGES = (
    "/cong-khai/",
    "/cong-khai/nhiem-vu/",
    "/cong-khai/nhiem-vu/?q=ket+qua",
    "/cong-khai/tien-do/nhom/",
    "/cong-khai/tien-do/co-quan/",
    "/cong-khai/tien-do/muc-tieu/",
    "/cong-khai/van-ban/",
    "/cong-khai/du-lieu/",
    "/cong-khai/cap-nhat.atom",
    "/cong-khai/du-lieu/ket-qua.csv",
)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([TaskStatus.DONE_ON_TIME, TaskStatus.DONE_LATE], public.COMPLETED),
        ([TaskStatus.DONE_ON_TIME, TaskStatus.OVERDUE], public.CHALLENGES),
        ([TaskStatus.NOT_STARTED, TaskStatus.NOT_STARTED], public.NOT_STARTED),
        ([TaskStatus.NOT_STARTED, TaskStatus.DONE_ON_TIME], public.ON_TRACK),
        ([TaskStatus.IN_PROGRESS], public.ON_TRACK),
        ([], public.NO_DATA),
    ],
)
def test_the_public_status_follows_the_documented_rule(statuses, expected):
    assert public.combine(statuses) == expected


def test_a_task_page_shows_its_agencies_latest_published_result_evidence_and_date(cycle):
    from lotrinh.reporting import services

    old = cycle.accepted(AGENCY_A, 2022, "MARKOLDZ9")
    new = cycle.report(AGENCY_A, 2023, "MARKNEWZ9")
    entry = new.entries.select_related("task").order_by("pk").first()
    services.save_entry(
        entry,
        cycle.reporters[AGENCY_A],
        {
            "status": "done_on_time",
            "result": "Đã ban hành MARKNEWZ9",
            "evidence_number": "12/QĐ-BYT",
            "evidence_date": datetime.date(2023, 3, 1),
        },
        expected_version=entry.version,
    )
    new = cycle.to_state(new, "accepted")
    cycle.publish(old)
    publication = cycle.publish(new)
    task = entry.task
    page = Client().get(f"/cong-khai/nhiem-vu/{task.pk}/").content.decode()
    assert "Hoàn thành" in page and "theo báo cáo năm 2023" in page
    assert "12/QĐ-BYT" in page and "01/03/2023" in page
    # The page gives Vietnam's date (from 17:00 UTC it is already the next day there).
    assert timezone.localtime(publication.published_at).strftime("%d/%m/%Y") in page
    for a in task.assignments.select_related("agency"):
        assert (a.agency.name_vi if a.agency else a.name_as_written) in page
    english = Client(headers={"cookie": "django_language=en"})
    english.cookies["django_language"] = "en"
    page_en = english.get(f"/cong-khai/nhiem-vu/{task.pk}/").content.decode()
    assert "Completed" in page_en or "Hoàn thành" not in page_en


def test_the_search_finds_tasks_by_their_published_results_without_diacritics(cycle):
    report = cycle.accepted(AGENCY_B, 2023, "Chuyển đổi số MARKSEARCHZ9")
    cycle.publish(report)
    page = Client().get("/cong-khai/nhiem-vu/?q=chuyen+doi+so+marksearchz9").content.decode()
    count = report.entries.count()
    assert f"{count} nhiệm vụ" in page


def test_open_data_carries_its_licence_and_metadata_in_every_format(cycle):
    report = cycle.accepted(AGENCY_A, 2023, "MARKDATAZ9")
    cycle.publish(report)
    client = Client()
    data = client.get("/cong-khai/du-lieu/ket-qua.json")
    body = json.loads(data.content)
    assert body["metadata"]["licence"]["name"] == "CC BY 4.0"
    assert body["metadata"]["generated_at"] and body["metadata"]["source"]
    assert any("MARKDATAZ9" in row["result"] for row in body["data"])
    rows = list(
        csv.reader(
            io.StringIO(client.get("/cong-khai/du-lieu/ket-qua.csv").content.decode("utf-8-sig"))
        )
    )
    assert rows[0][:3] == ["programme", "task", "year"] and len(rows) == report.entries.count() + 1
    response = client.get("/cong-khai/du-lieu/nhiem-vu.xlsx")
    assert "CC BY 4.0" in response["X-Licence"] and response["X-Generated-At"]
    book = load_workbook(io.BytesIO(response.content))
    about = {r[0].value: r[1].value for r in book["metadata"].iter_rows()}
    assert "CC BY 4.0" in about["licence"] and about["generated_at"]
    sdmx = client.get("/cong-khai/du-lieu/chi-so.sdmx.csv").content.decode()
    assert sdmx.splitlines()[0].startswith("DATAFLOW")
    assert client.get("/cong-khai/du-lieu/nhiem-vu.sdmx.csv").status_code == 404
    assert client.get("/cong-khai/du-lieu/khong-co.csv").status_code == 404


def test_the_atom_feed_is_valid_and_lists_each_publication(cycle):
    cycle.publish(cycle.accepted(AGENCY_A, 2023, "x"))
    cycle.publish(cycle.accepted(AGENCY_B, 2023, "y"))
    response = Client().get("/cong-khai/cap-nhat.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 2
    assert all(e.find("a:updated", ns).text and e.find("a:id", ns).text for e in entries)


def _counts() -> dict[str, int]:
    found = {}
    for url in PAGES:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(url)
        assert response.status_code == 200, url
        found[url] = len(queries)
    return found


def test_public_pages_cost_the_same_number_of_queries_whatever_the_data(cycle):
    cycle.publish(cycle.accepted(AGENCY_A, 2020, "x"))
    small = _counts()
    for year in (2021, 2022, 2023):
        cycle.publish(cycle.accepted(AGENCY_A, year, "x"))
        cycle.publish(cycle.accepted(AGENCY_B, year, "y"))
    large = _counts()
    assert large == small, {u: (small[u], large[u]) for u in small if small[u] != large[u]}
    assert max(small.values()) <= 40, small


def test_cached_pages_cost_two_queries_and_follow_a_new_publication(cycle):
    cycle.publish(cycle.accepted(AGENCY_A, 2022, "MARKBEFOREZ9"))
    client = Client()
    cache.clear()
    client.get("/cong-khai/nhiem-vu/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/cong-khai/nhiem-vu/")
    assert len(queries) <= 3, [q["sql"] for q in queries]
    cycle.publish(cycle.accepted(AGENCY_B, 2022, "MARKAFTERZ9"))
    assert "MARKAFTERZ9" in client.get("/cong-khai/nhiem-vu/?q=MARKAFTERZ9").content.decode()


def test_the_progress_by_agency_names_who_holds_a_merged_ministrys_tasks_today(cycle):
    """50/NQ-CP names the Ministry of Information and Communications, merged into the
    Ministry of Science and Technology on 1 March 2025: its row says who holds its tasks."""
    cache.clear()
    body = Client().get("/cong-khai/tien-do/co-quan/").content.decode()
    assert "Bộ Thông tin và Truyền thông" in body
    assert "(nay là Bộ Khoa học và Công nghệ)" in body
    english = Client()
    english.cookies["django_language"] = "en"
    body = english.get("/cong-khai/tien-do/co-quan/").content.decode()
    assert "(now Ministry of Science and Technology)" in body
