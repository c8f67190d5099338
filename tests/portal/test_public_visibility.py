"""Nothing but accepted AND published reports reaches the public: every report state ×
published or not, through every public page, API answer, download and the feed."""

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook

from lotrinh.portal.datasets import DATASETS
from tests.conftest import AGENCY_A, AGENCY_B, client_for, make_user
from tests.portal.conftest import STATES, marker

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK"):
        book = load_workbook(io.BytesIO(body))
        return " ".join(
            str(c.value) for s in book.worksheets for row in s.iter_rows() for c in row if c.value
        )
    return body.decode("utf-8")


def _api_pages(client: Client, url: str) -> str:
    seen = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        data = response.json()
        seen.append(json.dumps(data, ensure_ascii=False))
        url = data.get("next")
    return " ".join(seen)


@pytest.fixture
def reports(cycle):
    made = {}
    for published, agency in ((False, AGENCY_A), (True, AGENCY_B)):
        for year, state in zip(range(2020, 2025), STATES, strict=True):
            made[(state, published)] = cycle.in_state(agency, year, state, published)
    return made


def _public_urls(cycle, reports) -> list[str]:
    urls = [
        "/cong-khai/",
        "/cong-khai/nhiem-vu/",
        "/cong-khai/nhiem-vu/?q=MARK",
        "/cong-khai/tien-do/nhom/",
        "/cong-khai/tien-do/co-quan/",
        "/cong-khai/tien-do/muc-tieu/",
        "/cong-khai/van-ban/",
        "/cong-khai/du-lieu/",
        "/cong-khai/cap-nhat.atom",
        f"/chuong-trinh/{cycle.programme.slug}/nhiem-vu/",
    ]
    for name, dataset in DATASETS.items():
        urls += [f"/cong-khai/du-lieu/{name}.{fmt}" for fmt in dataset.formats]
    tasks = {e.task for r in reports.values() for e in r.entries.select_related("task__clause")}
    for task in sorted(tasks, key=lambda t: t.pk)[:3]:
        urls.append(f"/cong-khai/nhiem-vu/{task.pk}/")
        urls.append(f"/chuong-trinh/{cycle.programme.slug}/nhiem-vu/{task.clause.anchor}/")
    return urls


def _seen(client: Client, urls: list[str]) -> str:
    texts = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        texts.append(_text(response))
    texts.append(_api_pages(client, "/api/v1/reports/"))
    texts.append(_api_pages(client, "/api/v1/entries/"))
    return "\n".join(texts)


@pytest.mark.parametrize("who", ["anonymous", "reporter_of_another_agency"])
def test_only_accepted_and_published_reports_are_public(who, cycle, reports):
    client = Client()
    if who != "anonymous":
        client = client_for(make_user("p_outsider", "bo-cong-an", "reporter"))
    text = _seen(client, _public_urls(cycle, reports))
    for state in STATES:
        for published in (False, True):
            expected = state == "accepted" and published
            assert (marker(state, published) in text) is expected, (who, state, published)


def test_a_report_accepted_again_after_a_revision_waits_for_a_new_publication(cycle):
    from lotrinh.accounts import permissions as perms
    from lotrinh.reporting import services

    report = cycle.accepted(AGENCY_A, 2023, "MARKFIRSTZ9")
    cycle.publish(report)
    assert perms.is_public_report(report)
    report = services.revise_accepted_report(report, cycle.reporters[AGENCY_A], "Sửa số liệu")
    assert not perms.is_public_report(report)
    assert "MARKFIRSTZ9" not in Client().get("/cong-khai/du-lieu/ket-qua.csv").content.decode()
    cycle.fill(report, "MARKSECONDZ9")
    report = cycle.to_state(report, "accepted")
    assert not perms.is_public_report(report)
    body = Client().get("/cong-khai/du-lieu/ket-qua.csv").content.decode()
    assert "MARKSECONDZ9" not in body and "MARKFIRSTZ9" not in body
    cycle.publish(report)
    body = Client().get("/cong-khai/du-lieu/ket-qua.csv").content.decode()
    assert "MARKSECONDZ9" in body and "MARKFIRSTZ9" not in body


def test_a_withdrawn_publication_takes_the_report_off_every_public_path(cycle):
    from lotrinh.portal.services import withdraw_publication

    report = cycle.accepted(AGENCY_B, 2022, "MARKWITHDRAWNZ9")
    publication = cycle.publish(report)
    assert (
        "MARKWITHDRAWNZ9" in Client().get("/cong-khai/nhiem-vu/?q=MARKWITHDRAWNZ9").content.decode()
    )
    withdraw_publication(cycle.most, publication, "Số liệu cần kiểm tra lại", publication.version)
    text = _seen(Client(), _public_urls(cycle, {"r": report}))
    assert "MARKWITHDRAWNZ9" not in text
    # The feed says it was withdrawn, and why.
    feed = Client().get("/cong-khai/cap-nhat.atom").content.decode()
    assert "Số liệu cần kiểm tra lại" in feed


def test_those_who_follow_the_cycle_still_read_accepted_reports_not_yet_published(
    cycle, oversight_reader
):
    report = cycle.accepted(AGENCY_A, 2021, "MARKINTERNALZ9")
    client = client_for(oversight_reader)
    assert client.get(f"/api/v1/reports/{report.pk}/").status_code == 200
    assert client.get(f"/bao-cao/{report.pk}/").status_code == 200
    assert Client().get(f"/api/v1/reports/{report.pk}/").status_code == 404
