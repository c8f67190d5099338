"""The units page had an import (CSV, with a `version` column) but no download: an agency
administrator could not get the current units to edit and send back. Now "Tải danh sách
đơn vị (CSV)/(Excel)" give exactly the columns the import reads, under Vietnamese
headers, and the import takes the Excel file too. The round trip is lossless: sent back
unchanged, nothing changes; one row edited, only that unit; a colleague's change in
between, refused naming who."""

import csv
import datetime
import io
import string

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as services
from lotrinh.agencies import units_file
from lotrinh.agencies.models import Agency, SuccessionKind, Unit, UnitKind, UnitSuccession
from lotrinh.core.models import AuditEvent
from tests.cascade.conftest import person, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

HEADERS = list(units_file.HEADERS.values())
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(client, agency: Agency, fmt: str):
    return client.get(reverse(f"agencies:units_{fmt}", args=[agency.code]))


def _upload(client, agency: Agency, data: bytes, fmt: str):
    upload = SimpleUploadedFile(f"don-vi.{fmt}", data, content_type="application/octet-stream")
    return client.post(
        reverse("agencies:units_save", args=[agency.code]), {"what": "csv", "file": upload}
    )


def _admins(hanoi: Agency):
    mine = person("admin_dl", hanoi, Role.AGENCY_ADMIN)
    theirs = person("admin_dl2", hanoi, Role.AGENCY_ADMIN)
    theirs.full_name = "Trần Thị Đổi"
    theirs.save()
    return mine, theirs


def _state(agency: Agency) -> dict:
    return {
        u.code: (
            u.name_vi,
            u.name_en,
            u.abbreviation,
            u.kind,
            u.parent.code if u.parent else "",
            u.valid_from,
            u.valid_to,
            u.proposed,
            u.version,
        )
        for u in agency.units.select_related("parent")
    }


def _successions(agency: Agency) -> set:
    return set(
        UnitSuccession.objects.filter(predecessor__agency=agency).values_list(
            "predecessor__code", "successor__code", "effective_date", "kind"
        )
    )


@pytest.fixture
def units(hanoi: Agency) -> dict[str, Unit]:
    so = unit(hanoi, "so-yt", "Sở Y tế", name_en="Department of Health", abbreviation="SYT")
    so.valid_from = datetime.date(2025, 7, 1)
    so.save()
    phong = unit(hanoi, "phong-ke-hoach", "Phòng Kế hoạch", UnitKind.DIVISION, parent=so)
    old = unit(hanoi, "so-cu", "Sở Cũ", valid_to=datetime.date(2025, 6, 30))
    UnitSuccession.objects.create(
        predecessor=old,
        successor=so,
        effective_date=datetime.date(2025, 7, 1),
        kind=SuccessionKind.RENAMED,
    )
    return {"so": so, "phong": phong, "old": old}


def test_the_csv_download_has_the_imports_columns_in_vietnamese_for_excel(hanoi, units) -> None:
    mine, _ = _admins(hanoi)
    response = _download(client_for(mine), hanoi, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # Excel reads the accents
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0] == HEADERS
    assert "Tên đơn vị" in rows[0] and "Phiên bản" in rows[0]
    by_code = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert by_code["so-yt"]["Hiệu lực từ"] == "01/07/2025"
    assert by_code["so-yt"]["Tên tiếng Anh"] == "Department of Health"
    assert by_code["so-yt"]["Phiên bản"] == str(units["so"].version)
    assert by_code["phong-ke-hoach"]["Mã đơn vị cấp trên"] == "so-yt"
    assert by_code["phong-ke-hoach"]["Loại"] == "Phòng, Chi cục"
    assert by_code["so-cu"]["Mã đơn vị kế thừa"] == "so-yt"
    assert by_code["so-cu"]["Ngày kế thừa"] == "01/07/2025"
    assert by_code["so-cu"]["Hiệu lực đến"] == "30/06/2025"


