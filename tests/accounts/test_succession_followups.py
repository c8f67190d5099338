"""Successions, continued (docs/security.md, "Successions: nothing lost, nothing leaked"):
a successor reads its predecessors' generated documents and opens their obligations page
by the report rule (never a draft, never a unit's report); the successions are read once
per request, whatever the page asks of them (the menu, the page, each compliance cell)."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency, AgencySuccession, Unit
from lotrinh.documents.models import GeneratedDocument
from lotrinh.documents.services import annual_period
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport
from tests.accounts.test_succession_reading import (
    COMMISSION,
    FINANCE,
    MPI,
    SUCCESSOR,
    _api_list,
    _regime,
    _send,
)
from tests.conftest import OVERSIGHT, client_for, make_user

pytestmark = pytest.mark.django_db

SENT = ("submitted", "returned", "accepted")
NOT_SENT = ("draft", "approved", "")


# ---------------------------------------------------------------- documents


@pytest.fixture
def mpi_documents(seeded_db: None, settings, tmp_path) -> dict[str, GeneratedDocument]:
    """Bộ Kế hoạch và Đầu tư's documents (Decree 30 DOCX) of every content state, and one
    of a unit's report sent to it."""
    settings.MEDIA_ROOT = tmp_path
    mpi = Agency.objects.get(code=MPI)
    unit = Unit.objects.create(agency=mpi, code="vu-tong-hop", name_vi="Vụ Tổng hợp")
    programme = current_programme("50/NQ-CP")
    made = {}
    for state in SENT + NOT_SENT:
        made[state] = _document(programme, mpi, None, state)
    made["unit"] = _document(programme, mpi, unit, "accepted")
    return made


def _document(programme, agency, unit, state) -> GeneratedDocument:  # type: ignore[no-untyped-def]
    document = GeneratedDocument.objects.create(
        kind="agency",
        programme=programme,
        agency=agency,
        unit=unit,
        year=2024,
        cutoff=datetime.date(2024, 12, 31),
        fmt="docx",
        status="done",
        content_status=state,
    )
    document.file.save(f"agency-{document.pk}.docx", ContentFile(b"PK"), save=True)
    return document


@pytest.mark.parametrize("role", [Role.REPORTER, Role.APPROVER, Role.AGENCY_MONITOR])
def test_the_successor_lists_and_downloads_its_predecessors_sent_documents(
    mpi_documents, role
) -> None:
    """Before: Bộ Tài chính's people read Bộ Kế hoạch và Đầu tư's sent reports but got 404
    on the documents made from them, and the documents page did not list them."""
    reader = make_user(f"fin_docs_{role}", FINANCE, role)
    client = client_for(reader)
    readable = set(
        perms.readable_documents(reader, GeneratedDocument.objects).values_list("pk", flat=True)
    )
    api = {d["id"] for d in _api_list(client, "/api/v1/documents/")}
    listed = {d.pk for d in perms.latest_readable_documents(reader)}
    for key, document in mpi_documents.items():
        allowed = key in SENT
        assert (document.pk in readable) is allowed, key
        assert (document.pk in listed) is allowed, key  # the page's compiled list
        assert (document.pk in api) is allowed, key
        download = client.get(reverse("documents:download", args=[document.pk]))
        assert download.status_code == (200 if allowed else 404), key
        api_file = client.get(f"/api/v1/documents/{document.pk}/file/")
        assert api_file.status_code == (200 if allowed else 404), key
        # The one report rule says the same.
        assert (
            perms.may_read_report(
                reader, document.agency_id, document.content_status, document.unit_id
            )
            is allowed
        ), key
    if perms.may_open_documents(reader):
        page = client.get(reverse("documents:list"))
        shown = {d.pk for d in page.context["documents"]}
        assert shown == {d.pk for k, d in mpi_documents.items() if k in SENT}


def test_nobody_else_reads_the_predecessors_documents(mpi_documents) -> None:
    """Another ministry, the successor's administrator, the predecessor itself for its
    successor's: no wider."""
    others = [
        make_user("moh_docs", "bo-y-te", Role.REPORTER),
        make_user("fin_admin_docs", FINANCE, Role.AGENCY_ADMIN),
    ]
    for user in others:
        readable = perms.readable_documents(user, GeneratedDocument.objects)
        assert not readable.filter(agency__code=MPI).exists(), user
        assert not [d for d in perms.latest_readable_documents(user) if d.agency_id]
    finance = Agency.objects.get(code=FINANCE)
    theirs = _document(current_programme("50/NQ-CP"), finance, None, "returned")
    old = make_user("mpi_docs", MPI, Role.REPORTER)
    assert (
        not perms.readable_documents(old, GeneratedDocument.objects).filter(pk=theirs.pk).exists()
    )
    assert theirs.pk not in {d.pk for d in perms.latest_readable_documents(old)}


