"""One demonstration world and one live server for all the UI tests of a module.

The page-wide checks visit about forty pages in two languages at two widths: building
the world once (not per test) keeps them to a few minutes. pytest-django's `live_server`
would flush the database after every test, so the fixture starts its own server on the
test database (the tests carry the plain `django_db` marker, so the test database exists
and each test body runs in a rolled-back transaction), and at the end puts the database
back as the session left it: flushed, then the registry loaded again.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from tests.conftest import load_seed, patient
from tests.liveserver import CleanLiveServer
from tests.ui.pages import PERSONA_ROLES, Objects


@dataclass
class UIWorld:
    url: str
    objects: Objects
    sessions: dict[str, str]  # persona → session cookie value
    browser: Any

    def context(self, persona: str, lang: str, width: int, height: int, **options: Any) -> Any:
        from django.conf import settings

        context = self.browser.new_context(
            viewport={"width": width, "height": height}, locale="vi-VN", **options
        )
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": self.url}]
        if persona in self.sessions:
            cookies.append(
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": self.sessions[persona],
                    "url": self.url,
                }
            )
        context.add_cookies(cookies)
        patient(context)
        return context


def build_demo_world() -> None:
    """The registry, the demonstration cycle and accounts, and the objects of every page."""
    from lotrinh.accounts.demo import create_demo_accounts
    from lotrinh.accounts.models import User
    from lotrinh.importer import review
    from lotrinh.importer.models import DraftImport
    from lotrinh.importer.service import parse_bytes
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services
    from lotrinh.reporting.demo import generate_demo_cycle
    from lotrinh.reporting.models import EDITABLE_STATUSES, AgencyReport
    from tests.security.world import small_programme_docx

    if not Programme.objects.filter(code="50/NQ-CP").exists():
        load_seed()
    create_demo_accounts()
    generate_demo_cycle(seed=2020)
    from lotrinh.portal.demo import publish_demo_year

    publish_demo_year(2024)  # as `lotrinh demo` does: the public portal is not empty
    most = User.objects.get(username="most")
    if not DraftImport.objects.exists():
        review.create_draft(
            parse_bytes(small_programme_docx(), "ke-hoach-77.docx"), "ke-hoach-77.docx", most
        )
    # The reporter's main page is the report being written: return the agency's latest
    # sent report when the demonstration left none to edit.
    reporter = User.objects.get(username="byt-baocao")
    own = AgencyReport.objects.filter(agency=reporter.agency).order_by("-period__year")
    if not own.filter(status__in=EDITABLE_STATUSES).exists():
        latest = own.filter(status="submitted").first()
        assert latest is not None, "the demonstration left the reporter no report to edit"
        services.return_report(latest, most, "Đề nghị bổ sung minh chứng.")


@pytest.fixture(scope="module")
def ui_world(django_db_setup: None, django_db_blocker: Any, browser: Any) -> Iterator[UIWorld]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    with django_db_blocker.unblock():
        build_demo_world()
        objects = Objects.find()
        sessions: dict[str, str] = {}
        from django.conf import settings

        for persona, role in PERSONA_ROLES.items():
            from lotrinh.accounts.demo import DEMO_ACCOUNTS

            username = next(a.username for a in DEMO_ACCOUNTS if a.role == role)
            client = Client()
            client.force_login(get_user_model().objects.get(username=username))
            sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
        server = CleanLiveServer("localhost")  # stops with no request thread left
        server._live_server_modified_settings.enable()
        try:
            yield UIWorld(url=server.url, objects=objects, sessions=sessions, browser=browser)
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            call_command("flush", interactive=False, verbosity=0)
            load_seed()
