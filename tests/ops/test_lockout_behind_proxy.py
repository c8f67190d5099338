"""The lock-out behind the reverse proxy the deployment guide puts in front of the site.

Every request then comes from the proxy's address (REMOTE_ADDR): counted per username and
that address, five wrong passwords from anyone on the Internet would lock MOST's monitor
out for everybody. Behind the proxy the client is the address the proxy appended to
X-Forwarded-For (its last entry); what a client writes there itself is ignored.
"""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

PROXY = "127.0.0.1"
ATTACKER = "203.0.113.66"
OWNER = "198.51.100.9"


def login(username: str, password: str, forwarded_for: str | None):
    extra = {"REMOTE_ADDR": PROXY}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return Client().post(
        reverse("accounts:login"), {"username": username, "password": password}, **extra
    )


@pytest.mark.django_db
@override_settings(LOTRINH_BEHIND_HTTPS_PROXY=True)
def test_behind_the_proxy_a_stranger_cannot_lock_the_owner_out(officer_a):
    for _ in range(6):
        login("officer_a", "wrong", ATTACKER)
    assert login("officer_a", "wrong", ATTACKER).status_code == 429
    assert login("officer_a", "pw-officer_a", OWNER).status_code == 302


@pytest.mark.django_db
@override_settings(LOTRINH_BEHIND_HTTPS_PROXY=True)
def test_behind_the_proxy_a_forged_forwarded_for_does_not_escape_the_lock(officer_a):
    # The proxy appends the address it saw: a client's own entries stay in front of it.
    for n in range(6):
        login("officer_a", "wrong", f"10.0.0.{n}, {ATTACKER}")
    assert login("officer_a", "pw-officer_a", f"10.9.9.9, {ATTACKER}").status_code == 429


@pytest.mark.django_db
def test_without_a_proxy_the_forwarded_for_header_is_ignored(officer_a):
    # Served directly, X-Forwarded-For is whatever the client wrote: never trusted.
    for n in range(6):
        login("officer_a", "wrong", f"10.0.0.{n}")
    assert login("officer_a", "pw-officer_a", OWNER).status_code == 429
