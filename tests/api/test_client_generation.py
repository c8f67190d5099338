"""scripts/api_client.py generates a Python client from the schema, and that client reads
the API as the server answers (the schema matches the server): tasks, a published report
and its entries, anonymously; a token's own draft report with its token."""

import importlib
import sys
from pathlib import Path

import httpx
import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        api_client = importlib.import_module("api_client")
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path_factory.mktemp("client")
    api_client.generate(out)
    sys.path.insert(0, str(out))
    yield importlib.import_module(api_client.PACKAGE)
    sys.path.remove(str(out))


class _App:
    """The WSGI application, its requests leaving the test's database connection open, as
    Django's test client does: its request signals would otherwise close the connection
    the test's transaction runs on (PostgreSQL)."""

    def __init__(self) -> None:
        self.app = get_wsgi_application()

    def __call__(self, environ, start_response):
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.app(environ, start_response)
            body = b"".join(response)
            response.close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return [body]


def _client(package, token: str | None = None):
    transport = httpx.WSGITransport(app=_App())
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    http = httpx.Client(transport=transport, base_url="http://testserver", headers=headers)
    return package.Client(base_url="http://testserver").set_httpx_client(http)


def test_the_generated_client_reads_tasks_as_the_server_answers(generated, client):
    from lotrinh_api_client.api.tasks import tasks_list, tasks_retrieve

    page = tasks_list.sync(client=_client(generated))
    server = client.get("/api/v1/tasks/").json()
    assert page.count == server["count"] > 0
    assert [t.ref for t in page.results] == [t["ref"] for t in server["results"]]
    one = tasks_retrieve.sync(client=_client(generated), id=page.results[0].id)
    assert one.ref == page.results[0].ref


def test_the_generated_client_reads_reports_with_a_token_and_public_ones_without(
    generated, reporter_token, most_token
):
    from lotrinh_api_client.api.entries import entries_list
    from lotrinh_api_client.api.reports import reports_list

    from lotrinh.portal.services import publish_report
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services
    from lotrinh.reporting.models import AgencyReport

    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(reporter_token.token.account.agency, period)
    own = reports_list.sync(client=_client(generated, reporter_token.secret))
    assert report.pk in [r.id for r in own.results]
    assert reports_list.sync(client=_client(generated)).count == 0
    AgencyReport.objects.filter(pk=report.pk).update(status="accepted")
    report.refresh_from_db()
    publish_report(most_token.token.account, report)
    public = reports_list.sync(client=_client(generated))
    assert [r.id for r in public.results] == [report.pk]
    entries = entries_list.sync(client=_client(generated), report=report.pk)
    assert entries.count == report.entries.count()
