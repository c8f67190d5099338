"""A Party committee's plan keeps its own number: "12-KH/TU", "42-CTr/TU" (Hướng dẫn
36-HD/VPTW writes the number before the symbol, joined by "-"). Only State numbers
("144/KH-UBND") were kept, so Thành ủy Hà Nội's 12-KH/TU was filed as "KH-thanh-uy-ha-noi"
on its review page, though the header read the number right."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.agencies.models import Agency, AgencyKind
from lotrinh.programmes.cascade import child_code

COMMITTEE = Agency(
    code="thanh-uy-ha-noi", name_vi="Thành ủy Hà Nội", kind=AgencyKind.PARTY_PROVINCIAL
)


def _code(number: str) -> str:
    return child_code({"programme": {"code": number}}, COMMITTEE)


@settings(max_examples=80, deadline=None)
@given(
    number=st.integers(min_value=1, max_value=9999),
    kind=st.sampled_from(("KH", "CTr")),
    issuer=st.sampled_from(("TU", "TW", "ĐU", "HU", "QU", "ĐĐQH15", "BCS")),
)
def test_a_party_plans_number_is_its_code(number: int, kind: str, issuer: str) -> None:
    written = f"{number}-{kind}/{issuer}"
    assert _code(written) == written


@given(
    number=st.integers(min_value=1, max_value=9999),
    symbol=st.sampled_from(("KH-UBND", "CTr-UBND", "QĐ-BKHCN")),
)
def test_a_state_plans_number_is_its_code(number: int, symbol: str) -> None:
    assert _code(f"{number}/{symbol}") == f"{number}/{symbol}"


def test_a_number_that_is_no_plans_is_not_taken() -> None:
    # A Party letter (công văn) or resolution, a State letter: the plan gets the agency's code.
    for number in ("15-CV/TU", "03-NQ/TU", "402/BKHCN-KHTH", ""):
        assert _code(number) == "KH-thanh-uy-ha-noi"
