"""A value beyond any national figure typed in full ("100000000000000000000") is refused
with the number quoted as the page writes numbers, grouped in full, not as "1e+20", a
form the officer never typed; a value typed in scientific form beyond 10^30 ("1e308")
is quoted short, as typed."""

import datetime

from django.utils import translation

from lotrinh.indicators.models import Indicator
from lotrinh.indicators.validation import check_value


def _messages(value: float, language: str) -> list[str]:
    indicator = next(i for i in Indicator.objects.order_by("position") if i.takes_values)
    indicator.min_value = indicator.max_value = None  # only the magnitude check speaks
    with translation.override(language):
        return [
            p.message
            for p in check_value(
                indicator, year=2020, value=value, today=datetime.date(2026, 12, 7)
            )
        ]


def test_an_absurd_value_is_quoted_in_full_in_each_language(db) -> None:
    vi = " ".join(_messages(1e20, "vi"))
    en = " ".join(_messages(1e20, "en"))
    assert "100.000.000.000.000.000.000" in vi and "e+" not in vi, vi
    assert "100,000,000,000,000,000,000" in en and "e+" not in en, en
    assert "lớn bất thường" in vi
