"""An SDMX-CSV file that is not what the API expects: a clear error in the API's shape,
nothing written, never a 500; a file saved by Excel in a Vietnamese office is read."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotrinh.indicators import sdmx
from lotrinh.indicators.models import Approval, Indicator, Observation
from tests.api.conftest import token_client
from tests.security.dbhash import WriteWatch
from tests.uploads.corpus import TCVN3_TEXT, to_cp1258, to_utf16_excel

pytestmark = pytest.mark.django_db
URL = "/api/v1/sdmx/data/"


def _post(token, data: bytes):
    client = token_client(token.secret)
    return client.post(URL, {"file": SimpleUploadedFile("nq52.csv", data, "text/csv")})


def _one_indicator_rows() -> tuple[Indicator, str]:
    """The export's header and the rows of one indicator, whose values are then removed."""
    original = sdmx.export_csv()
    indicator = (
        Indicator.objects.filter(
            observations__approval=Approval.APPROVED, observations__value__isnull=False
        )
        .exclude(kind="milestone")
        .distinct()
        .order_by("position")
        .first()
    )
    assert indicator is not None
    lines = original.splitlines()
    rows = [lines[0]] + [r for r in lines[1:] if f",{indicator.code}," in r]
    assert len(rows) > 1
    Observation.objects.filter(indicator=indicator).delete()
    return indicator, "\n".join(rows) + "\n"


def _resplit(text: str, delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(
        csv.reader(io.StringIO(text))
    )
    return out.getvalue()


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: to_utf16_excel(_resplit(t, "\t")), id="utf-16-unicode-text"),
        pytest.param(lambda t: to_cp1258(_resplit(t, ";")), id="windows-1258-semicolon"),
    ],
)
def test_a_file_saved_by_excel_in_a_vietnamese_office_is_read(most_token, encode):
    indicator, text = _one_indicator_rows()
    response = _post(most_token, encode(text))
    assert response.status_code == 200, response.json()
    assert response.json()["entered"] == len(text.splitlines()) - 1
    assert Observation.objects.filter(indicator=indicator, approval=Approval.PENDING).exists()


HEADER = ",".join(sdmx.COLUMNS).encode()


@pytest.mark.parametrize(
    ("data", "status", "words"),
    [
        # A quoted cell beyond the csv module's field limit (131,072 characters).
        pytest.param(HEADER + b'\n"' + b"x" * 200_000 + b'"\n', 422, "CSV", id="huge-field"),
        pytest.param(HEADER + b"\n" + TCVN3_TEXT + b"\n", 422, "TCVN3", id="tcvn3"),
        # More rows than any indicator CSV may have: refused before a row is checked.
        pytest.param(HEADER + b"\n" + b"a,b,c\n" * 6000, 400, "dòng", id="too-many-rows"),
        # Not text at all: what the web upload says of it (tests/api/test_sdmx_wrong_files.py).
        pytest.param(b"\x00\x01" * 100, 415, "nhị phân", id="binary"),
    ],
)
def test_a_hostile_file_is_refused_in_the_api_shape_and_writes_nothing(
    most_token, data, status, words
):
    watch = WriteWatch()
    response = _post(most_token, data)
    assert response.status_code == status, response.content[:300]
    error = response.json()["error"]
    said = error["message"] + " ".join(" ".join(v) for v in error.get("fields", {}).values())
    assert words in said
    assert [t for t in watch.changed() if not t.startswith("api_")] == []


def test_a_file_larger_than_the_csv_limit_is_refused_413(most_token, settings):
    settings.LOTRINH_CSV_MAX_BYTES = 1000
    watch = WriteWatch()
    response = _post(most_token, HEADER + b"\n" + b"x" * 2000 + b"\n")
    assert response.status_code == 413
    assert (
        "MB" in response.json()["error"]["message"] or "KB" in response.json()["error"]["message"]
    )
    assert [t for t in watch.changed() if not t.startswith("api_")] == []
