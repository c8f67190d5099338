"""Whole pages served again while their queries give the same rows (core/replay_cache.py):
the page a fresh rendering gives, the visitor's own CSRF token, the same queries on a hit
as on a miss, a write seen by the next visitor whatever its path, and nothing stored that
a rendering could not give again (a message, a cookie, another answer than 200)."""

import datetime
import re
from typing import Any
from unittest import mock

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import connection
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.core import replay_cache
from lotrinh.programmes.models import Programme, Task
from tests.conftest import client_for
from tests.replay import empty_cache  # noqa: F401  (autouse: each test with an empty cache)
from tests.replay import fresh as _fresh
from tests.replay import html as _html

pytestmark = pytest.mark.django_db


def _programme() -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status="published")


def _pages() -> list[str]:
    programme = _programme()
    agency = Agency.objects.get(code="bo-y-te")
    return [
        reverse("programmes:overview", args=[programme.slug]),
        reverse("programmes:tasks", args=[programme.slug]),
        reverse("programmes:timeline", args=[programme.slug]),
        reverse("agencies:detail", args=[agency.code]),
        reverse("indicators:overview"),
    ]


class Renders:
    """How many times pages were rendered (not served from the cache)."""

    def __enter__(self) -> "Renders":
        self.patch = mock.patch.object(replay_cache, "_render", wraps=replay_cache._render)
        self.spy = self.patch.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.patch.__exit__(*exc)

    @property
    def count(self) -> int:
        return self.spy.call_count


def _queries(client: Client, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured.captured_queries), response


@pytest.mark.parametrize("language", ["vi", "en"])
def test_it_serves_the_page_a_fresh_rendering_gives_with_the_same_queries(
    language: str, officer_a: Any
) -> None:
    for client in (Client(), client_for(officer_a)):
        client.cookies["django_language"] = language
        for url in _pages():
            fresh = _html(_fresh(client, url))
            with Renders() as renders:
                missed, first = _queries(client, url)
                hit, second = _queries(client, url)
            assert renders.count == 1, url  # the second was served from the cache
            assert _html(first) == fresh and _html(second) == fresh, url
            assert hit == missed, url  # its own queries, replayed


def test_each_answer_has_the_visitors_own_csrf_token() -> None:
    url = _pages()[0]
    first, second = Client(), Client()
    assert first.get(url).status_code == 200  # stored
    with Renders() as renders:
        response = second.get(url)
    assert renders.count == 0
    html = response.content.decode()
    assert replay_cache._PLACEHOLDER.decode() not in html
    tokens = set(re.findall(r'csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', html))
    assert tokens
    secret = second.cookies["csrftoken"].value  # set on this answer, as on any page with a form
    assert {_unmask_cipher_token(t) for t in tokens} == {secret}
    assert secret != first.cookies["csrftoken"].value


def test_a_write_without_a_signal_is_seen_by_the_next_visitor() -> None:
    programme = _programme()
    task = programme.tasks.order_by("position").first()
    assert task is not None
    url = reverse("programmes:tasks", args=[programme.slug])
    client = Client()
    assert client.get(url).status_code == 200  # stored
    Task.objects.filter(pk=task.pk).update(text="Nhiệm vụ đổi tên không qua tín hiệu")
    with Renders() as renders:
        missed, response = _queries(client, url)
    assert renders.count == 1
    assert "Nhiệm vụ đổi tên không qua tín hiệu" in response.content.decode()
    with mock.patch.object(replay_cache, "_cacheable", return_value=False):
        rendering, fresh = _queries(client, url)
    assert _html(response) == _html(fresh)
    # The queries replayed up to the change, then the rendering's: never more than twice.
    assert rendering < missed <= 2 * rendering


def test_a_signed_in_page_is_never_served_to_another_person(officer_a: Any, officer_b: Any) -> None:
    url = _pages()[0]
    mine = client_for(officer_a).get(url).content.decode()
    assert officer_a.full_name in mine
    with Renders() as renders:
        theirs = client_for(officer_b).get(url).content.decode()
        anonymous = Client().get(url).content.decode()
    assert renders.count == 2
    assert officer_a.full_name not in theirs and officer_b.full_name in theirs
    assert officer_a.full_name not in anonymous


