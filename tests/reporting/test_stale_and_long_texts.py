"""A stale save made stale by the same person (two tabs) says so instead of blaming
"someone else"; the long texts of a report have one limit (20.000 characters), told in
the page's number format, checked by the forms and, for entries, by the service that the
spreadsheet upload shares."""

import pytest
from django.utils import translation

from lotrinh.reporting import services
from lotrinh.reporting.texts import TEXT_MAX_CHARS, too_long_message
from tests.conftest import client_for, make_user
from tests.reporting.test_versions import entry_post

pytestmark = pytest.mark.django_db


def test_a_save_made_stale_by_my_other_tab_says_it_was_me(report_a, officer_a):
    entry = report_a.entries.first()
    stale = entry_post(entry, result="Bản ở thẻ thứ hai")
    services.save_entry(
        entry, officer_a, {"status": "in_progress", "result": "Bản ở thẻ thứ nhất"}, entry.version
    )
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/", stale, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "người khác" not in body
    assert "Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác lúc" in body
    assert "bạn đã sửa ở một thẻ hoặc cửa sổ khác lúc" in body
    assert "Bản ở thẻ thứ hai" in body and "Bản ở thẻ thứ nhất" in body


def test_a_save_made_stale_by_a_colleague_still_names_the_colleague(report_a, officer_a):
    colleague = make_user("colleague_t", officer_a.agency.code, "reporter")
    entry = report_a.entries.first()
    stale = entry_post(entry, result="Bản của tôi")
    services.save_entry(
        entry, colleague, {"status": "in_progress", "result": "Bản của họ"}, entry.version
    )
    body = (
        client_for(officer_a)
        .post(f"/bao-cao/{report_a.pk}/muc/{entry.pk}/", stale, HTTP_HX_REQUEST="true")
        .content.decode()
    )
    assert "vừa được người khác cập nhật" in body and "Colleague T đã sửa lúc" in body
    assert "thẻ hoặc cửa sổ khác" not in body


def test_my_own_stale_sections_save_says_it_was_me(report_a, officer_a):
    loaded = report_a.sections_version
    services.save_sections(
        report_a,
        officer_a,
        general_assessment="Thẻ một",
        proposals_to_government="",
        expected_version=loaded,
    )
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/danh-gia/",
        {"general_assessment": "Thẻ hai", "proposals_to_government": "", "version": loaded},
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác" in body
    assert "người khác" not in body


def test_the_limit_is_written_as_the_language_writes_numbers():
    with translation.override("vi"):
        text = too_long_message(300_000)
    assert "300.000 ký tự" in text and "tối đa 20.000 ký tự" in text
    with translation.override("en"):
        assert "20,000" in too_long_message(300_000)


def test_a_result_over_the_limit_is_refused_by_the_form_and_kept(report_a, officer_a):
    entry = report_a.entries.first()
    long = "x" * (TEXT_MAX_CHARS + 1)
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
        entry_post(entry, result=long),
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "tối đa 20.000 ký tự" in body and "20.001 ký tự" in body
    assert long in body  # what was typed stays in the field
    entry.refresh_from_db()
    assert entry.result == ""
    # At the limit, it saves.
    saved = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/muc/{entry.pk}/",
        entry_post(entry, result="y" * TEXT_MAX_CHARS),
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    entry.refresh_from_db()
    assert len(entry.result) == TEXT_MAX_CHARS


@pytest.mark.parametrize("field", ["result", "difficulties", "proposals"])
def test_the_service_refuses_a_long_entry_text_whatever_the_path(report_a, officer_a, field):
    entry = report_a.entries.first()
    data = {"status": "in_progress", field: "z" * 300_000}
    with pytest.raises(services.EntryInvalid) as refused:
        services.save_entry(entry, officer_a, data, expected_version=entry.version)
    assert "tối đa 20.000 ký tự" in refused.value.problems[field]
    entry.refresh_from_db()
    assert getattr(entry, field) == ""


def test_the_sections_and_a_contribution_have_the_same_limit(report_a, officer_a):
    long = "x" * (TEXT_MAX_CHARS + 1)
    response = client_for(officer_a).post(
        f"/bao-cao/{report_a.pk}/danh-gia/",
        {
            "general_assessment": long,
            "proposals_to_government": "",
            "version": report_a.sections_version,
        },
    )
    assert response.status_code == 400
    assert "tối đa 20.000 ký tự" in response.content.decode()
    report_a.refresh_from_db()
    assert report_a.general_assessment == ""
    from lotrinh.reporting.forms import ContributionForm

    form = ContributionForm({"contribution": long, "version": 1}, prefix=None)
    assert not form.is_valid() and "tối đa 20.000 ký tự" in str(form.errors["contribution"])


def test_save_all_made_stale_by_my_other_tab_says_it_was_me(report_a, officer_a):
    from django.urls import reverse

    from tests.reporting.test_forms_that_speak import _page_post

    entry = report_a.entries.order_by("task__position").first()
    data = _page_post(report_a, officer_a)
    # The other tab saves the entry and the sections first.
    services.save_entry(entry, officer_a, {"status": "in_progress", "result": "Thẻ một"}, 1)
    services.save_sections(
        report_a,
        officer_a,
        general_assessment="Thẻ một",
        proposals_to_government="",
        expected_version=report_a.sections_version,
    )
    data[f"e{entry.pk}-result"] = "Thẻ hai"
    data["general_assessment"] = "Thẻ hai"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert response.status_code == 409
    body = response.content.decode()
    assert "người khác" not in body and "có người" not in body
    summary = body.split('id="save-summary"')[1].split("</section>")[0]
    assert summary.count("Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác") == 2
    entry_box = body.split(f'id="entry-{entry.pk}"')[1].split("</fieldset>")[0]
    assert "Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác lúc" in entry_box
    conflicts = body.split('id="conflicts"')[1].split("</div>")[0]
    assert "Bạn đã cập nhật nội dung này ở một thẻ hoặc cửa sổ khác" in conflicts


def test_save_all_made_stale_by_a_colleague_still_names_the_colleague(report_a, officer_a):
    from django.urls import reverse

    from tests.reporting.test_forms_that_speak import _page_post

    colleague = make_user("colleague_s", officer_a.agency.code, "reporter")
    entry = report_a.entries.order_by("task__position").first()
    data = _page_post(report_a, officer_a)
    services.save_entry(entry, colleague, {"status": "in_progress", "result": "Của họ"}, 1)
    data[f"e{entry.pk}-result"] = "Của tôi"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    body = response.content.decode()
    assert response.status_code == 409
    assert "người khác" in body and "thẻ hoặc cửa sổ khác" not in body
