"""Which invitation and reset links still work: a resent invitation kills the earlier
link, and a deactivation kills every outstanding link for good (reactivating the account
does not bring one back; a new invitation is needed)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils.http import urlsafe_base64_encode

from lotrinh.accounts import mail as account_mail
from lotrinh.accounts import services
from lotrinh.accounts.models import Role, User
from tests.accounts.conftest import STRONG, link_in
from tests.conftest import client_for

SITE = "https://lotrinh.most.gov.vn"
DEAD = "không còn dùng được"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.LOTRINH_SITE_URL = SITE


def invite_lan(admin: User) -> User:
    return services.invite_user(
        admin, admin.agency, email="lan@moh.gov.vn", full_name="Lan", role=Role.REPORTER
    )


def works(link: str) -> bool:
    """Django swaps a valid token for a session key (302 to the form); a dead one gets
    the "no longer usable" page."""
    response = Client().get(link.removeprefix(SITE))
    if response.status_code == 302:
        return True
    assert DEAD in response.content.decode()
    return False


def test_a_resent_invitation_kills_the_earlier_link(
    agency_admin_a, django_capture_on_commit_callbacks
):
    lan = invite_lan(agency_admin_a)
    first = services.invitation_link(lan)
    assert works(first)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(agency_admin_a).post(
            reverse("accounts:user", args=[lan.pk]), {"action": "resend", "version": lan.version}
        )
    assert response.status_code == 302
    second = link_in(mail.outbox[-1].body)
    assert not works(first)
    assert works(second)


def test_a_deactivation_kills_the_link_for_good_and_a_new_invitation_works(agency_admin_a):
    lan = invite_lan(agency_admin_a)
    link = services.invitation_link(lan)
    lan = services.deactivate_user(agency_admin_a, lan, lan.version)
    assert not works(link)
    lan = services.reactivate_user(agency_admin_a, lan, lan.version)
    assert not works(link)  # reactivating does not revive it
    lan = services.resend_invitation(agency_admin_a, lan, lan.version)
    assert works(services.invitation_link(lan))


def test_a_reset_link_sent_before_a_deactivation_stays_dead_after_reactivation(
    agency_admin_a, officer_a
):
    uid = urlsafe_base64_encode(str(officer_a.pk).encode())
    token = services.reset_tokens.make_token(officer_a)
    link = SITE + reverse("accounts:password_reset_confirm", args=[uid, token])
    assert works(link)
    officer_a = services.deactivate_user(agency_admin_a, officer_a, officer_a.version)
    assert not works(link)
    services.reactivate_user(agency_admin_a, officer_a, officer_a.version)
    assert not works(link)
    officer_a.refresh_from_db()
    assert not officer_a.check_password(STRONG)


def test_an_invitation_queued_before_a_resend_or_a_deactivation_is_not_sent(agency_admin_a):
    lan = invite_lan(agency_admin_a)
    queued_serial = lan.link_serial
    lan = services.resend_invitation(agency_admin_a, lan, lan.version)
    mail.outbox.clear()
    # The first invitation's task, run late by the worker: its link would be valid now.
    assert account_mail.send_invitation.call(lan.pk, "Hoa", queued_serial) is False
    assert account_mail.send_invitation.call(lan.pk, "Hoa", lan.link_serial) is True
    before_deactivation = lan.link_serial
    lan = services.deactivate_user(agency_admin_a, lan, lan.version)
    services.reactivate_user(agency_admin_a, lan, lan.version)
    assert account_mail.send_invitation.call(lan.pk, "Hoa", before_deactivation) is False
    assert len(mail.outbox) == 1


def test_the_page_says_a_reactivated_invitee_needs_a_new_invitation(agency_admin_a):
    lan = invite_lan(agency_admin_a)
    lan = services.deactivate_user(agency_admin_a, lan, lan.version)
    client = client_for(agency_admin_a)
    response = client.post(
        reverse("accounts:user", args=[lan.pk]),
        {"action": "reactivate", "version": lan.version},
        follow=True,
    )
    page = response.content.decode()
    assert "Liên kết mời đã gửi trước đây không còn dùng được" in page
    assert 'id="resend-form"' in page
