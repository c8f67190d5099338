"""The public home served whole from the cache to anonymous visitors (portal/page_cache.py):
the same page as a fresh rendering, the visitor's own CSRF token, the middleware's headers,
never a signed-in person's page, and every write that changes it seen by the next visitor."""

import copy
import re
from typing import Any
from unittest import mock

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from lotrinh.portal import page_cache
from lotrinh.programmes.models import Programme, ProgrammeLineage, ProgrammeStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

HOME = "/"
_TOKENS = re.compile(r'(csrfmiddlewaretoken" value="|"X-CSRFToken": ")[A-Za-z0-9]+')


def _html(response: Any) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(html: str) -> str:
    return _TOKENS.sub(r"\1TOKEN", html)


def _fresh(client: Client, path: str = HOME) -> Any:
    """The page rendered as it was before the cache (the cache bypassed)."""
    with mock.patch.object(page_cache, "_anonymous_and_plain", return_value=False):
        return client.get(path)


def _stored_keys() -> list[str]:
    return [k for k in cache._cache if ":portal:whole:" in k]  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    cache.clear()
    yield
    cache.clear()


def test_it_serves_the_page_a_fresh_rendering_gives_in_both_languages() -> None:
    for language in ("vi", "en"):
        client = Client()
        client.cookies["django_language"] = language
        fresh = _html(_fresh(client))
        first = client.get(HOME)  # rendered and stored
        second = client.get(HOME)  # from the cache
        assert _without_tokens(_html(first)) == _without_tokens(fresh)
        assert _without_tokens(_html(second)) == _without_tokens(fresh)
        assert f'<html lang="{language}">' in fresh
    assert reverse("programmes:overview", args=["50-nq-cp"]) in fresh
    assert len(_stored_keys()) == 2  # one page per language


def test_it_answers_from_the_cache_with_one_query_and_no_rendering(
    django_assert_num_queries: Any,
) -> None:
    from lotrinh.portal import views

    client = Client()
    with mock.patch.object(views, "render", wraps=views.render) as rendered:
        client.get(HOME)
        assert rendered.call_count == 1
        with django_assert_num_queries(1):  # the programmes' rows, the page's data version
            html = _html(client.get(HOME))
        assert rendered.call_count == 1
    assert "50/NQ-CP" in html


def test_each_answer_carries_the_visitors_own_working_csrf_token() -> None:
    client = Client(enforce_csrf_checks=True)
    first = client.get(HOME)
    assert "csrftoken" in first.cookies  # a new visitor gets the cookie, as on any page
    second = client.get(HOME)
    tokens = _TOKENS.findall(_html(second))
    assert len(tokens) == 2
    assert page_cache.PLACEHOLDER not in _html(first) + _html(second)
    token = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)', _html(second))
    assert token is not None
    other = re.search(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)', _html(first))
    assert other is not None and other.group(1) != token.group(1)  # masked anew each time
    switched = client.post(
        reverse("set_language"),
        {"language": "en", "next": HOME, "csrfmiddlewaretoken": token.group(1)},
    )
    assert switched.status_code == 302
    assert client.cookies["django_language"].value == "en"
    assert '<html lang="en">' in _html(client.get(HOME))


def test_the_middlewares_headers_are_on_every_answer() -> None:
    client = Client()
    fresh = _fresh(client)
    client.get(HOME)
    cached = client.get(HOME)
    for header in (
        "Content-Security-Policy",
        "X-Frame-Options",
        "Content-Language",
        "Vary",
        "Content-Type",
        "Referrer-Policy",
        "X-Content-Type-Options",
    ):
        assert cached[header] == fresh[header], header
    assert "script-src 'self'" in cached["Content-Security-Policy"]
    assert cached["X-Request-Id"] != fresh["X-Request-Id"]


def test_a_signed_in_person_never_gets_nor_leaves_a_cached_page(officer_a: Any) -> None:
    Client().get(HOME)  # stored for the public
    stored = _stored_keys()
    signed_in = client_for(officer_a)
    html = _html(signed_in.get(HOME))
    assert officer_a.full_name in html and "whoami" in html
    assert _stored_keys() == stored
    cache.clear()
    _html(signed_in.get(HOME))
    assert _stored_keys() == []
    assert officer_a.full_name not in _html(Client().get(HOME))


def test_a_visitor_with_a_message_waiting_gets_it_and_it_is_never_stored() -> None:
    request = HttpRequest()
    storage = CookieStorage(request)
    encoded = storage._encode([Message(constants.SUCCESS, "Đã đăng xuất THÔNGBÁO42.")])
    client = Client()
    client.cookies["messages"] = encoded
    assert "THÔNGBÁO42" in _html(client.get(HOME))
    assert _stored_keys() == []
    assert "THÔNGBÁO42" not in _html(Client().get(HOME))


