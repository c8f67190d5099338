"""The national motto and the Party's name, one definition for the reader, the PDF reader
and the parser (lotrinh/importer/motto.py): whatever the whitespace, line breaks, tone
placement ("CỘNG HÒA" / "CỘNG HOÀ"), Unicode form, case or dash between the slogan's words."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer import parser, pdf_text
from lotrinh.importer.motto import MOTTO, has_motto, is_slogan, opens_with_motto
from lotrinh.importer.reader import Block, _letterhead_cues

NATIONAL = [["CỘNG"], ["HÒA", "HOÀ"], ["XÃ"], ["HỘI"], ["CHỦ"], ["NGHĨA"], ["VIỆT"], ["NAM"]]
PARTY = [["ĐẢNG"], ["CỘNG"], ["SẢN"], ["VIỆT"], ["NAM"]]
SLOGAN = [["Độc"], ["lập"], ["-"], ["Tự"], ["do"], ["-"], ["Hạnh"], ["phúc"]]
SPACES = st.sampled_from([" ", "  ", "\t", "\n", " \n", "\u00a0", "\r\n"])
DASHES = st.sampled_from(["-", "\u2013", "\u2014", "\u2212"])


@st.composite
def written(draw: st.DrawFn, words: list[list[str]]) -> str:
    """The words as a clerk, Word or a PDF's text layer may give them."""
    out = []
    for choices in words:
        word = draw(st.sampled_from(choices))
        if word == "-":
            word = draw(DASHES)
        case = draw(st.sampled_from(["upper", "lower", "title", "as-is"]))
        word = {"upper": word.upper(), "lower": word.lower(), "title": word.title()}.get(case, word)
        out.append(word)
    text = out[0]
    for word in out[1:]:
        text += draw(SPACES) + word
    return unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), text)


@settings(max_examples=200, deadline=None)
@given(data=st.data(), party=st.booleans())
def test_every_variant_of_the_motto_is_the_motto_for_all_three_readers(
    data: st.DataObject, party: bool
) -> None:
    motto = data.draw(written(PARTY if party else NATIONAL))
    assert has_motto(motto) and opens_with_motto(motto) and opens_with_motto(motto, whole=False)
    # The parser's, the reader's and the PDF reader's are this one definition.
    assert parser.MOTTO is MOTTO
    # A paragraph or cell that breaks the motto over two lines is a letterhead's (before:
    # the reader looked for it in each line of a paragraph on its own).
    assert "motto" in _letterhead_cues([Block("p", text=motto)])
    assert "motto" in _letterhead_cues([Block("table", rows=[["ỦY BAN NHÂN DÂN", motto]])])


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_every_variant_of_the_slogan_is_the_slogan(data: st.DataObject) -> None:
    assert is_slogan(data.draw(written(SLOGAN)))


def test_the_pdf_reader_takes_the_motto_opening_its_right_column() -> None:
    # A PDF run the column wrapped after "XÃ HỘI" opens the right column; the reader's
    # and the parser's need the whole line.
    assert opens_with_motto("CỘNG HOÀ XÃ HỘI", whole=False)
    assert not opens_with_motto("CỘNG HOÀ XÃ HỘI")
    assert not hasattr(pdf_text, "_MOTTO")


@pytest.mark.parametrize(
    "text",
    [
        "Cộng đồng xã hội",
        "CỘNG HÒA PHÁP",
        "Độc lập dân tộc",
        "ỦY BAN NHÂN DÂN TỈNH BẮC NINH",
        "Đảng bộ tỉnh Bắc Ninh",
    ],
)
def test_other_lines_are_not_the_motto(text: str) -> None:
    assert not has_motto(text) and not opens_with_motto(text, whole=False)
    assert not is_slogan(text)
