"""The sources an agency's reference row names, as the public reads them.

An agency's `source` is a working note of the people who built the reference data
(lotrinh/agencies/data): English, with file names ("provinces_2025.csv") and "VERIFY"
marks. Only MOST's monitors and system administrators read it as written
(`permissions.may_read_data_notes`); the others read what it cites: the documents, by
number (and date when the note gives one), and the web pages, by link."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# A document number as Vietnamese documents write them: 202/2025/QH15, 52-NQ/TW,
# 50/NQ-CP, 116-HD/BTGTW, 3260-KH/ĐĐQH15. A day (26/7/2016) has no letter: never one.
_NUMBER = r"\d+(?:/\d{4})?[/-][A-ZĐ][A-ZĐ0-9]*(?:[/-][A-ZĐ0-9]+)*"
# The kind of document written before its number, and the day written after it.
_KINDS = {
    "NQ": _("Nghị quyết"),
    "Nghị quyết": _("Nghị quyết"),
    "Quyết định": _("Quyết định"),
    "Hướng dẫn": _("Hướng dẫn"),
}
_DOCUMENT = re.compile(
    r"(?:\b(?P<kind>" + "|".join(re.escape(k) for k in _KINDS) + r")\s+)?"
    r"(?<![\w/-])(?P<number>" + _NUMBER + r")(?![\w])"
    r"(?:\s*(?:\(|of\s+)(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}))?"
)
_LINK = re.compile(r"https?://[^\s;,()<>\"']+")


@dataclass(frozen=True)
class Source:
    text: str  # a document ("Nghị quyết 176/2025/QH15 ngày 18/02/2025") or a link's site
    url: str = ""  # a web page; "" for a document


def public_sources(note: str) -> list[Source]:
    """The documents and web pages `note` cites, each once, in the note's order."""
    found: list[tuple[int, Source]] = []
    for match in _LINK.finditer(note or ""):
        url = match.group(0).rstrip(".")
        site = url.split("//", 1)[1].split("/", 1)[0]
        found.append((match.start(), Source(site, url)))
    outside_links = _LINK.sub(lambda m: " " * len(m.group(0)), note or "")
    for match in _DOCUMENT.finditer(outside_links):
        kind = _KINDS.get(match.group("kind") or "")
        text = f"{kind} {match.group('number')}" if kind else match.group("number")
        if match.group("year"):
            day = f"{int(match.group('day')):02d}/{int(match.group('month')):02d}/{match.group('year')}"
            text = str(_("%(document)s ngày %(day)s") % {"document": text, "day": day})
        found.append((match.start(), Source(text)))
    shown: list[Source] = []
    numbers: set[str] = set()
    for _start, source in sorted(found, key=lambda item: item[0]):
        key = source.url or source.text
        if key not in numbers:
            numbers.add(key)
            shown.append(source)
    return shown
