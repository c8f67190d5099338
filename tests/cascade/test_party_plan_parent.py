"""A Party committee's plan that cites no programme of the registry (issue 14 item 6,
2026-12-07): filed under 50/NQ-CP it was a government programme that does not address
Party committees. It now implements the Party resolution whose reporting regime the
committee reports under (52-NQ/TW 4.3 for the provincial committees), and the review page
says so and offers to change it. A government agency keeps 50/NQ-CP."""

from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer import service as import_service
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme
from lotrinh.programmes.services import current_programme
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db
HANOI = "thanh-pho-ha-noi"


def _party_code() -> str:
    return Agency.objects.get(name_vi="Thành ủy Hà Nội").code


def _plan(number: str, issuer_line: str) -> dict[str, Any]:
    preamble = [issuer_line, f"Số {number}", "KẾ HOẠCH", "Căn cứ Nghị quyết số 214/NQ-CP;"]
    return {
        "programme": {"code": number, "title": "Phát triển hạ tầng số", "issuer": ""},
        "clauses": [
            {"ref": f"preamble.{i}", "text": text} for i, text in enumerate(preamble, start=1)
        ],
        "tasks": [{"ref": "1", "text": "Phát triển hạ tầng số của Thành phố", "lead": []}],
    }


def _import(client: Any, data: dict[str, Any]) -> Any:
    upload = SimpleUploadedFile("ke-hoach.txt", "Kế hoạch".encode(), "text/plain")
    with (
        mock.patch.object(import_service, "parse_bytes", return_value=data),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(reverse("cascade:import"), {"document": upload})
    return client.get(response.url, follow=True)


def test_a_party_committee_citing_nothing_known_gets_the_resolution_it_reports_on(
    seeded_db: None,
) -> None:
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    choice = cascade.parent_from_document(_plan("12-KH/TU", "THÀNH ỦY HÀ NỘI"), committee)
    assert choice.programme == current_programme("52-NQ/TW")
    assert choice.cited == ""
    assert choice.regime is not None and choice.regime.code == "party-committee-report"


def test_a_government_agency_keeps_the_government_programme(seeded_db: None) -> None:
    hanoi = Agency.objects.get(code=HANOI)
    choice = cascade.parent_from_document(_plan("12/KH-UBND", "UBND THÀNH PHỐ HÀ NỘI"), hanoi)
    assert choice.programme == current_programme("50/NQ-CP")
    assert choice.regime is None
    # No agency given (the command line, before): the default as before.
    assert cascade.parent_from_document(_plan("12/KH-UBND", "")).programme.code == "50/NQ-CP"


def test_a_citation_still_wins_for_a_party_committee(seeded_db: None) -> None:
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    data = _plan("13-KH/TU", "THÀNH ỦY HÀ NỘI")
    data["clauses"].append({"ref": "preamble.9", "text": "Căn cứ Nghị quyết số\n50/NQ-CP;"})
    choice = cascade.parent_from_document(data, committee)
    assert (choice.programme.code, choice.cited) == ("50/NQ-CP", "50/NQ-CP")


def test_the_review_page_says_why_and_offers_to_change_it(seeded_db: None) -> None:
    client = client_for(make_user("tu_hn_kehoach", _party_code(), Role.REPORTER))
    page = _import(client, _plan("14-KH/TU", "THÀNH ỦY HÀ NỘI"))
    plan = Programme.objects.get(code="14-KH/TU")
    nq52 = current_programme("52-NQ/TW")
    assert plan.implements == nq52
    text = page.content.decode()
    assert "mặc định là 50/NQ-CP" not in text
    assert "Thành ủy Hà Nội báo cáo theo chế độ" in text
    assert "Báo cáo định kỳ của cấp uỷ lên cấp uỷ cấp trên" in text
    # The programme may be changed on the same page, 52-NQ/TW chosen.
    assert 'id="change-parent"' in text
    assert f'<option value="{nq52.pk}" lang="vi" selected>' in text
    # The English page names the body and the regime in English (the registry's names).
    client.cookies["django_language"] = "en"
    english = client.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
    assert "Periodic report of a party committee to the committee above" in english
    assert "Ha Noi City Party Committee" in english


def test_a_government_plan_still_says_the_default(seeded_db: None) -> None:
    client = client_for(make_user("hn_kehoach", HANOI, Role.REPORTER))
    page = _import(client, _plan("15/KH-UBND", "UBND THÀNH PHỐ HÀ NỘI"))
    assert Programme.objects.get(code="15/KH-UBND").implements.code == "50/NQ-CP"
    assert "mặc định là 50/NQ-CP" in page.content.decode()
