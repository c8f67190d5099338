"""Who may enter and approve national figures, and what becomes public when."""

import datetime
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from lotrinh.accounts.models import Role, User
from lotrinh.core.models import AuditEvent
from lotrinh.indicators import services
from lotrinh.indicators.models import Approval, Indicator, Observation
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db

DIGITAL = "DIGITAL_ECONOMY_SHARE_GDP"


def enter_url(code: str = DIGITAL) -> str:
    return reverse("indicators:enter", args=[code])


def value_form(**overrides: object) -> dict[str, object]:
    return {
        "year": 2019,
        "value": 14.2,
        "status": "provisional",
        "citation": "Cục Thống kê, thông cáo báo chí",
        **overrides,
    }


@pytest.fixture
def second_monitor(db: None) -> User:
    return make_user("most_monitor_2", MOST, Role.MOST_MONITOR)


@pytest.fixture
def proposed(officer_b: User) -> Observation:
    """Bộ Tài chính (holding GSO's figures since 2025) proposes the 2025 digital economy share."""
    return services.record_observation(
        Indicator.objects.get(code=DIGITAL),
        year=2019,
        value=14.2,
        citation="Cục Thống kê, thông cáo báo chí",
        user=officer_b,
    )


# ---------------------------------------------------------------- who may enter


def test_a_reporter_of_another_agency_can_neither_open_nor_post_the_form(officer_a):
    client = client_for(officer_a)
    assert client.get(enter_url()).status_code == 403
    assert client.post(enter_url(), value_form()).status_code == 403
    assert not Observation.objects.filter(indicator__code=DIGITAL, year=2019).exists()


def test_a_reporter_without_an_agency_cannot_enter_a_value(db):
    nobody = User.objects.create_user("nobody", password="pw-nobody", role=Role.REPORTER)
    assert client_for(nobody).post(enter_url(), value_form()).status_code == 403
    assert not Observation.objects.filter(indicator__code=DIGITAL, year=2019).exists()


def test_the_successor_of_the_producing_agency_enters_its_values(officer_b):
    # GSO belonged to the Ministry of Planning and Investment, merged into Finance on 1/3/2025.
    indicator = Indicator.objects.get(code=DIGITAL)
    assert indicator.producer_agency is not None
    assert indicator.producer_agency.code == "bo-ke-hoach-va-dau-tu"
    client = client_for(officer_b)
    assert client.get(enter_url()).status_code == 200
    assert client.get(enter_url("SMART_CITIES_COUNT")).status_code == 403
    with time_machine.travel(datetime.datetime(2025, 2, 1, 9, 0), tick=False):
        # Before the merger the right was still the ministry's own.
        assert client.get(enter_url()).status_code == 403


def test_administrators_and_oversight_do_not_enter_national_figures(admin_user, oversight_reader):
    for user in (admin_user, oversight_reader):
        assert client_for(user).post(enter_url(), value_form()).status_code == 403
    assert not Observation.objects.filter(indicator__code=DIGITAL, year=2019).exists()


def test_bundled_indicators_name_their_producer_in_the_registry_or_none():
    producers = dict(Indicator.objects.values_list("code", "producer_agency__code"))
    assert producers["GII_RANK_WORLD"] is None and producers["EGDI_RANK_WORLD"] is None
    assert producers["SMART_CITIES_COUNT"] == "bo-xay-dung"
    assert producers["FTTH_HOUSEHOLDS"] == "bo-thong-tin-va-truyen-thong"
    assert producers["MOBILE_5G_POPULATION_COVERAGE"] == "bo-khoa-hoc-va-cong-nghe"
    for indicator in Indicator.objects.all():
        low, high = indicator.bounds()
        assert low is not None, indicator.code
        assert indicator.min_value is not None and indicator.max_value is not None


# ---------------------------------------------------------------- approval


