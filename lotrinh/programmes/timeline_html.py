"""The timeline's rows and list items, written directly as HTML.

The timeline page shows every task of the programme twice: as a row of the chart (a label,
the year grid, a bar or a mark) and as an item of the dated list. Through the templates
`programmes/_timeline_row.html` and `programmes/_timeline_item.html` that was about 6,500
variable lookups and 550 includes per page (most of the page's time); this writes the same
markup in a few string operations, with the year grid written once per page.

`tests/timeline/test_timeline_html.py` checks that both give the same HTML for every item of
a timeline, in Vietnamese and English: change the templates and this module together.
"""

import unicodedata
from typing import Any

from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotrinh.core.direct_html import value_html as _e
from lotrinh.programmes.templatetags.timeline_tags import day
from lotrinh.programmes.timeline import MILESTONE, PERIOD, Item, Section, Timeline

_PERIOD_MARK = (
    '<svg class="tl-at" x="{x}" y="0" overflow="visible"><path class="tl-mark tl-mark-period"'
    ' d="M0 7 L7 14 L0 21 L-7 14 Z"/></svg>'
)

# Per language: the fixed words of a row (the same for every item).
_WORDS: dict[str, dict[str, str]] = {}


def _words() -> dict[str, str]:
    language = get_language() or ""
    found = _WORDS.get(language)
    if found is None:
        found = {
            # As `{% translate %}` of a literal writes them: not escaped.
            "due": _("Hạn nộp"),
            "unset": _("Chưa đặt thời hạn"),
            "none": _("Không nêu thời hạn"),
            "milestone": _("Mốc năm %(year)s"),
            "deadline": _("Thời hạn: %(d)s"),
            "progress": _("tiến độ %(p)s%%"),
        }
        _WORDS[language] = found
    return found


def _cut(value: Any, length: int) -> str:
    """`{{ value|truncatechars:length }}`. A text no longer than `length` is written whole
    (Truncator's loop over its characters only finds that out slowly)."""
    text = unicodedata.normalize("NFC", str(value))
    if len(text) <= length:
        return str(conditional_escape(text))
    return str(conditional_escape(Truncator(value).chars(length)))


def _lang(lang: str) -> str:
    return f' lang="{_e(lang)}"' if lang else ""


def _title(item: Item, length: int) -> str:
    text = _cut(item.title, length)
    if item.url:
        return f'<a href="{_e(item.url)}"{_lang(item.title_lang)}>{text}</a>'
    return f"<span{_lang(item.title_lang)}>{text}</span>"


def _badges(item: Item) -> str:
    out = ""
    if item.via:
        out += f' · <span class="badge badge-inherited">{_e(item.via)}</span>'
    if item.status_label:
        out += f' <span class="badge st-{_e(item.tone)}">{_e(item.status_label)}</span>'
    return out


def grid(timeline: Timeline) -> str:
    """The year lines of every row (the same in each)."""
    return "".join(
        f'<line class="tl-grid" x1="{_e(t.x)}" x2="{_e(t.x)}" y1="0" y2="28"/>'
        for t in timeline.ticks
    )


