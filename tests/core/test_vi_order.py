"""Names in Vietnamese alphabetical order: `vi_sort_key`, the stored `name_sort` columns,
and the same order from Python, SQLite and PostgreSQL (docs/architecture.md)."""

import importlib
import unicodedata

import pytest
from django.apps import apps
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.accounts.models import User
from lotrinh.agencies.models import Agency, AgencyKind, Unit, UnitKind
from lotrinh.core.fields import refill_sort_keys
from lotrinh.core.text import canonical_tone, nfc, vi_sort_key, vi_sorted

# The alphabet and the tones as a Vietnamese officer learns them, written out again here
# (not read from the code under test).
ALPHABET = "a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y".split()
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # a à á ả ã ạ


def by_key(names):
    return sorted(names, key=vi_sort_key)


# ---------------------------------------------------------------- examples


def test_đ_comes_between_d_and_e_and_the_tones_do_not_move_a_name():
    names = ["Gia Lai", "Đồng Nai", "Yên Bái", "Điện Biên", "Dương Kinh", "Đà Nẵng", "An Giang"]
    assert by_key(names) == [
        "An Giang",
        "Dương Kinh",
        "Đà Nẵng",
        "Điện Biên",
        "Đồng Nai",
        "Gia Lai",
        "Yên Bái",
    ]
    # The binary order (the databases' C collation) is the defect: Đ after Z.
    assert set(sorted(names)[-3:]) == {"Đà Nẵng", "Điện Biên", "Đồng Nai"}


def test_letters_with_marks_are_letters_of_their_own():
    words = ["ư", "ơ", "ô", "o", "u", "ê", "e", "â", "ă", "a", "đ", "d", "y", "x", "v"]
    assert by_key(words) == [
        "a",
        "ă",
        "â",
        "d",
        "đ",
        "e",
        "ê",
        "o",
        "ô",
        "ơ",
        "u",
        "ư",
        "v",
        "x",
        "y",
    ]
    assert by_key(["Ấn Độ", "Ủy ban", "Anh", "Uganda", "Ba Lan", "Ả Rập"]) == [
        "Ả Rập",
        "Anh",
        "Ấn Độ",
        "Ba Lan",
        "Uganda",
        "Ủy ban",
    ]


def test_tones_and_case_are_secondary_differences():
    assert by_key(["ạ", "ã", "ả", "á", "à", "a"]) == ["a", "à", "á", "ả", "ã", "ạ"]
    # A tone never outweighs a letter: "Bà Rịa" before "Bắc Giang" before "Bến Tre".
    assert by_key(["Bến Tre", "Bắc Giang", "Bà Rịa", "Bạc Liêu"]) == [
        "Bà Rịa",
        "Bạc Liêu",
        "Bắc Giang",
        "Bến Tre",
    ]
    assert by_key(["Ban", "ban", "bán", "Bàn"]) == ["ban", "Ban", "Bàn", "bán"]


def test_a_word_sorts_before_its_longer_neighbours():
    names = ["Anh", "An Giang", "An", "Cà Mau", "Cần Thơ", "Cao Bằng"]
    assert by_key(names) == ["An", "An Giang", "Anh", "Cà Mau", "Cao Bằng", "Cần Thơ"]


def test_the_two_tone_placements_sort_together_and_never_tie():
    names = ["Hòa Bình", "Hoá Bình", "Hoà Bình", "Hóa Bình"]
    ordered = by_key(names)
    # Same letters, tones huyền then sắc whichever vowel carries them.
    assert {ordered[0], ordered[1]} == {"Hòa Bình", "Hoà Bình"}
    assert {ordered[2], ordered[3]} == {"Hoá Bình", "Hóa Bình"}
    assert vi_sort_key("Hòa Bình") != vi_sort_key("Hoà Bình")


def test_white_space_digits_and_punctuation():
    assert vi_sort_key("  Đà   Nẵng ").split(" ")[0] == vi_sort_key("Đà Nẵng").split(" ")[0]
    assert by_key(["Khu 2", "Khu A", "Khu - B", "Khu 10"]) == [
        "Khu - B",
        "Khu 10",
        "Khu 2",
        "Khu A",
    ]


def test_vi_sorted_keeps_equal_names_in_their_order():
    rows = [("Đồng Nai", 1), ("An Giang", 2), ("Đồng Nai", 3)]
    assert vi_sorted(rows, key=lambda r: r[0]) == [
        ("An Giang", 2),
        ("Đồng Nai", 1),
        ("Đồng Nai", 3),
    ]


