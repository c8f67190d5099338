"""English pages list agencies and units in English alphabetical order of the names they
show ("Bac Giang, Bac Lieu"), Vietnamese pages in Vietnamese order ("Bạc Liêu, Bắc
Giang"): a second stored key, `name_en_sort` (core.text.en_sort_key), chosen by
`core.locale.name_order` (docs/architecture.md)."""

import importlib
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency, AgencyKind, Unit
from lotrinh.core.text import en_sort_key, latin_base
from tests.conftest import client_for, make_user

# (Vietnamese name, English name); no English name: an English page shows the Vietnamese.
NAMES = [
    ("Tỉnh Bạc Liêu", "Bac Lieu Province"),
    ("Tỉnh Bắc Giang", "Bac Giang Province"),
    ("Tỉnh Đắk Lắk", "Dak Lak Province"),
    ("Tỉnh Cà Mau", "Ca Mau Province"),
    ("Đội thử", ""),
    ("Ủy ban thử", "Test Committee"),
]
VIETNAMESE_ORDER = [
    "Đội thử",
    "Tỉnh Bạc Liêu",
    "Tỉnh Bắc Giang",
    "Tỉnh Cà Mau",
    "Tỉnh Đắk Lắk",
    "Ủy ban thử",
]
ENGLISH_ORDER = [
    "Bac Giang Province",
    "Bac Lieu Province",
    "Ca Mau Province",
    "Dak Lak Province",
    "Đội thử",
    "Test Committee",
]


def _shown(obj: Agency | Unit, language: str) -> str:
    return (obj.name_en or obj.name_vi) if language == "en" else obj.name_vi


def _client(language: str, user=None) -> Client:  # type: ignore[no-untyped-def]
    client = client_for(user) if user is not None else Client()
    client.cookies["django_language"] = language
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("vi", VIETNAMESE_ORDER), ("en", ENGLISH_ORDER)]
)
def test_the_agency_list_follows_the_alphabet_of_the_pages_language(
    language: str, expected: list[str]
) -> None:
    for n, (vi, en) in enumerate(NAMES):
        Agency.objects.create(
            code=f"enorder-{n}", name_vi=vi, name_en=en, abbreviation="ENORDER", kind="other"
        )
    response = _client(language).get(reverse("agencies:list"), {"q": "enorder"})
    assert [_shown(a, language) for a in response.context["agencies"]] == expected
    # The provinces of 2024, as an English reader looks for them.
    provinces = _client(language).get(
        reverse("agencies:list"), {"kind": AgencyKind.PROVINCE, "ngay": "2024-06-01"}
    )
    shown = [_shown(a, language) for a in provinces.context["agencies"]]
    if language == "en":
        assert shown.index("Bac Giang Province") < shown.index("Bac Lieu Province")
        assert shown == sorted(shown, key=lambda name: latin_base(name).casefold())
    else:
        assert shown.index("Tỉnh Bạc Liêu") < shown.index("Tỉnh Bắc Giang")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"), [("vi", VIETNAMESE_ORDER), ("en", ENGLISH_ORDER)]
)
def test_the_units_page_follows_it_too(language: str, expected: list[str]) -> None:
    agency = Agency.objects.get(code="bo-y-te")
    for n, (vi, en) in enumerate(NAMES):
        Unit.objects.create(agency=agency, code=f"u{n}", name_vi=vi, name_en=en, kind="other")
    admin = make_user("enorder-admin", agency.code, Role.AGENCY_ADMIN)
    response = _client(language, admin).get(reverse("agencies:units", args=[agency.code]))
    assert response.status_code == 200
    assert [_shown(unit, language) for unit, _depth in response.context["rows"]] == expected


@pytest.mark.django_db
def test_the_english_key_follows_the_name_shown_and_is_filled_by_the_migration() -> None:
    unit = Unit.objects.create(
        agency=Agency.objects.get(code="bo-y-te"), code="enorder", name_vi="Đội thử", kind="other"
    )
    assert unit.name_en_sort == en_sort_key("Đội thử")  # no English name: the Vietnamese
    unit.name_en = "Test Team"
    unit.save(update_fields=["name_en"])
    unit.refresh_from_db()
    assert unit.name_en_sort == en_sort_key("Test Team")
    Unit.objects.filter(pk=unit.pk).update(name_en_sort="")

    class Editor:
        connection = connection

    importlib.import_module("lotrinh.agencies.migrations.0006_name_en_sort").fill_sort_keys(
        apps, Editor()
    )
    unit.refresh_from_db()
    assert unit.name_en_sort == en_sort_key("Test Team")


def test_english_order_examples() -> None:
    names = ["Ha Noi City", "Hai Phong City", "Đà Nẵng", "Dak Nong", "an Giang", "Bac Lieu"]
    assert sorted(names, key=en_sort_key) == [
        "an Giang",
        "Bac Lieu",
        "Đà Nẵng",
        "Dak Nong",
        "Ha Noi City",
        "Hai Phong City",
    ]
    assert en_sort_key("Đà Nẵng") != en_sort_key("Da Nang")  # marks only break ties


def _spelled(name: str) -> str:
    """An independent spelling of the English order: base letters, case folded, a run of
    spaces lower than any letter."""
    return re.sub(r"\s+", "\x01", latin_base(name).strip()).casefold()


VIETNAMESE_LETTERS = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)
word = st.text(alphabet=VIETNAMESE_LETTERS + VIETNAMESE_LETTERS.upper(), min_size=1, max_size=6)
name = st.lists(word, min_size=1, max_size=3).map(" ".join)


@given(name, name)
def test_the_english_order_is_the_latin_alphabet_whatever_the_marks(a: str, b: str) -> None:
    if _spelled(a) != _spelled(b):
        assert (en_sort_key(a) < en_sort_key(b)) == (_spelled(a) < _spelled(b))
    else:  # the marks and the case only break the tie, and only the same text ties
        assert (en_sort_key(a) == en_sort_key(b)) == (a == b)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_compliance_league_by_name_follows_the_alphabet_of_the_pages_language(
    seeded_db: None, most_monitor, language: str
) -> None:
    """MOST's compliance league sorted by name, and the people list of the administrator,
    in the order of the names the page shows."""
    from lotrinh.core.text import vi_sort_key

    key = en_sort_key if language == "en" else vi_sort_key
    page = _client(language, most_monitor).get(reverse("reporting:compliance"), {"sort": "agency"})
    assert page.status_code == 200
    names = [row["name"] for row in page.context["league"]]
    assert len(names) > 20
    assert names == sorted(names, key=key)
    if language == "en":
        assert "Ministry of Health" in names
