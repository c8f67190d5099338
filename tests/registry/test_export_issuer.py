"""`lotrinh export CODE` when agencies' plans share a number (issue 14, audit of
04/12/2026: "144/KH-UBND" is Bắc Ninh's and another province's, and the command took one
of them silently). A number published by two issuers is refused with the candidates;
`--issuer AGENCY_CODE` picks one."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme

pytestmark = pytest.mark.django_db
CODE = "144/KH-UBND"


def _plan(agency_code: str, title: str, version: int = 1) -> Programme:
    agency = Agency.objects.get(code=agency_code)
    return Programme.objects.create(
        code=CODE,
        slug=f"144-kh-ubnd-{agency_code}",
        version=version,
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title=title,
        issuer=agency,
        issue_date=datetime.date(2025, 11, 24),
        implements=current_programme("50/NQ-CP"),
        status=ProgrammeStatus.PUBLISHED,
    )


def _export(*args: str) -> dict:
    out = StringIO()
    call_command("export", CODE, "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_a_number_two_agencies_published_is_refused_with_the_candidates(seeded_db) -> None:  # type: ignore[no-untyped-def]
    _plan("tinh-bac-ninh", "Kinh tế số Bắc Ninh", version=2)
    _plan("tinh-dong-nai", "Kinh tế số Đồng Nai")
    with pytest.raises(CommandError) as refused:
        _export()
    message = str(refused.value)
    assert "--issuer tinh-bac-ninh: Tỉnh Bắc Ninh, phiên bản 2" in message
    assert "--issuer tinh-dong-nai: Tỉnh Đồng Nai, phiên bản 1" in message

    assert _export("--issuer", "tinh-dong-nai")["programme"]["title"] == "Kinh tế số Đồng Nai"
    assert _export("--issuer", "tinh-bac-ninh")["programme"]["title"] == "Kinh tế số Bắc Ninh"
    with pytest.raises(CommandError, match="của cơ quan 'tinh-lai-chau'"):
        _export("--issuer", "tinh-lai-chau")


def test_a_number_of_one_issuer_needs_no_option_and_the_list_gives_the_codes(seeded_db) -> None:  # type: ignore[no-untyped-def]
    _plan("tinh-bac-ninh", "Kinh tế số Bắc Ninh")
    assert _export()["programme"]["title"] == "Kinh tế số Bắc Ninh"
    out = StringIO()
    call_command("programmes", "--format", "json", stdout=out)
    rows = [r for r in json.loads(out.getvalue()) if r["code"] == CODE]
    assert [r["issuer_code"] for r in rows] == ["tinh-bac-ninh"]
