"""The cascade demo's units have English names (`demo_cascade.UNIT_NAMES_EN`), as its
agencies have: English pages named "Vụ Kế hoạch - Tài chính" in Vietnamese."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import User
from lotrinh.agencies.models import Unit
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import demo_cascade

MINISTRY = demo_cascade.PLANS[2]


def test_the_ministry_plans_units_are_named_in_english(seeded_db: None) -> None:
    demo_cascade._plan(MINISTRY, current_programme("50/NQ-CP"))
    units = Unit.objects.filter(agency__code=MINISTRY.agency)
    assert units.exists()
    assert demo_cascade.name_units_in_english() == units.count()
    assert {u.name_vi: u.name_en for u in units} == {
        u.name_vi: demo_cascade.UNIT_NAMES_EN[u.name_vi] for u in units
    }
    # Run again (the demo is idempotent): nothing more to name, nothing renamed.
    assert demo_cascade.name_units_in_english() == 0


def test_a_name_given_by_hand_is_kept(seeded_db: None) -> None:
    demo_cascade._plan(MINISTRY, current_programme("50/NQ-CP"))
    unit = Unit.objects.get(agency__code=MINISTRY.agency, name_vi="Văn phòng Bộ")
    unit.name_en = "Office of the Minister"
    unit.save()
    demo_cascade.name_units_in_english()
    unit.refresh_from_db()
    assert unit.name_en == "Office of the Minister"


def test_the_english_names_follow_the_agencies_style() -> None:
    # An English name, never the Vietnamese copied ("Sở …" → "Department of …").
    for vietnamese, english in demo_cascade.UNIT_NAMES_EN.items():
        assert english and english != vietnamese
        assert not set(english) - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ ,'-"), (
            english
        )
    assert (
        demo_cascade.UNIT_NAMES_EN["Sở Khoa học và Công nghệ"]
        == "Department of Science and Technology"
    )


def test_an_english_page_names_the_plans_units_in_english(
    seeded_db: None, most_monitor: User
) -> None:
    child = demo_cascade._plan(MINISTRY, current_programme("50/NQ-CP"))
    demo_cascade.name_units_in_english()
    client = Client()
    client.force_login(most_monitor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("cascade:plan", args=[child.pk])).content.decode()
    lead = Unit.objects.get(agency__code=MINISTRY.agency, name_vi="Cục Công nghệ thông tin")
    assert lead.name_en in page
    # The task's units were written in Vietnamese whatever the page's language.
    assert f'<span lang="vi">{lead.name_vi}</span>' not in page
