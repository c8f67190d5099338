"""The regime's pages of the Party's chain (issue 14, item 6): the Commission's monitor sets
the schedule 52-NQ/TW does not state (`/bao-cao/che-do/<pk>/lich/`) and follows who
reported for each period (`/bao-cao/che-do/<pk>/tinh-hinh/`). Permission matrix, wrong
input, double submit, links, query count, the workbook."""

import datetime
import io
from collections.abc import Iterator

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import events_for
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport, Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.schedules import set_regime_schedule
from tests.conftest import make_user

COMMISSION = "ban-kinh-te-trung-uong"
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"
MOST = "bo-khoa-hoc-va-cong-nghe"
TODAY = datetime.datetime(2025, 7, 10, 9, 0)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _schedule_url(regime: ReportingRegime) -> str:
    return reverse("reporting:regime_schedule", args=[regime.pk])


def _compliance_url(regime: ReportingRegime) -> str:
    return reverse("reporting:regime_compliance", args=[regime.pk])


SIX_MONTHLY = {"frequency": "semiannual", "deadline_day": "20", "first_year": "2025"}


def _scheduled(regime: ReportingRegime) -> list[ReportingPeriod]:
    monitor = User.objects.get(username="bcscl_monitor")
    periods = set_regime_schedule(
        monitor, regime, frequency=Frequency.SEMIANNUAL, deadline_day=20, first_year=2025
    )
    services.open_reporting_cycle(TODAY.date())
    return periods


def _send(
    period: ReportingPeriod, name: str, *, accept: bool = False, late: bool = False
) -> AgencyReport:
    """A committee's report approved and sent two days before the deadline (or on
    TODAY, after it, when `late`)."""
    agency = Agency.objects.get(name_vi=name)
    reporter = make_user(f"{agency.code}-r", agency.code, Role.REPORTER)
    leader = make_user(f"{agency.code}-l", agency.code, Role.APPROVER)
    report = AgencyReport.objects.get(agency=agency, period=period)
    sent_on = TODAY if late else datetime.datetime(2025, 6, 18, 9, 0)
    with time_machine.travel(sent_on, tick=False):
        services.approve_report(report, leader)
        report = services.submit_report(report, reporter)
    if accept:
        report = services.accept_report(report, User.objects.get(username="bcscl_monitor"))
    return report


# ---------------------------------------------------------------- who may open what


@pytest.mark.parametrize(
    ("persona", "schedule", "follow"),
    [
        ("anonymous", 302, 302),
        ("reporter", 403, 403),  # a Party committee's reporter
        ("monitor", 200, 200),  # the Commission's monitor (its successor)
        ("most", 403, 200),  # MOST: not the receiving body; follows read-only
        ("other", 403, 403),  # another agency's monitor
        ("other_reporter", 403, 403),
        ("admin", 200, 200),
    ],
)
def test_who_may_open_the_schedule_and_the_period_pages(
    regime: ReportingRegime, people: dict[str, User], persona: str, schedule: int, follow: int
) -> None:
    client = _client(people.get(persona))
    response = client.get(_schedule_url(regime))
    assert response.status_code == schedule
    if schedule == 302:
        assert "/tai-khoan/dang-nhap/" in response["Location"]
    assert client.get(_compliance_url(regime)).status_code == follow
    xlsx = client.get(reverse("reporting:regime_compliance_xlsx", args=[regime.pk]))
    assert xlsx.status_code == (follow if follow != 200 else 302)  # no period yet: back


@pytest.mark.parametrize("persona", ["reporter", "most", "other", "anonymous"])
def test_nobody_else_sets_the_schedule_by_post(
    regime: ReportingRegime, people: dict[str, User], persona: str
) -> None:
    response = _client(people.get(persona)).post(_schedule_url(regime), SIX_MONTHLY)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "/tai-khoan/dang-nhap/" in response["Location"]
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "" and not regime.periods.exists()


def test_a_forged_regime_id_is_a_404(people: dict[str, User]) -> None:
    client = _client(people["monitor"])
    for name in ("reporting:regime_schedule", "reporting:regime_compliance"):
        assert client.get(reverse(name, args=[2_000_000])).status_code == 404
    assert client.post(_schedule_url_of(2_000_000), SIX_MONTHLY).status_code == 404


def _schedule_url_of(pk: int) -> str:
    return reverse("reporting:regime_schedule", args=[pk])


# ---------------------------------------------------------------- the schedule page


