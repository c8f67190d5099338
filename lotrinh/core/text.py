"""Vietnamese text helpers: Unicode normalisation, tone placement, diacritic folding.

`fold()` is what search compares: lowercase, no diacritics, đ → d, single spaces.
It gives the same answer on SQLite and PostgreSQL because we store the folded text
in a column instead of relying on database collations.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

from lotrinh.core.params import whole_number

_SPACES = re.compile(r"\s+")
T = TypeVar("T")

# The two tone placements ("hòa", "Ủy" and "hoà", "Uỷ") differ only in which vowel of
# an open oa/oe/uy syllable carries the mark. Both are in official use (the 2020
# agency list writes "Ủy ban", 50/NQ-CP writes "Uỷ ban"); we compare on one of them,
# the mark on the second vowel.
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_OLD_TO_NEW = re.compile(r"([oO])([" + _TONES + r"])([aAeE])|([uU])([" + _TONES + r"])([yY])")


# What XML 1.0 (hence XLSX, DOCX, Atom) cannot hold: control characters but tab, line
# feed and carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """`text` as a file made of XML may hold it: a vertical tab or form feed (a word
    processor's manual line or page break, pasted) becomes a line break, any other
    character XML does not allow is dropped. openpyxl and python-docx refuse the text
    otherwise, and an Atom feed with one is unreadable."""
    return _NOT_XML.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


# Explicit bidirectional formatting characters (embeddings, overrides, isolates and
# their ends): no Vietnamese text needs them, and one typed into a value (U+202E) turns
# round whatever the page writes after it on the same line.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def without_bidi_controls(text: str) -> str:
    """`text` without explicit bidirectional formatting characters (letters of Arabic or
    Hebrew keep their own direction: only the invisible controls go)."""
    return _BIDI_CONTROLS.sub("", text)


def text_lines(text: str) -> list[str]:
    """A written text's lines, as someone broke them (CR LF, CR or LF), each with its runs
    of spaces made one (its indent kept), blank lines dropped: a result quoted under its
    author's name keeps its lines (`attributed`), where joining on spaces made one run-on
    line of a list."""
    broken = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [
        " " * (len(part) - len(part.lstrip())) + " ".join(part.split())
        for part in broken
        if part.strip()
    ]


def attributed(head: str, text: str, indent: str = "  ") -> str:
    """`head` and `text` as a quoted contribution: the text's first line on the head's
    line, each further line on its own under it, indented by `indent`, so a line of the
    text that starts with "- " still reads as its author's, not as the next author's item.
    Just `head` when the text is empty."""
    lines = text_lines(text)
    if not lines:
        return head
    return "\n".join([f"{head}{lines[0].lstrip()}", *(indent + line for line in lines[1:])])


def posted_pk(value: str) -> int:
    """A primary key as a form posts it: 0 (which matches no row) unless it is ASCII digits
    a database integer takes, so a crafted value is "not found", never an error."""
    return whole_number(value) or 0


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


class _MarksTable(dict[int, str | None]):
    """`str.translate`'s table dropping combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> str | None:
        kept = None if unicodedata.combining(chr(code)) else chr(code)
        if len(self) < 65536:  # a text of every code point does not fill the memory
            self[code] = kept
        return kept


_MARKS_TABLE = _MarksTable()


def fold(text: str) -> str:
    """Lowercase, strip diacritics (đ → d) and collapse whitespace, for search."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = decomposed.translate(_MARKS_TABLE)
    return _SPACES.sub(" ", stripped.lower()).strip()


def normalise_name(text: str) -> str:
    """Key for matching an agency name as written against the registry."""
    text = text.replace("&", " & ")
    return fold(canonical_tone(nfc(text)))


def clause_anchor(ref: str) -> str:
    """URL-safe anchor of a clause reference: `II.3.đ.2` → `II-3-dd-2`."""
    return ref.replace("đ", "dd").replace("Đ", "DD").replace(".", "-")


def fold_char(ch: str) -> str:
    """One character folded (`fold_aligned`): its base letter, lowercase; white space a
    space."""
    base = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))[:1] or ch
    return base.lower() if not base.isspace() else " "


class _FoldTable(dict[int, str]):
    """`str.translate`'s table for `fold_aligned`, filled as characters are met."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        if len(self) < 65536:  # a text of every code point does not fill the memory
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_aligned(text: str) -> str:
    """`fold()` character by character, keeping every position (for highlighting).
    Each character is folded on its own, so a table does it (the importer folds every
    paragraph several times: a loop per character was half of a long PDF's parse)."""
    return text.translate(_FOLD_TABLE)


def find_folded(text: str, query: str) -> tuple[int, int] | None:
    """Where `query` occurs in `text`, ignoring case and diacritics, as (start, end)."""
    needle = fold(query)
    if not needle:
        return None
    start = fold_aligned(nfc(text)).find(needle)
    return None if start < 0 else (start, start + len(needle))


# ------------------------------------------------------------------ Vietnamese order
# The Vietnamese alphabet, with the letters of foreign names (f, j, w, z) where the Latin
# alphabet puts them: a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z).
VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
# Tones, a secondary difference, in dictionary order: a à á ả ã ạ.
VI_TONES = "\u0300\u0301\u0309\u0303\u0323"  # huyền, sắc, hỏi, ngã, nặng
# The marks that make a letter of its own (ă â ê ô ơ ư): a primary difference.
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Đ is sometimes typed as the Icelandic Ð (U+00D0), which looks the same.
_D_BAR = {"đ": "đ", "Đ": "đ", "\u00d0": "đ"}

# The key is a string compared code point by code point (Python; SQLite BINARY;
# PostgreSQL COLLATE "C"). Its parts, each lower than anything after it:
_LEVEL_END = " "  # ends a level: a shorter name sorts first ("An" < "An Giang" < "Anh")
_SPACE = "!"  # a run of white space, lower than any character
_PUNCTUATION = '"'  # followed by the character: punctuation and symbols, by code point
_DIGIT_BASE = 0x23  # "0"…"9"
_LETTER_BASE = _DIGIT_BASE + 10  # then the 33 letters above
_OTHER = "~"  # followed by the character: letters of other scripts, after "z"
_LETTER_WEIGHT = {letter: chr(_LETTER_BASE + i) for i, letter in enumerate(VI_ALPHABET)}
_DIGIT_WEIGHT = {str(d): chr(_DIGIT_BASE + d) for d in range(10)}


def _primary(base: str) -> str:
    if base in _LETTER_WEIGHT:
        return _LETTER_WEIGHT[base]
    if base in _DIGIT_WEIGHT:
        return _DIGIT_WEIGHT[base]
    if unicodedata.category(base)[0] in "PSC":
        return _PUNCTUATION + base
    return _OTHER + base


def vi_sort_key(text: str) -> str:
    """The key that puts names in Vietnamese alphabetical order (docs/architecture.md).

    First the letters (a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; case
    and tones ignored, a run of spaces counts as one space lower than any letter), then
    the tones (a à á ả ã ạ; "hòa" and "hoà" alike), then lower case before upper case,
    then the text itself, so that two different names never tie. A string compared by
    code point: the same order in Python, SQLite and PostgreSQL (COLLATE "C"); stored in
    `name_sort` columns (`lotrinh.core.fields.SortKeyField`).
    """
    text = nfc(text)
    primary: list[str] = []
    tones: list[str] = []
    cases: list[str] = []
    letter = ""
    for ch in unicodedata.normalize("NFD", canonical_tone(text.strip())):
        if unicodedata.category(ch)[0] == "M":
            if not primary:
                continue  # a mark with no letter before it: only the text tells it apart
            if ch in VI_TONES:
                tones[-1] = chr(0x22 + VI_TONES.index(ch))
            elif (letter, ch) in _LETTER_MARKS:
                letter = _LETTER_MARKS[(letter, ch)]
                primary[-1] = _LETTER_WEIGHT[letter]
            continue
        if ch.isspace():
            if primary and primary[-1] == _SPACE:
                continue
            letter = ""
            primary.append(_SPACE)
            tones.append("!")
            cases.append("!")
            continue
        lower = ch.lower() if len(ch.lower()) == 1 else ch
        letter = _D_BAR.get(ch, lower)
        primary.append(_primary(letter))
        tones.append("!")
        cases.append('"' if lower != ch else "!")
    return _LEVEL_END.join(("".join(primary), "".join(tones), "".join(cases), text))


def vi_sorted(items: Iterable[T], key: Callable[[T], str]) -> list[T]:
    """`items` in Vietnamese alphabetical order of `key(item)` (a stable sort)."""
    return sorted(items, key=lambda item: vi_sort_key(key(item)))


# ------------------------------------------------------------------ English order


_LATIN_D = {ord("đ"): "d", ord("Đ"): "D", 0x00D0: "D"}


def latin_base(text: str) -> str:
    """The text with every Vietnamese letter read as its Latin base letter (ă â → a,
    đ → d, ư → u) and no tones: how an English index files a Vietnamese name."""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    out = "".join(ch for ch in decomposed if unicodedata.category(ch)[0] != "M")
    return out.translate(_LATIN_D)


def en_sort_key(text: str) -> str:
    """The key that puts names in English alphabetical order (docs/architecture.md): the
    Latin alphabet a–z with Vietnamese letters under their base letter ("Bac Giang" <
    "Bac Lieu" < "Ben Tre"; "Đà Nẵng" under D), case ignored; then `vi_sort_key` of the
    text, so that names differing only in marks keep one order. A string compared by code
    point, like `vi_sort_key` (stored in `name_en_sort` columns)."""
    return vi_sort_key(latin_base(text)) + _LEVEL_END + vi_sort_key(text)
