"""The review page says what the document was read as: kind, number, date, issuer and
title, each marked where it was not read, and what the issuer makes of the document on
publishing (a national programme, an agency's plan, a name not in the registry). The
officer corrects the issuer and the kind in the header form, under the same stale-form
rule as the other header fields; the page itself never writes."""

import copy

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.core.models import AuditEvent
from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from lotrinh.importer.service import parse_bytes
from tests.conftest import client_for
from tests.importer.test_review import plan_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(most_monitor):
    return review.create_draft(
        parse_bytes(plan_docx(), "ke-hoach.docx"), "ke-hoach.docx", most_monitor
    )


def with_header(draft: DraftImport, **fields: object) -> DraftImport:
    data = copy.deepcopy(draft.data)
    data["programme"].update(fields)
    DraftImport.objects.filter(pk=draft.pk).update(data=data)
    draft.refresh_from_db()
    return draft


def section(page: str, ident: str) -> str:
    start = page.index(f'id="{ident}"')
    return page[start : page.index("</dd>", start)]


def test_the_page_shows_the_kind_number_date_issuer_and_title_read(draft, most_monitor):
    page = client_for(most_monitor).get(reverse("importer:review", args=[draft.pk]))
    text = page.content.decode()
    assert "Văn bản được đọc là" in text
    assert "Kế hoạch" in section(text, "read-kind")
    assert "12/KH-BYT" in section(text, "read-code")
    assert "05/03/2021" in section(text, "read-date")
    # The registry's name of "BỘ Y TẾ" as the letterhead writes it.
    assert "Bộ Y tế" in section(text, "read-issuer")
    assert "Chưa đọc được" not in text
    # Its title "Thực hiện Nghị quyết số 50/NQ-CP …" names the programme it carries out
    # (read for the Party's resolutions only before): what MOST publishes here is a national
    # programme, the ministry's plan of 50/NQ-CP (`Programme.lineage`, docs/cascade.md).
    assert page.context["reading"].implements == "50/NQ-CP"
    assert "kế hoạch của Bộ Y tế thực hiện 50/NQ-CP" in page.context["reading"].outcome
    assert "chương trình quốc gia" in page.context["reading"].outcome


def test_a_plan_carrying_out_a_published_programme_is_said_to_be_national(draft):
    # Publishing it makes a national programme, the ministry's plan of 50/NQ-CP (not an
    # agency's own plan: the cascade makes those), however the number is written
    # ("50/nq-cp", spaces left by a copy).
    draft = with_header(draft, implements="50 /nq-CP")
    reading = review.header_reading(draft.data)
    assert "kế hoạch của Bộ Y tế thực hiện 50/NQ-CP" in reading.outcome
    assert "không phải kế hoạch riêng của cơ quan" in reading.outcome


def test_an_issuer_not_read_is_marked_and_said_what_follows(draft, most_monitor):
    draft = with_header(draft, issuer="", kind="other", issue_date=None, code="")
    page = client_for(most_monitor).get(reverse("importer:review", args=[draft.pk]))
    text = page.content.decode()
    assert "Chưa đọc được cơ quan ban hành" in section(text, "read-issuer")
    assert "Chưa đọc được loại văn bản" in section(text, "read-kind")
    assert "Chưa đọc được ngày ban hành" in section(text, "read-date")
    assert "Chưa đọc được số, ký hiệu" in section(text, "read-code")
    assert "không gắn với cơ quan nào" in text


def test_an_issuer_written_otherwise_shows_the_registrys_name(draft, most_monitor):
    draft = with_header(draft, issuer="BỘ Y TẾ")
    page = client_for(most_monitor).get(reverse("importer:review", args=[draft.pk]))
    assert "trong danh mục: Bộ Y tế" in section(page.content.decode(), "read-issuer")


def test_an_issuer_the_registry_does_not_know_is_said_so(draft, most_monitor):
    draft = with_header(draft, issuer="Ban Chỉ đạo Không Có Thật")
    reading = review.header_reading(draft.data)
    assert reading.agency is None and "issuer" not in reading.missing
    assert "chưa có trong danh mục cơ quan" in reading.outcome


def test_a_national_document_is_said_to_be_the_issuers_programme(draft, most_monitor):
    draft = with_header(draft, kind="government_resolution", issuer="Chính phủ", implements=None)
    reading = review.header_reading(draft.data)
    assert "chương trình do Chính phủ ban hành" in reading.outcome