# ---------------------------------------------------------------- properties

letter = st.tuples(st.integers(0, len(ALPHABET) - 1), st.integers(0, len(TONES) - 1), st.booleans())
word = st.lists(letter, min_size=1, max_size=6)
name_parts = st.lists(word, min_size=1, max_size=3)


def spell(parts):
    """The text of generated words, and its order by hand: letters (a space is lower
    than any letter), then tones, then case (lower first)."""
    text = " ".join(
        "".join((ALPHABET[i].upper() if up else ALPHABET[i]) + TONES[t] for i, t, up in w)
        for w in parts
    )
    letters, tones, cases = [], [], []
    for n, w in enumerate(parts):
        if n:
            letters.append(-1)
            tones.append(0)
            cases.append(False)
        letters += [i for i, _t, _u in w]
        tones += [t for _i, t, _u in w]
        cases += [up for _i, _t, up in w]
    return nfc(text), (tuple(letters), tuple(tones), tuple(cases))


# The two ways of placing a tone on "oa", "oe", "uy" sort as one (see the example
# above); generated words use the placement that `canonical_tone` keeps.
spelled = name_parts.map(spell).filter(lambda s: canonical_tone(s[0]) == s[0])


def sign(x) -> int:
    return (x > 0) - (x < 0)


def compare(a, b) -> int:
    return sign((a > b) - (a < b))


@settings(max_examples=400, deadline=None)
@given(spelled, spelled)
def test_the_order_is_the_vietnamese_alphabet_then_tones_then_case(a, b):
    (text_a, ref_a), (text_b, ref_b) = a, b
    if ref_a != ref_b:
        assert compare(vi_sort_key(text_a), vi_sort_key(text_b)) == compare(ref_a, ref_b)
    else:
        assert vi_sort_key(text_a) == vi_sort_key(text_b)


@settings(max_examples=300, deadline=None)
@given(spelled, spelled)
def test_case_and_tones_never_outweigh_a_letter(a, b):
    (text_a, ref_a), (text_b, ref_b) = a, b
    if ref_a[0] != ref_b[0]:
        plain_a = unicodedata.normalize("NFD", text_a.lower())
        plain_b = unicodedata.normalize("NFD", text_b.lower())
        for tone in TONES[1:]:
            plain_a, plain_b = plain_a.replace(tone, ""), plain_b.replace(tone, "")
        assert compare(vi_sort_key(text_a), vi_sort_key(text_b)) == compare(
            vi_sort_key(nfc(plain_a)), vi_sort_key(nfc(plain_b))
        )


any_text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30
)


@settings(max_examples=400, deadline=None)
@given(any_text, any_text)
def test_a_total_order_on_any_text_where_only_the_same_text_ties(a, b):
    key_a, key_b = vi_sort_key(a), vi_sort_key(b)
    assert (key_a == key_b) == (nfc(a) == nfc(b))
    assert vi_sort_key(a) == key_a  # a function of the text alone


@settings(max_examples=200, deadline=None)
@given(st.lists(any_text, max_size=12), st.randoms())
def test_sorting_does_not_depend_on_the_order_given(names, rnd):
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert [nfc(n) for n in by_key(names)] == [nfc(n) for n in by_key(shuffled)]


# ---------------------------------------------------------------- the databases

db_names = st.lists(
    st.one_of(spelled.map(lambda s: s[0]), any_text.filter(lambda t: t.strip())),
    min_size=1,
    max_size=12,
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(db_names)
def test_the_database_orders_names_as_python_does(names):
    with transaction.atomic():
        # Two write paths: save() and bulk_create() (no save(); the field's pre_save).
        half = len(names) // 2
        for n, name in enumerate(names[:half]):
            Agency.objects.create(code=f"viorder-{n}", name_vi=name, kind=AgencyKind.OTHER)
        Agency.objects.bulk_create(
            Agency(code=f"viorder-{n}", name_vi=name, kind=AgencyKind.OTHER)
            for n, name in enumerate(names[half:], start=half)
        )
        mine = Agency.objects.filter(code__startswith="viorder-")
        by_meta = list(mine.values_list("name_vi", flat=True))
        by_column = list(mine.order_by("-name_sort").values_list("name_vi", flat=True))
        transaction.set_rollback(True)
    expected = [nfc(n) for n in by_key(names)]
    assert [nfc(n) for n in by_meta] == expected
    assert [nfc(n) for n in by_column] == expected[::-1]


@pytest.mark.django_db
def test_the_sort_key_column_compares_by_code_point_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite compares text by code point (BINARY) already")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, collation_name FROM information_schema.columns"
            " WHERE column_name IN ('name_sort', 'full_name_sort') ORDER BY table_name"
        )
        columns = cursor.fetchall()
    assert columns == [
        ("accounts_user", "full_name_sort", "C"),
        ("agencies_agency", "name_sort", "C"),
        ("agencies_unit", "name_sort", "C"),
    ]


