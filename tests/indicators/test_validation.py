"""Values are checked against the indicator's unit and bounds, in the form and the CSV alike."""

import codecs

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.indicators import services
from lotrinh.indicators.models import Indicator, Observation
from lotrinh.indicators.validation import ObservationError, parse_open_sdg_csv
from tests.conftest import client_for
from tests.uploads.corpus import TCVN3_TEXT, VNI_TEXT, to_cp1258, to_utf16_excel

pytestmark = pytest.mark.django_db

SHARE = "DIGITAL_ECONOMY_SHARE_GDP"  # % of GDP, 0–100


def upload(client, code: str, data: bytes):
    return client.post(
        reverse("indicators:enter", args=[code]),
        {"csv": "1", "file": SimpleUploadedFile("x.csv", data), "citation": "thử"},
    )


def problems_of(code: str, data: bytes, user) -> list[str]:
    with pytest.raises(ObservationError) as excinfo:
        services.import_open_sdg_csv(
            Indicator.objects.get(code=code), data, citation="thử", user=user
        )
    return excinfo.value.problems


@pytest.mark.parametrize("value", ["-5", "150", "1e308", "100.5"])
def test_the_form_refuses_a_share_outside_0_to_100(most_monitor, value):
    response = client_for(most_monitor).post(
        reverse("indicators:enter", args=[SHARE]),
        {"year": 2019, "value": value, "status": "final", "citation": "x"},
    )
    assert response.status_code == 400
    assert "ngoài khoảng hợp lệ 0–100" in response.content.decode()
    assert not Observation.objects.filter(indicator__code=SHARE, year=2019).exists()


@pytest.mark.parametrize("value", ["inf", "nan", "-inf", "1e400"])
def test_the_form_refuses_numbers_that_are_not_finite(most_monitor, value):
    response = client_for(most_monitor).post(
        reverse("indicators:enter", args=[SHARE]),
        {"year": 2019, "value": value, "status": "final", "citation": "x"},
    )
    assert response.status_code == 400
    assert not Observation.objects.filter(indicator__code=SHARE, year=2019).exists()


