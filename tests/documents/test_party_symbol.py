"""The abbreviation after a Party body's number ("Số 7-BC/TU", Hướng dẫn 36-HD/VPTW),
found reviewing `papers3` (2026-12-06): every board (Ban cán sự đảng), every Đảng ủy and
the Commission (Ban Chính sách, chiến lược Trung ương) has none in the registry, so their
drafts said "Số -BC/……" and their register numbers "BC/……"."""

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.documents import assemble
from lotrinh.signing.services import SigningError, symbol

pytestmark = pytest.mark.django_db


def test_the_commissions_rule_gives_back_the_registrys_own_abbreviations(
    seeded_db: None,
) -> None:
    known = list(
        Agency.objects.filter(kind="party_body", name_vi__startswith="Ban ")
        .filter(name_vi__endswith=" Trung ương")
        .exclude(abbreviation="")
    )
    assert len(known) >= 3
    for body in known:
        assert assemble.party_abbreviation(body.name_vi) == body.abbreviation, body.name_vi


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Ban cán sự đảng Bộ Y tế", "BC/BCSĐ"),
        ("Đảng ủy Bộ Tài chính", "BC/ĐU"),
        ("Ban Chính sách, chiến lược Trung ương", "BC/BCSCLTW"),
        ("Tỉnh ủy Bắc Ninh", "BC/TU"),
        ("Đảng đoàn Quốc hội", "BC/ĐĐQH"),
    ],
)
def test_a_party_bodys_symbol_is_never_dots_where_the_genre_says_what_it_is(
    seeded_db: None, name: str, expected: str
) -> None:
    body = Agency.objects.get(name_vi=name)
    assert symbol(body) == expected
    assert assemble.party_lines(body)[2] == expected.split("/", 1)[1]


def test_a_delegation_without_an_abbreviation_is_left_for_the_clerk_and_not_numbered(
    seeded_db: None,
) -> None:
    assert assemble.party_abbreviation("Đảng đoàn Mặt trận Tổ quốc Việt Nam") == "……"
    body = Agency.objects.get(name_vi="Đảng đoàn Mặt trận Tổ quốc Việt Nam")
    with pytest.raises(SigningError, match="chưa có chữ viết tắt"):
        symbol(body)
