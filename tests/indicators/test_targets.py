import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.core.models import AuditEvent
from lotrinh.indicators import services
from lotrinh.indicators.models import Indicator, Observation, Target
from tests.conftest import MOST, client_for, make_user

pytestmark = pytest.mark.django_db

NUMERIC_TARGETS = {
    "gii-asean-2025",
    "broadband-communes-2025",
    "digital-economy-2025",
    "productivity-2025",
    "egov-asean-2025",
    "smart-cities-2025",
    "gii-world-2030",
    "5g-nationwide-2030",
    "digital-economy-2030",
    "productivity-2030",
}


def targets_json(as_of: str = "") -> list[dict]:
    out = StringIO()
    extra = ["--as-of", as_of] if as_of else []
    call_command("targets", "52-NQ/TW", "--format", "json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_every_numeric_target_has_a_status_from_cited_data():
    rows = {row["target"]: row for row in targets_json()}
    assert NUMERIC_TARGETS <= set(rows)
    assert rows["gii-asean-2025"]["status"] == "achieved"
    assert rows["gii-world-2030"]["status"] == "moving_away"
    # GSO's 2025 estimate (January 2026) misses "about 20%".
    assert rows["digital-economy-2025"]["status"] == "not_achieved"
    # Before it was known, the worked example of docs/progress-method.md.
    dated = {row["target"]: row for row in targets_json("2025-06-30")}
    assert dated["digital-economy-2025"]["status"] == "limited_progress"
    assert dated["digital-economy-2025"]["ratio"] == pytest.approx(0.1036, abs=1e-3)
    assert rows["smart-cities-2025"]["status"] == "insufficient_data"
    assert rows["broadband-communes-2025"]["status"] == "insufficient_data"
    assert rows["productivity-2025"]["required_remaining"] == pytest.approx(16.46, abs=0.01)
    assert rows["5g-nationwide-2030"]["status"] == "not_reached"
    for row in rows.values():
        assert {"baseline", "latest", "ratio", "thresholds", "status"} <= set(row)
    assert not Observation.objects.filter(citation="").exists()


def test_a_value_changes_the_status_only_once_most_approves_it(most_monitor):
    indicator = Indicator.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP")
    before = {r["target"]: r for r in targets_json()}["digital-economy-2025"]
    proposed = services.record_observation(
        indicator, year=2025, value=19.5, citation="test: revised estimate", user=most_monitor
    )
    pending = {r["target"]: r for r in targets_json()}["digital-economy-2025"]
    assert pending["status"] == before["status"] == "not_achieved"
    services.approve_observation(proposed, make_user("most_2", MOST, Role.MOST_MONITOR))
    after = {r["target"]: r for r in targets_json()}["digital-economy-2025"]
    assert after["status"] == "achieved"
    revised = Observation.objects.filter(indicator=indicator, year=2025)
    assert revised.count() == 2 and revised.filter(is_current=True).get().value == 19.5
    assert AuditEvent.objects.filter(action="observation.revised").exists()
    assert AuditEvent.objects.filter(action="observation.approved").exists()


def test_rebaselining_keeps_the_original_visible(admin_user):
    target = Target.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP", is_current=True)
    new = services.rebaseline(target, year=2021, value=12.87, reason="test", user=admin_user)
    assert new.version == 2 and new.milestones.count() == target.milestones.count()
    target.refresh_from_db()
    assert not target.is_current
    response = client_for(admin_user).get(reverse("indicators:target", args=[target.pk]))
    assert "phiên bản cũ" in response.content.decode()


def test_overview_shows_a_card_per_target(client, django_assert_max_num_queries):
    # Constant: the linked tasks' reports of the two task-evidenced targets and the
    # members' gaps of the two computed positions are read once each.
    with django_assert_max_num_queries(14):
        response = client.get(reverse("indicators:overview"))
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["cards"]) == Target.objects.filter(is_current=True).count() == 18
    assert "Đã đạt" in body and "Chưa đủ dữ liệu" in body


def test_indicator_page_has_chart_data_table_and_revisions(client):
    response = client.get(reverse("indicators:indicator", args=["DIGITAL_ECONOMY_SHARE_GDP"]))
    body = response.content.decode()
    assert 'id="chart-data"' in body and "<table" in body
    # the first estimate of 2023, kept as an earlier revision (Vietnamese decimal comma)
    assert "<del>12,33</del>" in body
    chart = json.loads(response.context["chart_json"])
    assert chart["observed"][0] == [2020, 12.66] and chart["projections"]


def test_target_page_shows_the_calculation_and_contributing_tasks(client):
    target = Target.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP", is_current=True)
    url = reverse("indicators:target", args=[target.pk]) + "?as_of=2025-06-30"
    body = client.get(url).content.decode()
    assert "9,58%" in body and "0,99%" in body and "II.3.a.2" in body


def test_task_page_shows_the_targets_it_serves(client):
    body = client.get("/chuong-trinh/50-nq-cp/nhiem-vu/II-3-a-1/").content.decode()
    assert "Mục tiêu mà nhiệm vụ phục vụ" in body and "Tỷ lệ xã có Internet băng thông rộng" in body


