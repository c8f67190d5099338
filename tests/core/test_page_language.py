"""Pages speak the reader's language: bilingual data notes, no internal codes.

The fast server-side check (the `uiaudit` browser tests do the same over every page):
renders the main pages in Vietnamese and English with the Django client, keeps the
visible text outside elements marked with another language, and looks for internal
code patterns and for data notes of the other language.
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from lotrinh.agencies.models import AgencySuccession
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.programmes.models import Programme, Task
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

INTERNAL = [
    re.compile(p)
    for p in (
        r"\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\b",  # indicator codes
        r"\bpreamble\.\d",  # clause keys
        r"\b\d+\.general\b",
        r"lotrinh/",  # file paths
        r"\.py\b",
        r"\{'",  # dicts
    )
]
QUOTED_VIETNAMESE = re.compile(
    r"[“\"(]?\w*[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]",
    re.IGNORECASE,
)
PUBLIC_PAGES = [
    "/",
    "/chi-tieu/",
    "/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/",
    "/chi-tieu/BROADBAND_COMMUNE_COVERAGE/",
    "/chi-tieu/MOBILE_5G_NATIONWIDE/",
    "/chuong-trinh/50-nq-cp/",
    "/chuong-trinh/52-nq-tw/",
    "/chuong-trinh/50-nq-cp/van-ban/",
    "/chuong-trinh/52-nq-tw/van-ban/",
    "/chuong-trinh/50-nq-cp/nhiem-vu/",
    "/co-quan/",
    "/co-quan/bo-khoa-hoc-va-cong-nghe/",
    "/co-quan/bo-thong-tin-va-truyen-thong/",
]


class VisibleText(HTMLParser):
    """The text a reader of `language` sees, without elements marked with another language."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base"}

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        lang = dict(attrs).get("lang")
        hidden = tag in ("script", "style", "title", "template") or (
            lang is not None and lang != self.language and tag != "html"
        )
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(hidden for _, hidden in self.stack):
            self.parts.append(" ".join(data.split()))


def visible(client: Client, path: str, language: str) -> str:
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200, path
    parser = VisibleText(language)
    parser.feed(response.content.decode())
    return "\n".join(parser.parts)


def internal_codes(text: str) -> list[str]:
    return [m.group(0) for pattern in INTERNAL for m in pattern.finditer(text)]


def report_page(officer_a) -> str:
    from lotrinh.programmes.models import Programme as P
    from lotrinh.reporting import services

    regime = P.objects.get(code="50/NQ-CP", status="published").reporting_regimes.get(
        code="annual-report"
    )
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)
    entry = report.entries.first()
    services.save_entry(entry, officer_a, {"status": "in_progress"}, entry.version)
    return f"/bao-cao/{report.pk}/"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_internal_codes_on_the_main_pages(client, officer_a, language):
    pages = {path: visible(client, path, language) for path in PUBLIC_PAGES}
    pages["report"] = visible(client_for(officer_a), report_page(officer_a), language)
    found = {path: internal_codes(text) for path, text in pages.items()}
    assert not {path: codes for path, codes in found.items() if codes}


def bilingual_notes() -> list[tuple[str, str, str]]:
    """(page, Vietnamese, English) of data notes stored in both languages."""
    notes = []
    for indicator in Indicator.objects.filter(code__in=["DIGITAL_ECONOMY_SHARE_GDP"]):
        page = f"/chi-tieu/{indicator.code}/"
        notes += [
            (page, indicator.definition, indicator.definition_en),
            (page, indicator.source_note, indicator.source_note_en),
        ]
        for o in Observation.objects.filter(indicator=indicator, is_current=True).exclude(note=""):
            notes.append((page, o.note, o.note_en))
    programme = Programme.objects.get(code="52-NQ/TW", status="published")
    notes.append(("/chuong-trinh/52-nq-tw/", programme.note, programme.note_en))
    task = Task.objects.get(programme__code="50/NQ-CP", programme__status="published", ref="II.3.d")
    notes.append(("/chuong-trinh/50-nq-cp/nhiem-vu/II-3-d/", task.note, task.note_en))
    succession = AgencySuccession.objects.get(
        predecessor__code="bo-thong-tin-va-truyen-thong", successor__code="bo-khoa-hoc-va-cong-nghe"
    )
    notes.append(("/co-quan/bo-thong-tin-va-truyen-thong/", succession.note, succession.note_en))
    return notes


def test_data_notes_exist_in_both_languages():
    for _page, vietnamese, english in bilingual_notes():
        assert vietnamese and english and vietnamese != english


def test_vietnamese_pages_show_the_vietnamese_notes_and_english_pages_the_english(client):
    for page, vietnamese, english in bilingual_notes():
        vi_text = visible(client, page, "vi")
        en_text = visible(client, page, "en")
        assert vietnamese[:60] in vi_text and english[:60] not in vi_text, page
        # Vietnamese quoted in an English note is marked lang="vi" (left out of the
        # English reader's text): look for the English up to its first Vietnamese word.
        probe = QUOTED_VIETNAMESE.split(english)[0][:60].rstrip(' “"(')
        assert probe in en_text and vietnamese[:60] not in en_text, page


def test_frequency_and_units_are_words_of_the_page_language(client):
    assert "annual" not in visible(client, "/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/", "vi")
    assert "% of GDP" in visible(client, "/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/", "en")


def test_the_programme_source_names_no_file(client):
    for language in ("vi", "en"):
        text = visible(client, "/chuong-trinh/50-nq-cp/van-ban/", language)
        assert "seed text" not in text and ".txt" not in text


INDICATOR_PAGES = [
    "/chi-tieu/",
    "/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/",
    "/chi-tieu/EGDI_RANK_WORLD/",
    "/chi-tieu/LABOUR_PRODUCTIVITY_GROWTH/",
]


def test_decimals_follow_the_page_language(client):
    # "12,66" on Vietnamese pages, "12.66" on English ones; never the other way round.
    for page in INDICATOR_PAGES:
        vietnamese = visible(client, page, "vi")
        english = visible(client, page, "en")
        assert not re.findall(r"\b\d+\.\d{1,2}\b(?![.\d])", vietnamese), page
        assert not re.findall(r"\b\d+,\d{1,2}\b(?![,\d])", english), page
    assert "12,66" in visible(client, INDICATOR_PAGES[1], "vi")
    assert "12.66" in visible(client, INDICATOR_PAGES[1], "en")