@pytest.mark.django_db
def test_every_seeded_row_has_its_key():
    for model, source in ((Agency, "name_vi"), (Unit, "name_vi"), (User, "full_name")):
        sort = "full_name_sort" if model is User else "name_sort"
        rows = list(model.objects.values_list(source, sort))
        assert rows or model is not Agency
        assert all(key == vi_sort_key(name) for name, key in rows)
    names = list(
        Agency.objects.filter(kind=AgencyKind.PROVINCE, valid_to__isnull=True).values_list(
            "name_vi", flat=True
        )
    )
    assert len(names) > 20 and names == by_key(names)


@pytest.mark.django_db
def test_a_name_changed_by_save_update_fields_or_update_gets_its_key_again():
    agency = Agency.objects.create(code="viorder-x", name_vi="Yên Bái", kind=AgencyKind.OTHER)
    agency.name_vi = "Đà Nẵng"
    agency.save(update_fields=["name_vi"])
    agency.refresh_from_db()
    assert agency.name_sort == vi_sort_key("Đà Nẵng")
    # update() writes no key (documented); refill_sort_keys puts it right.
    Agency.objects.filter(pk=agency.pk).update(name_vi="Điện Biên")
    agency.refresh_from_db()
    assert agency.name_sort == vi_sort_key("Đà Nẵng")
    assert refill_sort_keys(Agency) == 1
    agency.refresh_from_db()
    assert agency.name_sort == vi_sort_key("Điện Biên")
    assert refill_sort_keys(Agency) == 0


@pytest.mark.django_db
def test_the_migrations_fill_the_keys_of_rows_already_there():
    unit = Unit.objects.create(
        agency=Agency.objects.get(code="bo-y-te"),
        code="viorder-unit",
        name_vi="Đội thử",
        kind=UnitKind.OTHER,
    )
    person = User.objects.create_user("viorder-person", full_name="Đặng Thu Hà")
    Unit.objects.filter(pk=unit.pk).update(name_sort="")
    User.objects.filter(pk=person.pk).update(full_name_sort="")

    class Editor:
        connection = connection

    for module in (
        "lotrinh.agencies.migrations.0005_name_sort",
        "lotrinh.accounts.migrations.0005_name_sort",
    ):
        importlib.import_module(module).fill_sort_keys(apps, Editor())
    unit.refresh_from_db()
    person.refresh_from_db()
    assert unit.name_sort == vi_sort_key("Đội thử")
    assert person.full_name_sort == vi_sort_key("Đặng Thu Hà")


@pytest.mark.django_db
def test_units_and_people_are_listed_in_vietnamese_order():
    agency = Agency.objects.create(code="viorder-p", name_vi="Tỉnh thử", kind=AgencyKind.PROVINCE)
    for n, name in enumerate(
        [
            "Sở Y tế",
            "Ủy ban nhân dân xã Yên Lạc",
            "Sở Giáo dục và Đào tạo",
            "Công an tỉnh",
            "Đài Phát thanh",
        ]
    ):
        Unit.objects.create(agency=agency, code=f"u{n}", name_vi=name, kind=UnitKind.OTHER)
    assert list(Unit.objects.filter(agency=agency).values_list("name_vi", flat=True)) == [
        "Công an tỉnh",
        "Đài Phát thanh",
        "Sở Giáo dục và Đào tạo",
        "Sở Y tế",
        "Ủy ban nhân dân xã Yên Lạc",
    ]
    for n, name in enumerate(["Vũ Văn Ba", "Đỗ Thị An", "Dương Văn Cả", "Lê Văn Đạt"]):
        User.objects.create_user(f"viorder-{n}", full_name=name, agency=agency)
    people = User.objects.filter(agency=agency).order_by("full_name_sort", "pk")
    assert [p.full_name for p in people] == ["Dương Văn Cả", "Đỗ Thị An", "Lê Văn Đạt", "Vũ Văn Ba"]
