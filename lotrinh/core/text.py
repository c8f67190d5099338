"""Vietnamese text helpers: Unicode normalisation, tone placement, diacritic folding.

`fold()` is what search compares: lowercase, no diacritics, đ → d, single spaces.
It gives the same answer on SQLite and PostgreSQL because we store the folded text
in a column instead of relying on database collations.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")

# The two tone placements ("hòa", "Ủy" and "hoà", "Uỷ") differ only in which vowel of
# an open oa/oe/uy syllable carries the mark. Both are in official use (the 2020
# agency list writes "Ủy ban", 50/NQ-CP writes "Uỷ ban"); we compare on one of them,
# the mark on the second vowel.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_TO_NEW = re.compile(r"([oO])([" + _TONES + r"])([aAeE])|([uU])([" + _TONES + r"])([yY])")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + match.group(3) + match.group(2)
    return match.group(4) + match.group(6) + match.group(5)


def canonical_tone(text: str) -> str:
    """Put the tone mark of an open "oa", "oe", "uy" on the second vowel ("hòa" → "hoà").

    Closed syllables ("hoàn", "Huỳnh") are written one way only and stay unchanged.
    """
    decomposed = unicodedata.normalize("NFD", text)

    def replace(match: re.Match[str]) -> str:
        end = match.end()
        following = decomposed[end : end + 1]
        if following and following.isalpha():
            return match.group(0)
        return _move_tone(match)

    return nfc(_OLD_TO_NEW.sub(replace, decomposed))


def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ → d) and collapse whitespace, for search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.lower()).strip()


def normalise_name(text: str) -> str:
    """Key for matching an agency name as written against the registry."""
    text = text.replace("&", " & ")
    return fold(canonical_tone(nfc(text)))


def clause_anchor(ref: str) -> str:
    """URL-safe anchor of a clause reference: `II.3.đ.2` → `II-3-dd-2`."""
    return ref.replace("đ", "dd").replace("Đ", "DD").replace(".", "-")


def fold_aligned(text: str) -> str:
    """`fold()` character by character, keeping every position (for highlighting)."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))[:1] or ch
        out.append(base.lower() if not base.isspace() else " ")
    return "".join(out)


def find_folded(text: str, query: str) -> tuple[int, int] | None:
    """Where `query` occurs in `text`, ignoring case and diacritics, as (start, end)."""
    needle = fold(query)
    if not needle:
        return None
    start = fold_aligned(nfc(text)).find(needle)
    return None if start < 0 else (start, start + len(needle))
