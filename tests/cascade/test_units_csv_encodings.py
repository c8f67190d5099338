"""A units file as a Vietnamese office saves it from Excel: Windows-1258 ("CSV"), UTF-16
with its mark and tabs ("Unicode text"), ";" as separator, CRLF; legacy TCVN3/VNI fonts
are refused with what to do, and nothing is written."""

import pytest

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as services
from lotrinh.agencies.models import Agency
from tests.uploads.corpus import TCVN3_TEXT, VNI_TEXT, to_cp1258, to_utf16_excel

from .conftest import person

NAMES = ["Sở Khoa học và Công nghệ", "Phòng Quản lý Công nghệ", "Văn phòng Sở Tư pháp"]


def _rows(separator: str) -> str:
    lines = [separator.join(["code", "name_vi", "parent"])]
    lines.append(separator.join(["so-khcn", NAMES[0], ""]))
    lines.append(separator.join(["phong-qlcn", NAMES[1], "so-khcn"]))
    lines.append(separator.join(["vp-stp", NAMES[2], ""]))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_rows(",").encode(), id="utf-8"),
        pytest.param(
            b"\xef\xbb\xbf" + _rows(",").replace("\n", "\r\n").encode(), id="utf-8-bom-crlf"
        ),
        pytest.param(to_cp1258(_rows(",")), id="windows-1258"),
        pytest.param(to_cp1258(_rows(";")), id="windows-1258-semicolon"),
        pytest.param(to_utf16_excel(_rows("\t")), id="utf-16-unicode-text"),
    ],
)
def test_units_are_read_with_their_diacritics_whatever_excel_saved(
    hanoi: Agency, data: bytes
) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    result = services.import_units_csv(admin, hanoi, data)
    assert result.created == 3
    names = dict(hanoi.units.values_list("code", "name_vi"))
    assert [names["so-khcn"], names["phong-qlcn"], names["vp-stp"]] == NAMES
    assert hanoi.units.get(code="phong-qlcn").parent.code == "so-khcn"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        pytest.param(b"code,name_vi\nso-a," + TCVN3_TEXT + b"\n", "TCVN3", id="tcvn3"),
        pytest.param(b"code,name_vi\nso-a," + VNI_TEXT + b"\n", "VNI", id="vni"),
        pytest.param("code,name_vi\nso-a,Sở\n".encode("utf-16-le"), "UTF-8", id="utf-16-no-bom"),
    ],
)
def test_a_file_in_a_legacy_font_or_an_unknown_encoding_is_refused_and_writes_nothing(
    hanoi: Agency, data: bytes, words: str
) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    before = hanoi.units.count()
    with pytest.raises(services.UnitError) as error:
        services.import_units_csv(admin, hanoi, data)
    assert words in str(error.value)
    assert hanoi.units.count() == before


def test_a_field_beyond_the_csv_readers_limit_is_a_message_not_a_crash(hanoi: Agency) -> None:
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    data = b'code,name_vi\nso-a,"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(services.UnitError) as error:
        services.import_units_csv(admin, hanoi, data)
    assert "CSV" in str(error.value)
    assert not hanoi.units.filter(code="so-a").exists()
