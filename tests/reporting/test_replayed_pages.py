"""The signed-in pages served again while their queries give the same rows
(core/replay_cache.py): the editable report never shows a stale value or version after a
save (by the form or otherwise), a state change is seen at once, and no page is ever
served to another person or to one who may no longer read it."""

import re
from typing import Any
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lotrinh.core import replay_cache
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, ReportEntry
from tests.conftest import client_for
from tests.replay import empty_cache  # noqa: F401  (autouse: each test with an empty cache)
from tests.replay import fresh as _fresh
from tests.replay import html as _html

pytestmark = pytest.mark.django_db


def _rendered(client: Any, url: str) -> tuple[bool, Any]:
    """(whether the page was rendered rather than served from the cache, the answer)."""
    served = []

    def replayed(queries: Any) -> bool:
        served.append(real(queries))
        return served[-1]

    real = replay_cache._replayed
    with mock.patch.object(replay_cache, "_replayed", side_effect=replayed):
        response = client.get(url)
    return not any(served), response


def _version_field(html: str, entry: ReportEntry) -> str:
    found = re.search(rf'name="e{entry.pk}-version"[^>]*value="(\d+)"', html) or re.search(
        rf'value="(\d+)"[^>]*name="e{entry.pk}-version"', html
    )
    assert found, f"no version field for entry {entry.pk}"
    return found.group(1)


def test_the_editable_report_shows_each_save_and_its_new_version_at_once(
    report_a: AgencyReport, officer_a: Any
) -> None:
    client = client_for(officer_a)
    url = reverse("reporting:report", args=[report_a.pk])
    entry = report_a.entries.order_by("pk").first()
    assert entry is not None
    first = client.get(url)
    assert _version_field(first.content.decode(), entry) == str(entry.version)
    rendered, again = _rendered(client, url)
    assert not rendered and _html(again) == _html(first) == _html(_fresh(client, url))

    # A save through the page's form: the next GET has the value and the new version.
    response = client.post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-result": "Kết quả mới nhất của bộ",
            f"e{entry.pk}-version": entry.version,
        },
    )
    assert response.status_code in (200, 302)
    entry.refresh_from_db()
    rendered, after = _rendered(client, url)
    html = after.content.decode()
    assert rendered and "Kết quả mới nhất của bộ" in html
    # (that page carried the "saved" message: rendered, not stored); stored, then served
    stored = client.get(url)
    rendered, again = _rendered(client, url)
    assert not rendered and _html(again) == _html(stored)
    assert _html(stored) == _html(_fresh(client, url))
    assert _version_field(html, entry) == str(entry.version)

    # A write that sends no signal and is no form of this page (a queryset update).
    ReportEntry.objects.filter(pk=entry.pk).update(
        result="Sửa trực tiếp trong cơ sở dữ liệu", version=entry.version + 1
    )
    rendered, after = _rendered(client, url)
    html = after.content.decode()
    assert rendered and "Sửa trực tiếp trong cơ sở dữ liệu" in html
    assert _version_field(html, entry) == str(entry.version + 1)


def test_a_submitted_report_is_no_longer_served_as_editable(
    report_a: AgencyReport, officer_a: Any, approver_a: Any
) -> None:
    from tests.reporting.conftest import fill

    client = client_for(officer_a)
    url = reverse("reporting:report", args=[report_a.pk])
    entry = report_a.entries.order_by("pk").first()
    assert entry is not None
    fill(report_a, officer_a, status="in_progress")
    editable = client.get(url).content.decode()
    assert f'name="e{entry.pk}-version"' in editable
    report_a.refresh_from_db()
    services.approve_report(report_a, approver_a)
    rendered, after = _rendered(client, url)
    assert rendered
    assert f'name="e{entry.pk}-version"' not in after.content.decode()
    assert _html(after) == _html(_fresh(client, url))


def test_a_report_page_is_never_served_to_another_person(
    report_a: AgencyReport, officer_a: Any, approver_a: Any, officer_b: Any
) -> None:
    url = reverse("reporting:report", args=[report_a.pk])
    mine = client_for(officer_a).get(url)
    assert mine.status_code == 200
    # Another agency's officer: refused as before, never the stored page.
    assert client_for(officer_b).get(url).status_code == 404
    # A colleague of the same agency gets the page rendered for her.
    rendered, theirs = _rendered(client_for(approver_a), url)
    assert rendered and approver_a.full_name in theirs.content.decode()
    assert officer_a.full_name not in theirs.content.decode().split("<main", 1)[0]
    # Moved to another agency: no longer the report's reader, whatever was stored.
    type(officer_a).objects.filter(pk=officer_a.pk).update(agency=officer_b.agency)
    assert client_for(officer_a).get(url).status_code == 404


