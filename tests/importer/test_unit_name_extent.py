"""How far a unit's name runs after its kind's head word (issue 14, "the cascade").

Vietnamese official names write the unit's kind ("Cục", "Vụ", "Trung tâm") and then a
name in which only the first syllable of each term takes a capital: "Cục Công nghệ thông
tin", "Cục Quản lý môi trường y tế", "Cục Khoa học công nghệ và Đào tạo". The name runs
until a delimiter: punctuation, a verb of the clause ("chủ trì", "phối hợp"), "và" with
another body, the end of the line. A comma joins a paired term inside the name ("Cục
Quản lý Khám, chữa bệnh", "Cục Phòng, chống thiên tai") when what follows it is short and
ends at such a delimiter; a sentence going on in small letters is no part of a name.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.names import find_names


def _names(text: str) -> list[str]:
    return [m.written for m in find_names(text)]


def test_a_ministrys_units_written_in_prose_keep_their_small_words() -> None:
    text = (
        "Giao Cục Công nghệ thông tin chủ trì, phối hợp với Cục Quản lý Khám, chữa bệnh "
        "và Vụ Kế hoạch - Tài chính triển khai."
    )
    assert _names(text) == [
        "Cục Công nghệ thông tin",
        "Cục Quản lý Khám, chữa bệnh",
        "Vụ Kế hoạch - Tài chính",
    ]


def test_a_name_ends_at_the_end_of_its_line_or_cell() -> None:
    assert _names("Cục Công nghệ thông tin") == ["Cục Công nghệ thông tin"]
    assert _names("Cục Quản lý Khám, chữa bệnh\nxây dựng") == ["Cục Quản lý Khám, chữa bệnh"]
    assert _names("Cục Quản lý môi trường y tế;") == ["Cục Quản lý môi trường y tế"]


def test_small_words_then_and_then_capitals_are_one_name() -> None:
    assert _names("Cục Khoa học công nghệ và Đào tạo chủ trì") == [
        "Cục Khoa học công nghệ và Đào tạo"
    ]


def test_a_later_terms_tail_is_shorter() -> None:
    assert _names("Viện Chiến lược và Chính sách y tế chủ trì") == [
        "Viện Chiến lược và Chính sách y tế"
    ]
    # Guards (pass on the old rule): a clause after a later term, a region after the name.
    assert _names("Liên hiệp các Hội Khoa học và Kỹ thuật phản biện chính sách") == [
        "Liên hiệp các Hội Khoa học và Kỹ thuật"
    ]
    assert _names("Chi cục Hải quan khu vực V số hóa chứng từ") == ["Chi cục Hải quan khu vực V"]


def test_a_sentence_going_on_in_small_letters_is_no_part_of_the_name() -> None:
    # The clause starts at its verb: the name is the noun phrase before it.
    assert _names("Cục Công nghệ thông tin bảo đảm an toàn hệ thống mạng") == [
        "Cục Công nghệ thông tin"
    ]
    # Past a few small words with no known verb, the name is its capital's small word and
    # the fields known from the country's names ("thông tin": docs/importer.md, "The fields
    # names are made of"; before helper import44, "Cục Công nghệ"); a field no name holds
    # is not taken (one small word, as before).
    assert _names("Cục Công nghệ thông tin ứng cứu sự cố mạng") == ["Cục Công nghệ thông tin"]
    assert _names("Cục Hàng hải ứng cứu sự cố tràn dầu") == ["Cục Hàng hải"]
    # A comma then a clause, a class of bodies or a generic addressee: a new item.
    assert _names("Cục Công nghệ thông tin, bảo đảm an toàn hệ thống mạng.")[0] == (
        "Cục Công nghệ thông tin"
    )
    assert _names("Cục Công nghệ thông tin, các đơn vị liên quan")[0] == ("Cục Công nghệ thông tin")
    assert _names("Cục Công nghệ thông tin, doanh nghiệp viễn thông")[0] == (
        "Cục Công nghệ thông tin"
    )


HEADS = ("Cục", "Vụ", "Trung tâm", "Viện", "Phòng", "Chi cục")
CAPITAL = ("Quản lý", "Công nghệ", "Khoa học", "Dữ liệu", "Kế hoạch", "An toàn")
# Syllables of terms, never a verb that starts a clause (`names._PREDICATE`).
SMALL = ("thông", "tin", "môi", "trường", "y", "tế", "dược", "thực", "phẩm", "quốc", "gia")
PAIRED = ("chữa bệnh", "chống", "nhập khẩu", "tài chính")
DELIMITERS = (
    " chủ trì xây dựng đề án.",
    " phối hợp với Sở Tài chính",
    ", các bộ, ngành liên quan",
    "; Bộ Tài chính",
    " (đơn vị đầu mối)",
    ": thực hiện",
    "\nxây dựng kế hoạch",
    "",
    " và Bộ Tài chính",
    ", Vụ Pháp chế",
)


@settings(max_examples=200, deadline=2000)
@given(
    st.sampled_from(HEADS),
    st.sampled_from(CAPITAL),
    st.lists(st.sampled_from(SMALL), min_size=0, max_size=4),
    st.one_of(st.just(""), st.sampled_from(PAIRED).map(lambda p: ", " + p)),
    st.sampled_from(DELIMITERS),
)
def test_a_units_name_runs_to_the_delimiter_and_no_further(
    head: str, capital: str, small: list[str], paired: str, delimiter: str
) -> None:
    name = " ".join([head, capital, *small]) + paired
    text = "Giao " + name + delimiter
    found = find_names(text)
    assert found, text
    assert found[0].written == name
    # The name never crosses its delimiter.
    assert found[0].end == len("Giao ") + len(name)
