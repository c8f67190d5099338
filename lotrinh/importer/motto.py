"""The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" over "Độc lập - Tự do - Hạnh
phúc") and the Party's name ("ĐẢNG CỘNG SẢN VIỆT NAM"), which head a letterhead's right
column (Decree 30/2020; Hướng dẫn 36-HD/VPTW). One definition for the reader (a Word page
header's letterhead), the PDF reader (a letterhead's columns) and the parser (the header
block): they differed in whitespace and anchoring. It imports nothing of the importer's,
so every module of it can use it.

The patterns match folded text (`lotrinh.core.text.fold`: lowercase, no diacritics, so
"CỘNG HÒA" and "Cộng hoà" are one; white space, line breaks too, collapsed)."""

import re

from lotrinh.core.text import fold

_NATIONAL = ("cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam")
_PARTY = ("dang", "cong", "san", "viet", "nam")


def _words(words: tuple[str, ...]) -> str:
    return r"\s+".join(words)


# The motto's whole first line, or the Party's name, anywhere in a folded text.
MOTTO = re.compile(rf"{_words(_NATIONAL)}|{_words(_PARTY)}")
# Its opening words at the head of a folded line: a PDF run the column wrapped after
# "XÃ HỘI" still opens the letterhead's right column.
MOTTO_OPENING = re.compile(rf"{_words(_NATIONAL[:4])}|{_words(_PARTY)}")
# The motto's second line, with a hyphen or a dash (en, em, minus) between its words.
SLOGAN = re.compile(
    r"doc\s*lap\s*[-\u2010-\u2015\u2212]\s*tu\s*do\s*[-\u2010-\u2015\u2212]\s*hanh\s*phuc"
)


def has_motto(text: str) -> bool:
    """The motto's first line (or the Party's name) somewhere in `text`, however its
    words are spaced, broken over lines, accented or cased."""
    return MOTTO.search(fold(text)) is not None


def opens_with_motto(text: str, *, whole: bool = True) -> bool:
    """`text` starts with the motto's first line (`whole`) or its opening words."""
    return (MOTTO if whole else MOTTO_OPENING).match(fold(text)) is not None


def is_slogan(text: str) -> bool:
    """`text` starts with the motto's second line ("Độc lập - Tự do - Hạnh phúc")."""
    return SLOGAN.match(fold(text)) is not None
