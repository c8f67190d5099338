"""References to parts of a document as a reader writes them.

The programme format keys clauses by stable references; most are the document's own
numbering ("II.1.b", "3.2.1") and are shown as they are. A few are internal keys given to
parts the document does not number: the paragraphs before the first section
("preamble.3"), the general goal ("2.general"), the goals by horizon ("2.2025"), the
appendix ("PL"). Pages show those as words, never as keys.
"""

import re

from django.utils.translation import gettext as _

_PREAMBLE = re.compile(r"^preamble\.(\d+)$")
_GENERAL = re.compile(r"^(.+)\.general$")
_HORIZON = re.compile(r"^(.+)\.((?:19|20)\d\d)$")


def human_ref(ref: str) -> str:
    """ "preamble.1" → "Phần mở đầu, đoạn 1"; "2.general" → "Mục 2, mục tiêu tổng quát"."""
    ref = str(ref or "")
    if match := _PREAMBLE.match(ref):
        return _("Phần mở đầu, đoạn %(n)s") % {"n": match.group(1)}
    if match := _GENERAL.match(ref):
        return _("Mục %(section)s, mục tiêu tổng quát") % {"section": match.group(1)}
    if match := _HORIZON.match(ref):
        return _("Mục %(section)s, mục tiêu đến năm %(year)s") % {
            "section": match.group(1),
            "year": match.group(2),
        }
    if ref == "PL":
        return _("Phụ lục")
    return ref
