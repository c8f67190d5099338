"""Properties of the Word numbering renderer (lotrinh.importer.docx_text): any sequence of
levels gets the numbers Word shows, under any start values and restart rules. The
expected numbers are counted from the sequence itself, not kept as counters."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from lotrinh.importer.docx_text import Numbering, letters, roman
from tests.importer.word_files import W_NS, abstract, lvl, num

DEPTH = 4


def _numbering(
    starts: list[int], restarts: list[int | None], overrides: dict[int, int]
) -> Numbering:
    levels = []
    for ilvl in range(DEPTH):
        # "%1.%2.%3." : every level shows the levels above it.
        text = "".join(f"%{k + 1}." for k in range(ilvl + 1))
        extra = "" if restarts[ilvl] is None else f'<w:lvlRestart w:val="{restarts[ilvl]}"/>'
        levels.append(lvl(ilvl, "decimal", text, start=starts[ilvl], extra=extra))
    xml = (
        f'<w:numbering xmlns:w="{W_NS}">{abstract(1, *levels)}{num(1, 1, overrides)}</w:numbering>'
    )
    return Numbering(etree.fromstring(xml), None)


def _paragraph(ilvl: int) -> etree._Element:
    return etree.fromstring(
        f'<w:p xmlns:w="{W_NS}"><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/>'
        f'<w:numId w:val="1"/></w:numPr></w:pPr></w:p>'
    )


def expected(sequence: list[int], starts: list[int], restarts: list[int | None], index: int) -> str:
    """What Word shows for item `index`: for each level m it shows, its start less one,
    plus the items of level m since the last item of a level that restarts it."""
    shown = []
    for m in range(sequence[index] + 1):
        restart = restarts[m]
        bound = m if restart is None else min(restart, m)  # levels < bound restart m
        count = 0
        for j in range(index, -1, -1):
            if sequence[j] < bound:
                break
            count += sequence[j] == m
        shown.append(str(starts[m] - 1 + count))
    return "".join(part + "." for part in shown) + " "


sequences = st.lists(st.integers(0, DEPTH - 1), min_size=1, max_size=40)
start_values = st.lists(st.integers(0, 5), min_size=DEPTH, max_size=DEPTH)
restart_rules = st.lists(
    st.one_of(st.none(), st.integers(0, DEPTH)), min_size=DEPTH, max_size=DEPTH
)


@settings(max_examples=300, deadline=None)
@given(sequences, start_values, restart_rules)
def test_any_sequence_of_levels_gets_words_numbers(sequence, starts, restarts):
    numbering = _numbering(starts, restarts, {})
    got = [numbering.number(_paragraph(ilvl)) for ilvl in sequence]
    assert got == [expected(sequence, starts, restarts, i) for i in range(len(sequence))]


@settings(max_examples=200, deadline=None)
@given(sequences, start_values, st.integers(0, DEPTH - 1), st.integers(1, 9))
def test_a_start_override_replaces_the_levels_start_each_time_it_restarts(
    sequence, starts, level, value
):
    numbering = _numbering(starts, [None] * DEPTH, {level: value})
    overridden = [value if k == level else s for k, s in enumerate(starts)]
    got = [numbering.number(_paragraph(ilvl)) for ilvl in sequence]
    assert got == [expected(sequence, overridden, [None] * DEPTH, i) for i in range(len(sequence))]


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@given(st.integers(1, 3999))
def test_roman_numbers_read_back_to_their_value(n):
    text = roman(n)
    assert re.fullmatch(r"m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})", text)
    values = [_ROMAN_VALUES[ch] for ch in text]
    total = sum(
        -v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values)
    )
    assert total == n


@given(st.integers(1, 500))
def test_letters_go_a_to_z_then_double(n):
    text = letters(n)
    assert len(set(text)) == 1
    assert len(text) == (n - 1) // 26 + 1
    assert ord(text[0]) - ord("a") == (n - 1) % 26
