"""A refused value is quoted back as the person wrote it in their language: the Vietnamese
message says "1.234,5" (it said "1234.5", the English way, to a clerk who had typed
1.234,5), the English one "1,234.5"; a large figure is written out in full ("1.234.567",
never "1.23457e+06", which is not the number that was sent)."""

import datetime

import pytest
from django.utils import translation

from lotrinh.indicators.models import Indicator
from lotrinh.indicators.validation import check_value

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)


def _messages(code: str, value: float, language: str) -> str:
    with translation.override(language):
        problems = check_value(
            Indicator.objects.get(code=code), year=2024, value=value, today=TODAY
        )
    return " ".join(p.message for p in problems)


def test_a_share_out_of_range_is_quoted_with_a_decimal_comma_in_vietnamese():
    text = _messages("DIGITAL_ECONOMY_SHARE_GDP", 1234.5, "vi")
    assert "1.234,5" in text and "1234.5" not in text, text


def test_the_english_message_keeps_the_english_format():
    text = _messages("DIGITAL_ECONOMY_SHARE_GDP", 1234.5, "en")
    assert "1,234.5" in text, text


def test_a_fractional_rank_is_quoted_in_full():
    text = _messages("GII_RANK_WORLD", 1234567.5, "vi")
    assert "1.234.567,5" in text and "e+" not in text, text