def test_the_excel_download_has_dates_as_dates_and_a_frozen_header(hanoi, units) -> None:
    mine, _ = _admins(hanoi)
    response = _download(client_for(mine), hanoi, "xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS
    assert sheet.freeze_panes == "A2"
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    cell = rows["so-yt"][HEADERS.index("Hiệu lực từ")]
    assert cell.is_date and cell.value.date() == datetime.date(2025, 7, 1)
    assert cell.number_format == "dd/mm/yyyy"
    assert rows["so-yt"][HEADERS.index("Phiên bản")].value == units["so"].version
    assert sheet.column_dimensions["B"].width >= len("Tên đơn vị")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_download_sent_back_unchanged_changes_nothing(hanoi, units, fmt) -> None:
    mine, _ = _admins(hanoi)
    client = client_for(mine)
    before, successions = _state(hanoi), _successions(hanoi)
    response = _upload(client, hanoi, _download(client, hanoi, fmt).content, fmt)
    assert response.status_code == 302
    assert _state(hanoi) == before
    assert _successions(hanoi) == successions  # a renaming stays a renaming


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_download_is_for_who_manages_the_units(hanoi, units, fmt) -> None:
    reporter = person("reporter_dl", hanoi, Role.REPORTER)
    other = person("admin_bn", Agency.objects.get(code="tinh-bac-ninh"), Role.AGENCY_ADMIN)
    assert _download(client_for(reporter), hanoi, fmt).status_code == 404
    assert _download(client_for(other), hanoi, fmt).status_code == 404
    from django.test import Client

    anonymous = _download(Client(), hanoi, fmt)
    assert anonymous.status_code == 302 and "dang-nhap" in anonymous["Location"]
    mine, _ = _admins(hanoi)
    url = reverse(f"agencies:units_{fmt}", args=[hanoi.code])
    assert client_for(mine).post(url).status_code == 405


def test_a_download_writes_nothing(hanoi, units) -> None:
    mine, _ = _admins(hanoi)
    before, events = _state(hanoi), AuditEvent.objects.count()
    client = client_for(mine)
    for fmt in ("csv", "xlsx"):
        assert _download(client, hanoi, fmt).status_code == 200
    assert _state(hanoi) == before and AuditEvent.objects.count() == events


def test_the_page_offers_both_downloads(hanoi, units) -> None:
    mine, _ = _admins(hanoi)
    html = client_for(mine).get(reverse("agencies:units", args=[hanoi.code])).content.decode()
    assert "Tải danh sách đơn vị (CSV)" in html and "Tải danh sách đơn vị (Excel)" in html
    assert reverse("agencies:units_xlsx", args=[hanoi.code]) in html


# ---------------------------------------------------------------- the round trip, any units

# Names as people type them (accents, a leading "=" or "-" that a sheet would read as a
# formula), already normalised as `create_unit` stores them.
WORDS = (
    st.text(
        alphabet=string.ascii_letters + "ĐđÂâƠơƯưẾếỘộỦủàáạ&,;\"'()=-+@ 0123456789",
        min_size=1,
        max_size=30,
    )
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: bool(t) and not t.startswith("'"))
)
DAYS = st.none() | st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31))
UNIT = st.fixed_dictionaries(
    {
        "name_vi": WORDS,
        "name_en": st.just("") | WORDS,
        "abbreviation": st.just("") | WORDS.map(lambda t: t[:20].strip()),
        "kind": st.sampled_from(UnitKind.values),
        "valid_from": DAYS,
        "proposed": st.booleans(),
        "parent": st.integers(min_value=-1, max_value=5),
    }
)


def _make(agency: Agency, specs: list[dict]) -> list[Unit]:
    made: list[Unit] = []
    for i, spec in enumerate(specs):
        parent = made[spec["parent"]] if 0 <= spec["parent"] < len(made) else None
        made.append(
            Unit.objects.create(
                agency=agency,
                code=f"dv-{i}",
                name_vi=spec["name_vi"],
                name_en=spec["name_en"],
                abbreviation=spec["abbreviation"],
                kind=spec["kind"],
                valid_from=spec["valid_from"],
                proposed=spec["proposed"],
                parent=parent,
                version=1 + i % 3,
            )
        )
    return made


def _edit_row(data: bytes, fmt: str, code: str, name: str) -> bytes:
    """The file as a person edits one unit's name in Excel (or a text editor) and saves."""
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        for row in rows[1:]:
            if row[0] == code:
                row[1] = name
        out = io.StringIO(newline="")
        csv.writer(out).writerows(rows)
        return out.getvalue().encode("utf-8-sig")
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == code:
            row[1].value = name
    out_bytes = io.BytesIO()
    book.save(out_bytes)
    return out_bytes.getvalue()


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    specs=st.lists(UNIT, min_size=1, max_size=5),
    fmt=st.sampled_from(["csv", "xlsx"]),
    pick=st.integers(min_value=0, max_value=4),
    new_name=WORDS,
)
def test_the_round_trip_is_lossless_and_refuses_a_colleagues_change(
    hanoi, specs, fmt, pick, new_name
) -> None:
    # Each example in a savepoint rolled back: the next one starts from the same units.
    with transaction.atomic():
        _round_trip(hanoi, specs, fmt, pick, new_name)
        transaction.set_rollback(True)


def _round_trip(hanoi, specs, fmt, pick, new_name) -> None:
    mine = _user("admin_rt", hanoi)
    theirs = _user("admin_rt2", hanoi)
    theirs.full_name = "Trần Thị Đổi"
    theirs.save()
    made = _make(hanoi, specs)
    client = client_for(mine)
    downloaded = _download(client, hanoi, fmt).content
    before = _state(hanoi)
    # Sent back unchanged: no refusal, nothing changes (not even a proposed unit's state).
    assert _upload(client, hanoi, downloaded, fmt).status_code == 302
    assert _state(hanoi) == before
    # One row edited: only that unit changes.
    target = made[pick % len(made)]
    if new_name == target.name_vi:
        new_name = new_name + " mới"
    assert (
        _upload(client, hanoi, _edit_row(downloaded, fmt, target.code, new_name), fmt).status_code
        == 302
    )
    after = _state(hanoi)
    assert after[target.code][0] == new_name
    assert after[target.code][-1] == before[target.code][-1] + 1
    assert {c: v for c, v in after.items() if c != target.code} == {
        c: v for c, v in before.items() if c != target.code
    }
    # A colleague renames it after my download; my edit of the old download is refused.
    again = _download(client, hanoi, fmt).content
    services.import_units_csv(theirs, hanoi, f"code,name_vi\n{target.code},Tên của đồng nghiệp\n")
    held = _state(hanoi)
    refused = _upload(client, hanoi, _edit_row(again, fmt, target.code, new_name + " lần 2"), fmt)
    assert refused.status_code == 200  # the preview, nothing written
    html = refused.content.decode()
    assert "Trần Thị Đổi" in html and "Tên của đồng nghiệp" in html
    assert _state(hanoi) == held


def _user(username: str, agency: Agency):
    """The same administrator across hypothesis' examples (the database is the test's)."""
    from lotrinh.accounts.models import User

    found = User.objects.filter(username=username).first()
    return found or person(username, agency, Role.AGENCY_ADMIN)
