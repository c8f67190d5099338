"""A report's title cites the programme as Vietnamese reports cite a document: kind,
number, date and issuer. It read "… kèm theo Nghị quyết số 50/NQ-CP năm 2026", as if
the resolution were of 2026, and called every programme, 57-NQ/TW included, an action
programme attached to a Government resolution."""

import datetime

from lotrinh.agencies.models import Agency
from lotrinh.documents.assemble import programme_named
from lotrinh.programmes.models import Programme


def _programme(kind, code, title, day, issuer_text):
    return Programme(kind=kind, code=code, title=title, issue_date=day, issuer_text=issuer_text)


def test_an_action_programme_is_named_with_its_resolution_date_and_issuer():
    named = programme_named(
        _programme(
            "government_resolution",
            "50/NQ-CP",
            "Ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 52-NQ/TW",
            datetime.date(2020, 4, 17),
            "Chính phủ",
        )
    )
    assert named == (
        "Chương trình hành động ban hành kèm theo Nghị quyết số 50/NQ-CP ngày 17/4/2020 "
        "của Chính phủ"
    )


def test_a_party_resolution_is_a_resolution_not_an_action_programme():
    named = programme_named(
        _programme(
            "party_resolution",
            "57-NQ/TW",
            "Nghị quyết về đột phá phát triển khoa học, công nghệ",
            datetime.date(2024, 12, 22),
            "Bộ Chính trị",
        )
    )
    assert named == "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị"


def test_a_decision_and_a_plan_by_their_own_word_and_the_registry_name(db):
    decision = _programme("pm_decision", "749/QĐ-TTg", "Phê duyệt", datetime.date(2020, 6, 3), "")
    assert programme_named(decision) == "Quyết định số 749/QĐ-TTg ngày 3/6/2020"
    plan = _programme("plan", "144/KH-UBND", "Kế hoạch", datetime.date(2025, 11, 24), "UBND")
    plan.issuer = Agency.objects.create(code="T-BN", name_vi="Tỉnh Bắc Ninh", kind="province")
    assert programme_named(plan) == (
        "Kế hoạch số 144/KH-UBND ngày 24/11/2025 của Ủy ban nhân dân tỉnh Bắc Ninh"
    )
