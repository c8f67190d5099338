"""Forgotten passwords: a one-time link by e-mail, the same answer for any address."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from lotrinh.accounts.models import User
from lotrinh.core.models import AuditEvent
from tests.accounts.conftest import STRONG, link_in

SITE = "https://lotrinh.most.gov.vn"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("settings_site")]


@pytest.fixture
def settings_site(settings):
    settings.LOTRINH_SITE_URL = SITE


def ask_reset(client: Client, email: str, language: str = "vi"):
    return client.post(
        reverse("accounts:password_reset"), {"email": email}, HTTP_ACCEPT_LANGUAGE=language
    )


def follow_link(client: Client, link: str, password: str = STRONG, again: str | None = None):
    """Open the e-mailed link (Django swaps the token for a session key) and set a password."""
    path = link.removeprefix(SITE)
    opened = client.get(path)
    assert opened.status_code == 302, opened
    return client.post(
        opened["Location"], {"new_password1": password, "new_password2": again or password}
    )


def test_the_login_page_links_to_the_reset_page():
    body = Client().get(reverse("accounts:login")).content.decode()
    assert reverse("accounts:password_reset") in body
    assert "Quên mật khẩu?" in body


def test_a_known_address_gets_an_absolute_one_time_link(officer_a):
    client = Client()
    response = ask_reset(client, "OFFICER_A@example.test")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer_a@example.test"]
    assert "Đặt lại mật khẩu" in message.subject
    link = link_in(message.body)
    assert link.startswith(SITE + "/tai-khoan/dat-lai-mat-khau/")
    assert "officer_a" in message.body  # the username, which people forget too

    done = follow_link(client, link)
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password_reset_complete")
    officer_a.refresh_from_db()
    assert officer_a.check_password(STRONG)
    assert AuditEvent.objects.filter(action="account.password_reset", object_id=str(officer_a.pk))
    # The link is used: a second visit says so, and sets nothing.
    again = Client().get(link.removeprefix(SITE))
    assert again.status_code == 200
    assert "không còn dùng được" in again.content.decode()


def test_an_unknown_address_gets_the_very_same_answer_and_no_mail(officer_a):
    known = ask_reset(Client(), "officer_a@example.test")
    mail.outbox.clear()
    unknown = ask_reset(Client(), "nobody@example.test")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox == []
    page = Client().get(unknown["Location"]).content.decode()
    assert "Nếu địa chỉ bạn nhập có tài khoản đang hoạt động" in page


def test_deactivated_and_invited_accounts_get_no_reset_mail(officer_a, approver_a):
    officer_a.is_active = False
    officer_a.save()
    approver_a.set_unusable_password()  # an invitation not yet accepted
    approver_a.save()
    for address in ("officer_a@example.test", "approver_a@example.test"):
        assert ask_reset(Client(), address).status_code == 302
    assert mail.outbox == []


def test_the_new_password_must_follow_the_rules(officer_a):
    client = Client()
    ask_reset(client, "officer_a@example.test")
    path = link_in(mail.outbox[0].body).removeprefix(SITE)
    form_url = client.get(path)["Location"]
    for weak, expected in [
        ("ngan-qua", "quá ngắn"),
        ("123456789012345", "chỉ gồm chữ số"),
        ("officer_a_2026", "quá giống"),
    ]:
        response = client.post(form_url, {"new_password1": weak, "new_password2": weak})
        assert response.status_code == 200
        assert expected in response.content.decode(), weak
    mismatch = client.post(form_url, {"new_password1": STRONG, "new_password2": STRONG + "x"})
    assert "Hai mật khẩu không khớp nhau." in mismatch.content.decode()
    officer_a.refresh_from_db()
    assert officer_a.check_password("pw-officer_a")


def test_an_expired_link_no_longer_works(officer_a, settings):
    settings.PASSWORD_RESET_TIMEOUT = 3600
    with time_machine.travel(datetime.datetime(2026, 11, 2, 8, 0, tzinfo=datetime.UTC)):
        ask_reset(Client(), "officer_a@example.test")
    path = link_in(mail.outbox[0].body).removeprefix(SITE)
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9, 30, tzinfo=datetime.UTC)):
        page = Client().get(path)
    assert page.status_code == 200
    assert "không còn dùng được" in page.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_reset_lifts_a_lock_out(officer_a):
    for _ in range(4):
        Client().post(
            reverse("accounts:login"),
            {"username": "officer_a", "password": "sai"},
            REMOTE_ADDR="203.0.113.7",
        )
    client = Client()
    ask_reset(client, "officer_a@example.test")
    follow_link(client, link_in(mail.outbox[0].body))
    login = Client().post(
        reverse("accounts:login"),
        {"username": "officer_a", "password": STRONG},
        REMOTE_ADDR="203.0.113.7",
    )
    assert login.status_code == 302


def test_the_reset_mail_speaks_english_to_an_english_page(officer_a):
    client = Client()
    client.cookies["django_language"] = "en"
    ask_reset(client, "officer_a@example.test", language="en")
    assert link_in(mail.outbox[0].body).startswith(SITE)


def test_a_signed_in_user_changes_her_password(officer_a):
    client = Client()
    client.force_login(officer_a)
    page = client.get(reverse("portal:home")).content.decode()
    assert reverse("accounts:password_change") in page  # in the user menu
    wrong = client.post(
        reverse("accounts:password_change"),
        {"old_password": "sai", "new_password1": STRONG, "new_password2": STRONG},
    )
    assert wrong.status_code == 200
    assert "Mật khẩu hiện tại không đúng" in wrong.content.decode()
    short = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw-officer_a", "new_password1": "ngan", "new_password2": "ngan"},
    )
    assert "quá ngắn" in short.content.decode()
    done = client.post(
        reverse("accounts:password_change"),
        {"old_password": "pw-officer_a", "new_password1": STRONG, "new_password2": STRONG},
    )
    assert done["Location"] == reverse("accounts:password_change_done")
    assert User.objects.get(pk=officer_a.pk).check_password(STRONG)
    assert client.get(reverse("accounts:password_change_done")).status_code == 200  # still in
    assert AuditEvent.objects.filter(action="account.password_changed").count() == 1


def test_password_change_asks_anonymous_visitors_to_sign_in():
    response = Client().get(reverse("accounts:password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_request_only_queues_the_mail_by_id_and_the_worker_sends_it(officer_a, settings):
    from django_tasks_db.models import DBTaskResult

    from lotrinh.accounts import mail as account_mail

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ask_reset(Client(), "officer_a@example.test", language="en")
    ask_reset(Client(), "nobody@example.test")
    assert mail.outbox == []  # nothing leaves inside the request
    queued, for_nobody = DBTaskResult.objects.order_by("enqueued_at")
    assert queued.task_path.endswith("send_password_reset")
    assert queued.args_kwargs["args"] == [officer_a.pk, "en"]  # an id, no token
    assert for_nobody.args_kwargs["args"] == [None, "vi"]  # the same work for nobody
    assert account_mail.send_password_reset.call(officer_a.pk, "en") is True
    assert link_in(mail.outbox[0].body).startswith(SITE)
    # Deactivated between the request and the worker's turn: nothing is sent.
    officer_a.is_active = False
    officer_a.save()
    assert account_mail.send_password_reset.call(officer_a.pk, "vi") is False
    assert len(mail.outbox) == 1
