"""The Django admin speaks proper words in both languages: every model it shows is named
in the singular and the plural, in Vietnamese with its diacritics and in English, so its
index, lists and "delete selected" messages read "Đã xoá 2 kế thừa cơ quan",
"Successfully deleted 2 agency successions." (it said "2 agency succession": the plural
had the singular's msgid, one English word for both), "Agencies" over the agency models
(it said "Agency"), "Xóa các nhóm đã chọn" (Django's Vietnamese names groups "Các nhóm":
"Xóa các Các nhóm đã chọn"). And a succession is named with its day as pages write it,
"(01/03/2026)", not "(2026-03-01)", in the admin's refusals and lists."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from lotrinh.agencies.models import AgencySuccession, Unit, UnitSuccession
from tests.core.pending_english import add_pending_english
from tests.core.test_admin_stale_delete import (
    _change_source,
    _confirm,
    _hidden,
    _messages,
    _select,
    _succession,
)

pytestmark = pytest.mark.django_db
VIETNAMESE_LETTER = re.compile(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.I)


def _admin_models() -> list[type]:
    """Every model the admin shows: registered, and the inline rows of their pages."""
    models = []
    for model, model_admin in admin.site._registry.items():
        models.append(model)
        models += [inline.model for inline in model_admin.inlines]
    return models


def _names(model: type, language: str) -> tuple[str, str]:
    with translation.override(language):
        return str(model._meta.verbose_name), str(model._meta.verbose_name_plural)


def _naive_plural(singular: str) -> str:
    """What an English plural made by adding "s" writes: "agencys"."""
    return singular + "s"


def test_every_model_in_the_admin_is_named_in_both_languages_and_both_numbers(monkeypatch):
    add_pending_english(monkeypatch, "order44")
    models = _admin_models()
    assert len(models) >= 14
    for model in models:
        vi_one, vi_many = _names(model, "vi")
        en_one, en_many = _names(model, "en")
        what = model._meta.label
        # Vietnamese, with its diacritics, written to sit inside a sentence ("Chọn … để
        # thay đổi", "Xóa các … đã chọn", "Đã xoá 2 …"): no "Các" of its own.
        assert VIETNAMESE_LETTER.search(vi_one) and VIETNAMESE_LETTER.search(vi_many), what
        assert vi_one == vi_one.lower() and vi_many == vi_many.lower(), what
        assert not vi_many.startswith("các "), what
        # English in the catalogue: a plural that is one ("agency successions"), not the
        # singular again, nor the singular with an "s" where English spells it otherwise.
        assert not VIETNAMESE_LETTER.search(en_one + en_many), what
        assert en_one != vi_one and en_many != vi_many, what
        assert en_many != en_one, what
        if re.search(r"[^aeiou]y$", en_one):
            assert en_many != _naive_plural(en_one) and en_many.endswith("ies"), what
        # The project's own models say their plural themselves (their Meta), not Django's
        # "+s" of the Vietnamese.
        if model._meta.app_label in {"agencies", "programmes", "accounts", "core"}:
            assert "verbose_name_plural" in model._meta.original_attrs, what


def test_a_succession_is_named_with_its_day_as_pages_write_it():
    succession = _succession("QĐ")
    assert str(succession).endswith("(01/03/2026)")
    assert "2026-03-01" not in str(succession)
    unit = Unit.objects.filter(agency__code="bo-y-te").first() or Unit.objects.create(
        agency=succession.predecessor, code="u-test", name_vi="Vụ thử", kind="other"
    )
    moved = UnitSuccession(
        predecessor=unit, successor=None, kind="dissolved", effective_date=datetime.date(2025, 7, 1)
    )
    assert str(moved).endswith("(01/07/2025)")


def test_the_admins_stale_delete_refusal_names_the_succession_with_that_day(two_admins):
    first, second = two_admins
    succession = _succession("QĐ gốc")
    url = reverse("admin:agencies_agencysuccession_delete", args=[succession.pk])
    seen = _hidden(first.get(url).content.decode(), "seen_event")
    _change_source(second, succession, "QĐ đã sửa")
    first.post(url, {"post": "yes", "seen_event": seen})
    text = _messages(first, url)
    assert f"{succession.predecessor.name_vi} → {succession.successor.name_vi} (01/03/2026)" in text
    assert "(2026-03-01)" not in text


@pytest.mark.parametrize(
    ("language", "said"),
    [("vi", "Đã xoá 2 kế thừa cơ quan."), ("en", "Successfully deleted 2 agency successions.")],
)
def test_delete_selected_says_how_many_in_proper_words(two_admins, monkeypatch, language, said):
    add_pending_english(monkeypatch, "order44")
    add_pending_english(monkeypatch, "day45")  # the message is the site's own (day45)
    first, _second = two_admins
    first.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pks = [_succession("QĐ một").pk, _succession("QĐ hai").pk]
    page = _select(first, pks)
    if language == "en":
        assert "Delete multiple objects" in page or "agency successions" in page
    assert _confirm(first, page, pks).status_code == 302
    assert not AgencySuccession.objects.filter(pk__in=pks).exists()
    listing = first.get(reverse("admin:agencies_agencysuccession_changelist")).content.decode()
    assert said in listing, listing[:3000]
    assert "2 agency succession." not in listing


@pytest.mark.parametrize(
    ("language", "words", "not_words"),
    [
        (
            "en",
            ["Agencies", "Agency successions", "Accounts", "Users", "Groups", "Programmes"],
            [">Agency<", ">Account<", ">User<"],
        ),
        (
            "vi",
            ["Cơ quan", "Kế thừa cơ quan", "Tài khoản", "Người dùng", "Nhóm", "Tác vụ nền"],
            ["Các nhóm", "Task Results", "Access attempts"],
        ),
    ],
)
def test_the_admin_index_names_apps_and_models_in_the_plural(
    two_admins, monkeypatch, language, words, not_words
):
    add_pending_english(monkeypatch, "order44")
    first, _second = two_admins
    first.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = first.get(reverse("admin:index")).content.decode()
    for word in words:
        assert f">{word}<" in page, (word, page[:4000])
    for word in not_words:
        assert word not in page, word
    # A third party's model page says the project's words too, not the package's.
    groups = first.get(reverse("admin:auth_group_changelist")).content.decode()
    if language == "vi":
        assert "Chọn nhóm để thay đổi" in groups and "Các nhóm" not in groups
    else:
        assert "Select group to change" in groups


def test_a_sign_in_record_is_named_who_from_where_and_when(two_admins, monkeypatch):
    """django-axes named a record "Attempted Access: 2026-12-07 09:45:00+00:00" (English,
    the moment in UTC, year first) on the admin's confirmation of the delete that unlocks
    a person, and in its refusals."""
    from axes.models import AccessAttempt

    add_pending_english(monkeypatch, "order44")
    record = AccessAttempt.objects.create(
        username="nva",
        ip_address="10.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/tai-khoan/dang-nhap/",
        get_data="",
        post_data="",
        failures_since_start=3,
    )
    AccessAttempt.objects.filter(pk=record.pk).update(
        attempt_time=datetime.datetime(2026, 12, 7, 9, 45, tzinfo=datetime.UTC)
    )
    record.refresh_from_db()
    assert str(record) == "nva từ 10.0.0.1 (07/12/2026 16:45)"
    with translation.override("en"):
        assert str(record) == "nva from 10.0.0.1 (07/12/2026 16:45)"
    first, _second = two_admins
    page = first.get(reverse("admin:axes_accessattempt_delete", args=[record.pk]))
    assert "nva từ 10.0.0.1 (07/12/2026 16:45)" in page.content.decode()
    assert "Attempted Access" not in page.content.decode()
