"""Which programme an imported plan implements (issue 14, audit of 04/12/2026: the import
page attached every plan to 50/NQ-CP). The first programme of the registry that the
document cites in its title or legal bases, else 50/NQ-CP; the person may choose another
published national programme; an id that is not one is refused and nothing is imported."""

import datetime
from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer import service as import_service
from lotrinh.importer.service import parse_file
from lotrinh.programmes import cascade
from lotrinh.programmes.models import (
    Clause,
    ClauseKind,
    Programme,
    ProgrammeKind,
    ProgrammeLineage,
    ProgrammeStatus,
    Task,
    TaskGroup,
)
from lotrinh.programmes.services import current_programme
from tests.cascade.nq57 import corpus
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db
HANOI = "thanh-pho-ha-noi"


def _programme(
    code: str, kind: str, status: str = ProgrammeStatus.PUBLISHED, **kw: Any
) -> Programme:
    programme = Programme.objects.create(
        code=code,
        slug=code.lower().replace("/", "-"),
        kind=kind,
        title=f"Văn bản {code}",
        issue_date=datetime.date(2024, 12, 22),
        status=status,
        **{"lineage": ProgrammeLineage.NATIONAL, **kw},
    )
    group = TaskGroup.objects.create(programme=programme, ref="III", title="Nhiệm vụ")
    clause = Clause.objects.create(
        programme=programme, ref="III.1", kind=ClauseKind.ITEM, text="Hạ tầng số", position=1
    )
    Task.objects.create(
        programme=programme,
        group=group,
        clause=clause,
        ref="III.1",
        text="Phát triển hạ tầng số",
        position=1,
    )
    return programme


@pytest.fixture
def nq57(seeded_db: None) -> Programme:
    return _programme("57-NQ/TW", ProgrammeKind.PARTY_RESOLUTION)


def _plan(number: str, cites: list[str]) -> dict[str, Any]:
    preamble = ["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", f"Số: {number}", "KẾ HOẠCH"]
    preamble += [f"Căn cứ Nghị quyết số\n{code} ngày 22/12/2024;" for code in cites]
    return {
        "programme": {"code": number, "title": "Phát triển hạ tầng số", "issuer": ""},
        "clauses": [
            {"ref": f"preamble.{i}", "text": text} for i, text in enumerate(preamble, start=1)
        ],
        "tasks": [{"ref": "1", "text": "Phát triển hạ tầng số của Thành phố", "lead": []}],
    }


