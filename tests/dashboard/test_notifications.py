"""Notifications: unread ones stand out and are counted in the menu; each opens the exact
item by a POST that marks it read; GET never writes."""

import pytest
from django.urls import reverse

from lotrinh.reporting import reminders, services
from lotrinh.reporting.models import Notification
from tests.conftest import client_for
from tests.dashboard.conftest import submitted

pytestmark = pytest.mark.django_db


def test_unread_notifications_are_marked_and_counted_in_the_menu(officer_a):
    Notification.objects.create(user=officer_a, message="Một", link="/bao-cao/")
    Notification.objects.create(user=officer_a, message="Hai", link="/bao-cao/")
    read = Notification.objects.create(user=officer_a, message="Ba", link="/bao-cao/")
    services.mark_notifications_read(officer_a, read.pk)
    client = client_for(officer_a)
    html = client.get(reverse("reporting:notifications")).content.decode()
    assert html.count('class="card unread"') == 2 and html.count('class="card is-read"') == 1
    assert 'id="nav-unread">2<' in html
    assert Notification.objects.filter(read_at__isnull=True).count() == 2  # GET wrote nothing


def test_opening_a_notification_marks_it_read_and_goes_to_its_item(
    periods, officer_a, approver_a, oversight_reader
):
    report = submitted(
        services.ensure_report(officer_a.agency, periods[2023]), officer_a, approver_a
    )
    comment = services.add_report_comment(report, oversight_reader, "Làm rõ kết quả")
    notice = Notification.objects.get(user=officer_a, message__startswith="Ý kiến mới")
    assert notice.link == reverse("reporting:report", args=[report.pk]) + f"#comment-{comment.pk}"
    client = client_for(officer_a)
    assert client.get(reverse("reporting:notification_open", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None
    response = client.post(reverse("reporting:notification_open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == notice.link
    notice.refresh_from_db()
    assert notice.read_at is not None
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert f'id="comment-{comment.pk}"' in page


def test_nobody_opens_another_persons_notification(officer_a, officer_b):
    notice = Notification.objects.create(user=officer_a, message="Riêng", link="/bao-cao/")
    response = client_for(officer_b).post(reverse("reporting:notification_open", args=[notice.pk]))
    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_a_link_to_another_site_is_never_followed(officer_a):
    notice = Notification.objects.create(user=officer_a, message="Lạ", link="//evil.example/x")
    response = client_for(officer_a).post(reverse("reporting:notification_open", args=[notice.pk]))
    assert response["Location"] == reverse("reporting:notifications")


def test_mark_all_read(officer_a):
    for text in ("Một", "Hai"):
        Notification.objects.create(user=officer_a, message=text)
    client_for(officer_a).post(reverse("reporting:notifications_read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_a_reminder_links_to_the_agency_report_of_the_period(periods, officer_a, most_monitor):
    import datetime

    report = services.ensure_report(officer_a.agency, periods[2024])
    reminders.send_manual_reminder(
        officer_a.agency, periods[2024], most_monitor, datetime.date(2024, 12, 5)
    )
    notice = Notification.objects.get(user=officer_a)
    assert notice.link == reverse("reporting:report", args=[report.pk])


def test_oversight_is_not_shown_a_document_form_it_cannot_use(oversight_reader, officer_a):
    html = client_for(oversight_reader).get(reverse("documents:list")).content.decode()
    assert reverse("documents:request") not in html
    assert 'id="no-request"' in html
    mine = client_for(officer_a).get(reverse("documents:list")).content.decode()
    assert reverse("documents:request") in mine and 'value="agency"' in mine
