"""In-app notices, written in both languages when they are created.

A notice's words are a function of the language: `notice(lambda lang: ...)` calls it
under Vietnamese and under English, so the `gettext` inside gives each language's text
and the names it writes (`body_in`, `period_in`, `report_names`) follow the language.
`post` stores both (`Notification.message` and `message_en`); pages show the reader's
language (`Notification.shown_html`). E-mails stay in Vietnamese, the language of
the correspondence (`Notice.vi`).
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from lotrinh.core.locale import agency_in_sentence, localized, localized_text

LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Notice:
    vi: str
    en: str


def notice(text: Callable[[str], object]) -> Notice:
    """`text(language)` written in Vietnamese and in English (gettext inside translates).
    The English starts with a capital: a body named first reads "The Ministry of …"."""
    written = {}
    for language in LANGUAGES:
        with translation.override(language):
            written[language] = str(text(language))
    written["en"] = written["en"][:1].upper() + written["en"][1:]
    return Notice(**written)


def post(users: Iterable[Any], message: Notice, link: str) -> list[Any]:
    """The notice for each of `users`, in the caller's transaction; the people told."""
    from lotrinh.reporting.models import Notification

    people = list(users)
    Notification.objects.bulk_create(
        Notification(user=u, message=message.vi, message_en=message.en, link=link) for u in people
    )
    return people


# ------------------------------------------------------------ names in a notice


def name_in(body: Any, language: str) -> str:
    """An agency's or a unit's name: its English name in English where it has one."""
    return localized_text(body, "name", language)


def body_in(body: Any, language: str) -> str:
    """A body named in a sentence: in English, with "the" before an institution's English
    name ("the Ministry of Health", "the Ha Noi City Party Committee", "the Department of
    Finance"), not before a province or city, which is a place ("Bac Ninh Province"), nor
    before a name left in Vietnamese."""
    return agency_in_sentence(body, language)[0]


def period_in(period: Any, language: str) -> str:
    """A period as a sentence names it ("năm 2025", "6 tháng cuối năm 2025"; "the year
    2025", "the second half of 2025"): `ReportingPeriod.title_in_sentence`, never the
    heading's "Năm 2025" / "Year 2025" in the middle of a sentence."""
    with translation.override(language):
        return str(period.title_in_sentence)


def report_of_period(code: str, period: Any, language: str) -> str:
    """A programme's report of a period inside a sentence: "50/NQ-CP kỳ năm 2025" (after
    "báo cáo"), "50/NQ-CP for the year 2025" (after "the report")."""
    with translation.override(language):
        return translation.pgettext(
            "a programme's report of a period", "%(code)s kỳ %(period)s"
        ) % {
            "code": code,
            "period": period.title_in_sentence,
        }


def report_names(report: Any, language: str) -> dict[str, str]:
    """The words that name a report in a notice: whose it is (`body`: the unit's, else the
    agency's, as a sentence names a body) and its period (`period`). Notices write
    "báo cáo của %(body)s, kỳ %(period)s" ("the report of %(body)s (%(period)s)"): the
    title alone ("Thành ủy Hà Nội — 6 tháng cuối năm 2025") after "đã tiếp nhận" read as
    if the committee itself were accepted."""
    body = report.unit if report.unit_id is not None else report.agency
    return {"body": body_in(body, language), "period": period_in(report.period, language)}


# ------------------------------------------------------------ shown on a page

# Letters only Vietnamese uses (as tests/ui/audit.py reads a page).
_VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáãèéìíòóõùúýỳĩũÀÁÃÈÉÌÍÒÓÕÙÚÝỲĨŨ]")
_TOKENS = re.compile(r"\w+|[^\w\s]|\s+")


def shown_html(notification: Any) -> SafeString:
    """The notice in the page's language inside `<span lang="…">`. An English notice may
    keep Vietnamese words — a name with no English form, a comment quoted as its author
    wrote it: the words it shares with the Vietnamese notice are marked `lang="vi"`."""
    text, language = localized(notification, "message")
    if language == "vi" or not _VIETNAMESE_LETTERS.search(text):
        return format_html('<span lang="{}">{}</span>', language, text)
    return format_html('<span lang="en">{}</span>', _mark_kept(text, notification.message))


def _mark_kept(english: str, vietnamese: str) -> SafeString:
    tokens = _TOKENS.findall(english)
    words = [i for i, t in enumerate(tokens) if not t.isspace()]
    theirs = [t for t in _TOKENS.findall(vietnamese) if not t.isspace()]
    kept = [False] * len(tokens)
    blocks = SequenceMatcher(None, [tokens[i] for i in words], theirs, autojunk=False)
    for start, _j, size in blocks.get_matching_blocks():
        run = words[start : start + size]
        # A run is a kept phrase when it has a Vietnamese word; its ends are words.
        while run and not any(c.isalpha() for c in tokens[run[0]]):
            run = run[1:]
        while run and not any(c.isalpha() for c in tokens[run[-1]]):
            run = run[:-1]
        if run and any(_VIETNAMESE_LETTERS.search(tokens[i]) for i in run):
            for i in range(run[0], run[-1] + 1):
                kept[i] = True
    for i in words:  # a Vietnamese word the Vietnamese notice does not have as such
        kept[i] = kept[i] or bool(_VIETNAMESE_LETTERS.search(tokens[i]))
    for i in range(1, len(tokens) - 1):  # one phrase across the spaces between its words
        kept[i] = kept[i] or (tokens[i].isspace() and kept[i - 1] and kept[i + 1])
    out, i = [], 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and kept[j] == kept[i]:
            j += 1
        text = conditional_escape("".join(tokens[i:j]))
        out.append(f'<span lang="vi">{text}</span>' if kept[i] else text)
        i = j
    return mark_safe("".join(out))  # noqa: S308 (every token escaped above)