def test_a_change_of_the_persons_role_or_agency_is_another_page(officer_a: Any) -> None:
    url = _pages()[0]
    client = client_for(officer_a)
    client.get(url)
    type(officer_a).objects.filter(pk=officer_a.pk).update(
        agency=Agency.objects.get(code="bo-tai-chinh")
    )
    with Renders() as renders:
        html = client.get(url).content.decode()
    assert renders.count == 1
    assert "Bộ Tài chính" in html


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page_and_the_message(
    settings: Any,
) -> None:
    url = _pages()[0]
    Client().get(url)  # stored
    client = Client()
    storage = CookieStorage(mock.Mock())
    client.cookies[CookieStorage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "Đã lưu thông điệp")]
    )
    with Renders() as renders:
        html = client.get(url).content.decode()
    assert renders.count == 0  # not through the cache at all
    assert "Đã lưu thông điệp" in html


def test_nothing_is_stored_but_a_plain_answer_of_a_select_only_page() -> None:
    url = _pages()[0]
    client = Client()
    with mock.patch.object(replay_cache.cache, "set") as stored:
        client.get(url + "khong-co/")  # 404
        client.post(url)
        client.get(reverse("programmes:overview", args=["khong-co"]))
    assert not stored.called
    assert not [k for k in cache._cache if ":replay:" in k]  # type: ignore[attr-defined]


def test_the_rows_recorded_are_those_the_page_fetched() -> None:
    recorder = replay_cache._Recorder()
    with connection.execute_wrapper(recorder):
        names = list(Agency.objects.order_by("pk").values_list("code", flat=True)[:3])
        first = Agency.objects.order_by("pk").values_list("code", flat=True).first()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            assert cursor.fetchone() == (1,)
    assert [[r[0] for r in q[2]] for q in recorder.queries] == [names, [first], [1]]
    assert recorder.only_reads
    with connection.execute_wrapper(recorder):
        Agency.objects.filter(pk=-1).update(code="x")
    assert not recorder.only_reads


def test_another_language_day_or_htmx_request_is_another_page() -> None:
    programme = _programme()
    url = reverse("programmes:tasks", args=[programme.slug])
    client = Client()
    vietnamese = _html(client.get(url))  # stored
    english_client = Client()
    english_client.cookies["django_language"] = "en"
    with Renders() as renders:
        english = english_client.get(url)
        fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert renders.count == 2
    assert _html(english) != vietnamese and 'lang="en"' in english.content.decode()
    assert "<html" not in fragment.content.decode() and "<html" in vietnamese
    tomorrow = replay_cache.timezone.localdate() + datetime.timedelta(days=1)
    with (
        Renders() as renders,
        mock.patch.object(replay_cache.timezone, "localdate", return_value=tomorrow),
    ):
        client.get(url)
    assert renders.count == 1


def test_rows_that_hash_alike_but_differ_get_different_digests() -> None:
    digest = replay_cache.rows_digest
    assert hash(-1) == hash(-2)  # why the digest does not hash rows with -1 in them
    assert digest([(1, -1, "a")]) != digest([(1, -2, "a")])
    assert digest([(1, "a"), (2, "b")]) != digest([(2, "b"), (1, "a")])
    assert digest([(1, "a")]) == digest([(1, "a")]) != digest([(1, "a"), (1, "a")])
    assert digest([(1, [2])]) == digest([(1, [2])]) != digest([(1, [3])])  # unhashable
    # Bytes read as a memoryview: by content; a writable one has neither hash nor a
    # stable repr (its address): never stored.
    assert digest([(memoryview(b"x"),)]) == digest([(memoryview(b"x"),)])
    assert digest([(memoryview(b"x"),)]) != digest([(memoryview(b"y"),)])
    assert digest([(memoryview(bytearray(b"x")),)]) is None
