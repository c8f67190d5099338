"""Wording the audit walk found wrong: the English plural of "đã nhắc %(n)s lần" (the
indicators catalogue had both forms in each msgstr, and it wins over reporting's), the
evidence link's label (tests/reporting/test_audit_labels.py), and the English agencies list showing Vietnamese names."""

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

REMINDED = (
    "{% load i18n %}{% blocktranslate count n=n %}đã nhắc {{ n }} lần{% plural %}"
    "đã nhắc {{ n }} lần{% endblocktranslate %}"
)


@pytest.mark.parametrize(("n", "english"), [(1, "reminded 1 time"), (2, "reminded 2 times")])
def test_reminded_n_times_has_one_english_form_per_number(n, english):
    with translation.override("en"):
        assert Template(REMINDED).render(Context({"n": n})) == english
        assert (
            translation.ngettext("đã nhắc %(n)s lần", "đã nhắc %(n)s lần", n) % {"n": n} == english
        )
    with translation.override("vi"):
        assert Template(REMINDED).render(Context({"n": n})) == f"đã nhắc {n} lần"


def test_no_english_translation_holds_two_plural_forms_in_one():
    from pathlib import Path

    import lotrinh

    for po in Path(lotrinh.__file__).parent.glob("*/locale/en/LC_MESSAGES/django.po"):
        for number, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1):
            assert not (line.startswith("msgstr") and " | " in line), (po, number, line)


def test_the_english_agencies_list_names_them_in_english(seeded_db, client):
    from lotrinh.agencies.models import Agency

    named = Agency.objects.exclude(name_en="").filter(kind="province").first()
    assert named is not None
    client.cookies["django_language"] = "en"
    html = client.get(reverse("agencies:list"), {"kind": "province"}).content.decode()
    assert named.name_en in html and named.name_vi not in html
    client.cookies["django_language"] = "vi"
    html = client.get(reverse("agencies:list"), {"kind": "province"}).content.decode()
    assert named.name_vi in html