def test_the_form_refuses_a_fractional_rank_and_a_publication_before_the_year(most_monitor):
    client = client_for(most_monitor)
    response = client.post(
        reverse("indicators:enter", args=["GII_RANK_WORLD"]),
        {"year": 2025, "value": "43.5", "status": "final", "citation": "x"},
    )
    assert response.status_code == 400 and "không phải số nguyên" in response.content.decode()
    response = client.post(
        reverse("indicators:enter", args=["GII_RANK_WORLD"]),
        {
            "year": 2025,
            "value": "0",
            "status": "final",
            "citation": "x",
            "published_on": "2024-09-01",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "ngoài khoảng hợp lệ 1–200" in body and "đứng trước năm số liệu" in body
    response = client.post(
        reverse("indicators:enter", args=["GII_RANK_WORLD"]),
        {
            "year": 2025,
            "value": "40",
            "status": "final",
            "citation": "x",
            "published_on": "2025-02-31",
        },
    )
    assert response.status_code == 400
    assert (
        not Observation.objects.filter(indicator__code="GII_RANK_WORLD", year=2025, country="VNM")
        .exclude(value=44)
        .exists()
    )


def test_a_csv_lists_every_problem_by_row_and_column_and_writes_nothing(most_monitor):
    data = (
        "Year,Country,Published,Value\n"
        "2021,VNM,,-5\n"
        "2022,VNM,,150\n"
        "2023,VNM,,1e308\n"
        "2024,VNM,,inf\n"
        "2025,VNM,,nan\n"
        "2020,VNM,,mười\n"
        "2019,VNM,31/02/2024,12\n"
        "2099,VNM,,12\n"
        "2018,VIETNAM,,12\n"
        "2017,VNM,,1e400\n"
        "2016,VNM,,12,5\n"
    ).encode()
    before = Observation.objects.count()
    problems = problems_of(SHARE, data, most_monitor)
    assert len(problems) == 11
    expected = [
        ("Dòng 2, cột Value", "−5"),  # the report's minus sign (format_number)
        ("Dòng 3, cột Value", "150"),
        ("Dòng 4, cột Value", "1e+308"),
        ("Dòng 5, cột Value", "“inf” không phải một số hữu hạn"),
        ("Dòng 6, cột Value", "“nan” không phải một số hữu hạn"),
        ("Dòng 7, cột Value", "“mười” không phải số"),
        ("Dòng 8, cột Published", "“31/02/2024” không phải ngày có thật"),
        ("Dòng 9, cột Year", "2099"),
        ("Dòng 10, cột Country", "VIETNAM"),
        ("Dòng 11, cột Value", "“1e400” quá lớn"),
        ("Dòng 12", "nhiều ô hơn"),
    ]
    for (place, text), problem in zip(expected, problems, strict=True):
        assert problem.startswith(place) and text in problem, problem
    assert Observation.objects.count() == before


def test_a_bad_csv_is_a_clear_400_never_a_500(most_monitor):
    client = client_for(most_monitor)
    for data in (
        b"Year,Value\n2024,inf\n",
        b"Year,Value\n2024,nan\n",
        b"Year,Value\n2024,1e308\n",
        b"Year,Value\n2024,-5\n",
        b"Year,Published,Value\n2024,31/02/2024,5\n",
        b"\x00\xff\xfe\x81garbage\x8d\x90",
        b"",
        b"Year;Value\n2024;12,5\n2023;150\n",
    ):
        response = upload(client, SHARE, data)
        body = response.content.decode()
        assert response.status_code == 400, data
        assert "msg-error" in body or "errorlist" in body, data
    assert not Observation.objects.filter(indicator__code=SHARE, approval="pending").exists()


def test_a_milestone_indicator_is_not_imported_by_csv(most_monitor):
    problems = problems_of("MOBILE_5G_NATIONWIDE", b"Year,Value\n2025,1\n", most_monitor)
    assert "biểu mẫu" in problems[0]


def test_rows_equal_to_the_value_in_effect_are_skipped(most_monitor):
    indicator = Indicator.objects.get(code=SHARE)
    result = services.import_open_sdg_csv(
        indicator, b"Year,Value\n2023,12.87\n2019,14.1\n", citation="thử", user=most_monitor
    )
    assert (result.entered, result.unchanged) == (1, 1)
    assert Observation.objects.filter(indicator=indicator, approval="pending").count() == 1


# ---------------------------------------------------------------- encodings

VIETNAMESE = "Year,Value,Source\n2025,14.2,Tổng cục Thống kê\n"


@pytest.mark.parametrize(
    "data",
    [VIETNAMESE.encode("utf-8"), codecs.BOM_UTF8 + VIETNAMESE.encode("utf-8")],
    ids=["utf-8", "utf-8-bom"],
)
def test_csv_in_utf8_is_read(data):
    rows = parse_open_sdg_csv(data, 2026, Indicator.objects.get(code=SHARE))
    assert [(r.year, r.value) for r in rows] == [(2025, 14.2)]


@pytest.mark.parametrize(
    "data",
    [
        VIETNAMESE.encode("utf-16"),  # with BOM
        to_utf16_excel(VIETNAMESE.replace(",", "\t")),  # Excel's "Unicode text"
        to_cp1258(VIETNAMESE),  # Excel's "CSV" on a Vietnamese Windows
        to_cp1258(VIETNAMESE.replace(",", ";").replace("14.2", "14,2")),
        "Year,Value,Source\n2025,14.2,Institut de la statistique – données\n".encode("cp1252"),
    ],
    ids=["utf-16-bom", "utf-16-tabs", "windows-1258", "windows-1258-semicolon", "windows-1252"],
)
def test_csv_in_the_encodings_excel_saves_is_read(data):
    rows = parse_open_sdg_csv(data, 2026, Indicator.objects.get(code=SHARE))
    assert [(r.year, r.value) for r in rows] == [(2025, 14.2)]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"Year,Value,Source\n2025,14.2," + TCVN3_TEXT + b"\n", "TCVN3"),
        (b"Year,Value,Source\n2025,14.2," + VNI_TEXT + b"\n", "VNI"),
        # A Windows-1252 "ò" after a consonant reads as a Vietnamese dot below: no guess.
        ("Year,Value,Source\n2025,14.2,Però\n".encode("cp1252"), "CSV UTF-8"),
    ],
    ids=["tcvn3", "vni", "windows-1252-not-vietnamese"],
)
def test_csv_in_a_legacy_font_or_an_unknown_encoding_is_refused_never_guessed(data, words):
    with pytest.raises(ObservationError) as excinfo:
        parse_open_sdg_csv(data, 2026, Indicator.objects.get(code=SHARE))
    assert words in excinfo.value.problems[0]


@pytest.mark.parametrize(
    "data",
    [
        "Year,Value\n2025,1\n".encode("utf-16-le"),  # UTF-16 without its BOM
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
    ids=["utf-16-no-bom", "random-bytes", "png"],
)
def test_files_that_are_not_text_are_refused_with_what_to_do(data):
    with pytest.raises(ObservationError) as excinfo:
        parse_open_sdg_csv(data, 2026)
    assert "CSV UTF-8" in excinfo.value.problems[0]


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1.234", 1234.0),
        ("1.234,5", 1234.5),
        ("12.345.678", 12345678.0),
        ("12,5", 12.5),
        ("0,5", 0.5),
        ("1234", 1234.0),
        ("1234.5", 1234.5),
        ("-1.500", -1500.0),
    ],
)
def test_a_semicolon_file_is_read_as_vietnamese_excel_writes_it(cell, value):
    # Excel in Vietnamese (and every decimal-comma locale) separates the list with ";" and
    # writes "1.234,5": there a point groups thousands and cannot be a decimal point.
    rows = parse_open_sdg_csv(f"Year;Value\n2024;{cell}\n".encode(), 2026)
    assert [(r.year, r.value) for r in rows] == [(2024, value)]


@pytest.mark.parametrize(("cell", "value"), [("1.234", 1.234), ('"12,5"', 12.5), ("0.5", 0.5)])
def test_a_comma_file_keeps_the_open_sdg_reading(cell, value):
    rows = parse_open_sdg_csv(f"Year,Value\n2024,{cell}\n".encode(), 2026)
    assert [(r.year, r.value) for r in rows] == [(2024, value)]


@pytest.mark.parametrize("cell", ["1.23.4", "1,234.5.6", "1.234.5"])
def test_a_semicolon_file_refuses_what_no_locale_writes(cell):
    with pytest.raises(ObservationError) as excinfo:
        parse_open_sdg_csv(f"Year;Value\n2024;{cell}\n".encode(), 2026)
    assert cell in excinfo.value.problems[0]
