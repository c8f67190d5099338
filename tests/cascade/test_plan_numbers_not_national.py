"""What means the national programme looks among national versions only: an agency's plan
numbered like nothing national (Hà Nội's 144/KH-UBND) is never the programme a national
file implements, the bundled programme of that number, the programme an amendment
changes, the programme of the bundled task links, nor the parent of a plan imported on
the command line (docs/cascade.md, "One number, two lineages")."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.indicators import loader as indicators_loader
from lotrinh.indicators.models import Target, TaskTargetLink
from lotrinh.programmes import cascade
from lotrinh.programmes.loader import ProgrammeFileError, _load_bundled_file, load_data
from lotrinh.programmes.models import Programme
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.amendments import propose_amendment
from lotrinh.reporting.models import AmendmentKind, AmendmentProposal
from lotrinh.reporting.services import WorkflowError
from tests.cascade.conftest import person
from tests.cascade.test_shared_number_lookups import NUMBER, shared_number_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def hanoi_plan(seeded_db: None) -> Programme:
    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    plan = shared_number_plan(hanoi, current_programme("50/NQ-CP"), "144-kh-ubnd")
    cascade.publish_child(person("hn_plan_reporter", hanoi, Role.REPORTER), plan)
    plan.refresh_from_db()
    return plan


def _programme_file(code: str, implements: str = "") -> dict:
    return {
        "format": "lotrinh.programme/1",
        "programme": {
            "code": code,
            "kind": "pm_decision",
            "title": "Quyết định phê duyệt Đề án chuyển đổi số",
            "issuer": "Thủ tướng Chính phủ",
            "issue_date": "2026-01-05",
            "implements": implements or None,
        },
        "clauses": [{"ref": "I", "kind": "section", "label": "I.", "text": "Mục tiêu"}],
    }


def test_a_national_file_implementing_a_plans_number_implements_no_programme(
    hanoi_plan: Programme,
) -> None:
    """Before, the decision "implemented" Hà Nội's plan: its public page showed the
    plan's number, title and link to everyone."""
    programme, created = load_data(_programme_file("15/QĐ-TTg", NUMBER), source="qd15.json")
    assert created
    assert programme.implements is None and programme.implements_code == NUMBER
    page = Client().get(reverse("programmes:overview", args=[programme.slug]))
    assert page.status_code == 200
    assert hanoi_plan.title not in page.content.decode()


def test_a_bundled_file_of_a_plans_number_is_refused_not_taken_for_the_plan(
    hanoi_plan: Programme, tmp_path: Path
) -> None:
    """Before, `lotrinh init` took Hà Nội's plan for the bundled programme "moved on"."""
    path = tmp_path / "bundled.json"
    path.write_text(json.dumps(_programme_file(NUMBER)), encoding="utf-8")
    with pytest.raises(ProgrammeFileError, match="Phân cấp"):
        _load_bundled_file(path)
    assert list(Programme.objects.filter(code=NUMBER)) == [hanoi_plan]


def test_an_amendment_is_proposed_to_a_national_programme_never_to_an_agencys_plan(
    hanoi_plan: Programme,
) -> None:
    reporter = person("hn_reporter_amend", hanoi_plan.issuer, Role.REPORTER)
    with pytest.raises(WorkflowError, match="chương trình quốc gia"):
        propose_amendment(
            reporter,
            hanoi_plan,
            kind=AmendmentKind.TEXT,
            task_ref="1",
            reason="Sửa nội dung",
            text="Nội dung mới",
        )
    assert not AmendmentProposal.objects.filter(programme=hanoi_plan).exists()


def test_the_bundled_task_links_never_link_a_plans_task(
    hanoi_plan: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A link of the bundled file names a programme by number: a plan's task linked to a
    national target would be listed on the public target pages."""
    target = Target.objects.filter(is_current=True).order_by("pk").first()
    assert target is not None
    (tmp_path / "task_links.json").write_text(
        json.dumps(
            [{"programme": NUMBER, "task": "1", "targets": [target.code], "justification": "x"}]
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(indicators_loader, "DATA_DIR", tmp_path)
    assert indicators_loader.load_task_links() == 0
    assert not TaskTargetLink.objects.filter(task__programme=hanoi_plan).exists()


def test_a_plan_imported_on_the_command_line_implements_a_national_programme_only(
    hanoi_plan: Programme, tmp_path: Path
) -> None:
    with pytest.raises(CommandError, match="chương trình quốc gia"):
        call_command(
            "import_plan",
            str(tmp_path / "ke-hoach.docx"),
            "--agency",
            "tinh-bac-ninh",
            "--parent",
            NUMBER,
        )


def test_the_commands_take_an_issuer_for_a_shared_number(hanoi_plan: Programme) -> None:
    """Two provinces' 144/KH-UBND: `lotrinh targets` and `lotrinh compliance` are refused
    with the candidates, and `--issuer` picks one (they said "--issuer" and had none)."""
    bac_ninh = Agency.objects.get(code="tinh-bac-ninh")
    other = shared_number_plan(bac_ninh, current_programme("50/NQ-CP"), "144-kh-ubnd-bn")
    cascade.publish_child(person("bn_plan_reporter", bac_ninh, Role.REPORTER), other)
    with pytest.raises(CommandError, match="--issuer"):
        call_command("targets", NUMBER, "--format", "json")
    call_command("targets", NUMBER, "--format", "json", "--issuer", bac_ninh.code)
    call_command("compliance", NUMBER, "--issuer", "thanh-pho-ha-noi")
