"""The consolidated draft of one period, from the documents page (issue 14, item 6): the
Commission's monitor makes its six-monthly draft of the Party committees' reports on the
worker, as MOST makes its yearly report; a Party committee and MOST cannot; a second
click makes no second job; documents made before periods are linked to their year's."""

import datetime
import importlib
import io
import re

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.documents.models import GeneratedDocument
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services as reporting
from lotrinh.reporting.models import ReportingPeriod
from tests.conftest import client_for, make_user
from tests.party.test_party_reports import SUCCESSOR, _period, _send


def today() -> datetime.date:
    """Today as the test runs: a date fixed when the module was imported is yesterday's
    for a test that runs after midnight (a long CI run), and the cut-off of tomorrow
    below would then be today's, which is allowed."""
    return datetime.date.today()


@pytest.fixture
def commission(db: None) -> User:
    """Ban Chính sách, chiến lược Trung ương's monitor (the Commission's successor)."""
    return make_user("bcscl_docs", SUCCESSOR, Role.AGENCY_MONITOR)


@pytest.fixture
def accepted_half(seeded_db: None, commission: User) -> ReportingPeriod:
    """The first half of 2025, with Bắc Ninh's report accepted and Hà Nội's only sent."""
    period = _period()
    report = _send(period, "Tỉnh ủy Bắc Ninh", "Bắc Ninh đã ban hành chương trình")
    reporting.accept_report(report, commission)
    _send(period, "Thành ủy Hà Nội", "Hà Nội chưa được tiếp nhận")
    return period


def _ask(user: User, period: object, fmt: str = "docx", **extra: object):  # type: ignore[no-untyped-def]
    body = {"kind": "consolidated", "period": period, "cutoff": today().isoformat(), "fmt": fmt}
    return client_for(user).post(reverse("documents:request"), {**body, **extra}, follow=True)