def row(item: Item, child: bool, timeline: Timeline, lines: str) -> str:
    """`programmes/_timeline_row.html` for `item`; `lines` is `grid(timeline)`."""
    words = _words()
    label = f'<span class="ref">{_e(item.ref)}</span> ' if item.ref else ""
    label += _title(item, 90)
    if item.kind == PERIOD:
        meta = words["due"] + ": " + ", ".join(_e(day(c.due)) for c in item.children)
        marks = "".join(_PERIOD_MARK.format(x=_e(c.xdue)) for c in item.children)
    elif item.kind == MILESTONE:
        meta = words["milestone"] % {"year": _e(item.due.year if item.due else "")}
        marks = (
            f'<svg class="tl-at" x="{_e(item.xdue)}" y="0" overflow="visible"><path'
            f' class="tl-mark tone-{_e(item.tone)}" d="M0 6 L8 14 L0 22 L-8 14 Z"/></svg>'
        )
    else:
        if item.due:
            meta = words["deadline"] % {"d": _e(day(item.due))}
        elif item.recurrence:
            meta = _e(item.due_text)
        elif item.kind == "action":
            meta = words["unset"]
        else:
            meta = words["none"]
        tone = _e(item.tone)
        marks = (
            f'<rect class="tl-bar tl-{_e(item.kind)} tone-{tone}'
            f'{" tl-open" if item.open_ended else ""}" x="{_e(item.x0)}"'
            f' width="{_e(item.width)}" y="8" height="12" rx="3"/>'
        )
        if item.done_width:
            marks += (
                f'<rect class="tl-done" x="{_e(item.x0)}" width="{_e(item.done_width)}"'
                ' y="8" height="12" rx="3"/>'
            )
        if item.xdue:
            marks += (
                f'<svg class="tl-at" x="{_e(item.xdue)}" y="0" overflow="visible"><path'
                f' class="tl-mark tone-{tone}" d="M0 7 L7 14 L0 21 L-7 14 Z"/></svg>'
            )
    if item.kind == "action":
        meta += f" · <span{_lang(item.note_lang)}>{_cut(item.note, 60)}</span> · " + words[
            "progress"
        ] % {"p": _e(item.progress)}
    meta += _badges(item)
    today = (
        f'<line class="tl-today" x1="{_e(timeline.today_x)}" x2="{_e(timeline.today_x)}"'
        ' y1="0" y2="28"/>'
        if timeline.today_in_range
        else ""
    )
    return (
        f'<div class="tl-row{" tl-child" if child else ""} tl-row-{_e(item.kind)}">\n'
        f'  <div class="tl-label">\n    {label}\n'
        f'    <div class="small muted">{meta}</div>\n  </div>\n'
        '  <svg class="tl-track" aria-hidden="true" focusable="false" height="28">\n'
        f"    {lines}\n    {marks}\n    \n    {today}\n  </svg>\n</div>\n"
    )


def list_item(item: Item) -> str:
    """`programmes/_timeline_item.html` for `item`."""
    words = _words()
    if item.due:
        when = _e(day(item.due))
    elif item.recurrence:
        when = _e(item.due_text)
    else:
        when = words["none"]
    ref = f' <span class="ref">{_e(item.ref)}</span>' if item.ref else ""
    meta = ""
    if item.note:
        meta += f"<span{_lang(item.note_lang)}>{_cut(item.note, 120)}</span>"
    if item.due_text and item.due and item.kind == "task":
        meta += f" · <span{_lang(item.title_lang)}>{_e(item.due_text)}</span>"
    if item.progress is not None:
        meta += " · " + words["progress"] % {"p": _e(item.progress)}
    if item.via:
        meta += f' <span class="badge badge-inherited">{_e(item.via)}</span>'
    if item.status_label:
        meta += f' <span class="badge st-{_e(item.tone)}">{_e(item.status_label)}</span>'
    return (
        f'<li class="tl-item tl-item-{_e(item.kind)}">\n'
        f'  <span class="tl-when">{when}</span>\n'
        f'  <span class="badge badge-kind-{_e(item.kind)}">{_e(item.kind_label)}</span>{ref}\n'
        f"  {_title(item, 160)}\n"
        f'  <span class="tl-meta small muted">{meta}</span>\n</li>\n'
    )


def section_rows(section: Section, timeline: Timeline) -> SafeString:
    """The chart's rows of one section, with the whitespace of the page's loop: each item's
    row, then its children's rows (a reporting period shows its deadlines in its own row)."""
    lines = grid(timeline)
    out: list[str] = []
    for item in section.items:
        out.append("\n    " + row(item, False, timeline, lines) + "\n    ")
        if item.kind != PERIOD:
            out.extend(row(c, True, timeline, lines) for c in item.children)
        out.append("\n  ")
    return mark_safe("".join(out))


def list_items(items: list[Item]) -> SafeString:
    """The dated list's items (`<li>` each)."""
    return mark_safe("".join(list_item(i) for i in items))
