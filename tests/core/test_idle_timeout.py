"""Sessions end after LOTRINH_SESSION_IDLE_MINUTES (8 hours) without activity: the person
is sent to sign in with a message and comes back to the page; an htmx save is refused
without touching the entry (the page keeps what was typed); the API answers 401. The
session is not written on every request."""

import datetime

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from lotrinh.core.middleware import LAST_SEEN

pytestmark = pytest.mark.django_db
START = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
PASSWORD = "mot-mat-khau-that-dai-2026"
MY_REPORTS = "/bao-cao/"


def signed_in(user) -> Client:
    """Signed in through the sign-in page, as a person does."""
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302, response
    return client


def later(**delta: float):
    return time_machine.travel(START + datetime.timedelta(**delta), tick=False)


def test_eight_idle_hours_sign_out_with_a_message_and_lead_back_to_the_page(officer_a):
    with later():
        client = signed_in(officer_a)
        assert client.get(MY_REPORTS).status_code == 200
    with later(hours=8, minutes=1):
        response = client.get(MY_REPORTS + "?year=2025")
        assert response.status_code == 302
        login = response["Location"]
        assert login == reverse("accounts:login") + "?next=/bao-cao/%3Fyear%3D2025"
        assert not Session.objects.exists()  # signed out, not only redirected
        page = client.get(login).content.decode()
        assert "Phiên làm việc đã kết thúc vì không có thao tác nào trong 8 giờ" in page
        back = client.post(
            login,
            {"username": officer_a.username, "password": PASSWORD, "next": "/bao-cao/?year=2025"},
        )
        assert back["Location"] == "/bao-cao/?year=2025"
        assert client.get(back["Location"]).status_code == 200


def test_a_person_at_work_stays_signed_in(officer_a):
    with later():
        client = signed_in(officer_a)
    for hour in range(1, 30, 7):  # 29 hours, never 8 idle ones
        with later(hours=hour):
            assert client.get(MY_REPORTS).status_code == 200, hour


def test_the_session_is_written_once_per_interval_not_on_every_request(officer_a):
    with later():
        client = signed_in(officer_a)
        client.get(MY_REPORTS)
    stored = Session.objects.get()
    with later(minutes=2):
        client.get(MY_REPORTS)
        client.get(MY_REPORTS)
    assert Session.objects.get().session_data == stored.session_data  # nothing written
    with later(minutes=6):
        client.get(MY_REPORTS)
    refreshed = Session.objects.get()
    assert refreshed.get_decoded()[LAST_SEEN] > stored.get_decoded()[LAST_SEEN]
    # The end of the session stays sign-in + two weeks however often it is refreshed.
    assert refreshed.expire_date == stored.expire_date
    assert stored.expire_date == START + datetime.timedelta(weeks=2)


def test_an_idle_htmx_save_changes_nothing_and_points_to_sign_in(officer_a):
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    entry = report.entries.order_by("task__position").first()
    page = f"/bao-cao/{report.pk}/"
    with later():
        client = signed_in(officer_a)
        assert client.get(page).status_code == 200
    with later(hours=8, minutes=30):
        response = client.post(
            reverse("reporting:save_entry", args=[report.pk, entry.pk]),
            {f"e{entry.pk}-status": "in_progress", f"e{entry.pk}-result": "Đã soạn dự thảo"},
            headers={"HX-Request": "true", "HX-Current-URL": f"http://testserver{page}"},
        )
    # site.js sees the sign-in page and keeps the form as typed, with a sign-in link.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + f"?next={page}"
    before = entry.version
    entry.refresh_from_db()
    assert (entry.version, entry.result) == (before, "")


def test_the_api_answers_401_to_an_idle_session(officer_a):
    with later():
        client = signed_in(officer_a)
        assert client.get("/api/v1/reports/").status_code == 200
    with later(hours=8, seconds=301):
        response = client.get("/api/v1/reports/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_a_token_call_carrying_an_idle_session_cookie_is_answered_by_its_token(officer_a):
    from lotrinh.agencies.models import Agency
    from lotrinh.api import services as api_services
    from tests.conftest import make_user

    admin = make_user("agency_admin_a", "bo-y-te", "agency_admin")
    issued = api_services.issue_token(
        admin, Agency.objects.get(code="bo-y-te"), name="VBĐH", role="reporter", scopes=["read"]
    )
    with later():
        client = signed_in(officer_a)
        client.get(MY_REPORTS)
    with later(hours=9):
        response = client.get(
            "/api/v1/reports/", headers={"authorization": f"Bearer {issued.secret}"}
        )
    assert response.status_code == 200
    assert not Session.objects.exists()  # the idle session ended all the same


def test_no_idle_timeout_when_set_to_zero(officer_a, settings):
    settings.LOTRINH_SESSION_IDLE_SECONDS = 0
    with later():
        client = signed_in(officer_a)
        client.get(MY_REPORTS)
    with later(days=3):
        assert client.get(MY_REPORTS).status_code == 200


def test_an_idle_form_post_leads_back_to_the_page_the_form_was_on(officer_a):
    with later():
        client = signed_in(officer_a)
        client.get(MY_REPORTS)
    with later(hours=9):
        response = client.post(
            "/tai-khoan/doi-mat-khau/",
            {"old_password": PASSWORD},
            headers={"referer": "http://testserver/bao-cao/?year=2024"},
        )
        assert response["Location"] == reverse("accounts:login") + "?next=/bao-cao/%3Fyear%3D2024"
        # Another site's page is never a way back.
        client = signed_in(officer_a)
    with later(hours=18):
        response = client.post(
            "/tai-khoan/doi-mat-khau/", {}, headers={"referer": "https://evil.example/x"}
        )
        assert response["Location"] == reverse("accounts:login") + "?next=/tai-khoan/doi-mat-khau/"
