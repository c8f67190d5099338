"""A date a template writes as text is kept on one line (`<span class="nowrap">`): a narrow
column broke "31/12/2025" into "31/12/20" above "25" (the agency overview's plan tasks,
at 1366 px, day46). The browser audit (tests/ui/test_pages.py) sees a broken date only on
the pages and data it visits; this reads every template for a `|date:"d/m/Y…"` written
outside an element kept whole."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "lotrinh"
DATE = re.compile(r'\{\{[^{}]*\|date:"d/m/Y[^"]*"[^{}]*\}\}')
KEPT_WHOLE = re.compile(r'class="[^"]*\bnowrap\b[^"]*"[^<>]*>$')
# Inside a tag (an attribute's value: a `datetime`, a `value`), not laid out as text; or in
# an element that holds text only (a choice of a list, the browser tab's title).
IN_TAG = re.compile(r"<[^<>]*$")
TEXT_ONLY = ("option", "title")


def _in_text_only(before: str) -> bool:
    return any(before.rfind(f"<{tag}") > before.rfind(f"</{tag}>") for tag in TEXT_ONLY)


def dates_left_to_break(text: str) -> list[str]:
    found = []
    for match in DATE.finditer(text):
        before = text[max(0, match.start() - 300) : match.start()]
        if (
            KEPT_WHOLE.search(before)
            or IN_TAG.search(before)
            or _in_text_only(text[: match.start()])
        ):
            continue
        found.append(match.group(0))
    return found


def test_the_check_sees_a_bare_date_and_lets_a_kept_one_pass() -> None:
    assert dates_left_to_break('<td>{{ a.due|date:"d/m/Y" }}</td>') == ['{{ a.due|date:"d/m/Y" }}']
    assert not dates_left_to_break('<td><span class="nowrap">{{ a.due|date:"d/m/Y" }}</span>')
    assert not dates_left_to_break('<td class="small nowrap">{{ a.due|date:"d/m/Y H:i" }}</td>')
    assert not dates_left_to_break('<time datetime="{{ a.due|date:"d/m/Y" }}">')
    assert not dates_left_to_break('<option value="1">Plan, {{ a.due|date:"d/m/Y" }}</option>')


def test_no_template_writes_a_date_that_may_break_over_two_lines() -> None:
    left = {
        f"{path.relative_to(ROOT)}: {date}"
        for path in sorted(ROOT.rglob("*.html"))
        for date in dates_left_to_break(path.read_text(encoding="utf-8"))
    }
    assert not left, "\n".join(sorted(left))
