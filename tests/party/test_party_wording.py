"""Wording of the Party chain (issue 14, item 6): the history names a Party committee's
proposals field as its form does, and the Commission's consolidated draft says of the
Party committees' own programmes only what is true (no deadline, so no "đúng hạn")."""

import datetime
import io

import pytest
from docx import Document

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import record_event
from lotrinh.core.history import describe
from lotrinh.documents import assemble, render
from lotrinh.programmes.models import Programme, ProgrammeKind, ProgrammeLineage, ProgrammeStatus
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.models import AgencyReport
from tests.conftest import make_user
from tests.party.test_party_reports import _period

pytestmark = pytest.mark.django_db


def _text(data: dict) -> str:  # type: ignore[type-arg]
    """The DOCX as a clerk reads it: paragraphs, then table cells."""
    document = Document(io.BytesIO(render.render("consolidated", "docx", data)))
    return "\n".join(p.text for p in document.paragraphs)


def _plan_sentence(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("Có ") and "kế hoạch" in line)


def test_the_commissions_draft_counts_the_party_committees_own_programmes(
    seeded_db: None,
) -> None:
    period = _period()
    national = current_programme("52-NQ/TW")
    hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    before = _plan_sentence(_text(assemble.consolidated_of_period(period, period.due_date)))
    assert "đúng hạn" not in before and before.startswith("Có 0/")
    Programme.objects.create(
        code="15-CTr/TU",
        slug="15-ctr-tu-ha-noi",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Chương trình thực hiện Nghị quyết số 52-NQ/TW",
        issuer=hanoi,
        issue_date=datetime.date(2025, 3, 1),
        implements=national,
        status=ProgrammeStatus.PUBLISHED,
    )
    # A draft programme, or one issued after the cut-off, does not count.
    Programme.objects.create(
        code="9-KH/TU",
        slug="9-kh-tu-bac-ninh",
        kind=ProgrammeKind.PLAN,
        lineage=ProgrammeLineage.AGENCY_PLAN,
        title="Kế hoạch (dự thảo)",
        issuer=Agency.objects.get(name_vi="Tỉnh ủy Bắc Ninh"),
        issue_date=datetime.date(2025, 3, 1),
        implements=national,
        status=ProgrammeStatus.DRAFT,
    )
    data = assemble.consolidated_of_period(period, period.due_date)
    expected = data["overview"]["expected"]
    assert data["overview"]["plans_issued"] == 1 and data["overview"]["plans_deadline"] is False
    sentence = _plan_sentence(_text(data))
    assert sentence == (
        f"Có 1/{expected} cấp ủy, tổ chức đảng có chương trình, kế hoạch thực hiện Nghị quyết "
        "số 52-NQ/TW đã ban hành và cập nhật vào hệ thống."
    )
    rows = {row["agency"]: row["plan"] for row in data["compliance"]}
    assert rows["Thành ủy Hà Nội"] == "15-CTr/TU" and rows["Tỉnh ủy Bắc Ninh"] == "—"
    early = assemble.consolidated_of_period(period, datetime.date(2025, 2, 1))
    assert early["overview"]["plans_issued"] == 0
    # The print version says the same.
    from django.template.loader import render_to_string

    html = render_to_string("documents/print.html", {"kind": "consolidated", "d": data})
    assert "có chương trình, kế hoạch thực hiện Nghị quyết số 52-NQ/TW" in html
    assert "đúng hạn).</p>" not in html


def test_mosts_draft_keeps_its_plans_and_their_deadline(seeded_db: None) -> None:
    data = assemble.consolidated(current_programme("50/NQ-CP"), 2024, datetime.date(2024, 12, 31))
    assert data["overview"]["plans_deadline"] is True
    sentence = _plan_sentence(_text(data))
    assert "bộ, ngành, địa phương đã ban hành kế hoạch thực hiện (" in sentence
    assert sentence.endswith("đúng hạn).")


def test_the_history_names_the_proposals_field_as_the_report_form_does(seeded_db: None) -> None:
    period = _period()
    report = AgencyReport.objects.get(period=period, agency__name_vi="Thành ủy Hà Nội")
    reporter = make_user("tu_hn_history", report.agency.code, Role.REPORTER)
    event = record_event(
        reporter,
        "report.sections_saved",
        report,
        before={"proposals_to_government": ""},
        after={"proposals_to_government": "Đề nghị hướng dẫn"},
    )
    text = describe(event, "vi").text
    assert "Kiến nghị, đề xuất với Ban Chính sách, chiến lược Trung ương" in text
    assert "Chính phủ" not in text
    annual = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
    most_report = AgencyReport.objects.filter(period__regime=annual).first()
    if most_report is None:
        from lotrinh.reporting import services

        most_period = services.generate_periods(annual, 2024)[-1]
        most_report = services.ensure_report(Agency.objects.get(code="bo-y-te"), most_period)
    event = record_event(
        reporter,
        "report.sections_saved",
        most_report,
        before={"proposals_to_government": ""},
        after={"proposals_to_government": "Đề nghị bổ sung kinh phí"},
    )
    assert "Kiến nghị với Chính phủ" in describe(event, "vi").text
