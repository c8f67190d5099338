"""Fixtures of the Party chain's regime pages (52-NQ/TW 4.3 sent to the Commission, and
the people who open its pages), shared by the pages', reminders' and schedule tests."""

import pytest

from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.programmes.services import current_programme
from lotrinh.reporting.models import ReportingRegime
from tests.conftest import make_user

COMMISSION = "ban-kinh-te-trung-uong"
SUCCESSOR = "ban-chinh-sach-chien-luoc-trung-uong"
MOST = "bo-khoa-hoc-va-cong-nghe"


@pytest.fixture
def regime(seeded_db: None) -> ReportingRegime:
    """52-NQ/TW 4.3, sent to the Commission (named, as a system administrator would),
    no schedule yet."""
    regime = ReportingRegime.objects.get(
        programme=current_programme("52-NQ/TW"), code="party-committee-report"
    )
    regime.recipient = Agency.objects.get(code=COMMISSION)
    regime.save(update_fields=["recipient"])
    return regime


@pytest.fixture
def people(seeded_db: None) -> dict[str, User]:
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    return {
        "monitor": make_user("bcscl_monitor", SUCCESSOR, Role.AGENCY_MONITOR),
        "reporter": make_user("tu_hn_reporter", committee.code, Role.REPORTER),
        "most": make_user("most_monitor", MOST, Role.MOST_MONITOR),
        "other": make_user("byt_monitor", "bo-y-te", Role.AGENCY_MONITOR),
        "other_reporter": make_user("byt_reporter", "bo-y-te", Role.REPORTER),
        "admin": make_user("sys_admin", MOST, Role.ADMIN),
    }
