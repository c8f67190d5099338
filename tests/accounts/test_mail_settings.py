"""E-mail and the site address come from the environment; bad values fail loudly."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lotrinh.core.mailconfig import FILE, LOCMEM, SMTP, email_settings, site_url

VAR = Path("/srv/lotrinh/var")


def settings_for(env: dict[str, str], testing: bool = False) -> dict:
    return email_settings(env, testing=testing, var_dir=VAR)


def test_nothing_configured_writes_mail_to_files_under_var():
    values = settings_for({})
    assert values["EMAIL_BACKEND"] == FILE
    assert values["EMAIL_FILE_PATH"] == VAR / "mail"
    assert values["DEFAULT_FROM_EMAIL"] == "lotrinh@localhost"


def test_an_smtp_url_with_starttls_on_587():
    values = settings_for(
        {"LOTRINH_EMAIL_URL": "smtp://bao.cao%40most.gov.vn:p%40ss:w0rd@mail.most.gov.vn:587"}
    )
    assert values["EMAIL_BACKEND"] == SMTP
    assert values["EMAIL_HOST"] == "mail.most.gov.vn"
    assert values["EMAIL_PORT"] == 587
    assert values["EMAIL_HOST_USER"] == "bao.cao@most.gov.vn"
    assert values["EMAIL_HOST_PASSWORD"] == "p@ss:w0rd"
    assert values["EMAIL_USE_TLS"] is True
    assert values["EMAIL_USE_SSL"] is False


def test_smtps_means_tls_from_the_first_byte_on_465():
    values = settings_for({"LOTRINH_EMAIL_URL": "smtps://u:p@mail.example.org"})
    assert (values["EMAIL_PORT"], values["EMAIL_USE_SSL"], values["EMAIL_USE_TLS"]) == (
        465,
        True,
        False,
    )


def test_a_relay_on_port_25_without_tls_when_asked():
    values = settings_for({"LOTRINH_EMAIL_URL": "smtp://relay.local:25?tls=0"})
    assert (values["EMAIL_PORT"], values["EMAIL_USE_TLS"], values["EMAIL_HOST_USER"]) == (
        25,
        False,
        "",
    )


def test_the_email_url_wins_over_email_host():
    values = settings_for(
        {"LOTRINH_EMAIL_URL": "smtp://a.example.org:2525", "EMAIL_HOST": "b.example.org"}
    )
    assert values["EMAIL_HOST"] == "a.example.org"
    assert values["EMAIL_PORT"] == 2525


def test_separate_email_host_variables():
    values = settings_for(
        {
            "EMAIL_HOST": "smtp.gov.vn",
            "EMAIL_PORT": "587",
            "EMAIL_HOST_USER": "lotrinh",
            "EMAIL_HOST_PASSWORD": "bí mật",
            "DEFAULT_FROM_EMAIL": "Lộ trình <lotrinh@most.gov.vn>",
        }
    )
    assert values["EMAIL_BACKEND"] == SMTP
    assert values["EMAIL_USE_TLS"] is True
    assert values["EMAIL_HOST_PASSWORD"] == "bí mật"
    assert values["DEFAULT_FROM_EMAIL"] == "Lộ trình <lotrinh@most.gov.vn>"
    assert values["SERVER_EMAIL"] == "Lộ trình <lotrinh@most.gov.vn>"


def test_a_file_url_and_a_console_url():
    assert settings_for({"LOTRINH_EMAIL_URL": "file:///tmp/thu"})["EMAIL_FILE_PATH"] == Path(
        "/tmp/thu"
    )
    assert settings_for({"LOTRINH_EMAIL_URL": "console://"})["EMAIL_BACKEND"].endswith(
        "console.EmailBackend"
    )


def test_tests_keep_mail_in_memory_even_with_an_smtp_server_configured():
    assert settings_for({"LOTRINH_EMAIL_URL": "smtp://mail.example.org"}, testing=True)[
        "EMAIL_BACKEND"
    ] == (LOCMEM)


@pytest.mark.parametrize(
    "env",
    [
        {"LOTRINH_EMAIL_URL": "http://mail.example.org"},
        {"LOTRINH_EMAIL_URL": "smtp://"},
        {"LOTRINH_EMAIL_URL": "smtp://mail.example.org:99999"},
        {"LOTRINH_EMAIL_URL": "smtp://mail.example.org?tls=perhaps"},
        {"EMAIL_HOST": "mail.example.org", "EMAIL_PORT": "hai lăm"},
        {"EMAIL_HOST": "mail.example.org", "EMAIL_USE_TLS": "1", "EMAIL_USE_SSL": "1"},
    ],
)
def test_bad_values_fail_loudly(env):
    with pytest.raises(ImproperlyConfigured):
        settings_for(env)


def test_the_site_url_default_and_trailing_slash():
    assert site_url({}) == "http://127.0.0.1:8000"
    assert site_url({"LOTRINH_SITE_URL": "https://lotrinh.most.gov.vn/"}) == (
        "https://lotrinh.most.gov.vn"
    )


@pytest.mark.parametrize("raw", ["lotrinh.most.gov.vn", "ftp://x.vn", "https://x.vn/?a=1"])
def test_a_bad_site_url_fails_loudly(raw):
    with pytest.raises(ImproperlyConfigured):
        site_url({"LOTRINH_SITE_URL": raw})


def test_check_deploy_warns_about_a_local_or_plain_http_site_url(settings):
    from lotrinh.accounts.checks import site_url_is_public

    settings.LOTRINH_SITE_URL = "http://127.0.0.1:8000"
    assert [w.id for w in site_url_is_public()] == ["lotrinh.W001"]
    settings.HTTPS = True
    settings.LOTRINH_SITE_URL = "http://lotrinh.most.gov.vn"
    assert [w.id for w in site_url_is_public()] == ["lotrinh.W002"]
    settings.LOTRINH_SITE_URL = "https://lotrinh.most.gov.vn"
    assert site_url_is_public() == []
