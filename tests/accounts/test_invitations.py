"""Invitations: an account without a password and a one-time link to set one."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from lotrinh.accounts import services
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from tests.accounts.conftest import STRONG, link_in
from tests.conftest import AGENCY_A, AGENCY_B, client_for

SITE = "https://lotrinh.most.gov.vn"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.LOTRINH_SITE_URL = SITE


def invite_through_page(client: Client, query: str = "", **fields: str):
    data = {
        "email": "lan.nguyen@moh.gov.vn",
        "full_name": "Nguyễn Thị Lan",
        "position": "Chuyên viên Vụ Kế hoạch",
        "role": Role.REPORTER,
        **fields,
    }
    return client.post(reverse("accounts:invite") + query, data)


def accept(link: str, password: str = STRONG) -> tuple[Client, object]:
    client = Client()
    opened = client.get(link.removeprefix(SITE))
    assert opened.status_code == 302, opened
    response = client.post(
        opened["Location"], {"new_password1": password, "new_password2": password}
    )
    return client, response


def test_an_agency_administrator_invites_and_the_person_sets_a_password_and_signs_in(
    agency_admin_a, django_capture_on_commit_callbacks
):
    admin_client = client_for(agency_admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_through_page(admin_client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:users")
    lan = User.objects.get(email="lan.nguyen@moh.gov.vn")
    assert (lan.agency.code, lan.role, lan.full_name) == (AGENCY_A, Role.REPORTER, "Nguyễn Thị Lan")
    assert lan.is_active and not lan.has_usable_password()
    assert AuditEvent.objects.filter(action="account.invited", object_id=str(lan.pk)).exists()

    [message] = mail.outbox
    assert message.to == ["lan.nguyen@moh.gov.vn"]
    assert "Bộ Y tế" in message.body and "Cán bộ báo cáo của cơ quan" in message.body
    assert "Ministry of Health" in message.body  # the English half names the agency in English
    link = link_in(message.body)
    assert link.startswith(SITE + "/tai-khoan/loi-moi/")

    client, done = accept(link)
    assert done.status_code == 302
    login_url = done["Location"]
    assert login_url.startswith(reverse("accounts:login"))
    assert "next=%2Fbao-cao%2F" in login_url  # a reporter starts from her reports
    page = client.get(login_url).content.decode()
    assert "lan.nguyen@moh.gov.vn" in page  # the message tells the username
    signed_in = client.post(
        login_url, {"username": "lan.nguyen@moh.gov.vn", "password": STRONG, "next": "/bao-cao/"}
    )
    assert signed_in["Location"] == reverse("reporting:my_reports")
    assert client.get(reverse("reporting:my_reports")).status_code == 200
    assert AuditEvent.objects.filter(action="account.invitation_accepted").exists()

    # Used once: the link no longer works.
    again = Client().get(link.removeprefix(SITE))
    assert again.status_code == 200
    assert "không còn dùng được" in again.content.decode()


def test_an_invitation_link_expires_after_the_configured_days(agency_admin_a, settings):
    settings.LOTRINH_INVITATION_DAYS = 3
    lan = services.invite_user(
        agency_admin_a,
        agency_admin_a.agency,
        email="lan@moh.gov.vn",
        full_name="Lan",
        role=Role.REPORTER,
    )
    with time_machine.travel(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=4)):
        old = services.invitation_link(lan)
    fresh = services.invitation_link(lan)
    assert Client().get(old.removeprefix(SITE)).status_code == 200  # the "expired" page
    assert "không còn dùng được" in Client().get(old.removeprefix(SITE)).content.decode()
    assert Client().get(fresh.removeprefix(SITE)).status_code == 302  # the form


def test_a_deactivated_invitation_link_no_longer_works(agency_admin_a):
    lan = services.invite_user(
        agency_admin_a,
        agency_admin_a.agency,
        email="lan@moh.gov.vn",
        full_name="Lan",
        role=Role.REPORTER,
    )
    link = services.invitation_link(lan)
    services.deactivate_user(agency_admin_a, lan, lan.version)
    assert "không còn dùng được" in Client().get(link.removeprefix(SITE)).content.decode()


def test_a_reset_link_is_not_an_invitation_link_and_back(agency_admin_a):
    lan = services.invite_user(
        agency_admin_a,
        agency_admin_a.agency,
        email="lan@moh.gov.vn",
        full_name="Lan",
        role="reporter",
    )
    invitation_path = services.invitation_link(lan).removeprefix(SITE)
    as_reset = invitation_path.replace("/loi-moi/", "/dat-lai-mat-khau/")
    assert "không còn dùng được" in Client().get(as_reset).content.decode()


def test_the_invitation_password_follows_the_rules(agency_admin_a):
    lan = services.invite_user(
        agency_admin_a,
        agency_admin_a.agency,
        email="lan@moh.gov.vn",
        full_name="Lan",
        role="reporter",
    )
    _client, response = accept(services.invitation_link(lan), password="12345678")
    assert response.status_code == 200
    assert "quá ngắn" in response.content.decode()
    lan.refresh_from_db()
    assert not lan.has_usable_password()


def test_the_invite_form_refuses_bad_input_and_writes_nothing(agency_admin_a, officer_a):
    client = client_for(agency_admin_a)
    before = User.objects.count()
    cases = [
        ({"email": "khong-phai-thu"}, "Địa chỉ thư điện tử không hợp lệ."),
        ({"email": "OFFICER_A@example.test"}, "Đã có tài khoản dùng địa chỉ thư điện tử này."),
        ({"full_name": "   "}, "Cần nhập họ và tên."),
        ({"role": Role.MOST_MONITOR}, "Bạn không thể giao vai trò này."),
        ({"role": Role.ADMIN}, "Bạn không thể giao vai trò này."),
    ]
    for fields, message in cases:
        response = invite_through_page(client, **fields)
        assert response.status_code == 400, fields
        assert message in response.content.decode(), fields
    assert User.objects.count() == before
    assert mail.outbox == []


def test_an_agency_administrator_cannot_invite_into_another_agency(agency_admin_a):
    client = client_for(agency_admin_a)
    response = invite_through_page(client, query="?agency=" + AGENCY_B)
    assert response.status_code == 404
    assert not User.objects.filter(email="lan.nguyen@moh.gov.vn").exists()
    with pytest.raises(services.AccountError):
        services.invite_user(
            agency_admin_a,
            Agency.objects.get(code=AGENCY_B),
            email="x@mof.gov.vn",
            full_name="X",
            role=Role.REPORTER,
        )


def test_a_most_administrator_invites_for_an_agency_arriving_with_its_code(
    admin_user, django_capture_on_commit_callbacks
):
    client = client_for(admin_user)
    form = client.get(reverse("accounts:invite") + "?agency=" + AGENCY_B).content.decode()
    assert f'<option value="{AGENCY_B}" selected>' in form
    assert 'value="most_monitor"' in form and 'value="oversight"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_through_page(
            client, query="?agency=" + AGENCY_B, email="an@mof.gov.vn", role=Role.AGENCY_ADMIN
        )
    assert response["Location"] == reverse("accounts:users") + "?agency=" + AGENCY_B
    an = User.objects.get(email="an@mof.gov.vn")
    assert (an.agency.code, an.role) == (AGENCY_B, Role.AGENCY_ADMIN)
    assert link_in(mail.outbox[0].body).startswith(SITE)
    # The agency chosen in the form (no query) works too; none chosen is a clear error.
    missing = client.post(
        reverse("accounts:invite"), {"email": "b@x", "full_name": "B", "role": Role.REPORTER}
    )
    assert missing.status_code == 400
    assert "Cần chọn cơ quan." in missing.content.decode()
    assert "Địa chỉ thư điện tử không hợp lệ." in missing.content.decode()  # all at once
    chosen = client.post(
        reverse("accounts:invite"),
        {"agency": AGENCY_A, "email": "b@x.vn", "full_name": "B", "role": Role.OVERSIGHT},
    )
    assert chosen.status_code == 302
    assert User.objects.get(email="b@x.vn").agency.code == AGENCY_A


def test_an_unknown_agency_code_is_a_404(admin_user):
    response = client_for(admin_user).get(reverse("accounts:invite") + "?agency=khong-co")
    assert response.status_code == 404


def test_resending_an_invitation_sends_a_new_link(
    agency_admin_a, django_capture_on_commit_callbacks
):
    lan = services.invite_user(
        agency_admin_a,
        agency_admin_a.agency,
        email="lan@moh.gov.vn",
        full_name="Lan",
        role="reporter",
    )
    client = client_for(agency_admin_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:user", args=[lan.pk]), {"action": "resend", "version": lan.version}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    accept(link_in(mail.outbox[0].body))
    lan.refresh_from_db()
    assert lan.check_password(STRONG)
    # Someone who has a password is not "invited" again.
    refused = client.post(
        reverse("accounts:user", args=[lan.pk]), {"action": "resend", "version": lan.version}
    )
    assert refused.status_code == 400


def test_a_most_monitor_invites_the_first_person_of_an_agency_nobody_uses_yet(
    most_monitor, officer_a, django_capture_on_commit_callbacks
):
    """The follow-up of the compliance page: an agency with no account gets its first
    person, an agency administrator, from MOST's monitor; once someone uses it, only those
    who run its accounts invite."""
    empty = Agency.objects.get(code="bo-cong-an")
    assert not empty.users.exists()
    client = client_for(most_monitor)
    form = client.get(reverse("accounts:invite") + "?agency=bo-cong-an").content.decode()
    assert 'value="agency_admin"' in form and 'value="reporter"' not in form
    # No other role, and no agency already in use.
    refused = invite_through_page(client, query="?agency=bo-cong-an", role=Role.REPORTER)
    assert refused.status_code == 400 and not User.objects.filter(agency=empty).exists()
    assert client.get(reverse("accounts:invite") + "?agency=" + AGENCY_A).status_code == 404
    assert client.get(reverse("accounts:invite")).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = invite_through_page(
            client, query="?agency=bo-cong-an", email="first@bca.gov.vn", role=Role.AGENCY_ADMIN
        )
    assert response.status_code == 302 and response["Location"] == reverse("reporting:compliance")
    first = User.objects.get(email="first@bca.gov.vn")
    assert (first.agency, first.role) == (empty, Role.AGENCY_ADMIN)
    assert link_in(mail.outbox[0].body).startswith(SITE)
    again = client.get(reverse("accounts:invite") + "?agency=bo-cong-an")
    assert again.status_code == 404
    # The MOST monitor runs nobody's accounts.
    assert client.get(reverse("accounts:users")).status_code == 403


def test_a_most_monitor_inviting_is_led_back_to_the_compliance_page_not_to_a_403(most_monitor):
    """Seen on 6 December 2026 as most-duyet: the invitation form's trail "Người dùng ›
    Mời người dùng" linked to the people list, which answers a MOST monitor 403."""
    client = client_for(most_monitor)
    page = client.get(reverse("accounts:invite") + "?agency=bo-cong-an").content.decode()
    assert f'href="{reverse("accounts:users")}' not in page
    assert f'href="{reverse("reporting:compliance")}"' in page