def _text(blob: bytes) -> str:
    document = Document(io.BytesIO(blob))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def test_the_commissions_monitor_makes_its_draft_on_the_worker_with_the_party_header(
    accepted_half: ReportingPeriod,
    commission: User,
    settings,  # type: ignore[no-untyped-def]
    tmp_path,  # type: ignore[no-untyped-def]
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    settings.MEDIA_ROOT = tmp_path
    page = client_for(commission).get(reverse("documents:list")).content.decode()
    # Each choice names its regime: once chosen, the group's label is no longer seen.
    regime = accepted_half.regime.name
    assert f'<option value="{accepted_half.pk}">6 tháng đầu năm 2025 — {regime}</option>' in page
    assert "52-NQ/TW" in page and 'value="agency"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(commission, accepted_half.pk)
    assert "Đã đưa yêu cầu vào hàng đợi" in response.content.decode()
    document = GeneratedDocument.objects.get()
    assert document.status == "done" and document.progress == 100
    assert document.period == accepted_half and document.agency.code == SUCCESSOR
    assert document.content_status == "accepted"
    text = _text(document.file.read())
    # The letterhead breaks the body's name between word groups (a line break).
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "BAN CHÍNH SÁCH, CHIẾN LƯỢC TRUNG ƯƠNG" in text.replace("\n", " ")
    # The registry has no abbreviation for the Commission: a Central commission's initials
    # with "TW", as the registry's own ("BKTTW"), not dots (tests/documents/test_party_symbol).
    assert re.search(r"Số\s+-BC/BCSCLTW", text), text[:400]
    assert "Tình hình thực hiện Nghị quyết số 52-NQ/TW 6 tháng đầu năm 2025" in text
    assert "Bộ Chính trị, Ban Bí thư (để báo cáo)" in text
    assert "IV. KIẾN NGHỊ, ĐỀ XUẤT" in text and "bộ, ngành, địa phương" not in text
    # Both sent (as the period page counts them); only the accepted one is summed up.
    assert "Có 2/" in text and "cấp ủy, tổ chức đảng đã gửi báo cáo" in text
    assert "báo cáo đã gửi nhưng chưa được tiếp nhận (Thành ủy Hà Nội)" in text
    # The accepted committee's results are quoted in its words; the other's are not.
    assert "Tỉnh ủy Bắc Ninh (nhiệm vụ" in text and "Bắc Ninh đã ban hành chương trình" in text
    assert "Khó khăn: Tỉnh ủy Bắc Ninh" in text and "Hà Nội chưa được" not in text
    listing = client_for(commission).get(reverse("documents:list")).content.decode()
    assert "6 tháng đầu năm 2025" in listing and "Ban Chính sách, chiến lược Trung ương" in listing
    download = client_for(commission).get(reverse("documents:download", args=[document.pk]))
    assert download.status_code == 200
    # Another Party committee does not read the Commission's draft.
    other = make_user("tu_hn_docs", "thanh-uy-ha-noi", Role.REPORTER)
    assert (
        client_for(other).get(reverse("documents:download", args=[document.pk])).status_code == 404
    )


def test_a_double_click_makes_one_job(
    accepted_half: ReportingPeriod,
    commission: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _ask(commission, accepted_half.pk)
        second = _ask(commission, accepted_half.pk)
    assert GeneratedDocument.objects.count() == 1 and len(callbacks) == 1
    assert "đã được yêu cầu và đang được tạo" in second.content.decode()
    # Another format, or the same once done, is a new document.
    _ask(commission, accepted_half.pk, fmt="pdf")
    assert GeneratedDocument.objects.count() == 2


def test_a_party_committee_and_most_cannot_make_the_commissions_draft(
    accepted_half: ReportingPeriod, most_monitor: User
) -> None:
    reporter = make_user("tu_bn_docs", "tinh-uy-bac-ninh", Role.REPORTER)
    for user in (reporter, most_monitor):
        assert not perms.may_generate_consolidated(user, accepted_half, today())
        assert _ask(user, accepted_half.pk).status_code == 404
        page = client_for(user).get(reverse("documents:list")).content.decode()
        # Not offered as a consolidated draft (the committee's own report of the period
        # is offered in its own form).
        drafts = (
            page.split('id="consolidated-form"')[1].split("</form>")[0]
            if ('id="consolidated-form"' in page)
            else ""
        )
        assert f'value="{accepted_half.pk}"' not in drafts
    assert not GeneratedDocument.objects.exists()
    # MOST keeps its yearly report of 50/NQ-CP.
    page = client_for(most_monitor).get(reverse("documents:list")).content.decode()
    assert re.search(
        rf'<option value="nam-{today().year}"( selected)?>Năm {today().year} — '
        r"Báo cáo kết quả thực hiện hằng năm</option>",
        page,
    )
    page = (
        client_for(most_monitor)
        .get(reverse("documents:list"), HTTP_ACCEPT_LANGUAGE="en")
        .content.decode()
    )
    assert f">Year {today().year} — Annual report on implementation</option>" in page


def test_a_bad_period_says_so_or_is_not_found(
    accepted_half: ReportingPeriod, commission: User
) -> None:
    assert "Kỳ báo cáo, năm hoặc ngày chốt số liệu không hợp lệ" in (
        _ask(commission, "abc").content.decode()
    )
    assert _ask(commission, 10**9).status_code == 404
    most_period = ReportingPeriod.objects.filter(
        regime__programme=current_programme("50/NQ-CP"), regime__code="annual-report"
    ).first()
    if most_period is not None:  # MOST's period is not the Commission's to consolidate
        assert _ask(commission, most_period.pk).status_code == 404
    assert not GeneratedDocument.objects.exists()


def test_a_cut_off_after_today_is_refused_and_nothing_is_queued(
    accepted_half: ReportingPeriod,
    commission: User,
    most_monitor: User,
    officer_a: User,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    tomorrow = today() + datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        asked = [
            _ask(commission, accepted_half.pk, cutoff="2030-01-01"),
            _ask(commission, accepted_half.pk, cutoff=tomorrow.isoformat()),
            _ask(most_monitor, f"nam-{today().year}", cutoff="2030-01-01"),
            client_for(officer_a).post(
                reverse("documents:request"),
                {"kind": "agency", "year": today().year, "cutoff": "2030-01-01", "fmt": "pdf"},
                follow=True,
            ),
        ]
    for response in asked:
        assert response.status_code == 400  # the form again, as it was sent
        assert "ở sau hôm nay" in response.content.decode()
    assert "01/01/2030" in asked[0].content.decode()
    assert not GeneratedDocument.objects.exists() and queued == []
    # Today is a cut-off the figures have.
    assert _ask(commission, accepted_half.pk).status_code == 200
    assert GeneratedDocument.objects.count() == 1


def test_the_documents_page_stays_flat_in_queries(
    accepted_half: ReportingPeriod, commission: User
) -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client_for(commission).get(reverse("documents:list")).status_code == 200
        return len(queries)

    GeneratedDocument.objects.create(
        kind="consolidated",
        programme=accepted_half.regime.programme,
        agency=commission.agency,
        period=accepted_half,
        year=2025,
        cutoff=today(),
        fmt="pdf",
        content_status="accepted",
    )
    few = count()
    for fmt in ("docx", "xlsx", "pdf", "docx"):
        GeneratedDocument.objects.create(
            kind="consolidated",
            programme=accepted_half.regime.programme,
            agency=commission.agency,
            period=accepted_half,
            year=2025,
            cutoff=today() - datetime.timedelta(days=1),
            fmt=fmt,
            content_status="accepted",
        )
    assert count() == few <= 30


def test_documents_made_before_periods_are_linked_to_their_years_period(
    seeded_db: None,
) -> None:
    programme = current_programme("50/NQ-CP")
    regime = programme.reporting_regimes.get(code="annual-report")
    (period,) = [p for p in reporting.generate_periods(regime, 2024) if p.year == 2024]
    old = GeneratedDocument.objects.create(
        kind="consolidated", programme=programme, year=2024, cutoff=today(), fmt="docx"
    )
    unknown = GeneratedDocument.objects.create(
        kind="consolidated", programme=programme, year=1999, cutoff=today(), fmt="docx"
    )
    migration = importlib.import_module(
        "lotrinh.documents.migrations.0005_link_yearly_documents_to_periods"
    )
    migration.link(apps, None)
    old.refresh_from_db()
    unknown.refresh_from_db()
    assert old.period == period and old.period_title == "Năm 2024"
    assert unknown.period is None and unknown.period_title == "1999"


def test_the_draft_form_selects_the_latest_period_past_its_deadline(
    accepted_half: ReportingPeriod, commission: User
) -> None:
    """The first half of a year is consolidated after its deadline, while the second half
    is open: the form selects the period being consolidated, as the period page opens."""
    from unittest import mock

    periods = reporting.generate_periods(accepted_half.regime, 2026)
    day = max(p.due_date for p in periods if (p.year, p.part) == (2026, 1)) + datetime.timedelta(
        days=10
    )
    with mock.patch("django.utils.timezone.localdate", return_value=day):
        page = client_for(commission).get(reverse("documents:list")).content.decode()
    options = re.findall(r'<option value="(\d+)"( selected)?>([^<]*)</option>', page)
    assert options[0][1] == ""  # the open period is offered first, not selected
    selected = [title for _value, flag, title in options if flag]
    expected = max((p for p in periods if p.due_date < day), key=lambda p: p.due_date)
    assert selected == [f"{expected.title} — {expected.regime.name}"]
    assert expected.start < expected.end < day
