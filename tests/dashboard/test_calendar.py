"""The agency's deadlines as an iCalendar feed (RFC 5545) and the secret address that
lets a calendar app fetch it without a session: made, replaced, revoked."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotrinh.dashboard import ical, services
from lotrinh.dashboard.models import CalendarToken
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b""), "bare LF or CR in the feed"
    return data.split(b"\r\n")[:-1]


def parse(data: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    """Unfold and split a feed into calendar properties and events (values unescaped)."""
    logical: list[str] = []
    for raw in physical_lines(data):
        assert len(raw) <= 75, f"line longer than 75 octets: {raw!r}"
        line = raw.decode("utf-8")  # folding never cut a character in two
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    head: dict[str, str] = {}
    events: list[dict[str, str]] = []
    current: dict[str, str] | None = None
    for line in logical:
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            assert current is not None
            events.append(current)
            current = None
        else:
            name, _, value = line.partition(":")
            (current if current is not None else head)[name] = value
    return head, events


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def test_text_is_escaped_folded_at_75_octets_and_read_back_unchanged():
    summary = "Hạn nộp báo cáo; kỳ 2024, Bộ Y tế\\Vụ Kế hoạch – " + "Chuyển đổi số quốc gia " * 6
    event = ical.Event(
        "report-1-2024-bo-y-te@lotrinh", datetime.date(2024, 11, 30), summary, "dòng 1\ndòng 2"
    )
    data = ical.calendar("Lộ trình, hạn", [event], timezone.now())
    head, events = parse(data)
    assert head["VERSION"] == "2.0" and head["BEGIN"] == "VCALENDAR" and "PRODID" in head
    assert unescape(head["X-WR-CALNAME"]) == "Lộ trình, hạn"
    (item,) = events
    assert unescape(item["SUMMARY"]) == summary
    assert unescape(item["DESCRIPTION"]) == "dòng 1\ndòng 2"
    assert "\\;" in item["SUMMARY"] and "\\," in item["SUMMARY"]
    assert item["DTSTART;VALUE=DATE"] == "20241130" and item["DTEND;VALUE=DATE"] == "20241201"
    assert re.fullmatch(r"\d{8}T\d{6}Z", item["DTSTAMP"])
    assert len([raw for raw in physical_lines(data) if raw.startswith(b" ")]) >= 3


def feed_url(token: str, agency) -> str:
    return reverse("dashboard:calendar_feed", args=[token, agency.code])


def test_a_calendar_app_fetches_the_agency_deadlines_without_a_session(officer_a, settings):
    settings.LOTRINH_SITE_URL = "https://lotrinh.example.vn"
    token = services.issue_calendar_token(officer_a)
    anonymous = Client()
    first = anonymous.get(feed_url(token, officer_a.agency))
    assert first.status_code == 200
    assert first["Content-Type"].startswith("text/calendar")
    _head, events = parse(first.content)
    assert events, "the seed gives Bộ Y tế report and plan deadlines"
    for item in events:
        assert item["UID"].endswith("@lotrinh")
        assert re.fullmatch(r"\d{8}", item["DTSTART;VALUE=DATE"])
        assert item["URL"].startswith("https://lotrinh.example.vn/")
        assert unescape(item["SUMMARY"]).startswith("Hạn ")
    uids = [e["UID"] for e in events]
    assert len(uids) == len(set(uids))
    again = parse(anonymous.get(feed_url(token, officer_a.agency)).content)[1]
    assert [e["UID"] for e in again] == uids  # stable: an app updates, never duplicates


def test_without_a_site_url_the_links_are_absolute_to_the_request(officer_a, settings):
    settings.LOTRINH_SITE_URL = ""
    token = services.issue_calendar_token(officer_a)
    _head, events = parse(Client().get(feed_url(token, officer_a.agency)).content)
    assert all(e["URL"].startswith("http://testserver/") for e in events)


def test_only_a_digest_of_the_secret_is_stored(officer_a):
    token = services.issue_calendar_token(officer_a)
    record = CalendarToken.objects.get(user=officer_a)
    assert token not in record.digest and record.digest == services.digest(token)


def test_a_new_address_replaces_the_old_and_revoking_ends_both(officer_a):
    old = services.issue_calendar_token(officer_a)
    new = services.issue_calendar_token(officer_a)
    client = Client()
    assert client.get(feed_url(old, officer_a.agency)).status_code == 404
    assert client.get(feed_url(new, officer_a.agency)).status_code == 200
    assert services.revoke_calendar_token(officer_a)
    assert client.get(feed_url(new, officer_a.agency)).status_code == 404
    assert not CalendarToken.objects.filter(user=officer_a).exists()


def test_the_secret_opens_only_what_its_owner_may_see(officer_a, officer_b):
    token = services.issue_calendar_token(officer_a)
    client = Client()
    assert client.get(feed_url(token, officer_b.agency)).status_code == 404
    officer_a.is_active = False
    officer_a.save()
    assert client.get(feed_url(token, officer_a.agency)).status_code == 404
    assert client.get(feed_url("x" * 43, officer_a.agency)).status_code == 404


def test_the_feed_follows_the_report_rule_of_its_owner(periods, officer_a, oversight_reader):
    from lotrinh.reporting import services as reporting

    draft = reporting.ensure_report(officer_a.agency, periods[2024])
    own = Client().get(feed_url(services.issue_calendar_token(officer_a), officer_a.agency))
    theirs = Client().get(
        feed_url(services.issue_calendar_token(oversight_reader), officer_a.agency)
    )
    link = reverse("reporting:report", args=[draft.pk])
    assert link.encode() in own.content.replace(b"\r\n ", b"")
    assert link.encode() not in theirs.content.replace(b"\r\n ", b"")


def test_the_address_is_made_and_revoked_by_posts_and_shown_once(officer_a):
    client = client_for(officer_a)
    page = client.get(reverse("dashboard:calendar"))
    assert page.status_code == 200 and not CalendarToken.objects.exists()  # GET writes nothing
    made = client.post(reverse("dashboard:calendar"), {"step": "issue"})
    assert made.status_code == 200
    url = made.context["feed_url"]
    assert url.startswith("http") and url.endswith(f"/{officer_a.agency.code}.ics")
    token = url.rsplit("/", 2)[-2]
    assert Client().get(feed_url(token, officer_a.agency)).status_code == 200
    assert token not in client.get(reverse("dashboard:calendar")).content.decode()
    client.post(reverse("dashboard:calendar"), {"step": "revoke"})
    assert Client().get(feed_url(token, officer_a.agency)).status_code == 404
    bad = client.post(reverse("dashboard:calendar"), {"step": "everything"})
    assert bad.status_code == 400 and not CalendarToken.objects.exists()


def test_a_person_without_agency_or_role_has_no_calendar():
    from lotrinh.accounts.models import User

    nobody = User.objects.create_user(username="nobody", password="pw-nobody")
    client = client_for(nobody)
    assert client.get(reverse("dashboard:calendar")).status_code == 403
    assert client.post(reverse("dashboard:calendar"), {"step": "issue"}).status_code == 403
    with pytest.raises(services.TokenError):
        services.issue_calendar_token(nobody)


def test_a_tasks_text_is_cut_at_a_word_and_says_so(officer_a):
    """A task's deadline quoted its text cut at 120 characters, mid-word and with no sign
    ("… rà soát, hoàn t"): now its first words, and "…" when there is more (day45)."""
    from lotrinh.dashboard.queries import task_gist
    from lotrinh.programmes.models import Task

    task = Task.objects.filter(
        assignments__agency=officer_a.agency, programme__status="published"
    ).first()
    assert task is not None
    task.text = "Xây dựng các Chiến lược triển khai " * 8
    task.deadline = datetime.date(2026, 12, 31)
    task.save(update_fields=["text", "deadline"])
    token = services.issue_calendar_token(officer_a)
    _head, events = parse(Client().get(feed_url(token, officer_a.agency)).content)
    quoted = [unescape(e["SUMMARY"]) for e in events if e["UID"].startswith("task-")]
    assert quoted, "the seed gives Bộ Y tế tasks with deadlines"
    texts = {" ".join(t.split()) for t in Task.objects.values_list("text", flat=True)}
    for summary in quoted:
        gist = summary.split(": ", 2)[-1]
        assert gist in texts or (
            gist.endswith(" …") and any(t.startswith(gist[:-2] + " ") for t in texts)
        ), summary
    words = " ".join(f"từ{n}" for n in range(30))
    assert task_gist(words) == " ".join(f"từ{n}" for n in range(20)) + " …"
    assert task_gist("Hoàn thành\n trong năm 2025.") == "Hoàn thành trong năm 2025."