@pytest.mark.parametrize("persona", ["most_monitor", "officer_a"])
def test_the_dashboard_and_compliance_pages_see_a_state_change_at_once(
    persona: str, request: Any, report_a: AgencyReport, officer_a: Any, approver_a: Any
) -> None:
    from tests.reporting.conftest import fill

    user = request.getfixturevalue(persona)
    client = client_for(user)
    urls = [reverse("dashboard:home")]
    if persona == "most_monitor":
        urls.append(reverse("reporting:compliance"))
    fill(report_a, officer_a, status="in_progress")
    before = {url: _html(client.get(url)) for url in urls}
    for url in urls:
        rendered, again = _rendered(client, url)
        assert not rendered and _html(again) == before[url]
    report_a.refresh_from_db()
    services.approve_report(report_a, approver_a)
    report_a.refresh_from_db()
    services.submit_report(report_a, approver_a)
    for url in urls:
        rendered, after = _rendered(client, url)
        assert rendered, url
        assert _html(after) != before[url], url
        assert _html(after) == _html(_fresh(client, url)), url


def test_a_hit_runs_the_queries_of_a_rendering(
    report_a: AgencyReport, officer_a: Any, most_monitor: Any
) -> None:
    for user, url in (
        (officer_a, reverse("reporting:report", args=[report_a.pk])),
        (officer_a, reverse("dashboard:home")),
        (most_monitor, reverse("dashboard:home")),
        (most_monitor, reverse("reporting:compliance")),
    ):
        client = client_for(user)
        counts = []
        for _ in range(3):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured.captured_queries))
        assert counts[0] == counts[1] == counts[2], (user, url, counts)


# ---------------------------------------------------------------- the small pages
# Notifications, my reports, the documents page and the task page (the frame helper's
# measurements: most of their cost was rendering a frame around a few rows).


def _small_pages(report: AgencyReport) -> list[str]:
    task = report.entries.order_by("pk").first().task  # type: ignore[union-attr]
    return [
        reverse("reporting:notifications"),
        reverse("reporting:my_reports"),
        reverse("documents:list"),
        reverse("programmes:task", args=[task.programme.slug, task.clause.anchor]),
    ]


def test_the_small_pages_are_served_again_as_a_fresh_rendering_gives_them(
    report_a: AgencyReport, officer_a: Any
) -> None:
    client = client_for(officer_a)
    for url in _small_pages(report_a):
        first = client.get(url)
        rendered, again = _rendered(client, url)
        assert not rendered, url
        assert _html(again) == _html(first) == _html(_fresh(client, url)), url


def test_a_new_notification_is_seen_at_once_and_only_by_its_person(
    report_a: AgencyReport, officer_a: Any, most_monitor: Any
) -> None:
    from lotrinh.reporting.models import Notification

    mine, theirs = client_for(officer_a), client_for(most_monitor)
    pages = [reverse("reporting:notifications"), reverse("reporting:my_reports")]
    for url in pages:
        mine.get(url), theirs.get(url)
    Notification.objects.create(user=officer_a, message="Thông báo mới số 4711", link="/")
    for url in pages:
        rendered, page = _rendered(mine, url)
        assert rendered and "Thông báo mới số 4711" in page.content.decode(), url
        assert "Thông báo mới số 4711" not in theirs.get(url).content.decode(), url


def test_the_documents_page_follows_the_worker_and_keeps_no_running_document(
    report_a: AgencyReport, most_monitor: Any
) -> None:
    from lotrinh.documents import views as document_views

    client = client_for(most_monitor)
    url = reverse("documents:list")
    with mock.patch.object(document_views, "_worker_warning", return_value=""):
        client.get(url)
        assert not _rendered(client, url)[0]
    # The worker falls silent: no row of the page changed, the warning shows all the same.
    with mock.patch.object(document_views, "_worker_warning", return_value="Bộ xử lý im lặng"):
        rendered, page = _rendered(client, url)
    assert rendered and "Bộ xử lý im lặng" in page.content.decode()
    # A document being made is never kept: it turns "failed" by the clock alone.
    from lotrinh.documents.models import GeneratedDocument

    document = GeneratedDocument.objects.first()
    if document is None:
        from lotrinh.documents import services as document_services
        from lotrinh.programmes.services import current_programme

        document, _queued = document_services.queue_document(
            most_monitor,
            kind="consolidated",
            programme=current_programme("50/NQ-CP"),
            year=report_a.period.year,
            cutoff=report_a.period.end,
            fmt="docx",
            period=report_a.period,
        )
    GeneratedDocument.objects.filter(pk=document.pk).update(status="running")
    with mock.patch.object(document_views, "_worker_warning", return_value=""):
        client.get(url)
        assert _rendered(client, url)[0]
