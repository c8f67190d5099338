"""Reporting regimes read from the text (docs/importer.md, "Reporting regimes").

The rule, not one sentence: a sentence with the verb "báo cáo" and a frequency cue
("định kỳ 6 tháng", "hằng quý", "hằng năm", "6 tháng một lần", "định kỳ" alone, "khi có
yêu cầu") states a regime; its recipients are the bodies named after the verb (after
"với/về/lên/gửi" when the object "kết quả …" comes first); "trước ngày D/M" or "trước
ngày D tháng M" is its deadline. Hypothesis builds sentences of the genre from their
parts and requires the parts back.
"""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer import regimes
from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import _text_blocks

NQ57_IV6 = (
    "Văn phòng Trung ương Đảng phối hợp với Ban Kinh tế Trung ương theo dõi, kiểm tra, đánh "
    "giá kết quả thực hiện Nghị quyết; định kỳ 6 tháng báo cáo kết quả với Ban Chỉ đạo Trung "
    "ương và Bộ Chính trị để chỉ đạo."
)
SUBJECTS = ["Văn phòng Trung ương Đảng", "Bộ Tài chính", "Bộ Khoa học và Công nghệ", "Bộ Y tế"]
RECIPIENTS = ["Bộ Chính trị", "Ban Bí thư", "Thủ tướng Chính phủ", "Bộ Khoa học và Công nghệ"]
FREQUENCIES = {
    "semiannual": ["định kỳ 6 tháng", "định kỳ 06 tháng", "định kỳ sáu tháng", "6 tháng một lần"],
    "quarterly": ["hằng quý", "hàng quý", "định kỳ hằng quý", "định kỳ 03 tháng"],
    "annual": ["hằng năm", "hàng năm", "định kỳ hằng năm", "định kỳ hàng năm"],
    "monthly": ["hằng tháng", "định kỳ hằng tháng"],
    "periodic": ["định kỳ"],
}
OBJECTS = ["", "kết quả ", "kết quả thực hiện Nghị quyết ", "tình hình triển khai Kế hoạch "]
PREPOSITIONS = ["với", "về", "lên", "gửi"]
PURPOSES = ["", " để chỉ đạo", " để tổng hợp", " để theo dõi, chỉ đạo"]


def test_57_nq_tw_states_a_six_monthly_report_to_the_steering_committee_and_the_politburo() -> None:
    regime = regimes.read_sentence(NQ57_IV6)
    assert regime is not None
    assert regime.frequency == "semiannual"
    assert [m.written for m in regime.recipients] == ["Ban Chỉ đạo Trung ương", "Bộ Chính trị"]
    assert regime.deadline_day is None


def test_the_parse_gives_the_regime_with_reporter_registered_recipient_and_clause() -> None:
    text = (
        "KẾ HOẠCH\nI. NHIỆM VỤ\n1. Bộ Tài chính rà soát các quy định về quỹ đầu tư mạo hiểm.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Bộ Tài chính định kỳ hằng quý báo cáo kết quả thực hiện về Bộ Khoa học và Công "
        "nghệ trước ngày 15 của tháng cuối quý để tổng hợp.\n"
        "2. Văn phòng Trung ương Đảng theo dõi; định kỳ 6 tháng báo cáo kết quả với Ban Chỉ "
        "đạo Trung ương và Bộ Chính trị.\n"
    )
    parsed = parse_blocks(_text_blocks(text))
    found = {r["frequency"]: r for r in parsed["reporting_regimes"]}
    assert set(found) == {"quarterly", "semiannual"}
    quarterly = found["quarterly"]
    assert quarterly["reporters"] == {"agencies": ["Bộ Tài chính"]}
    assert quarterly["recipient"] == "Bộ Khoa học và Công nghệ"
    assert quarterly["deadline"] == {"day": 15, "before": True}
    assert quarterly["clause"] == "II.1"
    semi = found["semiannual"]
    # Not in the registry: kept as written, the registered body is the recipient.
    assert semi["recipients"] == ["Ban Chỉ đạo Trung ương", "Bộ Chính trị"]
    assert semi["recipient"] == "Bộ Chính trị"
    assert semi["reporters"] == {"agencies": ["Văn phòng Trung ương Đảng"]}
    assert semi["code"] == "semiannual-report" and semi["name"] == "Báo cáo định kỳ 6 tháng"


def test_an_annual_deadline_keeps_its_month() -> None:
    regime = regimes.read_sentence(
        "Sở Khoa học và Công nghệ tổng hợp, báo cáo Bộ Khoa học và Công nghệ trước ngày "
        "30/11 hằng năm."
    )
    assert regime is not None and regime.frequency == "annual"
    assert (regime.deadline_day, regime.deadline_month) == (30, 11)
    regime = regimes.read_sentence(
        "Định kỳ hàng năm, báo cáo kết quả thực hiện về Bộ Tài chính chậm nhất ngày 17 tháng 12."
    )
    assert regime is not None and (regime.deadline_day, regime.deadline_month) == (17, 12)
    assert [m.canonical for m in regime.recipients] == ["Bộ Tài chính"]


def test_the_recipient_after_the_deadline_is_found() -> None:
    regime = regimes.read_sentence(
        "Định kỳ gửi báo cáo kết quả thực hiện trước ngày 15/11 hằng năm về Bộ Tài chính."
    )
    assert regime is not None and [m.canonical for m in regime.recipients] == ["Bộ Tài chính"]


