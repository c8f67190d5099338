"""Defects found using the cascade as its users do (helper walkcascade, 2026-12-04): each
test failed before its fix."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import plans

from .conftest import person, unit


def test_reminding_a_unit_on_a_plan_recorded_by_number_says_why_not(hanoi: Agency) -> None:
    """A plan recorded by its number and date has no units' regime: "Nhắc" (a POST by
    hand, or a stale tab) answered 500."""
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    monitor = person("hn_monitor", hanoi, Role.AGENCY_MONITOR)
    department = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    plan = plans.record_plan(
        reporter,
        hanoi,
        current_programme("50/NQ-CP"),
        number="12/KH-UBND",
        date=datetime.date(2020, 9, 1),
    )
    client = Client()
    client.force_login(monitor)
    url = reverse("cascade:remind_unit", args=[plan.pk, department.pk])
    response = client.post(url, {"year": "2025"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 400
    assert "Không nhắc" in response.content.decode()


def _plan_of(issuer: str) -> dict:
    return {
        "programme": {"title": "Kế hoạch đổi mới công nghệ", "issuer": issuer},
        "clauses": [],
        "tasks": [{"ref": "1", "text": "Xây dựng cơ sở dữ liệu và kết nối, chia sẻ dữ liệu."}],
    }


def test_an_agency_cannot_import_another_provinces_plan_as_its_own(hanoi: Agency) -> None:
    """Hà Nội's reporter uploading Đồng Tháp's 552/KH-UBND got a draft "552/KH-UBND —
    Thành phố Hà Nội", and Đồng Tháp's boards proposed as Hà Nội's units."""
    from lotrinh.programmes import cascade
    from lotrinh.programmes.models import Programme

    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    national = current_programme("50/NQ-CP")
    units_before = hanoi.units.count()
    try:
        cascade.child_from_parse(
            _plan_of("Tỉnh Đồng Tháp"), hanoi, national, reporter, code="552/KH"
        )
    except cascade.CascadeError as error:
        assert "Tỉnh Đồng Tháp" in str(error)
    else:
        raise AssertionError("imported")
    assert not Programme.objects.filter(code="552/KH").exists()
    assert hanoi.units.count() == units_before
    # On an English page the agencies are named as the English pages name them.
    from django.utils import translation

    from lotrinh.agencies.models import Agency as AgencyModel

    dong_thap = AgencyModel.objects.get(code="tinh-dong-thap")
    with translation.override("en"), pytest.raises(cascade.CascadeError) as refused:
        cascade.child_from_parse(
            _plan_of("Tỉnh Đồng Tháp"), hanoi, national, reporter, code="552/KH"
        )
    assert dong_thap.name_en and dong_thap.name_en in str(refused.value)
    assert hanoi.name_en in str(refused.value)
    # Its own plan, and a plan whose issuer the file does not name, are imported.
    own = cascade.child_from_parse(
        _plan_of("Ủy ban nhân dân Thành phố Hà Nội"), hanoi, national, reporter, code="1/KH"
    )
    assert own.issuer == hanoi
    assert cascade.child_from_parse(_plan_of(""), hanoi, national, reporter, code="2/KH")


def test_a_successor_imports_the_plan_of_the_province_it_succeeded(merged_provinces) -> None:
    from lotrinh.programmes import cascade

    bac_giang, bac_ninh = merged_provinces
    reporter = person("bn_reporter", bac_ninh, Role.REPORTER)
    plan = cascade.child_from_parse(
        _plan_of("Tỉnh Bắc Giang"), bac_ninh, current_programme("50/NQ-CP"), reporter, code="9/KH"
    )
    assert plan.issuer == bac_ninh


def _draft_with_suggestion(hanoi: Agency):
    from lotrinh.programmes.models import TaskLink

    from .conftest import plan_of

    national = current_programme("50/NQ-CP")
    child = plan_of(hanoi, national, {"1": []})
    parent = national.tasks.order_by("position").first()
    link = TaskLink.objects.create(
        task=child.tasks.get(ref="1"), parent_task=parent, method="similar", score=0.3
    )
    return child, link