def _import(client: Any, data: dict[str, Any], parent: str = "") -> Any:
    upload = SimpleUploadedFile("ke-hoach.txt", "Kế hoạch".encode(), "text/plain")
    # The parse runs on the worker, after the request commits (`plan_import`).
    with (
        mock.patch.object(import_service, "parse_bytes", return_value=data),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(reverse("cascade:import"), {"document": upload, "parent": parent})
    return client.get(response.url, follow=True)


def test_a_plan_citing_57_nq_tw_in_its_legal_bases_implements_it(nq57: Programme) -> None:
    client = client_for(make_user("hn_kehoach", HANOI, Role.REPORTER))
    # 52-NQ/TW is in the registry too, but cited after: the first one cited is taken.
    page = _import(client, _plan("12/KH-UBND", ["214/NQ-CP", "57-NQ/TW", "52-NQ/TW"]))
    plan = Programme.objects.get(code="12/KH-UBND")
    assert plan.implements == nq57
    text = page.content.decode()
    assert "Văn bản dẫn căn cứ Nghị quyết số 57-NQ/TW." in text
    # The form offers the published national programmes, not the plan just imported.
    form = client.get(reverse("cascade:plans")).content.decode()
    # By number and title (shortened), in the page's language where it has one.
    assert f'<option value="{nq57.pk}" lang="vi">57-NQ/TW — ' in form
    assert f'value="{plan.pk}"' not in form


def test_a_plan_citing_nothing_of_the_registry_implements_50_nq_cp(nq57: Programme) -> None:
    client = client_for(make_user("hn_kehoach", HANOI, Role.REPORTER))
    page = _import(client, _plan("13/KH-UBND", ["214/NQ-CP"]))
    assert Programme.objects.get(code="13/KH-UBND").implements == current_programme("50/NQ-CP")
    assert "mặc định là 50/NQ-CP" in page.content.decode()


def test_the_person_may_choose_another_programme(nq57: Programme) -> None:
    client = client_for(make_user("hn_kehoach", HANOI, Role.REPORTER))
    national = current_programme("50/NQ-CP")
    page = _import(client, _plan("14/KH-UBND", ["57-NQ/TW"]), parent=str(national.pk))
    assert Programme.objects.get(code="14/KH-UBND").implements == national
    assert "Chương trình do người nhập kế hoạch chọn." in page.content.decode()


@pytest.mark.parametrize("forged", ["draft", "other", "plan", "missing", "text", "digit"])
def test_a_forged_programme_id_is_refused_and_nothing_imported(
    nq57: Programme, forged: str
) -> None:
    hanoi = Agency.objects.get(code=HANOI)
    ids = {
        "draft": lambda: _programme("99-NQ/TW", ProgrammeKind.PARTY_RESOLUTION, "draft").pk,
        "other": lambda: _programme("5/QĐ-BYT", ProgrammeKind.OTHER).pk,
        "plan": lambda: (
            _programme(
                "1/KH-UBND",
                ProgrammeKind.PLAN,
                issuer=hanoi,
                implements=nq57,
                lineage=ProgrammeLineage.AGENCY_PLAN,
            ).pk
        ),
        "missing": lambda: 999999,
        "text": lambda: "57-NQ/TW",
        "digit": lambda: "²",  # a digit to str.isdigit, not to int()
    }
    value = str(ids[forged]())
    before = Programme.objects.count()
    client = client_for(make_user("hn_kehoach", HANOI, Role.REPORTER))
    page = _import(client, _plan("15/KH-UBND", ["57-NQ/TW"]), parent=value)
    assert page.status_code == 200
    assert "không có trong danh sách các chương trình quốc gia" in page.content.decode()
    assert Programme.objects.count() == before


def test_the_service_refuses_a_parent_that_is_not_a_national_programme(nq57: Programme) -> None:
    hanoi = Agency.objects.get(code=HANOI)
    draft = _programme("99-NQ/TW", ProgrammeKind.PARTY_RESOLUTION, "draft")
    with pytest.raises(cascade.CascadeError, match="không phải một chương trình quốc gia"):
        cascade.child_from_parse(_plan("16/KH-UBND", []), hanoi, draft, None)


@pytest.mark.parametrize(
    ("name", "parent"),
    [
        ("kh144_ubnd_bacninh_2025_kinh_te_so.txt", "57-NQ/TW"),
        ("kh552_ubnd_dongthap_2025_doi_moi_cong_nghe.txt", "57-NQ/TW"),
        ("kh179_ubnd_dongnai_2025_kinh_te_so.txt", "57-NQ/TW"),
        # 308 implements 214/NQ-CP, which the registry does not have.
        ("kh308_ubnd_hanoi_2025_nq214_du_lieu.txt", "50/NQ-CP"),
    ],
)
def test_the_corpus_plans_find_the_programme_they_cite(
    nq57: Programme, name: str, parent: str
) -> None:
    choice = cascade.parent_from_document(parse_file(corpus() / name))
    assert choice.programme.code == parent
    assert choice.cited == ("" if parent == "50/NQ-CP" else parent)


def test_the_document_a_plan_says_it_carries_out_wins_over_a_ground_cited_first(
    nq57: Programme,
) -> None:
    # "Căn cứ Nghị quyết số 57-NQ/TW …; Thực hiện Quyết định số 2138/QĐ-TTg …": the plan
    # carries out the decision (Lai Châu 7360/KH-UBND's shape); the ground came first.
    decision = _programme("2138/QĐ-TTg", ProgrammeKind.PM_DECISION)
    data = _plan("17/KH-UBND", ["57-NQ/TW"])
    data["clauses"].append(
        {"ref": "preamble.9", "text": "Thực hiện Quyết định số 2138/QĐ-TTg ngày 27/9/2025;"}
    )
    data["programme"]["implements"] = "2138/QĐ-TTg"
    choice = cascade.parent_from_document(data)
    assert (choice.programme, choice.cited) == (decision, "2138/QĐ-TTg")


def test_a_number_written_in_capitals_finds_its_programme(nq57: Programme) -> None:
    # A title in capitals writes "QUYẾT ĐỊNH SỐ 2138/QĐ-TTG"; the registry "2138/QĐ-TTg".
    from lotrinh.importer.review import header_reading

    decision = _programme("2138/QĐ-TTg", ProgrammeKind.PM_DECISION)
    data = {
        "programme": {
            "code": "18/KH-UBND",
            "kind": ProgrammeKind.PLAN,
            "title": "TRIỂN KHAI THỰC HIỆN QUYẾT ĐỊNH SỐ 2138/QĐ-TTG",
            "issuer": "Thành phố Hà Nội",
            "issue_date": "2025-11-19",
            "implements": "2138/QĐ-TTG",
        }
    }
    reading = header_reading(data)
    assert "thực hiện 2138/QĐ-TTg" in reading.outcome
    assert cascade.parent_from_document({**data, "clauses": []}).programme == decision