def test_the_compiled_list_follows_the_predecessors_by_their_number(mpi_documents) -> None:
    """The page's list is compiled per shape of the rule: a successor of two bodies and
    one of none share no compiled query with one of one (the bodies are its values)."""
    programme = current_programme("50/NQ-CP")
    mpi = Agency.objects.get(code=MPI)
    other = Agency.objects.get(code="bo-y-te")
    moh_doc = _document(programme, other, None, "submitted")
    finance = Agency.objects.get(code=FINANCE)
    one = make_user("fin_one", FINANCE, Role.REPORTER)
    assert moh_doc.pk not in {d.pk for d in perms.latest_readable_documents(one)}
    # Bộ Tài chính succeeds Bộ Y tế too (a test's registry): two bodies now.
    AgencySuccession.objects.create(
        predecessor=other, successor=finance, effective_date=datetime.date(2025, 1, 1)
    )
    two = make_user("fin_two", FINANCE, Role.REPORTER)  # a new request's person
    listed = {d.pk for d in perms.latest_readable_documents(two)}
    assert moh_doc.pk in listed
    assert {d.pk for k, d in mpi_documents.items() if k in SENT} <= listed
    expected = set(
        perms.readable_documents(two, GeneratedDocument.objects).values_list("pk", flat=True)
    )
    assert listed == expected
    assert mpi.pk in perms.predecessor_ids(two) and other.pk in perms.predecessor_ids(two)


def test_a_signed_document_is_read_as_its_report(seeded_db: None) -> None:
    """The successor reads the signed PDF of what its predecessor sent, not of a draft,
    nor of a unit's report (before, `may_read_signed` asked `may_read_report` without the
    report's unit: a unit's accepted report read as its agency's)."""
    mpi = Agency.objects.get(code=MPI)
    programme = current_programme("50/NQ-CP")
    sent = _send(services.ensure_report(mpi, annual_period(programme, 2024)), "mpi_signed")
    draft = services.ensure_report(mpi, annual_period(programme, 2023))
    reader = make_user("fin_signed", FINANCE, Role.REPORTER)
    other = make_user("moh_signed", "bo-y-te", Role.REPORTER)
    assert perms.may_read_signed(reader, SimpleNamespace(report=sent))
    assert not perms.may_read_signed(reader, SimpleNamespace(report=draft))
    assert not perms.may_read_signed(other, SimpleNamespace(report=sent))
    unit = Unit.objects.create(agency=mpi, code="vu-ky", name_vi="Vụ Ký")
    unit_report = AgencyReport(agency=mpi, unit=unit, status="accepted", period=sent.period)
    assert not perms.may_read_signed(reader, SimpleNamespace(report=unit_report))


# ---------------------------------------------------------------- the obligations page


@pytest.fixture
def mpi_reports(seeded_db: None) -> dict[str, AgencyReport]:
    mpi = Agency.objects.get(code=MPI)
    programme = current_programme("50/NQ-CP")
    sent = _send(services.ensure_report(mpi, annual_period(programme, 2024)), "mpi_page")
    draft = services.ensure_report(mpi, annual_period(programme, 2023))
    return {"sent": sent, "draft": draft}


def test_the_successor_opens_its_predecessors_obligations_page_read_only(mpi_reports) -> None:
    """Before: 403 for Bộ Tài chính's people on /co-quan/bo-ke-hoach-va-dau-tu/."""
    mpi = Agency.objects.get(code=MPI)
    sent, draft = mpi_reports["sent"], mpi_reports["draft"]
    for role in (Role.REPORTER, Role.APPROVER, Role.AGENCY_MONITOR):
        reader = make_user(f"fin_page_{role}", FINANCE, role)
        assert perms.may_view_agency_obligations(reader, mpi)
        client = client_for(reader)
        page = client.get(reverse("dashboard:agency", args=[mpi.code]))
        assert page.status_code == 200, role
        html = page.content.decode()
        assert f"/bao-cao/{sent.pk}/" in html
        assert f"/bao-cao/{draft.pk}/" not in html  # a draft: its deadline, "not sent"
        assert client.get(reverse("dashboard:agency_ics", args=[mpi.code])).status_code == 200
        # Its plans' page, which the page links to: published plans only, read-only.
        plans = client.get(reverse("reporting:plan_of", args=[mpi.code]))
        assert plans.status_code == 200
        assert not plans.context["editable"]
        assert all(c.status != "draft" for c in plans.context["children"])
    # The registry's agency page leads there.
    reader = make_user("fin_registry", FINANCE, Role.REPORTER)
    detail = client_for(reader).get(reverse("agencies:detail", args=[mpi.code]))
    assert 'id="agency-obligations"' in detail.content.decode()


