"""Who receives a plan's reports, by the genre's convention (docs/importer.md, "Reporting
regimes"): the body the "tổ chức thực hiện" clause names after the verb. A province's or
city's plan names its own committee by its level ("về UBND Thành phố", "báo cáo Ủy ban
nhân dân Tỉnh", "báo cáo Chủ tịch UBND tỉnh"): that is the issuer. A body in "(qua …)" /
"thông qua …" is the channel that compiles the reports for it, not the recipient (Hà Nội
310/KH-UBND read the Ban Quản lý các khu công nghệ cao và khu công nghiệp as recipient)."""

import pytest
from django.conf import settings as django_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer import regimes
from lotrinh.importer.service import parse_file

CORPUS = django_settings.LOTRINH_CORPUS_DIR
OWN = [
    "UBND Thành phố",
    "Ủy ban nhân dân Thành phố",
    "UBND tỉnh",
    "Ủy ban nhân dân Tỉnh",
    "Chủ tịch UBND tỉnh",
    "Chủ tịch Ủy ban nhân dân tỉnh",
]
CHANNELS = [
    "(qua Ban Quản lý các khu công nghệ cao và khu công nghiệp)",
    "(qua Sở Khoa học và Công nghệ)",
    "(thông qua Bộ Khoa học và Công nghệ)",
    "thông qua Sở Khoa học và Công nghệ",
]
ISSUERS = ["Thành phố Hà Nội", "Tỉnh Đồng Tháp", "Tỉnh Lai Châu"]


@settings(max_examples=150, deadline=None)
@given(
    own=st.sampled_from(OWN),
    channel=st.sampled_from(["", *CHANNELS]),
    issuer=st.sampled_from(ISSUERS),
    cue=st.sampled_from(["định kỳ hằng năm", "định kỳ 6 tháng", "hằng quý"]),
    obj=st.sampled_from(["kết quả thực hiện ", ""]),
    preposition=st.sampled_from(["về ", "", "gửi "]),
    deadline=st.sampled_from(["", " trước ngày 30/11"]),
)
def test_the_issuers_own_committee_receives_and_the_channel_does_not(
    own: str, channel: str, issuer: str, cue: str, obj: str, preposition: str, deadline: str
) -> None:
    # The object first takes a preposition before the recipient ("báo cáo kết quả về …").
    preposition = preposition or ("về " if obj else "")
    sentence = (
        f"Các sở, ban, ngành {cue} báo cáo {obj}{preposition}{own}"
        f"{' ' + channel if channel else ''}{deadline}."
    )
    regime = regimes.read_sentence(sentence, issuer)
    assert regime is not None, sentence
    assert [m.canonical for m in regime.recipients] == [issuer], sentence
    assert [m.written for m in regime.recipients] == [own], sentence


def test_a_committee_named_with_its_province_is_that_province_not_the_issuer() -> None:
    regime = regimes.read_sentence(
        "Sở Tài chính định kỳ hằng năm báo cáo UBND tỉnh Bắc Ninh kết quả thực hiện.",
        "Tỉnh Đồng Tháp",
    )
    assert regime is not None
    assert "Tỉnh Đồng Tháp" not in [m.canonical for m in regime.recipients]


def test_the_national_recipients_are_unchanged_by_the_issuer() -> None:
    regime = regimes.read_sentence(
        "Định kỳ hàng năm, báo cáo kết quả thực hiện về Bộ Nông nghiệp và Môi trường.",
        "Tỉnh Đồng Tháp",
    )
    assert regime is not None
    assert [m.canonical for m in regime.recipients] == ["Bộ Nông nghiệp và Môi trường"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("document", "recipient", "written"),
    [
        # 310: "về UBND Thành phố (qua Ban Quản lý các khu công nghệ cao và khu công nghiệp)".
        ("kh310_ubnd_hanoi_2025_5g_iot.txt", "Thành phố Hà Nội", ["UBND Thành phố"]),
        ("kh310_ubnd_hanoi_2025_5g_iot.docx", "Thành phố Hà Nội", ["UBND Thành phố"]),
        # 7360: "báo cáo Chủ tịch Ủy ban nhân dân tỉnh kết quả thực hiện hằng năm".
        (
            "kh7360_ubnd_laichau_2025_luat_tcqc.txt",
            "Tỉnh Lai Châu",
            ["Chủ tịch Ủy ban nhân dân tỉnh"],
        ),
    ],
)
def test_the_corpus_plans_report_to_their_own_committee(
    document: str, recipient: str, written: list[str]
) -> None:
    path = CORPUS / document
    if not path.exists():
        pytest.skip("corpus not available")
    found = parse_file(path)["reporting_regimes"]
    annual = [r for r in found if r["frequency"] == "annual"]
    assert [r["recipient"] for r in annual] == [recipient]
    assert annual[0]["recipients"] == written
    assert "Ban Quản lý" not in " ".join(annual[0]["recipients"])