def test_a_stale_tab_cannot_remove_a_suggestion_a_colleague_confirmed(hanoi: Agency) -> None:
    """Two officers review the draft; one confirms a suggestion, the other, whose page still
    shows it unconfirmed, presses "Bỏ": the confirmed link was deleted."""
    from lotrinh.programmes.models import TaskLink

    first = person("hn_reporter", hanoi, Role.REPORTER)
    second = person("hn_reporter2", hanoi, Role.REPORTER)
    child, link = _draft_with_suggestion(hanoi)
    url = reverse("cascade:plan_save", args=[child.pk])
    one, two = Client(), Client()
    one.force_login(first)
    two.force_login(second)
    assert one.post(url, {"what": "confirm", "link": link.pk}).status_code == 302
    response = two.post(url, {"what": "reject", "link": link.pk}, follow=True)
    assert TaskLink.objects.get(pk=link.pk).confirmed
    assert "đã được xác nhận" in response.content.decode()


def test_confirming_a_suggestion_a_colleague_removed_says_so(hanoi: Agency) -> None:
    first = person("hn_reporter", hanoi, Role.REPORTER)
    second = person("hn_reporter2", hanoi, Role.REPORTER)
    child, link = _draft_with_suggestion(hanoi)
    url = reverse("cascade:plan_save", args=[child.pk])
    one, two = Client(), Client()
    one.force_login(first)
    two.force_login(second)
    assert one.post(url, {"what": "reject", "link": link.pk}).status_code == 302
    response = two.post(url, {"what": "confirm", "link": link.pk}, follow=True)
    assert response.status_code == 200
    assert "đã được bỏ" in response.content.decode()


def test_a_malformed_form_value_gets_a_message_not_python_text(hanoi: Agency) -> None:
    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    child, _link = _draft_with_suggestion(hanoi)
    client = Client()
    client.force_login(reporter)
    url = reverse("cascade:plan_save", args=[child.pk])
    response = client.post(
        url, {"what": "add_link", "task": "abc", "parent_task": "1"}, follow=True
    )
    page = response.content.decode()
    assert "invalid literal" not in page and "Yêu cầu không hợp lệ" in page


def test_publishing_a_plan_does_not_supersede_another_agencys_plan_of_the_same_number(
    hanoi: Agency,
) -> None:
    """Plan numbers are the issuer's ("144/KH-UBND" exists in many provinces): Hà Nội
    publishing its 144/KH-UBND marked Bắc Ninh's published 144/KH-UBND superseded."""
    from lotrinh.programmes import cascade
    from lotrinh.programmes.models import ProgrammeStatus

    bac_ninh = Agency.objects.get(code="tinh-bac-ninh")
    national = current_programme("50/NQ-CP")
    published = []
    for agency in (bac_ninh, hanoi):
        reporter = person(f"reporter_{agency.pk}", agency, Role.REPORTER)
        plan = cascade.child_from_parse(
            _plan_of(""), agency, national, reporter, code="144/KH-UBND"
        )
        for link in plan.tasks.get().links_up.all():
            cascade.confirm_link(reporter, link)
        published.append(cascade.publish_child(reporter, plan))
    theirs = published[0]
    theirs.refresh_from_db()
    assert theirs.status == ProgrammeStatus.PUBLISHED


