"""SDMX: the structure, the data out, and the data in (checked against the DSD)."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotrinh.core.models import AuditEvent
from lotrinh.indicators import sdmx
from lotrinh.indicators import services as indicator_services
from lotrinh.indicators.models import Approval, Indicator, Observation
from tests.api.conftest import token_client
from tests.conftest import MOST, make_user

pytestmark = pytest.mark.django_db
NS = {
    "str": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure",
    "mes": "http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message",
}


def _codes(root: ET.Element, codelist: str) -> set[str]:
    node = root.find(f".//str:Codelist[@id='{codelist}']", NS)
    assert node is not None, codelist
    return {code.get("id") for code in node.findall("str:Code", NS)}


def test_the_structure_defines_the_dsd_and_a_dataflow_that_the_export_conforms_to(client):
    response = client.get("/api/v1/sdmx/structure/")
    assert response.status_code == 200
    assert "structure+xml" in response["Content-Type"]
    root = ET.fromstring(response.content)
    dsd = root.find(".//str:DataStructure[@id='DSD_NQ52']", NS)
    assert dsd is not None
    dimensions = [d.get("id") for d in dsd.findall(".//str:DimensionList/*", NS)]
    assert dimensions == ["REF_AREA", "INDICATOR", "TIME_PERIOD"]
    flow = root.find(".//str:Dataflow[@id='DF_NQ52']/str:Structure/Ref", NS)
    assert flow is not None and flow.get("id") == "DSD_NQ52"
    numeric = Indicator.objects.exclude(kind="milestone").values_list("code", flat=True)
    assert _codes(root, "CL_INDICATOR") == set(numeric)
    areas = _codes(root, "CL_AREA")
    exported = list(csv.DictReader(io.StringIO(client.get("/api/v1/sdmx/data/").content.decode())))
    assert exported, "the seed has approved values"
    for row in exported:
        assert row["DATAFLOW"] == "LOTRINH:DF_NQ52(1.0)"
        assert row["REF_AREA"] in areas and row["OBS_STATUS"] in _codes(root, "CL_OBS_STATUS")


def test_an_exported_file_reimported_gives_the_same_observations(most_token):
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
    rows = [r for r in original.splitlines()[1:] if f",{indicator.code}," in r]
    assert rows
    Observation.objects.filter(indicator=indicator).delete()
    client = token_client(most_token.secret)
    response = client.post(
        "/api/v1/sdmx/data/",
        {"file": SimpleUploadedFile("nq52.csv", original.encode(), content_type="text/csv")},
    )
    assert response.status_code == 200, response.json()
    assert response.json()["entered"] == len(rows)
    pending = Observation.objects.filter(indicator=indicator, approval=Approval.PENDING)
    assert pending.count() == len(rows)
    # Not public until a MOST monitor (not the one who entered them) approves them.
    assert sdmx.export_csv() != original
    reviewer = make_user("most_reviewer", MOST, "most_monitor")
    for observation in pending:
        indicator_services.approve_observation(observation, reviewer)
    assert sdmx.export_csv() == original


def test_a_file_violating_the_dsd_is_refused_with_every_problem_and_nothing_written(most_token):
    indicator = Indicator.objects.exclude(kind="milestone").order_by("position").first()
    bad = "\n".join(
        [
            ",".join(sdmx.COLUMNS),
            f"LOTRINH:DF_OTHER(1.0),VNM,{indicator.code},2024,1,{indicator.unit},A,Nguồn",
            "LOTRINH:DF_NQ52(1.0),VNM,NO_SUCH_CODE,2024,1,,A,Nguồn",
            f"LOTRINH:DF_NQ52(1.0),XXX,{indicator.code},24,abc,,Z,Nguồn",
            f"LOTRINH:DF_NQ52(1.0),VNM,{indicator.code},2023,5,,A,",
        ]
    )
    observations, events = Observation.objects.count(), AuditEvent.objects.count()
    response = token_client(most_token.secret).post(
        "/api/v1/sdmx/data/", bad.encode(), content_type="text/csv"
    )
    assert response.status_code == 422
    problems = response.json()["error"]["fields"]["file"]
    text = "\n".join(problems)
    for expected in (
        "Dòng 2, cột DATAFLOW",
        "Dòng 3, cột INDICATOR",
        "Dòng 4, cột REF_AREA",
        "Dòng 4, cột TIME_PERIOD",
        "Dòng 4, cột OBS_VALUE",
        "Dòng 4, cột OBS_STATUS",
        "Dòng 5, cột COMMENT",
    ):
        assert expected in text, (expected, problems)
    assert Observation.objects.count() == observations
    assert AuditEvent.objects.count() == events


def test_a_header_outside_the_dsd_is_refused(most_token):
    response = token_client(most_token.secret).post(
        "/api/v1/sdmx/data/", b"DATAFLOW,COUNTRY,VALUE\nx,y,1\n", content_type="text/csv"
    )
    assert response.status_code == 422
    problems = response.json()["error"]["fields"]["file"]
    assert any("REF_AREA" in p for p in problems) and any("COUNTRY" in p for p in problems)


def test_a_system_enters_only_the_indicators_its_agency_produces(reporter_token, read_token):
    indicator = Indicator.objects.exclude(kind="milestone").order_by("position").first()
    line = f"LOTRINH:DF_NQ52(1.0),VNM,{indicator.code},2024,1,,A,Nguồn"
    body = f"{','.join(sdmx.COLUMNS)}\n{line}\n".encode()
    refused = token_client(reporter_token.secret).post(
        "/api/v1/sdmx/data/", body, content_type="text/csv"
    )
    assert refused.status_code == 422
    assert "Dòng 2, cột INDICATOR" in refused.json()["error"]["fields"]["file"][0]
    read_only = token_client(read_token.secret).post(
        "/api/v1/sdmx/data/", body, content_type="text/csv"
    )
    assert read_only.status_code == 403