def test_the_predecessors_page_stays_closed_to_others(mpi_reports) -> None:
    mpi = Agency.objects.get(code=MPI)
    finance = Agency.objects.get(code=FINANCE)
    for user in (
        make_user("moh_page", "bo-y-te", Role.REPORTER),
        make_user("fin_admin_page", FINANCE, Role.AGENCY_ADMIN),
    ):
        assert not perms.may_view_agency_obligations(user, mpi)
        assert client_for(user).get(reverse("dashboard:agency", args=[mpi.code])).status_code == 403
        assert not perms.may_read_plan(user, mpi.pk)
    old = make_user("mpi_page_old", MPI, Role.REPORTER)
    assert not perms.may_view_agency_obligations(old, finance)
    assert client_for(old).get(reverse("dashboard:agency", args=[FINANCE])).status_code == 403


# ---------------------------------------------------------------- one read per request


def _succession_reads(client, url: str) -> int:  # type: ignore[no-untyped-def]
    table = AgencySuccession._meta.db_table
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    # The rules' rows and `holder_at`'s graph alike (`permissions.succession_graph`).
    return sum(1 for q in captured.captured_queries if f'FROM "{table}"' in q["sql"])


@pytest.mark.usefixtures("pages_rendered")
def test_a_receiving_bodys_monitor_reads_the_successions_once_per_page(seeded_db: None) -> None:
    """Before: the menu (`received_scope`), "Báo cáo"'s predecessors, its receiving scope,
    its list (`visible_reports`), its queue and the ended body's "who receives since"
    each read them again (seven reads on "Báo cáo"; four and five on the front page,
    the agency's tasks' graph included)."""
    _regime()
    monitor = make_user("bcscl_once", SUCCESSOR, Role.AGENCY_MONITOR)
    client = client_for(monitor)
    assert _succession_reads(client, reverse("reporting:my_reports")) <= 1
    assert _succession_reads(client, reverse("dashboard:home")) <= 1
    ended = make_user("bkt_once", COMMISSION, Role.AGENCY_MONITOR)
    assert _succession_reads(client_for(ended), reverse("reporting:my_reports")) <= 1


def test_the_memo_is_the_persons_and_the_days(seeded_db: None) -> None:
    """What is kept is kept on the person's object (a new one per request) and keyed by
    what it depends on: another person, or the same object asked another day or after a
    move to another agency, is answered anew."""
    from unittest import mock

    reader = make_user("fin_memo", FINANCE, Role.REPORTER)
    mpi = Agency.objects.get(code=MPI)
    assert mpi.pk in perms.predecessor_ids(reader)
    before = timezone.make_aware(datetime.datetime(2025, 2, 28, 9))
    with mock.patch("django.utils.timezone.now", return_value=before):
        assert mpi.pk not in perms.predecessor_ids(reader)
    other = make_user("moh_memo", "bo-y-te", Role.REPORTER)
    assert mpi.pk not in perms.predecessor_ids(other)
    reader.agency = Agency.objects.get(code="bo-y-te")
    assert mpi.pk not in perms.predecessor_ids(reader)


@pytest.mark.usefixtures("pages_rendered")
def test_an_oversight_readers_compliance_page_does_not_ask_per_returned_report(
    seeded_db: None,
) -> None:
    """Before: each returned report's cell asked `predecessor_ids` (a query each)."""
    from lotrinh.reporting.models import ReportStatus

    reader = make_user("giamsat_cells", OVERSIGHT, Role.OVERSIGHT)
    programme = current_programme("50/NQ-CP")
    period = annual_period(programme, 2024)
    agencies = list(Agency.objects.filter(kind="ministry").order_by("pk")[:8])
    assert len(agencies) == 8
    reports = [services.ensure_report(a, period) for a in agencies]
    url = reverse("reporting:compliance") + "?years=all&year=2024"
    client = client_for(reader)

    def count(returned: int) -> int:
        AgencyReport.objects.filter(pk__in=[r.pk for r in reports]).update(
            status=ReportStatus.DRAFT
        )
        AgencyReport.objects.filter(pk__in=[r.pk for r in reports[:returned]]).update(
            status=ReportStatus.RETURNED, submitted_at=timezone.now()
        )
        client.get(url)  # caches filled
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    assert count(8) == count(1)