def test_two_agencies_plans_of_the_same_number_each_have_their_page(hanoi: Agency) -> None:
    """The programme page is found by slug: with one slug for both, Bắc Ninh's people opened
    "their" 144/KH-UBND and got Hà Nội's (newer version): 404, their plan unreachable."""
    from lotrinh.programmes import cascade

    bac_ninh = Agency.objects.get(code="tinh-bac-ninh")
    national = current_programme("50/NQ-CP")
    plans, people = [], []
    for agency in (bac_ninh, hanoi):
        reporter = person(f"reporter_{agency.pk}", agency, Role.REPORTER)
        plan = cascade.child_from_parse(
            _plan_of(""), agency, national, reporter, code="144/KH-UBND"
        )
        for link in plan.tasks.get().links_up.all():
            cascade.confirm_link(reporter, link)
        plans.append(cascade.publish_child(reporter, plan))
        people.append(reporter)
    for plan, reporter in zip(plans, people, strict=True):
        client = Client()
        client.force_login(reporter)
        response = client.get(reverse("programmes:overview", args=[plan.slug]))
        assert response.status_code == 200
        assert plan.issuer.name_vi in response.content.decode()


def test_a_plan_cannot_take_the_number_of_a_national_programme(hanoi: Agency) -> None:
    """The import form's number is typed by the agency: "50/NQ-CP" made a plan version 2 of
    the code, which `current_programme("50/NQ-CP")` (every national page) then returned once
    published; publishing also superseded the resolution itself."""
    from lotrinh.programmes import cascade
    from lotrinh.programmes.models import Programme

    reporter = person("hn_reporter", hanoi, Role.REPORTER)
    national = current_programme("50/NQ-CP")
    for code in ("50/NQ-CP", "52-NQ/TW"):
        try:
            cascade.child_from_parse(_plan_of(""), hanoi, national, reporter, code=code)
        except cascade.CascadeError as error:
            assert code in str(error)
        else:
            raise AssertionError(code)
    try:
        plans.record_plan(
            reporter, hanoi, national, number="50/NQ-CP", date=datetime.date(2020, 9, 1)
        )
    except plans.WorkflowError as error:
        assert "50/NQ-CP" in str(error)
    else:
        raise AssertionError("recorded")
    assert Programme.objects.filter(code="50/NQ-CP").count() == 1
    assert current_programme("50/NQ-CP") == national


def test_a_department_written_with_its_abbreviation_is_one_unit(hanoi: Agency) -> None:
    """144/KH-UBND writes "Sở Khoa học và Công nghệ" and "Sở KH&CN": the demo's Bắc Ninh had
    both as units, each leading tasks, each reporting, each reminded: one department
    counted twice ("14 đơn vị")."""
    from lotrinh.agencies import units

    department = unit(hanoi, "so-khcn", "Sở Khoa học và Công nghệ")
    culture = unit(hanoi, "so-vhttdl", "Sở Văn hoá, Thể thao và Du lịch")
    assert units.propose_unit(hanoi, "Sở KH&CN") == department
    assert units.propose_unit(hanoi, "Sở KHCN") == department
    assert units.propose_unit(hanoi, "Sở VH,TT&DL") == culture
    assert units.propose_unit(hanoi, "Sở Tài chính") not in (department, culture)
    assert hanoi.units.count() == 3


def test_the_units_table_links_a_report_only_for_those_who_may_open_it(province) -> None:
    """The agency's monitor (and MOST) saw a unit's draft as a link that answered 404."""
    from lotrinh.reporting import rollup

    from .conftest import YEAR, fill_unit_report, send_report

    p = province
    draft = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    url = reverse("cascade:plan", args=[p["child"].pk]) + f"?year={YEAR}"
    link = f'href="{reverse("reporting:report", args=[draft.pk])}"'
    for viewer in (p["monitor"], p["most"]):
        client = Client()
        client.force_login(viewer)
        page = client.get(url).content.decode()
        assert "Sở Khoa học và Công nghệ" in page  # the row is there, its state too
        assert link not in page, viewer
    fill_unit_report(draft, p["khcn_reporter"], "in_progress", "Đang làm")
    send_report(draft, p["khcn_reporter"], p["khcn_leader"])
    client = Client()
    client.force_login(p["monitor"])
    assert link in client.get(url).content.decode()
