"""`lotrinh remind --date` sends only for a day that has come: a day still ahead
(in Hà Nội's time) would send "14 days left" while 15 are, and record reminders dated
in the future that the compliance pages show as sent ("đã nhắc ngày 06/12/2026" on
5 December). Ahead of today it previews only (--dry-run)."""

from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command

from lotrinh.reporting.models import Notification, ReminderSent

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(officer_a, approver_a, officer_b):
    return officer_a, approver_a, officer_b


# 16:30 UTC on 15 November 2024 is 23:30 in Hà Nội: the 16th is still ahead there.
@time_machine.travel("2024-11-15 16:30:00+00:00", tick=False)
def test_a_day_still_ahead_in_ha_noi_sends_nothing(people):
    with pytest.raises(CommandError, match="16/11/2024"):
        call_command("remind", "--date", "2024-11-16", stdout=StringIO())
    assert not ReminderSent.objects.exists()
    assert not Notification.objects.exists() and not mail.outbox


@time_machine.travel("2024-11-15 16:30:00+00:00", tick=False)
def test_a_day_ahead_is_previewed(people):
    out = StringIO()
    call_command("remind", "--date", "2024-11-16", "--dry-run", stdout=out)
    assert "Sẽ gửi: Bộ Y tế — báo cáo 50/NQ-CP kỳ năm 2024, còn 14 ngày" in out.getvalue()
    assert not ReminderSent.objects.exists()


# 17:30 UTC on 15 November is 00:30 on the 16th in Hà Nội: the day has come.
@time_machine.travel("2024-11-15 17:30:00+00:00", tick=False)
def test_the_day_that_has_come_in_ha_noi_sends(people):
    officer_a = people[0]
    call_command("remind", "--date", "2024-11-16", stdout=StringIO())
    sent = ReminderSent.objects.filter(agency=officer_a.agency, kind="before", days=14)
    assert sent.count() == 1
    call_command("remind", stdout=StringIO())  # today by default: the same day, sent once
    assert sent.count() == 1


@time_machine.travel("2024-11-15 17:30:00+00:00", tick=False)
def test_the_command_reads_and_writes_days_as_officers_do(people):
    """dd/mm/yyyy in (ISO still read), dd/mm/yyyy out; a wrong day is a clear refusal."""
    out = StringIO()
    call_command("remind", "--date", "16/11/2024", "--dry-run", stdout=out)
    assert "lời nhắc cho ngày 16/11/2024." in out.getvalue(), out.getvalue()
    assert "2024-11-16" not in out.getvalue()
    with pytest.raises(CommandError, match="không phải một ngày"):
        call_command("remind", "--date", "31/02/2024", "--dry-run", stdout=StringIO())
    assert not ReminderSent.objects.exists()
