"""The units CSV import (agencies:units_save, what=csv) used to update existing units with
no version check: a colleague's rename made between the file's download and its upload
was overwritten silently. Now the rows that would overwrite a change made since the
unit's version in the file (its `version` column), or, for an old file without one,
since the preview, are shown first, naming who changed what and when, and refused
unless the administrator ticks them; nothing is written on a refusal."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as services
from lotrinh.agencies.models import Agency, Unit
from tests.cascade.conftest import person, unit
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _admins(hanoi: Agency):
    mine = person("admin_hn", hanoi, Role.AGENCY_ADMIN)
    theirs = person("admin_hn2", hanoi, Role.AGENCY_ADMIN)
    theirs.full_name = "Trần Thị Đổi"
    theirs.save()
    return mine, theirs


def _upload(client, hanoi, text: str):
    upload = SimpleUploadedFile("don-vi.csv", text.encode(), content_type="text/csv")
    return client.post(
        reverse("agencies:units_save", args=[hanoi.code]), {"what": "csv", "file": upload}
    )


def _form(html: str) -> dict:
    """The preview's confirm form as the browser would send it (boxes unticked)."""
    form = {"what": "csv_confirm"}
    form["csv_text"] = (
        re.search(r'<textarea name="csv_text"[^>]*>(.*?)</textarea>', html, re.S)
        .group(1)
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
    )
    for name, value in re.findall(r'name="((?:seen|base)-[^"]+)" value="(\d+)"', html):
        form[name] = value
    return form


def test_a_file_with_versions_does_not_overwrite_a_rename_made_since(hanoi: Agency) -> None:
    mine, theirs = _admins(hanoi)
    department = unit(hanoi, "so-kh", "Sở Khoa học")
    downloaded = f"code,name_vi,version\nso-kh,Sở Khoa học và Công nghệ,{department.version}\n"
    services.import_units_csv(theirs, hanoi, "code,name_vi\nso-kh,Sở KH&CN Hà Nội\n")
    client = client_for(mine)
    response = _upload(client, hanoi, downloaded)
    assert response.status_code == 200
    department.refresh_from_db()
    assert department.name_vi == "Sở KH&CN Hà Nội"  # nothing written
    html = response.content.decode()
    assert "Trần Thị Đổi" in html and "Sở KH&amp;CN Hà Nội" in html, html[:4000]
    assert "Sở Khoa học và Công nghệ" in html
    # Sent without ticking the row: refused again, nothing written.
    url = reverse("agencies:units_save", args=[hanoi.code])
    refused = client.post(url, _form(html))
    assert refused.status_code == 409
    department.refresh_from_db()
    assert department.name_vi == "Sở KH&CN Hà Nội"
    # Ticked: the administrator's decision, written.
    assert client.post(url, {**_form(html), "overwrite": "so-kh"}).status_code == 302
    department.refresh_from_db()
    assert department.name_vi == "Sở Khoa học và Công nghệ"


def test_an_old_file_is_previewed_and_a_change_after_the_preview_is_refused(
    hanoi: Agency,
) -> None:
    mine, theirs = _admins(hanoi)
    department = unit(hanoi, "so-kh", "Sở Khoa học")
    client = client_for(mine)
    old_file = "code,name_vi\nso-kh,Sở Khoa học và Công nghệ\nso-moi,Sở Mới\n"
    preview = _upload(client, hanoi, old_file)
    assert preview.status_code == 200
    assert not Unit.objects.filter(code="so-moi").exists()  # a preview writes nothing
    form = _form(preview.content.decode())
    services.import_units_csv(theirs, hanoi, "code,name_vi\nso-kh,Sở KH&CN Hà Nội\n")
    url = reverse("agencies:units_save", args=[hanoi.code])
    refused = client.post(url, form)
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "Trần Thị Đổi" in html and "Chưa ghi gì" in html, html[:4000]
    department.refresh_from_db()
    assert department.name_vi == "Sở KH&CN Hà Nội"
    assert not Unit.objects.filter(code="so-moi").exists()
    # From the page shown now, unticked: still refused (the rename was not confirmed).
    assert client.post(url, _form(html)).status_code == 409
    assert client.post(url, {**_form(html), "overwrite": "so-kh"}).status_code == 302
    department.refresh_from_db()
    assert department.name_vi == "Sở Khoa học và Công nghệ"
    assert Unit.objects.filter(code="so-moi").exists()


def test_an_old_file_with_no_change_made_since_is_written_after_its_preview(
    hanoi: Agency,
) -> None:
    mine, _theirs = _admins(hanoi)
    department = unit(hanoi, "so-kh", "Sở Khoa học")
    client = client_for(mine)
    preview = _upload(client, hanoi, "code,name_vi\nso-kh,Sở Khoa học và Công nghệ\n")
    url = reverse("agencies:units_save", args=[hanoi.code])
    assert client.post(url, _form(preview.content.decode())).status_code == 302
    department.refresh_from_db()
    assert department.name_vi == "Sở Khoa học và Công nghệ"


def test_a_file_adding_units_only_is_written_at_once(hanoi: Agency) -> None:
    """Guard (passes on the old code): nothing to overwrite, no preview."""
    mine, _theirs = _admins(hanoi)
    response = _upload(client_for(mine), hanoi, "code,name_vi\nso-moi,Sở Mới\n")
    assert response.status_code == 302
    assert Unit.objects.filter(code="so-moi", agency=hanoi).exists()
