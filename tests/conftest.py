"""Shared fixtures: the seeded registry, personas, and the browser.

Personas (STYLE.md): an officer and an approver of Bộ A (Bộ Y tế), an officer of Bộ B
(Bộ Tài chính), a MOST monitor, an oversight reader (Ban Kinh tế Trung ương), an
administrator, and anonymous visitors. The registry and the bundled programmes are
loaded once per test database; every test runs in a transaction rolled back after it.
"""

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from lotrinh.accounts.models import Role, User

AGENCY_A = "bo-y-te"
AGENCY_B = "bo-tai-chinh"
MOST = "bo-khoa-hoc-va-cong-nghe"
OVERSIGHT = "ban-kinh-te-trung-uong"
CHROMIUM = "/usr/bin/chromium"


def load_seed() -> None:
    from lotrinh.core.setup import load_all

    load_all()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        load_seed()


# A transactional test (live server, `transaction=True`) ends by flushing the database,
# seed included. Run serially, pytest-django puts those tests last; with `-n` (xdist)
# a worker may get other tests after one, so the first test that needs the database
# after a flush loads the seed again, before its own transaction begins.
_flushed = False


def _transactional(item: Any) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (
        marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")
    ):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _uses_db(item: Any) -> bool:
    return item.get_closest_marker("django_db") is not None or "db" in getattr(
        item, "fixturenames", ()
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: Any) -> Any:
    global _flushed
    if _flushed and _uses_db(item) and not _transactional(item):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            load_seed()
        _flushed = False
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: Any, nextitem: Any) -> Any:
    global _flushed
    try:
        return (yield)
    finally:
        if _transactional(item):
            _flushed = True


@pytest.fixture(autouse=True)
def vietnamese_first() -> Iterator[None]:
    """Each test starts in the site's language (a request may switch the thread to English)."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.activate("vi")


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache: a page an earlier test rendered from the same
    rows would otherwise be served again (core/replay_cache.py), without the context or the
    queries the test looks at (the indicators' overview after test_page_language did)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def pages_rendered() -> Iterator[None]:
    """Every page rendered by its view, none served again from the cache
    (core/replay_cache.py): for tests that count a view's own queries. A page served
    again runs the same queries (tests/core/test_replay_cache.py); the first request
    after a change runs, before the rendering, those it replayed up to the change."""
    from unittest import mock

    from lotrinh.core import replay_cache

    with mock.patch.object(replay_cache, "_cacheable", return_value=False):
        yield


@pytest.fixture
def seeded_db(db: None) -> None:
    """The registry and the bundled programmes (already loaded for the test database)."""


def make_user(username: str, agency_code: str, role: str) -> User:
    from lotrinh.agencies.models import Agency

    user = User.objects.create_user(
        username=username,
        password="pw-" + username,
        agency=Agency.objects.get(code=agency_code),
        role=role,
        full_name=username.replace("_", " ").title(),
        email=f"{username}@example.test",
    )
    return user


@pytest.fixture
def officer_a(db: None) -> User:
    return make_user("officer_a", AGENCY_A, Role.REPORTER)


@pytest.fixture
def approver_a(db: None) -> User:
    return make_user("approver_a", AGENCY_A, Role.APPROVER)


@pytest.fixture
def officer_b(db: None) -> User:
    return make_user("officer_b", AGENCY_B, Role.REPORTER)


@pytest.fixture
def most_monitor(db: None) -> User:
    return make_user("most_monitor", MOST, Role.MOST_MONITOR)


@pytest.fixture
def oversight_reader(db: None) -> User:
    return make_user("oversight_reader", OVERSIGHT, Role.OVERSIGHT)


@pytest.fixture
def admin_user(db: None) -> User:
    user = make_user("admin_user", MOST, Role.ADMIN)
    user.is_staff = user.is_superuser = True
    user.save()
    return user


@pytest.fixture
def anon(client: Client) -> Client:
    return client


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# ---------------------------------------------------------------- browser tests
def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if shutil.which(CHROMIUM) or os.path.exists(CHROMIUM):
        return
    if os.environ.get("LOTRINH_REQUIRE_BROWSER") == "1":
        return  # the browser fixture fails loudly instead
    skip = pytest.mark.skip(
        reason=f"{CHROMIUM} is missing: browser tests skipped (apt-get install chromium)"
    )
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"{CHROMIUM} is missing and browser tests are required (apt-get install chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in
    # the test body are still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import expect, sync_playwright

    # expect(...) waits for a state (a swapped row, a changed attribute) as long as the
    # pages' own actions may take on a loaded CI machine, not its 5 s default.
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-quic",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def live_server(request: Any) -> Iterator[Any]:
    """pytest-django's live server, stopped cleanly (tests/liveserver.py): no request
    thread outlives it to touch a database connection it no longer shares."""
    from tests.liveserver import CleanLiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    server = CleanLiveServer(addr)
    yield server
    server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: Any) -> Any:
    """A browser test's contexts (pages, sessions) close as soon as the test body ends,
    before its fixtures are torn down (the database flushed, the server stopped): their
    keep-alive connections and polling pages end with the test."""
    try:
        return (yield)
    finally:
        browser = getattr(item, "funcargs", {}).get("browser")
        if browser is not None:
            for context in list(browser.contexts):
                context.close()


@pytest.fixture
def seeded_live_server(live_server: Any, transactional_db: None) -> Any:
    """A live server whose database holds the registry (transactional tests flush it)."""
    load_seed()
    return live_server


def patient(page_or_context: Any) -> Any:
    """Timeouts for a browser test's page (or context): a read waits 30 s for its state
    and a navigation 60 s, since a fresh live server's first page on a loaded CI machine
    (PostgreSQL, two workers) has taken over 15 s. Only a failing test waits that long;
    a read that does not wait for its state still fails at once."""
    page_or_context.set_default_timeout(30_000)
    page_or_context.set_default_navigation_timeout(60_000)
    return page_or_context


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    patient(page)
    yield page
    context.close()


def login_page(page: Any, live_server: Any, user: User) -> None:
    """Log `user` in inside the browser by handing it a session cookie."""
    from django.conf import settings

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
