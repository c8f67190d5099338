"""What a drafter may type differently without meaning anything else (docs/importer.md,
"Written differently, read the same"): the list marks ("-", "–", "•", "*"; "1." or
"1)"; "a)" or "a."; a section's "II." or "Phần II."/"Mục II."; "Điều 1." or "ĐIỀU 1:"),
the spaces (no-break, doubled, tabs), the quotes (“ ” or "), a heading wrapped over two
lines and a section's title in capitals or not. Applied to documents of the corpus (their
paragraphs one per line, `reader.unwrapped_text`, and a Word file's paragraphs), none of
them may change the tasks, their lead and coordinating sets or their deadlines.
"""

import functools
import io
import random
import re
from pathlib import Path
from typing import Any

from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.core.text import fold
from lotrinh.importer.reader import unwrapped_text
from lotrinh.importer.service import parse_bytes

EVAL = Path(__file__).resolve().parent / "eval"
# A heading per department with "-" duties (556), field lines (7360), "- Bộ …" lines over
# "+" points and an appendix table (394), a decision's articles and lettered points (2597),
# the seed's lettered points (50/NQ-CP).
DOCUMENTS = (
    "kh556-dongthap.txt",
    "kh7360-laichau.txt",
    "nq394-cp.txt",
    "qd2597-ttg.txt",
    "50-NQ-CP.txt",
)
SETTINGS = settings(max_examples=15, deadline=None)


@functools.cache
def _source(name: str) -> str:
    return unwrapped_text((EVAL / name).read_text(encoding="utf-8"))


def _line(text: str) -> str:
    text = re.sub(r"[“”]", '"', text)
    text = re.sub(r"^[-–+•*]\s+", "- ", text)
    return " ".join(fold(text).split())


def reading(data: bytes, name: str) -> list[tuple[Any, ...]]:
    """What must not change: each task's text (line by line, spaces, quotes, marks and case
    aside), its lead and coordinating sets (folded names and generic codes), its deadline."""
    out = []
    for task in parse_bytes(data, name)["tasks"]:
        roles = []
        for role in ("lead", "coordinating"):
            names = {fold(n) for n in task[role]}
            names |= {a["generic"] for a in task["addressees"] if a["role"] == role}
            roles.append(frozenset(names))
        deadline = (task["deadline"] or {}).get("date")
        out.append(
            (tuple(_line(x) for x in task["text"].split("\n") if x.strip()), *roles, deadline)
        )
    return out


@functools.cache
def _expected(name: str) -> list[tuple[Any, ...]]:
    return reading(_source(name).encode(), name)


def _each_line(text: str, change: Any) -> str:
    return "\n".join(change(line) for line in text.split("\n"))


def _check(name: str, text: str) -> None:
    assert reading(text.encode(), name) == _expected(name)


def test_the_paragraphs_one_per_line_read_as_the_document() -> None:
    for name in DOCUMENTS:
        data = (EVAL / name).read_bytes()
        assert reading(data, name) == _expected(name), name


# ------------------------------------------------------------------ list marks


@SETTINGS
@given(st.sampled_from(DOCUMENTS), st.sampled_from(["–", "•", "*"]), st.integers(0, 2**32 - 1))
def test_any_mark_of_a_dash_item(name: str, mark: str, seed: int) -> None:
    # Any of the first level's marks on any of its items, mixed as a drafter mixes them.
    rng = random.Random(seed)
    _check(
        name,
        _each_line(
            _source(name), lambda ln: re.sub(r"^- ", f"{mark} ", ln) if rng.random() < 0.7 else ln
        ),
    )


@SETTINGS
@given(st.sampled_from(DOCUMENTS))
def test_plus_items_where_the_document_has_no_other_level(name: str) -> None:
    # "+" is the level under "-" (the genre's two bullet levels): it may mark every item
    # of a document that has no "+" items, not some of them under the others.
    text = _source(name)
    if not re.search(r"(?m)^\+ ", text):
        _check(name, re.sub(r"(?m)^- ", "+ ", text))


@SETTINGS
@given(st.sampled_from(DOCUMENTS), st.integers(0, 2**32 - 1))
def test_numbers_and_letters_closed_by_a_parenthesis_or_a_full_stop(name: str, seed: int) -> None:
    rng = random.Random(seed)

    def change(line: str) -> str:
        if rng.random() < 0.5:
            line = re.sub(r"^(\d{1,2})\. ", r"\1) ", line)
        if rng.random() < 0.5:
            line = re.sub(r"^([a-eg-ik-zđ])\) ", r"\1. ", line)
        return line

    _check(name, _each_line(_source(name), change))


