"""A token's system account acts for software: it is not one of the agency's people, so it
gets no notifications or reminders and is managed on the tokens page only."""

from typing import Any

from django.urls import reverse

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme
from lotrinh.reporting import services as reporting
from lotrinh.reporting.compliance import recipients_by_agency
from lotrinh.reporting.models import Notification
from lotrinh.reporting.notices import Notice
from tests.conftest import AGENCY_A, client_for, make_user


def test_notifications_and_reminders_reach_people_not_token_accounts(
    reporter_token: Any, approver_token: Any
) -> None:
    officer = make_user("person_a", AGENCY_A, Role.REPORTER)
    agency = Agency.objects.get(code=AGENCY_A)
    systems = set(User.objects.filter(api_token__isnull=False).values_list("pk", flat=True))
    assert len(systems) == 2

    recipients = {u.pk for u in recipients_by_agency([agency.pk]).get(agency.pk, [])}
    assert officer.pk in recipients and not (recipients & systems)

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    period = next(
        p
        for p in reporting.generate_periods(
            programme.reporting_regimes.get(code="annual-report"), 2024
        )
        if p.year == 2024
    )
    report = reporting.ensure_report(agency, period)
    reporting.notify_agency(
        report, Notice("Báo cáo bị trả lại", "Report returned"), (Role.REPORTER, Role.APPROVER)
    )
    told = set(Notification.objects.values_list("user_id", flat=True))
    assert officer.pk in told and not (told & systems)


def test_the_people_page_lists_people_and_cannot_change_a_token_account(
    agency_admin_a: User, reporter_token: Any
) -> None:
    system = User.objects.get(api_token__isnull=False)
    page = client_for(agency_admin_a).get(reverse("accounts:users"))
    assert page.status_code == 200
    html = page.content.decode()
    assert agency_admin_a.full_name in html
    assert system.username not in html and (system.full_name or system.username) not in html
    assert not perms.manageable_users(agency_admin_a).filter(pk=system.pk).exists()
