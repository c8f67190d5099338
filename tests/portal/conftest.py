"""Reports in every state, published or not, each carrying its own marker."""

from dataclasses import dataclass
from typing import Any

import pytest

from lotrinh.accounts.models import Role
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services
from lotrinh.reporting.models import AgencyReport
from tests.conftest import AGENCY_A, AGENCY_B, make_user

STATES = ("draft", "approved", "submitted", "returned", "accepted")


def marker(state: str, published: bool) -> str:
    return f"MARK{state.upper()}{'PUB' if published else 'PRIV'}Z9"


@dataclass
class Cycle:
    programme: Programme
    reporters: dict[str, Any]
    approvers: dict[str, Any]
    most: Any
    periods: dict[int, Any]

    def fill(self, report: AgencyReport, text: str) -> None:
        reporter = self.reporters[report.agency.code]
        for entry in report.entries.order_by("pk"):
            services.save_entry(
                entry,
                reporter,
                {
                    "status": "in_progress",
                    "result": f"Kết quả {text}",
                    "evidence_number": f"{text}/QĐ",
                },
                expected_version=entry.version,
            )

    def report(self, agency: str, year: int, text: str) -> AgencyReport:
        from lotrinh.agencies.models import Agency

        report = services.ensure_report(Agency.objects.get(code=agency), self.periods[year])
        self.fill(report, text)
        report.refresh_from_db()
        return report

    def to_state(self, report: AgencyReport, state: str) -> AgencyReport:
        approver = self.approvers[report.agency.code]
        if state == "draft":
            return report
        report = services.approve_report(report, approver)
        if state == "approved":
            return report
        report = services.submit_report(report, approver)
        if state == "submitted":
            return report
        if state == "returned":
            return services.return_report(report, self.most, "Bổ sung minh chứng")
        return services.accept_report(report, self.most)

    def accepted(self, agency: str, year: int, text: str) -> AgencyReport:
        return self.to_state(self.report(agency, year, text), "accepted")

    def publish(self, report: AgencyReport) -> Any:
        from lotrinh.portal.services import publish_report

        return publish_report(self.most, report)

    def in_state(self, agency: str, year: int, state: str, published: bool) -> AgencyReport:
        """A report in `state`; `published`: it was published while accepted and then,
        for any other state, reopened for a revision and moved to `state`."""
        report = self.report(agency, year, marker(state, published))
        if not published:
            return self.to_state(report, state)
        report = self.to_state(report, "accepted")
        self.publish(report)
        if state == "accepted":
            return report
        reporter = self.reporters[report.agency.code]
        report = services.revise_accepted_report(report, reporter, "Điều chỉnh số liệu")
        return self.to_state(report, state)


@pytest.fixture
def cycle(db: None) -> Cycle:
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    regime = programme.reporting_regimes.get(code="annual-report")
    periods = {p.year: p for p in services.generate_periods(regime, 2024)}
    return Cycle(
        programme=programme,
        reporters={
            AGENCY_A: make_user("p_reporter_a", AGENCY_A, Role.REPORTER),
            AGENCY_B: make_user("p_reporter_b", AGENCY_B, Role.REPORTER),
        },
        approvers={
            AGENCY_A: make_user("p_approver_a", AGENCY_A, Role.APPROVER),
            AGENCY_B: make_user("p_approver_b", AGENCY_B, Role.APPROVER),
        },
        most=make_user("p_most", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR),
        periods=periods,
    )