def test_the_commissions_monitor_sets_a_six_monthly_schedule(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    client = _client(people["monitor"])
    page = client.get(_schedule_url(regime)).content.decode()
    assert 'id="schedule-form"' in page and "Ban Kinh tế Trung ương" in page
    response = client.post(_schedule_url(regime), SIX_MONTHLY, follow=True)
    assert response.redirect_chain[-1][0] == _schedule_url(regime)
    text = response.content.decode()
    assert "Đã lưu lịch báo cáo; số kỳ báo cáo đã lập: 2." in text
    assert "6 tháng đầu năm 2025" in text and "20/06/2025" in text
    assert "6 tháng cuối năm 2025" in text and "20/12/2025" in text
    assert 'id="schedule-now"' in text and 'id="change-rule"' in text  # shown; changeable
    regime.refresh_from_db()
    assert (regime.scheduled_frequency, regime.deadline_day, regime.first_year) == (
        "semiannual",
        20,
        2025,
    )
    assert [(p.year, p.part) for p in regime.periods.all()] == [(2025, 1), (2025, 2)]
    assert [e.action for e in events_for(regime)] == ["regime.scheduled"]


def test_a_double_submit_is_harmless_and_a_change_is_refused_clearly(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    client = _client(people["monitor"])
    assert client.post(_schedule_url(regime), SIX_MONTHLY).status_code == 302
    again = client.post(_schedule_url(regime), SIX_MONTHLY)
    assert again.status_code == 302  # the same schedule again: nothing changes
    assert regime.periods.count() == 2
    assert events_for(regime).count() == 1
    changed = client.post(_schedule_url(regime), {**SIX_MONTHLY, "frequency": "quarterly"})
    assert changed.status_code == 400  # the first half is past its deadline: kept
    assert "Không thể đổi lịch báo cáo: Kỳ 6 tháng đầu năm 2025 đã quá hạn nộp" in (
        changed.content.decode()
    )
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "semiannual" and regime.periods.count() == 2


def test_the_saved_message_counts_the_periods_made_now_apart_from_those_kept(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    """A save that makes no period said "số kỳ báo cáo đã lập: 2" as if it had made two."""
    client = _client(people["monitor"])
    first = client.post(_schedule_url(regime), SIX_MONTHLY, follow=True).content.decode()
    assert "Đã lưu lịch báo cáo; số kỳ báo cáo đã lập: 2." in first  # all made now
    again = client.post(_schedule_url(regime), SIX_MONTHLY, follow=True).content.decode()
    assert "Đã lưu lịch báo cáo. Không có kỳ báo cáo mới; số kỳ báo cáo trong lịch: 2." in again
    assert "đã lập: 2" not in again
    earlier = client.post(_schedule_url(regime), {**SIX_MONTHLY, "first_year": "2024"}, follow=True)
    text = earlier.content.decode()
    assert "Đã lưu lịch báo cáo. Số kỳ báo cáo mới lập: 2; số kỳ báo cáo trong lịch: 4." in text
    assert regime.periods.count() == 4


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"frequency": "weekly"}, "Chọn hằng năm, 6 tháng, hằng quý hoặc hằng tháng."),
        ({}, "Chọn hằng năm, 6 tháng, hằng quý hoặc hằng tháng."),
        ({"frequency": "semiannual", "deadline_day": "40"}, "Ngày hạn phải từ 1 đến 31."),
        ({"frequency": "semiannual", "deadline_day": "abc"}, "Nhập một số nguyên."),
        ({"frequency": "annual", "deadline_day": "15"}, "Báo cáo hằng năm cần tháng hạn"),
        (
            {"frequency": "annual", "deadline_day": "31", "deadline_month": "2"},
            "Ngày hạn không có trong tháng đã chọn.",
        ),
        ({"frequency": "monthly", "first_year": "1800"}, "Năm đầu tiên không hợp lệ."),
        ({"frequency": "monthly", "first_year": "9" * 40}, "Năm đầu tiên không hợp lệ."),
    ],
)
def test_wrong_input_is_explained_in_place_and_saves_nothing(
    regime: ReportingRegime, people: dict[str, User], data: dict[str, str], message: str
) -> None:
    response = _client(people["monitor"]).post(_schedule_url(regime), data)
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text and 'role="alert"' in text and 'id="schedule-form"' in text
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "" and not regime.periods.exists()
    assert not events_for(regime).exists()


