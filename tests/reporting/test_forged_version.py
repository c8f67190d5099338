"""A hidden version (or fingerprint) the page did not write — a forged request, a broken
page — is told at the top ("reload the page"), not as "see the message beside each
field" with no field to show it; and nothing is saved, one task or "save all"."""

import pytest
from django.urls import reverse

from lotrinh.reporting.stale import FORGED_MESSAGE
from tests.conftest import client_for
from tests.reporting.test_forms_that_speak import _page_post, messages_of
from tests.reporting.test_versions import entry_post

pytestmark = pytest.mark.django_db

VAGUE = "xem thông báo cạnh từng ô"


@pytest.mark.parametrize("forged", [{"version": "abc"}, {"version": ""}, {"fingerprint": "x" * 65}])
def test_a_forged_version_of_one_task_says_reload_and_saves_nothing(forged, report_a, officer_a):
    entry = report_a.entries.first()
    data = entry_post(entry, result="Không được lưu")
    data.update({f"e{entry.pk}-{name}": value for name, value in forged.items()})
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert str(FORGED_MESSAGE) in body and VAGUE not in body
    # At the top of the task's form, before its fields.
    assert body.index(str(FORGED_MESSAGE)) < body.index(f'name="e{entry.pk}-status"')
    entry.refresh_from_db()
    assert entry.version == 1 and entry.result == ""


def test_a_forged_version_in_save_all_says_reload_and_saves_nothing(report_a, officer_a):
    first, second = list(report_a.entries.order_by("task__position"))[:2]
    data = _page_post(report_a, officer_a)
    data[f"e{first.pk}-version"] = "abc"
    data[f"e{first.pk}-result"] = "MARKONE"
    data[f"e{second.pk}-result"] = "MARKTWO"  # a valid change, not saved with a forged one
    data["general_assessment"] = "Nhận định chung"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert response.status_code == 400
    assert messages_of(response) == [str(FORGED_MESSAGE)]
    body = response.content.decode()
    assert VAGUE not in body
    assert body.count(str(FORGED_MESSAGE)) == 2  # above the page, and above the task's form
    assert "MARKONE" in body and "MARKTWO" in body  # what she typed stays in the boxes
    assert {e.version for e in report_a.entries.all()} == {1}
    assert set(report_a.entries.values_list("result", flat=True)) == {""}
    report_a.refresh_from_db()
    assert report_a.sections_version == 1 and report_a.general_assessment == ""


def test_a_forged_sections_version_in_save_all_saves_nothing(report_a, officer_a):
    first = report_a.entries.order_by("task__position").first()
    data = _page_post(report_a, officer_a)
    data["version"] = "1; DROP"
    data["general_assessment"] = "Nhận định chung"
    data[f"e{first.pk}-result"] = "Một"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert response.status_code == 400
    assert messages_of(response) == [str(FORGED_MESSAGE)]
    first.refresh_from_db()
    report_a.refresh_from_db()
    assert first.version == 1 and report_a.sections_version == 1


def test_a_stale_but_wellformed_version_is_still_a_conflict_not_a_forgery(report_a, officer_a):
    entry = report_a.entries.first()
    data = entry_post(entry, result="Của tôi")
    data[f"e{entry.pk}-version"] = "7"
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/", data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409 and str(FORGED_MESSAGE) not in response.content.decode()
