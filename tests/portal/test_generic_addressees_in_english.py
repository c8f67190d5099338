"""A task's unnamed addressee ("Các bộ, ngành, địa phương", "các cơ quan có liên quan")
reads in English on English public pages when the text as written says no more than its
generic addressee; a text that says more stays as written, marked Vietnamese."""

import re

import pytest
from django.core.cache import cache
from django.test import Client

from lotrinh.programmes.models import GenericAddressee, TaskAssignment

pytestmark = pytest.mark.django_db


def _lead_cell(html: str) -> str:
    found = re.search(r"<dt>Lead agencies</dt><dd>(.*?)</dd>", html, re.S)
    assert found, html[:2000]
    return found.group(1)


def _english(url: str) -> str:
    return Client(headers={"cookie": "django_language=en"}).get(url).content.decode()


def test_a_generic_lead_reads_in_english_and_a_longer_text_stays_vietnamese() -> None:
    lead = (
        TaskAssignment.objects.filter(
            role="lead", generic=GenericAddressee.ALL_MINISTRIES_AGENCIES_PROVINCES
        )
        .select_related("task")
        .first()
    )
    assert lead is not None and lead.name_as_written.strip(" :") == "Các bộ, ngành, địa phương"
    url = f"/cong-khai/nhiem-vu/{lead.task.pk}/"
    cell = _lead_cell(_english(url))
    assert "Ministries, agencies and provinces" in cell, cell
    assert "Các bộ, ngành, địa phương" not in cell, cell
    # The same addressee written with more words than the generic one says.
    lead.name_as_written = "Các bộ, ngành, địa phương và doanh nghiệp nhà nước"
    lead.save()
    cache.clear()  # the public picture is cached; an addressee is not edited in the app
    cell = _lead_cell(_english(url))
    assert '<span lang="vi">Các bộ, ngành, địa phương và doanh nghiệp nhà nước</span>' in cell
    assert "Ministries, agencies and provinces" not in cell


def test_a_generic_written_with_small_differences_is_the_generic() -> None:
    """Commas and the filler "có" do not make a different addressee."""
    for written, generic in [
        ("các cơ quan có liên quan", GenericAddressee.RELATED_BODIES),
        ("Các bộ, ngành địa phương:", GenericAddressee.ALL_MINISTRIES_AGENCIES_PROVINCES),
    ]:
        assert TaskAssignment(name_as_written=written, generic=generic).says_only_generic
    longer = "Các tỉnh uỷ, thành uỷ, ban đảng, ban cán sự đảng, đảng đoàn"
    assert not TaskAssignment(
        name_as_written=longer, generic=GenericAddressee.PARTY_COMMITTEES
    ).says_only_generic
