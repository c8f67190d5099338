"""How long the free texts of a report, and of what is said about it, may be.

One limit for every long text an officer writes in a report (an entry's result,
difficulties and proposals, a coordinating agency's contribution, the general assessment
and the proposals to the Government): 20,000 characters, about eight printed pages, far
more than any task's result in the demo's reports, and small enough that a report of 68
tasks stays a document people can read. Checked by the forms and, for entries, by the
service (`services.validate_entry`), which the spreadsheet upload shares; no database
constraint, so no migration.

What people say about a report or a task (a comment, a return's or a send-back's reason, an
amendment's reason) is shorter: 5,000 characters. A longer text is refused with its
length and the limit, never cut: a cut comment would say something its author did not
write. The pages' text boxes carry the same limits (`maxlength`).

A browser counts a line break in a box as one character and sends it as two (CR LF), so
texts are counted and kept with one character per line break (`one_line_end`): a text the
box accepted is never refused for its line breaks, and lost with the refusal.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from lotrinh.core.locale import format_number

TEXT_MAX_CHARS = 20_000
COMMENT_MAX_CHARS = 5_000

# The long texts of an entry (the keys of `services.validate_entry`'s data).
ENTRY_TEXTS = ("result", "difficulties", "proposals")


def too_long_message(length: int, limit: int = TEXT_MAX_CHARS) -> str:
    """ "Too long (n characters; at most limit)", the numbers grouped as the page's
    language writes them (20.000 in Vietnamese, 20,000 in English)."""
    return _("Nội dung quá dài (%(count)s ký tự; tối đa %(limit)s ký tự): chưa lưu.") % {
        "count": format_number(length, 0),
        "limit": format_number(limit, 0),
    }


def one_line_end(text: str) -> str:
    """`text` with its line breaks as browsers count them: one LF each (not CR LF)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def texts_one_line_end(data: dict[str, Any]) -> dict[str, Any]:
    """An entry's submitted values with its long texts' line breaks as one LF each.

    Browsers send a textarea's line breaks as CR LF; kept so, a pasted list or Word table
    printed each break twice in the DOCX and left a CR in the workbook's cells."""
    return {
        key: one_line_end(value) if key in ENTRY_TEXTS and isinstance(value, str) else value
        for key, value in data.items()
    }


def length_problem(text: str, limit: int) -> str:
    """`too_long_message` when `text` is longer than `limit`, "" otherwise (a line break
    counts one, as the box that limited it counted it)."""
    length = len(one_line_end(text))
    return too_long_message(length, limit) if length > limit else ""


def max_chars(value: Any) -> None:
    """A form field validator: refuse a text longer than TEXT_MAX_CHARS."""
    problem = length_problem(value or "", TEXT_MAX_CHARS)
    if problem:
        raise ValidationError(problem, code="max_length")


def text_problems(data: dict[str, Any], fields: tuple[str, ...] = ENTRY_TEXTS) -> dict[str, str]:
    """The fields of `data` whose text is longer than the limit, with their message."""
    return {
        name: problem
        for name in fields
        if isinstance(data.get(name), str)
        and (problem := length_problem(data[name], TEXT_MAX_CHARS))
    }
