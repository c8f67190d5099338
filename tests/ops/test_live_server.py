"""The tests' live server stops cleanly: no request thread outlives it.

A browser keeps its connection to the server open between requests (keep-alive). The
thread answering it used to run on after the server stopped and, once the browser let
go, closed a database connection it no longer shared, from the wrong thread
("DatabaseWrapper objects created in a thread can only be used in that same thread").
"""

import http.client
import threading
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.liveserver import CleanLiveServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread_errors(monkeypatch: pytest.MonkeyPatch) -> list[BaseException | None]:
    """Exceptions raised in threads during the test (instead of a warning at the end)."""
    seen: list[BaseException | None] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: seen.append(args.exc_value))
    return seen


def keep_alive_request(server: Any) -> http.client.HTTPConnection:
    """A GET that reaches the database, its connection left open like a browser's."""
    address = urlsplit(server.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    connection.request("GET", "/healthz")
    answer = connection.getresponse()
    assert answer.status == 200 and answer.read().strip() == b"ok"
    assert not answer.will_close  # the server keeps the connection for the next request
    return connection


def test_a_stopped_live_server_leaves_no_request_thread_and_no_thread_error(thread_errors):
    before = set(threading.enumerate())
    server = CleanLiveServer("localhost")
    try:
        client = keep_alive_request(server)
        assert len(server.request_threads()) == 1  # blocked on the open connection
    finally:
        server.stop()
    left = [t for t in set(threading.enumerate()) - before if t.is_alive()]
    assert left == []  # the request thread ended before the sharing did
    client.close()
    for thread in left:
        thread.join(5)
    assert thread_errors == []


def test_the_session_live_server_stops_cleanly(live_server):
    """The `live_server` fixture of every browser test is the clean one."""
    assert isinstance(live_server, CleanLiveServer)


@pytest.mark.browser
def test_a_browser_test_closes_its_contexts_when_it_ends(browser, request):
    """Contexts a test opens and leaves open (`tests/days/report_days.session`) are
    closed as the test body ends (conftest `pytest_runtest_call`), before teardown."""
    context = browser.new_context()

    def closed_before_teardown() -> None:
        assert context not in browser.contexts

    request.addfinalizer(closed_before_teardown)
    assert context in browser.contexts
