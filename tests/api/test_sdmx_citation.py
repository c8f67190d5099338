"""The citation sent beside an SDMX-CSV file (multipart field `citation`) is checked like
the file: a NUL byte refuses the whole file with its reason, nothing written (PostgreSQL
cannot store it: the import answered 500)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotrinh.indicators import sdmx
from lotrinh.indicators.models import Indicator, Observation
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def _file_without_comment() -> SimpleUploadedFile:
    indicator = Indicator.objects.exclude(kind="milestone").order_by("position").first()
    Observation.objects.filter(indicator=indicator).delete()
    line = f"LOTRINH:DF_NQ52(1.0),VNM,{indicator.code},2024,1,,A,"
    body = f"{','.join(sdmx.COLUMNS)}\n{line}\n".encode()
    return SimpleUploadedFile("nq52.csv", body, content_type="text/csv")


def test_a_nul_byte_in_the_citation_refuses_the_file(most_token):
    upload = _file_without_comment()
    before = Observation.objects.count()
    response = token_client(most_token.secret).post(
        "/api/v1/sdmx/data/", {"file": upload, "citation": "Nguồn\x00"}
    )
    assert response.status_code == 422
    assert any("NUL" in problem for problem in response.json()["error"]["fields"]["file"])
    assert Observation.objects.count() == before


def test_the_same_file_with_a_plain_citation_is_entered(most_token):
    response = token_client(most_token.secret).post(
        "/api/v1/sdmx/data/", {"file": _file_without_comment(), "citation": "Nguồn: Tổng cục"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["entered"] == 1
