"""More lists of agencies in the order of the names the page shows (docs/architecture.md,
"Names in Vietnamese alphabetical order"): on an English page the English alphabet of
the English names, on a Vietnamese page the Vietnamese order. Each was in the Vietnamese
order on English pages too, so an English reader found "Ministry of Transport" before
"Ministry of Construction" ("Bộ Giao thông vận tải" before "Bộ Xây dựng")."""

import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.core.text import en_sort_key, vi_sort_key
from lotrinh.programmes.models import Programme
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db
KEYS = {"en": en_sort_key, "vi": vi_sort_key}


def _shown(agency: Agency, language: str) -> str:
    return (agency.name_en or agency.name_vi) if language == "en" else agency.name_vi


def _in(client: Client, language: str) -> Client:
    client.cookies["django_language"] = language
    return client


def _order(text: str, names: list[str]) -> list[str]:
    """The names in the order `text` gives them (each where it first appears)."""
    return sorted((name for name in names if name in text), key=text.index)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Party Board of the Ministry of Construction",
                "Party Board of the Ministry of Transport",
            ],
        ),
        ("vi", ["Ban cán sự đảng Bộ Giao thông vận tải", "Ban cán sự đảng Bộ Xây dựng"]),
    ],
)
def test_the_agency_pages_successions_of_one_day_are_in_the_order_shown(
    language: str, expected: list[str]
) -> None:
    """The two Party boards merged into the Ministry of Construction's Party committee on
    the same day."""
    page = (
        _in(Client(), language)
        .get(reverse("agencies:detail", args=["dang-uy-bo-xay-dung"]))
        .content.decode()
    )
    assert _order(page, expected) == expected


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_programme_page_names_a_regimes_reporters_in_the_order_shown(language: str) -> None:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="consolidated-report")
    added = list(Agency.objects.filter(code__in=["bo-y-te", "bo-cong-thuong"]))
    regime.reporters.add(*added)
    reporters = list(regime.reporters.all())
    assert len(reporters) == 3
    names = sorted((_shown(a, language) for a in reporters), key=KEYS[language])
    if language == "en":
        assert names[:2] == ["Ministry of Health", "Ministry of Industry and Trade"]
    page = (
        _in(Client(), language)
        .get(reverse("programmes:overview", args=[programme.slug]))
        .content.decode()
    )
    assert ", ".join(names) in page


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_data_requests_agencies_are_named_and_ordered_as_the_page_shows(language: str) -> None:
    from lotrinh.indicators.forms import DataRequestForm

    with translation.override(language):
        form = DataRequestForm()
        labels = [str(label) for value, label in form.fields["agency"].choices if value]
        html = str(form["agency"])
    health = Agency.objects.get(code="bo-y-te")
    assert _shown(health, language) in labels and len(labels) > 50
    assert labels == sorted(labels, key=KEYS[language])
    if language == "en":  # no Vietnamese name where there is an English one
        assert health.name_vi not in labels
        assert f">{health.name_en}</option>" in html


@pytest.mark.parametrize("language", ["en", "vi"])
def test_mosts_late_agencies_are_in_the_order_of_the_names_shown(language: str) -> None:
    from lotrinh.dashboard import queries
    from lotrinh.reporting import services

    monitor = make_user("late_order_most", MOST, Role.MOST_MONITOR)
    regime = Programme.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    # The day after the 2024 report's deadline: every agency is late with it.
    year = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    today = year.due_date + datetime.timedelta(days=1)
    with translation.override(language):
        overview = queries.most_overview(monitor, today)
    late = [a for cycle in overview.cycles for a in cycle.overdue]
    assert len(late) > 10, "no period past its deadline on that day"
    for cycle in overview.cycles:
        shown = [_shown(a, language) for a in cycle.overdue]
        assert shown == sorted(shown, key=KEYS[language])


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_activity_logs_agency_filter_is_in_the_order_of_the_names_shown(
    language: str,
) -> None:
    monitor = make_user("log_order_most", MOST, Role.MOST_MONITOR)
    kind = ContentType.objects.get_for_model(Agency)
    for code in ("bo-y-te", "bo-cong-thuong", "bo-tai-chinh", "tinh-bac-giang"):
        agency = Agency.objects.get(code=code)
        AuditEvent.objects.create(
            action="agency.test",
            content_type=kind,
            object_id=str(agency.pk),
            object_repr=agency.name_vi,
            agency=agency,
        )
    page = _in(client_for(monitor), language).get(reverse("core:activity")).content.decode()
    select = page.split('id="activity-agency"', 1)[1].split("</select>", 1)[0]
    options = re.findall(r'<option value="[^"]+"[^>]*>([^<]*)</option>', select)
    assert len(options) >= 4 and options == sorted(options, key=KEYS[language])
    if language == "en":
        assert options.index("Ministry of Health") < options.index("Ministry of Industry and Trade")
