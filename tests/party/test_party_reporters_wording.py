"""Party bodies named by their own word (issue 14): where the reporters of a regime are
Party committees and organisations, the period page, its workbook, the reminders and
their messages say "cấp ủy, tổ chức đảng", as the Commission's draft does, not "cơ quan";
a regime of state bodies keeps "cơ quan"."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import services
from lotrinh.reporting.models import Notification, ReportingRegime
from tests.conftest import make_user
from tests.party.test_regime_pages import (
    TODAY,
    _client,
    _compliance_url,
    _scheduled,
    frozen,  # noqa: F401 (the pages' July date, autouse)
)

pytestmark = pytest.mark.django_db

STATE_WORDS = ("cơ quan phải báo cáo", "cơ quan chưa gửi", "Các cơ quan", "quý cơ quan")


def _page(regime: ReportingRegime, user: User, language: str = "vi") -> str:
    client = _client(user)
    client.cookies["django_language"] = language
    with translation.override(language):
        return str(client.get(_compliance_url(regime), {"ky": "2025-1"}).content.decode())


def test_the_period_page_names_the_party_committees_and_organisations(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _scheduled(regime)
    make_user("tu_bg_reporter", Agency.objects.get(name_vi="Tỉnh ủy Bắc Giang").code, Role.REPORTER)
    page = _page(regime, people["monitor"])
    expected = services.expected_reporters(regime, regime.periods.get(year=2025, part=1)).count()
    assert f"{expected} cấp ủy, tổ chức đảng phải báo cáo." in page
    assert "Nhắc cấp ủy, tổ chức đảng chưa gửi báo cáo" in page
    assert "Nhắc tất cả 2 cấp ủy, tổ chức đảng chưa gửi" in page
    assert "cấp ủy, tổ chức đảng chưa gửi nhưng chưa có tài khoản" in page
    assert "Các cấp ủy, tổ chức đảng phải báo cáo" in page
    assert "đề nghị cấp ủy, tổ chức đảng hoàn thành và gửi báo cáo" in page  # the preview
    assert not [word for word in STATE_WORDS if word in page]
    # In English too, never "agencies" for Party bodies.
    english = _page(regime, people["monitor"], "en")
    assert "agencies must report" not in english and "Agencies that must report" not in english


def test_the_reminder_and_its_messages_name_them_too(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _scheduled(regime)
    hanoi = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    response = _client(people["monitor"]).post(
        reverse("reporting:regime_remind_all", args=[regime.pk]),
        {"ky": "2025-1", "agency": [str(hanoi.pk)]},
        follow=True,
    )
    assert "Số cấp ủy, tổ chức đảng đã được nhắc: 1." in response.content.decode()
    [notice] = Notification.objects.filter(user=people["reporter"])
    assert notice.message.startswith(
        "Ban Chính sách, chiến lược Trung ương đề nghị cấp ủy, tổ chức đảng hoàn thành và gửi "
        "báo cáo"
    )
    assert "cơ quan" not in notice.message


def test_the_workbook_heads_its_column_with_their_word(
    regime: ReportingRegime, people: dict[str, User]
) -> None:
    _scheduled(regime)
    response = _client(people["monitor"]).get(
        reverse("reporting:regime_compliance_xlsx", args=[regime.pk]), {"ky": "2025-1"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=1, column=1).value.startswith("Cấp ủy, tổ chức đảng (")


def test_a_regime_of_state_bodies_keeps_cơ_quan(people: dict[str, User]) -> None:
    regime = ReportingRegime.objects.filter(
        programme=current_programme("50/NQ-CP"), frequency="annual"
    ).first()
    assert regime is not None and not services.reporters_are_party(regime)
    services.open_reporting_cycle(TODAY.date())
    period = max(services.periods_of(regime, TODAY.year), key=lambda p: p.sort_key)
    client = _client(people["most"])
    page = client.get(_compliance_url(regime), {"ky": str(period.year)}).content.decode()
    assert "cơ quan phải báo cáo" in page and "cấp ủy" not in page


def test_who_is_a_party_reporter(regime: ReportingRegime, seeded_db: None) -> None:
    assert services.reporters_are_party(regime)  # generic: the Party committees
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    ministry = Agency.objects.get(code="bo-y-te")
    named = ReportingRegime.objects.create(
        programme=regime.programme, code="named", name="Báo cáo", frequency="annual"
    )
    assert not services.reporters_are_party(named)  # nobody named
    named.reporters.set([committee])
    assert services.reporters_are_party(named)
    named.reporters.add(ministry)
    assert not services.reporters_are_party(named)  # a state body among them
    assert not services.reporters_are_party(named, [ministry])
    named.reporters_generic = "all_provinces"
    assert not services.reporters_are_party(named)
