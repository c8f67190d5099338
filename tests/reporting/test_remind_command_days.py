"""`lotrinh remind` tells the days as an officer reads them: "còn 14 ngày" before the
deadline, "đến hạn hôm nay" on it, "quá hạn 7 ngày" after, never "(+14 ngày)" or
"(-7 ngày)", and names the report and its period as a sentence does."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _preview(day: str) -> str:
    out = StringIO()
    call_command("remind", "--date", day, "--dry-run", stdout=out)
    return out.getvalue()


@time_machine.travel("2025-01-10 03:00:00+00:00", tick=False)
@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("2024-11-16", "còn 14 ngày"),
        ("2024-11-30", "đến hạn hôm nay"),
        ("2024-12-07", "quá hạn 7 ngày"),
    ],
)
def test_the_days_are_told_as_an_officer_reads_them(officer_a, approver_a, day, said) -> None:
    text = _preview(day)
    line = next(line for line in text.splitlines() if "Bộ Y tế" in line)
    assert said in line, line
    assert "báo cáo 50/NQ-CP kỳ năm 2024" in line, line
    assert "ngày)" not in line and "before" not in line and "overdue" not in line, line
