"""A reminder names the body the report goes to: a Party regime that names its receiver
only in words ("cấp uỷ cấp trên", no body chosen yet) is not reminded "về Bộ Khoa học và
Công nghệ"; a report to MOST still is."""

import datetime

import pytest

from lotrinh.accounts.models import Role
from lotrinh.programmes.services import current_programme
from lotrinh.reporting import reminders
from lotrinh.reporting.guidance import receiver_in
from lotrinh.reporting.models import Frequency, ReminderKind, ReportingRegime
from lotrinh.reporting.schedules import set_regime_schedule
from lotrinh.reporting.services import ensure_report
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_a_party_regime_without_a_receiving_body_is_reminded_to_its_receiver(seeded_db):
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    assert regime.recipient is None and regime.recipient_text == "cấp uỷ cấp trên"
    admin = make_user("quantri_t", "bo-khoa-hoc-va-cong-nghe", Role.ADMIN)
    periods = set_regime_schedule(
        admin,
        regime,
        frequency=Frequency.SEMIANNUAL,
        deadline_day=20,
        first_year=2025,
        today=datetime.date(2025, 7, 10),
    )
    period = periods[0]
    for kind, days in ((ReminderKind.BEFORE, 7), (ReminderKind.DUE_TODAY, 0)):
        text = reminders.message_of(kind, period, days)
        assert "về cấp uỷ cấp trên" in text and "Khoa học và Công nghệ" not in text
    overdue = reminders.message_of(ReminderKind.OVERDUE, period, -7)
    assert "khẩn trương gửi cấp uỷ cấp trên" in overdue
    # The report page names the same receiver (one rule).
    from lotrinh.agencies.models import Agency

    report = ensure_report(Agency.objects.get(name_vi="Thành ủy Hà Nội"), period)
    assert receiver_in(report, "vi") == "cấp uỷ cấp trên"


def test_a_report_to_most_is_still_reminded_to_most(seeded_db):
    from lotrinh.reporting.services import generate_periods

    regime = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
    period = next(p for p in generate_periods(regime, 2025) if p.year == 2025)
    text = reminders.message_of(ReminderKind.BEFORE, period, 7)
    assert "về Bộ Khoa học và Công nghệ" in text