@SETTINGS
@given(
    st.sampled_from(DOCUMENTS),
    st.sampled_from(["Phần {n}.", "PHẦN {n}.", "Mục {n}.", "MỤC {n}.", "{n} -", "{n}."]),
    st.sampled_from(["ĐIỀU {n}.", "Điều {n}:", "Điều {n} ."]),
)
def test_sections_and_articles_written_another_way(name: str, section: str, article: str) -> None:
    text = re.sub(r"(?m)^([IVX]+)\. ", lambda m: section.format(n=m.group(1)) + " ", _source(name))
    text = re.sub(r"(?m)^Điều (\d+)\. ", lambda m: article.format(n=m.group(1)) + " ", text)
    _check(name, text)


# ------------------------------------------------------------------ spaces and quotes

SPACES = ["\u00a0", "  ", "\t", " \u00a0", "\u202f"]


@SETTINGS
@given(
    st.sampled_from(DOCUMENTS),
    st.sampled_from(SPACES),
    st.floats(0.05, 1.0),
    st.integers(0, 2**32 - 1),
)
def test_no_break_doubled_and_tab_spaces(name: str, space: str, share: float, seed: int) -> None:
    rng = random.Random(seed)
    text = re.sub(r" ", lambda _m: space if rng.random() < share else " ", _source(name))
    _check(name, text)


@SETTINGS
@given(st.sampled_from(DOCUMENTS), st.sampled_from(["\t", "  ", "\u00a0"]), st.booleans())
def test_a_tab_or_spaces_after_a_mark_or_before_it(name: str, space: str, before: bool) -> None:
    mark = r"(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVX]+\.|[-+])"
    if before:
        text = re.sub(rf"(?m)^(?={mark} )", space, _source(name))
    else:
        text = re.sub(rf"(?m)^({mark}) ", lambda m: m.group(1) + space, _source(name))
    _check(name, text)


@SETTINGS
@given(st.sampled_from(DOCUMENTS), st.booleans())
def test_curly_or_straight_quotes(name: str, curly: bool) -> None:
    text = _source(name)
    if curly:
        text = re.sub(r'"([^"\n]*)"', r"“\1”", text)
    else:
        text = text.replace("“", '"').replace("”", '"')
    _check(name, text)


# ------------------------------------------------------------------ headings


@SETTINGS
@given(st.sampled_from(DOCUMENTS), st.integers(1, 4), st.integers(0, 2**32 - 1))
def test_a_heading_wrapped_over_two_lines(name: str, words: int, seed: int) -> None:
    rng = random.Random(seed)

    def change(line: str) -> str:
        # A section's or a numbered heading's title (no full stop: not a sentence).
        heading = re.match(r"^((?:[IVX]+|\d{1,2})\.) (.+)$", line)
        if heading is None or len(line) > 100 or line.endswith(".") or rng.random() < 0.5:
            return line
        title = heading.group(2).split(" ")
        if len(title) <= words:
            return line
        return f"{heading.group(1)} {' '.join(title[:words])}\n{' '.join(title[words:])}"

    _check(name, _each_line(_source(name), change))


@SETTINGS
@given(st.sampled_from(DOCUMENTS), st.booleans())
def test_a_sections_title_in_capitals_or_not(name: str, capitals: bool) -> None:
    def change(match: re.Match[str]) -> str:
        title = match.group(2)
        title = title.upper() if capitals else title[:1] + title[1:].lower()
        return f"{match.group(1)} {title}"

    _check(name, re.sub(r"(?m)^([IVX]+\.) (.+)$", change, _source(name)))


# ------------------------------------------------------------------ a Word file

WORD_FILES = ("nq394-cp.docx", "qd2597-ttg.docx", "kh310-hanoi.docx")


@SETTINGS
@given(
    st.sampled_from(WORD_FILES),
    st.sampled_from(SPACES),
    st.sampled_from(["–", "•", "*"]),
    st.booleans(),
    st.integers(0, 2**32 - 1),
)
def test_a_word_files_paragraphs_and_cells_typed_another_way(
    name: str, space: str, mark: str, letters: bool, seed: int
) -> None:
    rng = random.Random(seed)
    document = Document(str(EVAL / name))

    def retype(paragraph: Any) -> None:
        text = paragraph.text
        text = re.sub(r"^- ", f"{mark} ", text)
        if letters:
            text = re.sub(r"^([a-eg-ik-zđ])\) ", r"\1. ", text)
        text = re.sub(r" ", lambda _m: space if rng.random() < 0.3 else " ", text)
        if paragraph.runs and text != paragraph.text:
            paragraph.runs[0].text = text
            for run in paragraph.runs[1:]:
                run.text = ""

    for paragraph in document.paragraphs:
        retype(paragraph)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    retype(paragraph)
    out = io.BytesIO()
    document.save(out)
    assert reading(out.getvalue(), name) == reading((EVAL / name).read_bytes(), name)