def test_an_entered_value_is_pending_and_not_public(proposed, client):
    assert proposed.approval == Approval.PENDING and not proposed.is_current
    assert proposed.agency.code == "bo-tai-chinh"
    page = client.get(reverse("indicators:indicator", args=[DIGITAL])).content.decode()
    assert "14.2" not in page and "14,2" not in page and "Số liệu chờ duyệt" not in page
    assert ",2019," not in services.export_csv(proposed.indicator)
    assert "SHARE_GDP,2019," not in services.export_sdmx_csv(proposed.indicator)
    book = load_workbook(io.BytesIO(services.export_xlsx()))
    assert 14.2 not in [row[3] for row in book["Số liệu"].iter_rows(values_only=True)]
    assert 2019 not in [p.year for p in services.series(proposed.indicator)]
    event = AuditEvent.objects.get(action="observation.recorded", object_id=str(proposed.pk))
    assert event.after["value"] == 14.2


def test_pending_values_are_shown_to_most_and_the_entering_agency_only(
    proposed, officer_b, officer_a, most_monitor
):
    url = reverse("indicators:indicator", args=[DIGITAL])
    monitor_page = client_for(most_monitor).get(url).content.decode()
    assert "Số liệu chờ duyệt" in monitor_page and "Duyệt" in monitor_page
    assert reverse("indicators:approve", args=[DIGITAL, proposed.pk]) in monitor_page
    own_page = client_for(officer_b).get(url).content.decode()
    assert "Số liệu chờ duyệt" in own_page
    assert reverse("indicators:approve", args=[DIGITAL, proposed.pk]) not in own_page
    assert "Số liệu chờ duyệt" not in client_for(officer_a).get(url).content.decode()


def test_a_most_monitor_approves_by_post_and_the_value_becomes_public(
    proposed, most_monitor, client
):
    url = reverse("indicators:approve", args=[DIGITAL, proposed.pk])
    assert client_for(most_monitor).get(url).status_code == 405
    with time_machine.travel(datetime.datetime(2026, 3, 2, 10, 0), tick=False):
        assert client_for(most_monitor).post(url).status_code == 302
    proposed.refresh_from_db()
    assert proposed.approval == Approval.APPROVED and proposed.is_current
    assert proposed.reviewed_by == most_monitor and proposed.known_on == datetime.date(2026, 3, 2)
    assert proposed.recorded_by.username == "officer_b"
    assert proposed.citation == "Cục Thống kê, thông cáo báo chí"
    assert ",VNM,14.2," in services.export_csv(proposed.indicator)
    page = client.get(reverse("indicators:indicator", args=[DIGITAL])).content.decode()
    assert "14,2" in page or "14.2" in page
    assert AuditEvent.objects.filter(
        action="observation.approved", object_id=str(proposed.pk), actor=most_monitor
    ).exists()


def test_nobody_approves_a_value_they_entered_or_without_the_capability(
    most_monitor, second_monitor, officer_b, oversight_reader, admin_user
):
    mine = services.record_observation(
        Indicator.objects.get(code="SMART_CITIES_COUNT"),
        year=2019,
        value=4,
        citation="Bộ Xây dựng",
        user=most_monitor,
    )
    url = reverse("indicators:approve", args=["SMART_CITIES_COUNT", mine.pk])
    for user in (most_monitor, officer_b, oversight_reader, admin_user):
        assert client_for(user).post(url).status_code == 403
    mine.refresh_from_db()
    assert mine.approval == Approval.PENDING
    assert client_for(second_monitor).post(url).status_code == 302
    mine.refresh_from_db()
    assert mine.approval == Approval.APPROVED


def test_anonymous_visitors_cannot_approve(proposed, client):
    response = client.post(reverse("indicators:approve", args=[DIGITAL, proposed.pk]))
    assert response.status_code in (302, 403)
    proposed.refresh_from_db()
    assert proposed.approval == Approval.PENDING


