"""Accounts: lock-out after wrong passwords, the password rules, the hasher, request ids."""

import pytest
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent

LOGIN = "accounts:login"
LOCKED_VI = "tạm thời bị khoá vì nhập sai mật khẩu quá nhiều lần"


def try_login(client: Client, username: str, password: str, language: str = "vi"):
    return client.post(
        reverse(LOGIN),
        {"username": username, "password": password},
        HTTP_ACCEPT_LANGUAGE=language,
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.mark.django_db
def test_thirty_wrong_passwords_then_the_right_one_is_still_refused_with_a_message(officer_a):
    client = Client()
    for _ in range(30):
        try_login(client, "officer_a", "not-the-password")
    response = try_login(client, "officer_a", "pw-officer_a")
    assert response.status_code == 429
    body = response.content.decode()
    assert LOCKED_VI in body
    assert "15 phút" in body
    assert '<form method="post"' in body  # the login page, not a bare error page
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_for_that_address_only(officer_a):
    client = Client()
    for _ in range(4):
        assert try_login(client, "officer_a", "wrong").status_code == 200
    assert try_login(client, "officer_a", "wrong").status_code == 429
    assert try_login(client, "officer_a", "pw-officer_a").status_code == 429
    other_address = Client().post(
        reverse(LOGIN),
        {"username": "officer_a", "password": "pw-officer_a"},
        REMOTE_ADDR="198.51.100.9",
    )
    assert other_address.status_code == 302


@pytest.mark.django_db
def test_fewer_wrong_passwords_than_the_limit_then_the_right_one_logs_in(officer_a):
    client = Client()
    for _ in range(3):
        try_login(client, "officer_a", "wrong")
    assert try_login(client, "officer_a", "pw-officer_a").status_code == 302


@pytest.mark.django_db
def test_the_lock_out_message_speaks_english_on_the_english_page(officer_a):
    client = Client()
    client.cookies["django_language"] = "en"
    for _ in range(6):
        try_login(client, "officer_a", "wrong", language="en")
    response = try_login(client, "officer_a", "pw-officer_a", language="en")
    assert response.status_code == 429
    assert 'lang="en"' in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password",
    ["12345678", "123456789012", "password1234", "short-1A!", "officer_a_2026"],
)
def test_weak_passwords_are_refused(officer_a, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=officer_a)


@pytest.mark.django_db
def test_a_long_unusual_passphrase_is_accepted(officer_a):
    validate_password("mây trắng bay qua đồi chè 7", user=officer_a)


@pytest.mark.django_db
def test_password_rule_messages_follow_the_page_language(officer_a):
    with translation.override("vi"), pytest.raises(ValidationError) as vi:
        validate_password("12345678", user=officer_a)
    with translation.override("en"), pytest.raises(ValidationError) as en:
        validate_password("12345678", user=officer_a)
    assert "Mật khẩu quá ngắn: cần ít nhất 12 ký tự." in vi.value.messages
    assert "Mật khẩu không được chỉ gồm chữ số." in vi.value.messages
    assert not any("password" in m.lower() for m in vi.value.messages), vi.value.messages
    # English comes from the compiled catalogue (the lead compiles i18n-pending/ops.json).
    assert len(en.value.messages) == 3


@override_settings(
    PASSWORD_HASHERS=[
        "lotrinh.accounts.hashers.LotrinhArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
def test_new_passwords_are_hashed_with_argon2id_and_old_pbkdf2_hashes_still_work():
    encoded = make_password("mây trắng bay qua đồi chè 7")
    assert encoded.startswith("argon2$argon2id$")
    assert identify_hasher(encoded).algorithm == "argon2"
    legacy = make_password("old password 2019", salt="somesalt", hasher="pbkdf2_sha256")
    assert check_password("old password 2019", legacy)
    assert not check_password("wrong", legacy)
    assert identify_hasher(legacy).algorithm == "pbkdf2_sha256"


@override_settings(
    PASSWORD_HASHERS=[
        "lotrinh.accounts.hashers.LotrinhArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
)
@pytest.mark.django_db
def test_an_old_hash_is_upgraded_to_argon2id_at_the_next_login(officer_a):
    officer_a.password = make_password("old password 2019", hasher="pbkdf2_sha256")
    officer_a.save()
    response = Client().post(
        reverse(LOGIN), {"username": "officer_a", "password": "old password 2019"}
    )
    assert response.status_code == 302
    officer_a.refresh_from_db()
    assert officer_a.password.startswith("argon2$argon2id$")


@pytest.mark.django_db
def test_the_request_id_is_made_by_the_server_not_taken_from_the_client(client):
    response = client.get("/", HTTP_X_REQUEST_ID="forged-by-the-client")
    assert response["X-Request-Id"] != "forged-by-the-client"
    assert len(response["X-Request-Id"]) == 32


@pytest.mark.django_db
def test_a_very_long_request_id_header_does_not_break_an_audited_write(admin_user):
    agency = Agency.objects.get(code="bo-y-te")
    client = Client()
    client.force_login(admin_user)
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
    data.update(
        {
            "name_vi": agency.name_vi,
            "abbreviation": "BYT-X",
            "valid_from": agency.valid_from.isoformat() if agency.valid_from else "",
            "valid_to": agency.valid_to.isoformat() if agency.valid_to else "",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        }
    )
    for prefix in ("aliases", "agencyalias_set"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    response = client.post(url, data, HTTP_X_REQUEST_ID="r" * 500)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.agency.changed", object_id=str(agency.pk))
    assert len(event.request_id) == 32
    assert event.request_id != "r" * 500
    assert User.objects.filter(pk=admin_user.pk).exists()