def test_the_preview_shows_the_periods_and_writes_nothing(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    client = _client(people["monitor"])
    response = client.get(
        _schedule_url(regime), {"xem-truoc": "1", "frequency": "quarterly", "first_year": "2025"}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Quý I năm 2025" in text and "Quý IV năm 2025" in text and "Xem trước" in text
    assert "20/03/2025" in text  # by the 20th (Decree 09) after a window closing 14 March
    regime.refresh_from_db()
    assert regime.scheduled_frequency == "" and not regime.periods.exists()
    wrong = client.get(_schedule_url(regime), {"xem-truoc": "1", "frequency": "x"})
    assert wrong.status_code == 200 and 'id="preview-table"' not in wrong.content.decode()


def test_a_system_administrator_names_the_receiving_body_where_the_document_names_none(
    people: dict[str, User],
) -> None:
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    assert regime.recipient_id is None
    # Nobody's monitor can set it: no receiving body yet.
    assert _client(people["monitor"]).get(_schedule_url(regime)).status_code == 403
    client = _client(people["admin"])
    assert 'name="recipient"' in client.get(_schedule_url(regime)).content.decode()
    missing = client.post(_schedule_url(regime), SIX_MONTHLY)
    assert missing.status_code == 400
    assert "Chọn cơ quan nhận báo cáo." in missing.content.decode()
    successor = Agency.objects.get(code=SUCCESSOR)
    done = client.post(_schedule_url(regime), {**SIX_MONTHLY, "recipient": str(successor.pk)})
    assert done.status_code == 302
    regime.refresh_from_db()
    assert regime.recipient_id == successor.pk and regime.periods.count() == 2


def test_a_regime_whose_document_states_its_period_is_shown_not_set(
    people: dict[str, User],
) -> None:
    annual = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
    client = _client(people["admin"])
    page = client.get(_schedule_url(annual))
    assert page.status_code == 200
    assert "Văn bản đã quy định kỳ báo cáo của chế độ này." in page.content.decode()
    assert 'id="schedule-form"' not in page.content.decode()
    assert client.post(_schedule_url(annual), SIX_MONTHLY).status_code == 403
    annual.refresh_from_db()
    assert annual.scheduled_frequency == ""


# ---------------------------------------------------------------- one period's picture


def test_the_commission_sees_the_party_committees_of_the_first_half_of_2025(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    accepted = _send(first, "Tỉnh ủy Bắc Ninh", accept=True)
    waiting = _send(first, "Thành ủy Hà Nội", late=True)
    draft = AgencyReport.objects.get(period=first, agency__name_vi="Tỉnh ủy Bắc Giang")
    response = _client(people["monitor"]).get(_compliance_url(regime))
    text = response.content.decode()
    # Opens on the latest period whose deadline has passed.
    assert response.context["period"].pk == first.pk
    assert "6 tháng đầu năm 2025" in text
    rows = {r["name"]: r for r in response.context["rows"]}
    assert rows["Tỉnh ủy Bắc Ninh"]["label"] == "Đúng hạn"
    assert rows["Thành ủy Hà Nội"]["label"] == "Muộn"
    assert rows["Thành ủy Hà Nội"]["days_late"] == 20
    assert rows["Tỉnh ủy Bắc Giang"]["label"] == "Chưa nộp"
    # Each sent report links to it; a draft is not the Commission's to read.
    assert reverse("reporting:report", args=[accepted.pk]) in text
    assert reverse("reporting:report", args=[waiting.pk]) in text
    assert reverse("reporting:report", args=[draft.pk]) not in text
    summary = response.context["summary"]
    assert (summary.submitted, summary.on_time, summary.late) == (2, 1, 1)
    assert summary.expected == len(rows) > 60  # every Party committee on 20 June 2025
    assert summary.missing == summary.expected - 2
    assert response.context["reporting"] and "%" in response.context["reporting"]


def test_a_period_is_chosen_and_nonsense_falls_back(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _scheduled(regime)
    client = _client(people["most"])
    second = client.get(_compliance_url(regime), {"ky": "2025-2"})
    assert second.context["period"].part == 2
    assert "Chưa đến hạn" in second.content.decode()  # due 20 December
    assert second.context["summary"].reporting_rate is None  # not due: counts only
    for junk in ("x", "2025-9", "9" * 50, "-1"):
        response = client.get(_compliance_url(regime), {"ky": junk})
        assert response.status_code == 200 and response.context["period"].part == 1
    # The default is marked for what it is: past its deadline, not the period open today.
    html = response.content.decode()
    assert "6 tháng đầu năm 2025 — kỳ đến hạn gần nhất" in html and "kỳ hiện tại" not in html


def test_most_reads_the_picture_but_not_the_drafts(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    sent = _send(first, "Tỉnh ủy Bắc Ninh")
    draft = AgencyReport.objects.get(period=first, agency__name_vi="Thành ủy Hà Nội")
    text = _client(people["most"]).get(_compliance_url(regime)).content.decode()
    assert reverse("reporting:report", args=[sent.pk]) in text
    assert reverse("reporting:report", args=[draft.pk]) not in text
    assert reverse("reporting:regime_schedule", args=[regime.pk]) not in text


def test_no_schedule_yet_says_so(regime: ReportingRegime, people: dict[str, User]) -> None:
    text = _client(people["monitor"]).get(_compliance_url(regime)).content.decode()
    assert 'id="no-periods"' in text and "chưa quy định lịch báo cáo" in text


def test_the_query_count_does_not_grow_with_the_reporters(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    client = _client(people["monitor"])
    _send(first, "Tỉnh ủy Bắc Ninh")
    client.get(_compliance_url(regime))  # warm the session and caches

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_compliance_url(regime)).status_code == 200
        return len(queries)

    few = count()
    for name in ("Thành ủy Hà Nội", "Tỉnh ủy Bắc Giang", "Tỉnh ủy Hải Dương", "Tỉnh ủy Nghệ An"):
        _send(first, name, accept=True)
    assert count() == few
    assert few <= 19  # with the reminders shown and who may receive one (issue 14)


def test_the_workbook_lists_each_committee_with_its_state_and_the_rates(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    first, _second = _scheduled(regime)
    _send(first, "Tỉnh ủy Bắc Ninh", accept=True)
    response = _client(people["monitor"]).get(
        reverse("reporting:regime_compliance_xlsx", args=[regime.pk]), {"ky": "2025-1"}
    )
    assert response.status_code == 200
    assert "tinh-hinh-bao-cao-party-committee-report-2025-1.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Tỉnh ủy Bắc Ninh"][1] == "Đúng hạn"
    # A date cell, shown as the page shows it (tests/exports/test_dates_are_dates.py).
    assert rows["Tỉnh ủy Bắc Ninh"][2] == datetime.datetime(2025, 6, 18)
    assert rows["Thành ủy Hà Nội"][1] == "Chưa nộp"
    assert 0 < rows["Tỷ lệ báo cáo"][1] < 0.1
    assert sheet.cell(row=1, column=1).value.startswith(
        "Cấp ủy, tổ chức đảng (6 tháng đầu năm 2025"
    )


def test_an_english_reader_gets_the_workbook_in_vietnamese(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    """Its headings were Vietnamese and its states English ("On time") for her."""
    first, _second = _scheduled(regime)
    _send(first, "Tỉnh ủy Bắc Ninh", accept=True)
    client = _client(people["monitor"])
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("reporting:regime_compliance_xlsx", args=[regime.pk]), {"ky": "2025-1"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert rows["Tỉnh ủy Bắc Ninh"][1] == "Đúng hạn"
    assert rows["Thành ủy Hà Nội"][1] == "Chưa nộp"


# ---------------------------------------------------------------- links


def test_the_programme_page_links_the_regime_pages_for_those_who_may_open_them(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    url = reverse("programmes:overview", args=[regime.programme.slug])
    schedule, follow = _schedule_url(regime), _compliance_url(regime)
    monitor = _client(people["monitor"]).get(url).content.decode()
    assert schedule in monitor and "Quy định lịch báo cáo" in monitor
    assert follow not in monitor  # no period yet
    for persona in ("reporter", "other", None):
        page = _client(people.get(persona) if persona else None).get(url).content.decode()
        assert schedule not in page and follow not in page
    _scheduled(regime)
    monitor = _client(people["monitor"]).get(url).content.decode()
    assert schedule in monitor and follow in monitor and "Lịch báo cáo" in monitor
    most = _client(people["most"]).get(url).content.decode()
    assert follow in most and schedule not in most


def test_the_reports_page_of_the_commission_links_the_period_picture(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    page = _client(people["monitor"]).get(reverse("reporting:my_reports")).content.decode()
    assert 'id="followed-regimes"' in page and _compliance_url(regime) in page
    reporter = _client(people["reporter"]).get(reverse("reporting:my_reports")).content.decode()
    assert _compliance_url(regime) not in reporter


def test_the_query_count_does_not_grow_with_the_number_of_reporters(
    people: dict[str, User],
) -> None:
    """52-NQ/TW 4.5 names its reporters: one, then twelve, with their reports."""
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="supervision"
    )
    set_regime_schedule(
        people["admin"], regime, frequency=Frequency.SEMIANNUAL, deadline_day=20, first_year=2025
    )
    period = regime.periods.get(year=2025, part=1)
    client = _client(people["most"])

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(_compliance_url(regime))
        assert response.status_code == 200
        return len(response.context["rows"]), len(queries)

    for agency in regime.reporters.all():
        services.ensure_report(agency, period)
    client.get(_compliance_url(regime))
    one, few = count()
    more = Agency.objects.filter(kind="party_provincial", valid_to__isnull=True)[:11]
    regime.reporters.add(*more)
    for agency in more:
        report = services.ensure_report(agency, period)
        AgencyReport.objects.filter(pk=report.pk).update(status="submitted")
    many, queries = count()
    assert (one, many) == (1, 12)
    assert queries == few


def test_the_receiving_bodies_are_named_in_the_pages_language(people: dict[str, User]) -> None:
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    client = _client(people["admin"])
    client.cookies["django_language"] = "en"
    page = client.get(_schedule_url(regime)).content.decode()
    assert ">Ministry of Health</option>" in page
    assert 'lang="vi">Bộ Chính trị</option>' in page or ">Politburo</option>" in page
