"""The register: the next number of the agency's year and kind, never reused or skipped,
also when many issue at once (PostgreSQL)."""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from lotrinh.agencies.models import Agency
from lotrinh.signing.models import RegisterEntry
from lotrinh.signing.services import issue_number
from tests.conftest import AGENCY_A, MOST


def test_numbers_follow_each_other_per_agency_year_and_kind(approver_a):
    agency = approver_a.agency
    most = Agency.objects.get(code=MOST)
    day = datetime.date(2025, 3, 1)
    first = issue_number(agency, title="a", signer=approver_a, recipients=["VPCP"], issued_on=day)
    second = issue_number(agency, title="b", signer=approver_a, recipients=[], issued_on=day)
    other = issue_number(most, title="c", signer=None, recipients=[], issued_on=day)
    next_year = issue_number(
        agency, title="d", signer=None, recipients=[], issued_on=datetime.date(2026, 1, 2)
    )
    assert (first.number, second.number, other.number, next_year.number) == (1, 2, 1, 1)
    assert first.label == "Số: 1/BC-BYT" and other.label == "Số: 1/BC-BKHCN"
    assert first.signer_name == approver_a.full_name and first.recipients == ["VPCP"]


def test_an_issue_that_fails_gives_its_number_back(approver_a):
    agency = approver_a.agency
    issue_number(agency, title="a", signer=None, recipients=[])
    with pytest.raises(RuntimeError), transaction.atomic():
        issue_number(agency, title="b", signer=None, recipients=[])
        raise RuntimeError("signing failed")
    third = issue_number(agency, title="c", signer=None, recipients=[])
    assert third.number == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks are only real on PostgreSQL (SQLite serialises every writer)",
)
def test_concurrent_issues_are_unique_and_gap_free(transactional_db):
    from tests.conftest import load_seed

    load_seed()  # an earlier transactional test may have flushed the registry
    agency = Agency.objects.get(code=AGENCY_A)
    count = 12
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def issue(i: int) -> None:
        try:
            barrier.wait()
            issue_number(agency, title=f"văn bản {i}", signer=None, recipients=[])
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    numbers = sorted(RegisterEntry.objects.filter(agency=agency).values_list("number", flat=True))
    assert numbers == list(range(1, count + 1))


def test_the_number_and_date_fill_the_decree_30_places_of_the_docx(approver_a, report_a):
    import io

    from docx import Document

    from lotrinh.documents import assemble, render
    from lotrinh.signing.services import numbered

    entry = issue_number(
        approver_a.agency,
        title="Báo cáo",
        signer=approver_a,
        recipients=["Bộ Khoa học và Công nghệ"],
        issued_on=datetime.date(2025, 1, 15),
    )
    data = numbered(assemble.agency_report(report_a, datetime.date(2024, 12, 31)), entry)
    document = Document(io.BytesIO(render.render_docx("agency", data)))
    header = document.tables[0].rows[0].cells
    assert "Số: 1/BC-BYT" in header[0].text
    assert "Hà Nội, ngày 15 tháng 01 năm 2025" in header[1].text
    assert approver_a.full_name in document.tables[-1].rows[0].cells[1].text