def test_a_query_string_is_rendered_as_usual_and_not_stored() -> None:
    html = _html(Client().get(HOME + "?tu-khoa=x"))
    assert 'name="next" type="hidden" value="/?tu-khoa=x"' in html
    assert _stored_keys() == []


def test_a_saved_programme_is_seen_by_the_next_visitor() -> None:
    visitor = Client()
    visitor.get(HOME)
    programme = Programme.objects.get(code="50/NQ-CP", status=ProgrammeStatus.PUBLISHED)
    programme.title = "Trích yếu MỚI-SỬA-77"
    programme.save()
    assert "MỚI-SỬA-77" in _html(Client().get(HOME))
    assert "MỚI-SỬA-77" in _html(visitor.get(HOME))


def test_a_write_that_sends_no_signal_is_seen_too_and_the_old_page_comes_back() -> None:
    before = _html(Client().get(HOME))
    Programme.objects.filter(code="50/NQ-CP").update(code="50/NQ-CP-ĐỔI")
    assert "50/NQ-CP-ĐỔI" in _html(Client().get(HOME))
    Programme.objects.filter(code="50/NQ-CP-ĐỔI").update(code="50/NQ-CP")
    again = _html(Client().get(HOME))
    assert "50/NQ-CP-ĐỔI" not in again
    assert _without_tokens(again) == _without_tokens(before)


def test_the_rendering_stored_is_that_of_the_rows_it_is_keyed_on() -> None:
    """A write committed while a page is rendered cannot leave the new page under the
    old rows' key: the page is rendered from the rows its key was computed from."""
    from lotrinh.portal import views

    original = views._programmes.objects_from

    def write_meanwhile(rows: Any) -> Any:
        objects = original(rows)
        Programme.objects.filter(code="50/NQ-CP").update(title="GHI-GIỮA-CHỪNG")
        return objects

    with mock.patch.object(views._programmes, "objects_from", write_meanwhile):
        first = _html(Client().get(HOME))
    assert "GHI-GIỮA-CHỪNG" not in first
    assert "GHI-GIỮA-CHỪNG" in _html(Client().get(HOME))


def test_a_programme_added_or_deleted_is_seen_by_the_next_visitor() -> None:
    Client().get(HOME)
    seed = Programme.objects.get(code="50/NQ-CP", status=ProgrammeStatus.PUBLISHED)
    added = Programme.objects.create(
        code="99/NQ-CP",
        slug="99-nq-cp",
        kind=seed.kind,
        lineage=ProgrammeLineage.NATIONAL,
        title="Chương trình thêm",
        issue_date=seed.issue_date,
        status=ProgrammeStatus.PUBLISHED,
    )
    assert "99/NQ-CP" in _html(Client().get(HOME))
    added.delete()
    assert "99/NQ-CP" not in _html(Client().get(HOME))


def test_a_new_version_imported_replaces_the_old_one_for_the_next_visitor() -> None:
    from lotrinh.programmes.exporters import programme_to_data
    from lotrinh.programmes.loader import load_data

    Client().get(HOME)
    programme = Programme.objects.get(code="50/NQ-CP", status=ProgrammeStatus.PUBLISHED)
    data = copy.deepcopy(programme_to_data(programme))
    data["programme"]["title"] = "Phiên bản mới PHIENBAN2-88"
    new, created = load_data(data, source="50-NQ-CP-phien-ban-2.json")
    assert created and new.version == programme.version + 1
    html = _html(Client().get(HOME))
    assert "PHIENBAN2-88" in html
    assert html.count(reverse("programmes:overview", args=[new.slug])) >= 1


def test_a_changed_template_or_translation_is_another_build(tmp_path) -> None:
    """A deploy that changes a template or a translation, but no static file, must not
    serve the page stored by the previous build (the cache outlives a process)."""
    from lotrinh.portal.page_cache import source_digest

    template = tmp_path / "portal" / "templates" / "portal" / "home.html"
    template.parent.mkdir(parents=True)
    template.write_text("<h1>Trang chủ</h1>", encoding="utf-8")
    mo = tmp_path / "portal" / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"\x00one")
    first = source_digest(tmp_path)
    assert source_digest(tmp_path) == first
    template.write_text("<h1>Trang chủ mới</h1>", encoding="utf-8")
    second = source_digest(tmp_path)
    assert second != first
    mo.write_bytes(b"\x00two")
    assert source_digest(tmp_path) not in (first, second)
