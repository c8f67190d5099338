"""The national importer's refusal of tasks given to a group the programme format has no
body for (2026-12-07, after trust38): "Các Sở, ban, ngành" is a group of the issuer's own
units (its plan's), but "các cơ quan, tổ chức" (`bodies`) and "các tổ chức, cá nhân"
(`organisations_persons`) name nobody, and the refusal called them the issuer's own units
too. It also pointed every reader to the plan import (a link to a POST-only address,
405), which a MOST monitor may not use: that pointer is now given only to a person who
may import the agency's plan (`permissions.may_import_agency_plan`)."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.importer import review
from lotrinh.importer.service import parse_bytes
from tests.conftest import client_for, make_user
from tests.importer.build_docx import appendix_docx
from tests.importer.test_importer_group_codes import HEADER

pytestmark = pytest.mark.django_db


def _draft(user, leads: list[str]):
    rows = [
        [str(i), f"Nhiệm vụ số {i} về chuyển đổi số", lead, "", "Báo cáo", "năm 2022"]
        for i, lead in enumerate(leads, start=1)
    ]
    data = parse_bytes(appendix_docx(HEADER, rows), "kh.docx")
    return review.create_draft(data, "kh.docx", user)


def _refusal(user, draft) -> str:
    with pytest.raises(review.ReviewError) as refused:
        review.publish(draft, user, review.fingerprint(draft))
    return str(refused.value)


def test_groups_that_name_nobody_are_not_called_the_issuers_units(most_monitor) -> None:
    draft = _draft(most_monitor, ["Các cơ quan, tổ chức", "Các tổ chức, cá nhân"])
    codes = [a["generic"] for t in draft.data["tasks"] for a in t["addressees"]]
    assert codes == ["bodies", "organisations_persons"]
    said = _refusal(most_monitor, draft)
    assert "nhóm đơn vị của chính cơ quan ban hành" not in said
    assert "không chỉ rõ cơ quan nào" in said
    assert "PL1.1: “Các cơ quan, tổ chức”" in said and "PL1.2: “Các tổ chức, cá nhân”" in said
    # A plan would not name them either: no pointer to the plan import.
    assert "Phân cấp" not in said


def test_own_units_to_a_most_monitor_point_to_no_page_they_cannot_open(most_monitor) -> None:
    assert not perms.may_import_agency_plan(most_monitor)
    draft = _draft(most_monitor, ["Các Sở, ban, ngành"])
    said = _refusal(most_monitor, draft)
    assert "nhóm đơn vị của chính cơ quan ban hành" in said
    assert "Phân cấp › Nhập kế hoạch" not in said
    assert "chọn lại cơ quan chủ trì" in said
    page = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    text = page.content.decode()
    assert 'id="summary-own-units"' in text
    assert reverse("cascade:import") not in text and reverse("cascade:plans") not in text


def test_both_kinds_are_said_each_in_its_words_on_the_confirmation(most_monitor) -> None:
    draft = _draft(most_monitor, ["Các Sở, ban, ngành", "Các tổ chức, cá nhân"])
    page = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    text = page.content.decode()
    assert 'id="summary-own-units"' in text and 'id="summary-nonspecific"' in text
    assert 'id="confirm-publish" disabled' in text
    response = client_for(most_monitor).post(
        reverse("importer:publish", args=[draft.pk]), {"confirm": review.fingerprint(draft)}
    )
    said = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "PL1.1: “Các Sở, ban, ngành”" in said and "PL1.2: “Các tổ chức, cá nhân”" in said


def test_a_person_who_imports_the_agencys_plan_is_pointed_to_it(seeded_db) -> None:
    reporter = make_user("bn_kehoach", "tinh-bac-ninh", Role.REPORTER)
    assert perms.may_import_agency_plan(reporter)
    draft = _draft(reporter, ["Các Sở, ban, ngành"])
    said = _refusal(reporter, draft)
    assert "Phân cấp › Nhập kế hoạch" in said