def test_csv_import_with_planted_errors_reports_all_and_writes_nothing(most_monitor):
    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    bad = b"Year,Value\n2021,2\n20x2,3\n2023,\n2099,4\n2021,5\n"
    with pytest.raises(services.ObservationError) as excinfo:
        services.import_open_sdg_csv(indicator, bad, citation="test", user=most_monitor)
    problems = excinfo.value.problems
    assert len(problems) == 4
    assert any("Dòng 3" in p for p in problems) and any("Dòng 4" in p for p in problems)
    assert any("Dòng 5" in p for p in problems) and any("Dòng 6" in p for p in problems)
    assert not Observation.objects.filter(indicator=indicator).exists()


def test_csv_upload_page_reports_errors_and_writes_nothing(most_monitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(most_monitor)
    upload = SimpleUploadedFile("smart.csv", b"Year,Value\nabc,1\n", content_type="text/csv")
    response = client.post(
        reverse("indicators:enter", args=["SMART_CITIES_COUNT"]),
        {"csv": "1", "file": upload, "citation": "x"},
    )
    assert response.status_code == 400 and "Dòng 2" in response.content.decode()
    assert not Observation.objects.filter(indicator__code="SMART_CITIES_COUNT").exists()


def test_exports_round_trip(most_monitor):
    indicator = Indicator.objects.get(code="GII_RANK_WORLD")
    csv_text = services.export_csv(indicator)
    rows = services.parse_open_sdg_csv(csv_text.encode(), 2026)
    assert {(r.year, r.country, r.value) for r in rows} == {
        (o.year, o.country, o.value)
        for o in Observation.objects.filter(indicator=indicator, is_current=True)
    }
    sdmx = services.export_sdmx_csv(indicator).splitlines()
    assert sdmx[0].startswith("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE")
    assert any(",VNM,GII_RANK_WORLD,2025,44," in line for line in sdmx)
    from io import BytesIO

    from openpyxl import load_workbook

    book = load_workbook(BytesIO(services.export_xlsx()))
    assert {"Chỉ tiêu", "Số liệu"} <= set(book.sheetnames)
    assert book["Số liệu"].max_row - 1 == Observation.objects.count()


def test_only_producers_and_most_may_enter_values(
    officer_a, oversight_reader, most_monitor, client
):
    url = reverse("indicators:enter", args=["SMART_CITIES_COUNT"])
    response = client.get(url)  # anonymous: asked to log in
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert client_for(oversight_reader).get(url).status_code == 403
    assert client_for(most_monitor).get(url).status_code == 200
    response = client_for(most_monitor).post(
        url, {"year": 2099, "value": 3, "status": "final", "citation": "x"}
    )
    assert (
        response.status_code == 400
        and not Observation.objects.filter(indicator__code="SMART_CITIES_COUNT").exists()
    )
    response = client_for(most_monitor).post(
        url, {"year": 2025, "value": 3, "status": "final", "citation": "Bộ Xây dựng, báo cáo thử"}
    )
    assert response.status_code == 302
    smart = {r["target"]: r for r in targets_json()}["smart-cities-2025"]
    assert smart["status"] == "insufficient_data"  # pending until another monitor approves
    services.approve_observation(
        Observation.objects.get(indicator__code="SMART_CITIES_COUNT"),
        make_user("most_2", MOST, Role.MOST_MONITOR),
    )
    assert {r["target"]: r for r in targets_json()}["smart-cities-2025"]["status"] == "achieved"


def test_milestone_values_need_evidence_text():
    from lotrinh.indicators.forms import ObservationForm

    form = ObservationForm(
        {"year": 2025, "status": "final", "citation": "x"},
        indicator=Indicator.objects.get(code="MOBILE_5G_NATIONWIDE"),
    )
    assert not form.is_valid() and "text_value" in form.errors


def test_reporters_enter_only_what_their_agency_produces(db):
    most_reporter = make_user("most_reporter", MOST, Role.REPORTER)
    as_most = client_for(most_reporter)
    # 5G coverage is produced by MOST; broadband by MIC, whose figures MOST holds since 2025.
    for code in ("MOBILE_5G_POPULATION_COVERAGE", "BROADBAND_COMMUNE_COVERAGE"):
        assert as_most.get(reverse("indicators:enter", args=[code])).status_code == 200
    # GII is produced by WIPO (no registry agency): only MOST monitors enter it.
    assert as_most.get(reverse("indicators:enter", args=["GII_RANK_WORLD"])).status_code == 403


def test_a_milestone_names_its_group_in_words_not_by_its_code(client):
    """Seen on 6 December 2026 on the public target page of GII: "thuộc nhóm dẫn đầu 40
    (WORLD)", a code of the data file, in Vietnamese and English alike."""
    from lotrinh.indicators.models import Milestone

    milestone = Milestone.objects.get(group="WORLD", target__is_current=True, year=2030)
    url = reverse("indicators:target", args=[milestone.target_id])
    body = client.get(url).content.decode()
    assert "(WORLD)" not in body and "thuộc nhóm dẫn đầu 40 (thế giới)" in body
    asean = Milestone.objects.filter(group="ASEAN", target__is_current=True).first()
    body = client.get(reverse("indicators:target", args=[asean.target_id])).content.decode()
    assert "(ASEAN)" in body
