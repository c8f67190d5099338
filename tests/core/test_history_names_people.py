"""A history names each person by her full name, her username only where she has none,
as every page of the site does (`User.__str__`). The Django admin's history page
("Lịch sử", `admin/lotrinh_object_history.html`) wrote the username: quan_tri_hai for
Trần Thị Hai (until 2026-12-07). Its rows cost no query each (the actions are read with
their users); the report's history and the activity log already named people so (guards)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lotrinh.agencies.models import Agency
from lotrinh.core.audit import events_for
from lotrinh.core.templatetags.lotrinh_tags import history_list
from tests.conftest import make_user
from tests.ops.test_audit import form_data

pytestmark = pytest.mark.django_db


def _change(client, agency: Agency, name_en: str) -> None:
    url = reverse("admin:agencies_agency_change", args=[agency.pk])
    data = form_data(client.get(url))
    data["name_en"] = name_en
    assert client.post(url, data).status_code == 302


def _people(html: str) -> list[str]:
    table = html.split('id="change-history"', 1)[1].split("</table>", 1)[0]
    return [cells[1] for cells in re.findall(r"<tr>\s*<th[^>]*>(.*?)</th>\s*<td>(.*?)</td>", table)]


def test_the_admins_history_names_people_by_their_full_names(two_admins, admin_user) -> None:
    first, second = two_admins
    admin_user.full_name = ""  # one without a name: her username stands for her
    admin_user.save()
    agency = Agency.objects.get(code="bo-y-te")
    _change(second, agency, "Ministry of Health (1)")
    _change(first, agency, "Ministry of Health (2)")
    url = reverse("admin:agencies_agency_history", args=[agency.pk])
    for language in ("vi", "en"):
        html = first.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert _people(html) == ["Trần Thị Hai", admin_user.username]
        assert "quan_tri_hai" not in html
    # Headed as the activity log's column; Django's Vietnamese left the count in English.
    html = first.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Người thực hiện" in html and "2 mục" in html and "entries" not in html


def test_the_admins_history_costs_no_query_per_row(two_admins) -> None:
    first, second = two_admins
    agency = Agency.objects.get(code="bo-y-te")
    url = reverse("admin:agencies_agency_history", args=[agency.pk])
    _change(second, agency, "Ministry of Health (0)")
    first.get(url)
    with CaptureQueriesContext(connection) as one:
        first.get(url)
    for n in range(1, 6):
        _change(second if n % 2 else first, agency, f"Ministry of Health ({n})")
    with CaptureQueriesContext(connection) as six:
        html = first.get(url).content.decode()
    assert len(_people(html)) == 6
    assert len(six.captured_queries) == len(one.captured_queries)


def test_the_reports_history_names_people_so_too(report_a, officer_a) -> None:
    """A guard: `history_list` (the report's page, a data request) already did."""
    nameless = make_user("khong_ten", officer_a.agency.code, officer_a.role)
    nameless.full_name = ""
    nameless.save()
    entry = report_a.entries.first()
    from lotrinh.reporting import services

    services.save_entry(entry, officer_a, {"status": "in_progress", "result": "Một"}, entry.version)
    entry.refresh_from_db()
    services.save_entry(entry, nameless, {"status": "in_progress", "result": "Hai"}, entry.version)
    events = list(events_for(report_a).order_by("-occurred_at", "-id"))
    with translation.override("vi"):
        html = history_list(events)
    assert "<strong>Officer A</strong>" in html and "<strong>khong_ten</strong>" in html
    assert "<strong>officer_a</strong>" not in html