def test_a_rejection_needs_a_reason_and_is_recorded(proposed, most_monitor):
    url = reverse("indicators:reject", args=[DIGITAL, proposed.pk])
    response = client_for(most_monitor).post(url, {"reason": "  "})
    assert response.status_code == 400 and "Cần nêu lý do từ chối" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.approval == Approval.PENDING
    response = client_for(most_monitor).post(url, {"reason": "Không khớp thông cáo"})
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.approval == Approval.REJECTED and not proposed.is_current
    assert proposed.rejection_reason == "Không khớp thông cáo"
    event = AuditEvent.objects.get(action="observation.rejected", object_id=str(proposed.pk))
    assert event.note == "Không khớp thông cáo" and event.actor == most_monitor
    # A reviewed value cannot be approved afterwards.
    approve = reverse("indicators:approve", args=[DIGITAL, proposed.pk])
    assert client_for(most_monitor).post(approve).status_code == 400
    proposed.refresh_from_db()
    assert proposed.approval == Approval.REJECTED


def test_a_revision_waits_while_the_approved_value_stays_in_effect(officer_b, most_monitor):
    indicator = Indicator.objects.get(code=DIGITAL)
    revision = services.record_observation(
        indicator, year=2024, value=13.5, citation="Cục Thống kê, sửa đổi", user=officer_b
    )
    assert revision.revision_of is not None and revision.revision_of.value == 13.17
    assert {p.year: p.value for p in services.series(indicator)}[2024] == 13.17
    assert AuditEvent.objects.filter(action="observation.revised").exists()
    services.approve_observation(revision, most_monitor)
    assert {p.year: p.value for p in services.series(indicator)}[2024] == 13.5
    current = Observation.objects.filter(indicator=indicator, year=2024, is_current=True)
    assert [o.value for o in current] == [13.5]


def test_a_second_value_for_a_pending_year_is_refused(proposed, officer_b):
    response = client_for(officer_b).post(enter_url(), value_form(value=14.9))
    assert response.status_code == 400
    assert "đang chờ Bộ KH&amp;CN duyệt" in response.content.decode()
    assert Observation.objects.filter(indicator__code=DIGITAL, year=2019).count() == 1


def test_upgrading_keeps_bundled_values_and_sends_typed_in_ones_to_review(officer_b):
    """The data migration: values typed in before approval existed wait for a MOST monitor."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "lotrinh.indicators.migrations.0002_indicators_approval_known_on"
    )
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    bundled = Observation.objects.filter(indicator__code=DIGITAL, year=2024, is_current=True).get()
    old = Observation.objects.create(
        indicator=indicator,
        year=2024,
        value=2,
        citation="x",
        recorded_by=officer_b,
        approval=Approval.APPROVED,
        is_current=False,
    )
    typed = Observation.objects.create(
        indicator=indicator,
        year=2024,
        value=3,
        citation="x",
        recorded_by=officer_b,
        approval=Approval.APPROVED,
        is_current=True,
        revision_of=old,
    )
    Observation.objects.update(known_on=None)
    migration.review_existing(apps, None)
    for o in (bundled, old, typed):
        o.refresh_from_db()
    assert bundled.approval == Approval.APPROVED and bundled.is_current
    assert bundled.known_on == datetime.date(2025, 1, 6)
    assert typed.approval == Approval.PENDING and not typed.is_current
    assert old.approval == Approval.REJECTED and old.rejection_reason
    assert services.series(indicator) == []


def test_the_indicator_page_stays_within_its_query_budget(
    proposed, most_monitor, second_monitor, django_assert_max_num_queries
):
    indicator = proposed.indicator
    services.approve_observation(proposed, most_monitor)
    for year in (2021, 2022, 2023):
        services.approve_observation(
            services.record_observation(
                indicator, year=year, value=13, citation="x", user=most_monitor
            ),
            second_monitor,
        )
    client = client_for(most_monitor)
    # 12, plus the indicator's data requests (and their reminders) and the group
    # positions it feeds: constant, whatever the number of values.
    with django_assert_max_num_queries(15):
        assert client.get(reverse("indicators:indicator", args=[DIGITAL])).status_code == 200
