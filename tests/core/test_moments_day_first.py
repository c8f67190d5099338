"""A moment code writes into a refusal, a notice or a history line is dd/mm/yyyy hh:mm in
Vietnam's time, written by one function, `locale.format_datetime` (docs/architecture.md,
"Dates typed and shown day first"); some refusals wrote "17:54 07/12/2026"."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from lotrinh.core import concurrency
from lotrinh.core.locale import format_datetime
from lotrinh.core.models import AuditEvent
from lotrinh.programmes.models import Programme

SOURCE = Path(__file__).parents[2] / "lotrinh"
# A moment written by hand: the hour and the day, in either order, by strftime, an
# f-string or Django's format. (A time alone, "Đã lưu lúc 14:05" beside the save just
# made, is not a moment to place.) Django's own formats (core/formats) say the same.
BY_HAND = re.compile(r"%H:%M %d/%m/%Y|%d/%m/%Y %H:%M|H:i d/m/Y|d/m/Y H:i")
DAY_FIRST = re.compile(r"\b\d{2}/\d{2}/\d{4} \d{2}:\d{2}\b")

moments = st.datetimes(
    min_value=datetime.datetime(2000, 1, 1), max_value=datetime.datetime(2099, 12, 31)
).map(lambda d: d.replace(tzinfo=datetime.UTC))


def test_no_module_writes_a_moment_by_hand():
    found = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.name != "locale.py" and not {"migrations", "formats"} & set(path.parts)
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if BY_HAND.search(line)
    ]
    assert not found, "write moments with locale.format_datetime:\n" + "\n".join(found)


@given(moments)
def test_the_moment_is_the_day_then_the_time_in_vietnam(moment):
    local = timezone.localtime(moment)
    assert local.utcoffset() == datetime.timedelta(hours=7)
    assert format_datetime(moment) == (
        f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:{local.minute:02d}"
    )


@given(moments)
def test_a_stale_refusal_names_the_moment_day_first(moment):
    event = AuditEvent(occurred_at=moment)
    message = str(concurrency.StaleEdit(Programme(code="52-NQ/TW"), event, kept=False))
    assert format_datetime(moment) in message
    assert DAY_FIRST.search(message), message
