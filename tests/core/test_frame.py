"""The site's frame written directly (lotrinh/core/frame.py, portal/nav.py) shows what
the template it replaced showed, for each persona and language, with a live unread count,
in three queries for a signed-in person (session, person with agency, unread count)."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from lotrinh.accounts.models import Role
from lotrinh.core.frame import unread_count
from lotrinh.reporting.models import Notification
from tests.conftest import MOST, client_for, make_user
from tests.core.frame_urls import SEPARATOR

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.frame_urls")]

# The body's words for failed htmx requests (static/js/site.js) came after the reference
# template; test_failure_words_are_on_the_body checks them.
_FAILURE_WORDS = re.compile(r' data-(?:fail|login)-[a-z0-9-]+="[^"]*"')
_TOKEN = re.compile(r'(value="|"X-CSRFToken": ")[A-Za-z0-9]{32,64}"')


def _normal(html: str) -> str:
    """The page with its CSRF tokens (a new mask on every page) made equal and every run
    of white space made one space (the template's blank lines)."""
    html = _FAILURE_WORDS.sub("", html)
    return re.sub(r"\s+", " ", _TOKEN.sub(r'\1TOKEN"', html)).strip()


def _both(client: Client, query: str = "") -> tuple[str, str]:
    response = client.get("/__frame__/" + query)
    assert response.status_code == 200
    framed, reference = response.content.decode().split(SEPARATOR)
    return _normal(framed), _normal(reference)


def _set_language(client: Client, language: str) -> None:
    client.cookies["django_language"] = language


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "persona", ["anonymous", "officer_a", "most_monitor", "admin_user", "oversight_reader"]
)
def test_it_shows_what_the_template_showed(
    request: pytest.FixtureRequest, persona: str, language: str
) -> None:
    if persona == "anonymous":
        client = Client()
    else:
        user = request.getfixturevalue(persona)
        client = client_for(user)
        Notification.objects.create(user=user, message="Một", link="/")
        Notification.objects.create(user=user, message="Hai", link="/")
    _set_language(client, language)
    framed, reference = _both(client, "?x=1&y=%3Cb%3E")
    assert framed == reference
    assert f'<html lang="{language}">' in framed
    if persona != "anonymous":
        assert 'id="nav-unread">2<' in framed
        assert "whoami-agency" in framed
    else:
        assert "?next=/__frame__/" in framed


def test_it_shows_messages_as_the_template_did(officer_a: object) -> None:
    client = client_for(officer_a)  # type: ignore[arg-type]
    framed, reference = _both(client, "?message=%3Ci%3EĐã+lưu%3C/i%3E")
    assert framed == reference
    assert "msg msg-success" in framed and "&lt;i&gt;Đã lưu" in framed


def test_a_person_without_an_agency_has_no_agency_on_their_line(db: None) -> None:
    user = make_user("no_agency", MOST, Role.OVERSIGHT)
    user.agency = None
    user.save()
    framed, reference = _both(client_for(user))
    assert framed == reference
    assert "whoami-agency" not in framed


def test_the_unread_count_is_live(officer_a: object) -> None:
    client = client_for(officer_a)  # type: ignore[arg-type]
    assert "nav-unread" not in client.get("/__framed__/").content.decode()
    note = Notification.objects.create(user=officer_a, message="Mới", link="/")
    assert 'id="nav-unread">1<' in client.get("/__framed__/").content.decode()
    Notification.objects.filter(pk=note.pk).update(read_at=note.created_at)
    assert "nav-unread" not in client.get("/__framed__/").content.decode()


def test_the_unread_count_is_the_orms(officer_a: object, most_monitor: object) -> None:
    for i in range(3):
        Notification.objects.create(user=officer_a, message=str(i), link="/")
    Notification.objects.create(user=most_monitor, message="x", link="/")
    Notification.objects.filter(user=officer_a, message="0").update(read_at="2026-01-01T00:00Z")
    for user in (officer_a, most_monitor):
        orm = Notification.objects.filter(user=user, read_at__isnull=True).count()
        assert unread_count(user) == orm


def test_a_signed_in_frame_costs_three_queries(officer_a: object) -> None:
    client = client_for(officer_a)  # type: ignore[arg-type]
    client.get("/__framed__/")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/__framed__/").content.decode()
    assert "whoami-agency" in page
    assert len(queries) == 3, [q["sql"] for q in queries]


def test_an_anonymous_frame_costs_no_query(client: Client) -> None:
    client.get("/__framed__/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/__framed__/")
    assert len(queries) == 0


def test_an_expired_session_signs_nobody_in(officer_a: object) -> None:
    client = client_for(officer_a)  # type: ignore[arg-type]
    Session.objects.update(expire_date="2000-01-01T00:00Z")
    page = client.get("/__framed__/").content.decode()
    assert "whoami" not in page and "?next=" in page


def test_an_inactive_person_is_signed_out(officer_a: object) -> None:
    client = client_for(officer_a)  # type: ignore[arg-type]
    type(officer_a).objects.filter(pk=officer_a.pk).update(is_active=False)  # type: ignore[attr-defined]
    assert "whoami" not in client.get("/__framed__/").content.decode()


@override_settings(LANGUAGE_CODE="vi")
def test_a_changed_password_signs_the_other_sessions_out(officer_a: object) -> None:
    client = client_for(officer_a)  # type: ignore[arg-type]
    officer_a.set_password("another-password-1")  # type: ignore[attr-defined]
    officer_a.save()  # type: ignore[attr-defined]
    assert "whoami" not in client.get("/__framed__/").content.decode()


def test_a_session_opened_under_djangos_model_backend_stays_signed_in(officer_a: object) -> None:
    """Sessions written before the person was loaded with their agency name Django's model
    backend: deploying the new backend must not sign everybody out."""
    from django.contrib.auth import BACKEND_SESSION_KEY

    from lotrinh.core.sessions import SessionStore

    client = client_for(officer_a)  # type: ignore[arg-type]
    key = client.cookies["sessionid"].value
    store = SessionStore(session_key=key)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store.save()
    assert "whoami" in client.get("/__framed__/").content.decode()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_failure_words_are_on_the_body(client: Client, language: str) -> None:
    """static/js/site.js reads what to say when an htmx request fails from the body, in
    the page's language; the page without them would fail silently."""
    from django.utils import translation

    _set_language(client, language)
    body = re.search(r"<body[^>]*>", client.get("/__framed__/").content.decode())
    assert body is not None
    words = dict(re.findall(r' data-((?:fail|login)-[a-z-]+)="([^"]*)"', body.group(0)))
    assert set(words) == {
        "fail-too-large",
        "fail-session",
        "fail-forbidden",
        "fail-server",
        "fail-other",
        "fail-network",
        "fail-file",
        "login-url",
        "login-text",
    }
    with translation.override(language):
        expected = translation.gettext(
            "Phiên làm việc đã hết hạn nên chưa lưu được. Hãy đăng nhập lại ở thẻ mới rồi "
            "quay lại đây bấm lưu lần nữa; nội dung bạn đã nhập vẫn còn trên trang này."
        )
    assert words["fail-session"] == expected
    assert "{status}" in words["fail-server"] and "{name}" in words["fail-file"]
    assert words["login-url"] == "/tai-khoan/dang-nhap/"
