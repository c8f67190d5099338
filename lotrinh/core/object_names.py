"""An event's object named in the reader's language.

`AuditEvent.object_repr` keeps the object's name as it was when the event was recorded,
in Vietnamese (`record_event`). A name is made of proper names (an agency's, a unit's, a
person's, a file's, a document's number), which stay as written, and, for some kinds of
object, of labels: a kind of signing key, a reporting period, a kind of publication or
document, a job's state. An English page reads those labels in English. They are
recognised in the stored name by what each kind of object puts there (its `__str__`), so
events recorded before this was written read the same way; a label the object no longer
offers (a choice since renamed) stays as stored.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.db import models
from django.utils.translation import gettext, override

from lotrinh.core.locale import active_language
from lotrinh.core.models import AuditEvent

# The kinds of object whose name holds a reporting period's label ("Bộ Y tế — Năm 2024").
_WITH_PERIOD = frozenset(
    {
        "reporting.agencyreport",
        "reporting.reportentry",
        "reporting.contributionentry",
        "portal.publication",
    }
)
# The kinds of object whose name holds a choice's label, and the models of those choices
# (a publication of a document names the document's kind too).
_WITH_CHOICES: dict[str, tuple[str, ...]] = {
    "signing.signerkey": ("signing.signerkey",),
    "importer.importjob": ("importer.importjob",),
    "reporting.formupload": ("reporting.formupload",),
    "reporting.amendmentproposal": ("reporting.amendmentproposal",),
    "documents.generateddocument": ("documents.generateddocument",),
    "portal.publication": ("portal.publication", "documents.generateddocument"),
}


def shown_name(event: AuditEvent, language: str | None = None) -> str:
    """The event's object named in `language` (default: the active one). Worked out
    once per event and language: an activity log row names the object in its sentence
    and in its own column."""
    name = event.object_repr
    language = language or active_language()
    if not name or language == "vi":
        return name
    known: dict[str, str] = event.__dict__.setdefault("_shown_names", {})
    if language not in known:
        known[language] = _in_language(event, name, language)
    return known[language]


def _in_language(event: AuditEvent, name: str, language: str) -> str:
    kind = _kind(event.content_type_id)
    if kind not in _WITH_PERIOD and kind not in _WITH_CHOICES:
        return name
    with override(language):
        for vietnamese, label in _choice_labels(kind):
            # A function, not the text: a backslash in a label is no group reference.
            english = str(label)
            name = _at_word(vietnamese).sub(lambda _match: english, name)  # noqa: B023
        if kind in _WITH_PERIOD:
            name = _PERIOD.sub(_period_title, name)
    return name


def _kind(content_type_id: int) -> str:
    from django.contrib.contenttypes.models import ContentType

    found = ContentType.objects.get_for_id(content_type_id)
    return f"{found.app_label}.{found.model}"


@cache
def _choice_labels(kind: str) -> tuple[tuple[str, Any], ...]:
    """(the label in Vietnamese, the lazy label) of every choice of the models whose
    labels a `kind` of object's name holds, longest first (a label inside another)."""
    from django.apps import apps

    found: dict[str, Any] = {}
    for label in _WITH_CHOICES.get(kind, ()):
        model: type[models.Model] = apps.get_model(label)
        for field in model._meta.get_fields():
            for _value, text in getattr(field, "choices", None) or ():
                with override("vi"):
                    found.setdefault(str(text), text)
    return tuple(sorted(found.items(), key=lambda pair: -len(pair[0])))


@cache
def _at_word(text: str) -> re.Pattern[str]:
    # A label stands alone: after the start, a space or "(", before the end, a space or ")".
    return re.compile(rf"(?<![^\s(]){re.escape(text)}(?![^\s)])")


# The stored labels of periods (`reporting.models.part_label`, `services.generate_periods`).
_PERIOD = re.compile(
    r"(?<![^\s(])(?:Năm (?P<year>\d{4})"
    r"|6 tháng (?P<half>đầu|cuối) năm (?P<hyear>\d{4})"
    r"|Quý (?P<quarter>IV|III|II|I) năm (?P<qyear>\d{4})"
    r"|Tháng (?P<month>\d{1,2}) năm (?P<myear>\d{4})"
    r"|Một lần \(hạn (?P<due>\d{2}/\d{2}/\d{4})\))(?![^\s)])"
)


def _period_title(match: re.Match[str]) -> str:
    from lotrinh.reporting.models import (
        HALF_TEXTS,
        MONTH_TEXT,
        ONE_OFF_TEXT,
        QUARTER_TEXT,
        YEAR_TEXT,
    )

    if match["year"]:
        return gettext(YEAR_TEXT) % {"year": match["year"]}
    if match["half"]:
        text = HALF_TEXTS[0] if match["half"] == "đầu" else HALF_TEXTS[1]
        return gettext(text) % {"year": match["hyear"]}
    if match["quarter"]:
        return gettext(QUARTER_TEXT) % {"quarter": match["quarter"], "year": match["qyear"]}
    if match["month"]:
        return gettext(MONTH_TEXT) % {"month": match["month"], "year": match["myear"]}
    return gettext(ONE_OFF_TEXT) % {"date": match["due"]}
