"""In-app notices, written in both languages when they are created.

A notice's words are a function of the language: `notice(lambda lang: ...)` calls it
under Vietnamese and under English, so the `gettext` inside gives each language's text
and the names it writes (`agency_in`, `period_in`, `report_in`) follow the language.
`post` stores both (`Notification.message` and `message_en`); pages show the reader's
language (`Notification.shown`). E-mails stay in Vietnamese, the language of the
correspondence (`Notice.vi`).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import translation

from lotrinh.core.locale import localized_text

LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Notice:
    vi: str
    en: str


def notice(text: Callable[[str], object]) -> Notice:
    """`text(language)` written in Vietnamese and in English (gettext inside translates)."""
    written = {}
    for language in LANGUAGES:
        with translation.override(language):
            written[language] = str(text(language))
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


def period_in(period: Any, language: str) -> str:
    """A period as notices name it: the stored label in Vietnamese (the words notices
    have always had), the title in English ("Second half of 2025")."""
    return str(period.label) if language == "vi" else str(period.title)


def report_in(report: Any, language: str) -> str:
    """A report as notices name it ("Thành ủy Hà Nội — 6 tháng cuối năm 2025", as
    `str(report)` writes it in Vietnamese)."""
    body = report.unit if report.unit_id is not None else report.agency
    return f"{name_in(body, language)} — {period_in(report.period, language)}"
