"""As of a day means as of that day: only values approved and known by then, on pages and documents."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from lotrinh.documents import assemble
from lotrinh.indicators import services
from lotrinh.indicators.models import Approval, Indicator, Observation, Target
from lotrinh.programmes.models import Programme
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db

CUTOFF = datetime.date(2024, 12, 31)
DIGITAL = "DIGITAL_ECONOMY_SHARE_GDP"


@pytest.fixture
def programme() -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status="published")


def rows_by_milestone(programme: Programme, day: datetime.date) -> dict[str, dict]:
    return {f"{r['code']} {r['milestone']}": r for r in assemble.target_rows(programme, day)}


def page_statuses(client, day: datetime.date | None = None) -> dict[str, str]:
    """Status label of every milestone on the target pages, as of `day` (today if None)."""
    out = {}
    query = f"?as_of={day.isoformat()}" if day else ""
    for target in services.current_targets():
        response = client.get(reverse("indicators:target", args=[target.pk]) + query)
        assert response.status_code == 200
        for row in response.context["status"].milestones:
            key = f"{target.indicator.code} {row.milestone.year}: {row.milestone.text}"
            out[key] = row.progress.label_vi
    return out


def test_bundled_values_are_known_from_their_publication_date():
    observations = Observation.objects.all()
    assert observations.exists()
    assert not observations.exclude(approval=Approval.APPROVED).exists()
    for o in observations:
        expected = o.published_on or datetime.date(o.year + 1, 1, 1)
        assert o.known_on == expected and o.reviewed_by is None and o.citation


def test_a_2024_document_uses_only_what_was_published_by_its_cut_off(programme):
    rows = rows_by_milestone(programme, CUTOFF)
    digital = next(r for r in rows.values() if r["code"] == DIGITAL)
    # The GSO first estimates (5/1/2024), not the revised series of 6/1/2025.
    assert digital["points"] == [[2022, 12.63], [2023, 12.33]]
    gii = next(r for r in rows.values() if r["code"] == "GII_RANK_WORLD")
    assert gii["points"][-1] == [2024, 44.0]  # the 2025 edition came out in September 2025
    productivity = next(r for r in rows.values() if r["code"] == "LABOUR_PRODUCTIVITY_GROWTH")
    assert [p[0] for p in productivity["points"]] == [2021, 2022, 2023]


def test_a_value_approved_after_the_cut_off_leaves_the_document_and_the_dated_page_unchanged(
    programme, most_monitor, officer_b, client
):
    document_before = rows_by_milestone(programme, CUTOFF)
    page_before = page_statuses(client, CUTOFF)
    # The same day gives the same statuses on the page and in the document.
    assert page_before == {key: row["status"] for key, row in document_before.items()}
    today_before = page_statuses(client)

    indicator = Indicator.objects.get(code=DIGITAL)
    with time_machine.travel(datetime.datetime(2026, 2, 10, 9, 0), tick=False):
        proposed = services.record_observation(
            indicator, year=2025, value=21.0, citation="Cục Thống kê 2026", user=officer_b
        )
        services.approve_observation(proposed, most_monitor)
    revision = services.record_observation(
        indicator, year=2023, value=19.9, citation="Cục Thống kê, sửa đổi", user=officer_b
    )
    services.approve_observation(revision, make_user("most_2", MOST, "most_monitor"))

    assert rows_by_milestone(programme, CUTOFF) == document_before
    assert page_statuses(client, CUTOFF) == page_before
    data = assemble.consolidated(programme, 2024, CUTOFF)
    assert data["targets"] == list(document_before.values())
    today_after = page_statuses(client)
    changed = {k for k in today_after if today_after[k] != today_before[k]}
    assert changed and all(k.startswith(DIGITAL) for k in changed)
    assert any(today_after[k] == "Đã đạt" for k in changed)
    # As of the day of the first approval the 2025 value is there, the 2023 revision not yet.
    points = services.series(indicator, as_of=datetime.date(2026, 2, 10))
    assert (2025, 21.0) in [(p.year, p.value) for p in points]
    assert (2023, 12.87) in [(p.year, p.value) for p in points]


def test_a_pending_value_is_in_no_status_projection_or_document(programme, officer_b):
    indicator = Indicator.objects.get(code=DIGITAL)
    before = rows_by_milestone(programme, datetime.date.today())
    services.record_observation(
        indicator, year=2025, value=21.0, citation="Cục Thống kê 2026", user=officer_b
    )
    assert rows_by_milestone(programme, datetime.date.today()) == before
    statuses = services.programme_statuses()
    digital = next(s for s in statuses if s.indicator.code == DIGITAL)
    assert 21.0 not in [p.value for p in digital.points]
    assert all(
        row.projection is None or 21.0 not in [p.value for p in row.projection.points]
        for row in digital.milestones
    )


def test_the_indicator_page_as_of_a_day_shows_the_values_known_then(client):
    url = reverse("indicators:indicator", args=[DIGITAL])
    then = client.get(url + "?as_of=2024-06-30")
    assert [(o.year, o.value) for o in then.context["current"]] == [(2022, 12.63), (2023, 12.33)]
    assert "30/06/2024" in then.content.decode()
    now = client.get(url)
    assert [o.year for o in now.context["current"]] == [2020, 2021, 2022, 2023, 2024, 2025]
    # Earlier releases stay: the first estimates and the workshop figure of December 2023.
    assert {o.value for o in now.context["revisions"]} == {12.63, 12.33, 12.67}


@pytest.mark.parametrize(
    "bad", ["2024-02-31", "12/31/2024", "31/02/2024", "abc", "2999-01-01", "0001-01-01"]
)
def test_a_bad_as_of_date_is_a_clear_400(client, bad):
    target = Target.objects.filter(is_current=True).first()
    for url in (
        reverse("indicators:overview"),
        reverse("indicators:indicator", args=[DIGITAL]),
        reverse("indicators:target", args=[target.pk]),
    ):
        response = client.get(url, {"as_of": bad})
        assert response.status_code == 400
        assert "Ngày" in response.content.decode()


def test_the_day_typed_as_the_page_writes_it_is_read(client):
    """The field shows and takes dd/mm/yyyy (core/dates.py): 31/12/2024 is that day."""
    response = client.get(reverse("indicators:overview"), {"as_of": "31/12/2024"})
    body = response.content.decode()
    assert response.status_code == 200 and response.context["as_of"] == datetime.date(2024, 12, 31)
    assert 'value="31/12/2024"' in body and "?as_of=2024-12-31" in body


def test_the_overview_as_of_a_day_keeps_the_day_in_its_links(client):
    response = client.get(reverse("indicators:overview"), {"as_of": "2024-12-31"})
    body = response.content.decode()
    assert response.status_code == 200 and "?as_of=2024-12-31" in body
    assert "31/12/2024" in body


def test_the_monitor_sees_the_same_figures_as_the_public(client, most_monitor):
    url = reverse("indicators:indicator", args=[DIGITAL]) + "?as_of=2024-12-31"
    public = [(o.year, o.value) for o in client.get(url).context["current"]]
    monitor = [(o.year, o.value) for o in client_for(most_monitor).get(url).context["current"]]
    assert public == monitor


def test_the_targets_command_takes_an_as_of_day():
    import json
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("targets", "52-NQ/TW", "--format", "json", "--as-of", "2024-12-31", stdout=out)
    rows = {row["target"]: row for row in json.loads(out.getvalue())}
    assert rows["digital-economy-2025"]["latest"] == {"year": 2023, "value": 12.33}
    with pytest.raises(CommandError):
        call_command("targets", "52-NQ/TW", "--as-of", "2024-02-31")