def test_the_page_never_writes(draft, most_monitor):
    before = (DraftImport.objects.get(pk=draft.pk).data, AuditEvent.objects.count())
    client_for(most_monitor).get(reverse("importer:review", args=[draft.pk]))
    assert (DraftImport.objects.get(pk=draft.pk).data, AuditEvent.objects.count()) == before


def header_form(client, draft) -> dict[str, str]:
    page = client.get(reverse("importer:review", args=[draft.pk]))
    meta = draft.data["programme"]
    return {
        "action": "header",
        "seen": page.context["header_seen"],
        "code": meta["code"],
        "title": meta["title"],
        "issue_date": meta["issue_date"],
        "implements": meta["implements"] or "",
        "kind": meta["kind"],
        "issuer": meta["issuer"],
    }


def test_the_issuer_and_kind_are_corrected_in_the_header_form(draft, most_monitor):
    draft = with_header(draft, issuer="", kind="other")
    client = client_for(most_monitor)
    form = {**header_form(client, draft), "issuer": "  Bộ   Y tế ", "kind": "plan"}
    response = client.post(reverse("importer:correct", args=[draft.pk]), form)
    assert response.status_code == 302
    meta = DraftImport.objects.get(pk=draft.pk).data["programme"]
    assert (meta["issuer"], meta["kind"]) == ("Bộ Y tế", "plan")
    event = AuditEvent.objects.filter(action="import.header_corrected").latest("pk")
    assert event.before["issuer"] == "" and event.after["issuer"] == "Bộ Y tế"
    page = client.get(reverse("importer:review", args=[draft.pk])).content.decode()
    assert "Bộ Y tế" in section(page, "read-issuer")


def test_a_stale_header_form_does_not_undo_a_corrected_issuer(draft, most_monitor):
    client = client_for(most_monitor)
    form = header_form(client, draft)
    meta = draft.data["programme"]
    review.set_header(
        draft,
        code=meta["code"],
        title=meta["title"],
        issue_date=meta["issue_date"],
        implements="",
        issuer="Bộ Công an",
        user=most_monitor,
    )
    response = client.post(
        reverse("importer:correct", args=[draft.pk]), {**form, "issuer": "Bộ Tài chính"}
    )
    assert response.status_code == 400
    assert DraftImport.objects.get(pk=draft.pk).data["programme"]["issuer"] == "Bộ Công an"
    # What was typed is given back beside the stored form, labelled.
    assert ("Cơ quan ban hành", "Bộ Tài chính") in response.context["refused"]["typed"]


def test_a_kind_that_is_none_of_the_kinds_is_refused(draft, most_monitor):
    client = client_for(most_monitor)
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {**header_form(client, draft), "kind": "bogus"},
    )
    assert response.status_code == 400
    assert DraftImport.objects.get(pk=draft.pk).data["programme"]["kind"] == "plan"


def test_a_form_without_the_new_fields_keeps_the_stored_issuer(draft, most_monitor):
    # A tab opened before the fields existed posts neither: nothing is blanked.
    client = client_for(most_monitor)
    form = header_form(client, draft)
    del form["issuer"], form["kind"]
    client.post(reverse("importer:correct", args=[draft.pk]), form)
    meta = DraftImport.objects.get(pk=draft.pk).data["programme"]
    assert (meta["issuer"], meta["kind"]) == ("Bộ Y tế", "plan")


FIELDS = ("kind", "code", "issue_date", "issuer", "title")


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    absent=st.sets(st.sampled_from(FIELDS)),
    blank=st.sampled_from(["", "   ", None]),
)
def test_exactly_the_fields_not_read_are_marked(draft, absent, blank):
    meta = dict(draft.data["programme"])
    for name in absent:
        meta[name] = "other" if name == "kind" else blank
    reading = review.header_reading({"programme": meta})
    assert set(reading.missing) == set(absent)
    assert ("issuer" in absent) == ("Chưa đọc được cơ quan ban hành" in reading.outcome)


def test_a_number_not_read_is_not_shown_as_the_files_name(draft, most_monitor):
    # `parse_bytes` numbers a document whose number it did not read by its file's name.
    draft = with_header(draft, code="ke-hoach")
    page = client_for(most_monitor).get(reverse("importer:review", args=[draft.pk]))
    assert "Chưa đọc được số, ký hiệu" in section(page.content.decode(), "read-code")