def test_one_period_and_a_report_as_a_noun_are_no_regime() -> None:
    for sentence in (
        "Sơ kết 6 tháng đầu năm 2025 việc thực hiện Kế hoạch.",
        "Bộ Tài chính báo cáo kết quả 6 tháng đầu năm 2025 với Thủ tướng Chính phủ.",
        "Xây dựng và hằng năm công bố báo cáo dự báo nhu cầu nhân lực.",
        "Thời gian báo cáo định kỳ hàng năm tính từ ngày 15 tháng 12.",
        # The data window whole (Đồng Tháp 556/KH-UBND VI.4): "kỳ báo cáo" is a noun too.
        "Thời gian báo cáo định kỳ hàng năm tính từ ngày 15 tháng 12 năm trước kỳ báo cáo "
        "đến ngày 14 tháng 12 của kỳ báo cáo.",
        "Bộ Tài chính rà soát các quy định hằng năm.",
    ):
        regime = regimes.read_sentence(sentence)
        assert regime is None or regime.frequency not in ("semiannual", "annual"), sentence


def test_the_first_period_is_the_one_whose_window_holds_the_issue_date() -> None:
    assert regimes.first_year(datetime.date(2024, 12, 22)) == 2025
    assert regimes.first_year(datetime.date(2024, 12, 14)) == 2024
    assert regimes.first_year(datetime.date(2025, 1, 10)) == 2025


@st.composite
def regime_sentences(draw):  # type: ignore[no-untyped-def]
    frequency = draw(st.sampled_from(sorted(FREQUENCIES)))
    cue = draw(st.sampled_from(FREQUENCIES[frequency]))
    subject = draw(st.sampled_from(SUBJECTS))
    recipients = draw(
        st.lists(
            st.sampled_from([r for r in RECIPIENTS if r != subject]),
            min_size=1,
            max_size=2,
            unique=True,
        )
    )
    joined = draw(st.sampled_from([" và ", ", "])).join(recipients)
    obj = draw(st.sampled_from(OBJECTS))
    preposition = draw(st.sampled_from(PREPOSITIONS)) + " " if obj or draw(st.booleans()) else ""
    deadline = draw(st.one_of(st.none(), st.tuples(st.integers(1, 28), st.integers(1, 12))))
    written_deadline = ""
    if deadline is not None:
        form = draw(st.sampled_from(["{d}/{m}", "{d} tháng {m}", "{d:02d}/{m:02d}"]))
        written_deadline = " trước ngày " + form.format(d=deadline[0], m=deadline[1])
    purpose = draw(st.sampled_from(PURPOSES))
    lead_in = draw(st.sampled_from(["", "theo dõi, kiểm tra việc thực hiện; "]))
    order = draw(st.sampled_from(["cue-first", "verb-first"]))
    if order == "cue-first":
        body = f"{cue} báo cáo {obj}{preposition}{joined}{written_deadline}{purpose}"
    else:
        body = f"báo cáo {cue} {obj}{preposition}{joined}{written_deadline}{purpose}"
    sentence = f"{subject} {lead_in}{body}."
    return sentence, frequency, recipients, deadline


@settings(max_examples=300, deadline=None)
@given(regime_sentences())
def test_any_sentence_of_the_genre_gives_back_its_frequency_recipients_and_deadline(case) -> None:  # type: ignore[no-untyped-def]
    sentence, frequency, recipients, deadline = case
    regime = regimes.read_sentence(sentence)
    assert regime is not None, sentence
    assert regime.frequency == frequency, sentence
    assert [m.canonical for m in regime.recipients] == recipients, sentence
    if deadline is None:
        assert regime.deadline_day is None, sentence
    else:
        assert (regime.deadline_day, regime.deadline_month) == deadline, sentence


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(SUBJECTS),
    st.sampled_from(["rà soát", "tổ chức", "xây dựng"]),
    st.sampled_from(sum(FREQUENCIES.values(), [])),
    st.sampled_from(["quy định", "kế hoạch công tác", "chương trình"]),
)
def test_a_rhythm_without_the_verb_is_no_regime(subject, verb, cue, thing) -> None:  # type: ignore[no-untyped-def]
    assert regimes.read_sentence(f"{subject} {verb} {thing} {cue}.") is None


def test_publishing_sets_the_first_year_and_keeps_an_unregistered_recipient_as_written(
    seeded_db: None,
) -> None:
    from lotrinh.importer import review

    text = (
        "I. NHIỆM VỤ\n1. Bộ Tài chính rà soát các quy định về quỹ đầu tư mạo hiểm.\n"
        "II. TỔ CHỨC THỰC HIỆN\n1. Bộ Tài chính định kỳ 6 tháng báo cáo kết quả với Bộ "
        "Chính trị.\n"
    )
    data = parse_blocks(_text_blocks(text))
    data["programme"].update(
        code="1/KH-TEST", title="Kế hoạch thử", issuer="Bộ Tài chính", issue_date="2024-12-20"
    )
    assert [r["recipient"] for r in data["reporting_regimes"]] == ["Bộ Chính trị"]
    data["reporting_regimes"].append(
        {**data["reporting_regimes"][0], "code": "other", "recipient": "Hội đồng Không Có Thật"}
    )
    draft = review.create_draft(data, "thu.txt", None)
    published = review.publishable_data(draft)["reporting_regimes"]
    assert [r["first_year"] for r in published] == [2025, 2025]
    assert published[0]["recipient"] == "Bộ Chính trị"
    assert published[1]["recipient"] is None
    assert published[1]["recipient_text"] == "Bộ Chính trị"  # as written in the sentence
    assert published[0]["reporters"] == {"agencies": ["Bộ Tài chính"]}


def test_periodically_report_is_still_the_verb() -> None:
    regime = regimes.read_sentence("Các sở định kỳ báo cáo hằng năm về Sở Tài chính.")
    assert regime is not None and regime.frequency == "annual"
    assert [m.canonical for m in regime.recipients] == ["Sở Tài chính"]
