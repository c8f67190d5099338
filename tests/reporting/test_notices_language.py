"""In-app notices speak the reader's language: each is written in Vietnamese and in
English when it is created (reporting/notices.py); pages show the English on English
pages, marked `lang="en"`, and the Vietnamese elsewhere, marked `lang="vi"`. The
Vietnamese names a report as "báo cáo của <body>, kỳ <period>", and e-mails stay in it.
Notices written before the English existed show their Vietnamese on English pages."""

import datetime
import re
from html import escape
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from lotrinh.accounts.models import User
from lotrinh.reporting import reminders, services
from lotrinh.reporting.models import AgencyReport, Notification, ReminderKind
from tests.conftest import client_for
from tests.core.pending_english import add_pending_english
from tests.replay import empty_cache  # noqa: F401 (fixture, autouse)
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

VIETNAMESE = re.compile(
    "[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE
)
HEALTH = "the Ministry of Health (the year 2024)"  # "the report of …" (notices.report_names)
MOST_EN = "Ministry of Science and Technology"
THE_MOST = f"the {MOST_EN}"  # named in a sentence (notices.body_in)


def _told(user: User) -> Notification:
    notice = Notification.objects.filter(user=user).order_by("-pk").first()
    assert notice is not None
    return notice


def _page(user: User, url: str, language: str) -> str:
    client = client_for(user)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_each_workflow_step_tells_in_both_languages_naming_the_report_as_a_report(
    report_a: AgencyReport,
    officer_a: User,
    approver_a: User,
    most_monitor: User,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fill(report_a, officer_a)
    # Not the title alone ("Bộ Y tế — Năm 2024"): after "đã tiếp nhận" it read as if the
    # agency itself were accepted.
    name = "báo cáo của Bộ Y tế, kỳ năm 2024"

    services.request_approval(report_a, officer_a)
    told = _told(approver_a)
    assert told.message == f"Cán bộ đề nghị lãnh đạo duyệt {name}."
    assert told.message_en == f"An officer asks the leaders to approve the report of {HEALTH}."

    report = services.approve_report(report_a, approver_a)
    told = _told(officer_a)
    assert told.message == (
        "Báo cáo của Bộ Y tế, kỳ năm 2024 đã được lãnh đạo duyệt, sẵn sàng gửi Bộ Khoa học và Công nghệ."
    )
    assert told.message_en == (
        f"The report of {HEALTH} has been approved by the leaders and is ready to be sent to {THE_MOST}."
    )

    report = services.submit_report(report, officer_a)
    told = _told(most_monitor)
    assert told.message == "Bộ Y tế đã gửi báo cáo kỳ năm 2024."
    assert told.message_en == "The Ministry of Health has submitted its report (the year 2024)."

    report = services.return_report(report, most_monitor, "Bổ sung minh chứng")
    for person in (officer_a, approver_a):
        told = _told(person)
        assert told.message == f"Bộ Khoa học và Công nghệ trả lại {name}: Bổ sung minh chứng"
        # The comment is quoted as its author wrote it; the sentence around it is English.
        assert (
            told.message_en
            == f"The {MOST_EN} has returned the report of {HEALTH}: Bổ sung minh chứng"
        )

    services.add_report_comment(report, most_monitor, "Xem lại mục II")
    told = _told(officer_a)
    assert told.message == f"Ý kiến mới về {name}: Xem lại mục II"
    assert told.message_en == f"New comment on the report of {HEALTH}: Xem lại mục II"

    report = services.approve_report(report, approver_a)
    report = services.return_to_drafter(report, approver_a, "Viết rõ hơn")
    told = _told(officer_a)
    assert told.message == f"Lãnh đạo trả lại {name} để soạn tiếp: Viết rõ hơn"
    assert told.message_en == (
        f"The leaders have sent the report of {HEALTH} back for more drafting: Viết rõ hơn"
    )

    report = services.approve_report(report, approver_a)
    report = services.submit_report(report, officer_a)
    mail.outbox.clear()
    services.accept_report(report, most_monitor)
    told = _told(officer_a)
    assert told.message == f"Bộ Khoa học và Công nghệ đã tiếp nhận {name}."
    assert told.message_en == f"The {MOST_EN} has accepted the report of {HEALTH}."

    for notice in Notification.objects.all():
        english = notice.message_en
        for quoted in ("Bổ sung minh chứng", "Xem lại mục II", "Viết rõ hơn"):
            english = english.replace(quoted, "")
        assert notice.message and not VIETNAMESE.search(english), notice.message_en


def test_e_mails_stay_in_vietnamese(
    report_a: AgencyReport,
    officer_a: User,
    approver_a: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    officer_a.email = "officer_a@example.vn"
    officer_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_report(report_a, approver_a)
    [sent] = [m for m in mail.outbox if officer_a.email in m.to]
    assert (
        sent.subject
        == "[Lộ trình] Báo cáo của Bộ Y tế, kỳ năm 2024 đã được lãnh đạo duyệt, sẵn sàng gửi Bộ Khoa học và Công nghệ."
    )
    assert "Ministry" not in sent.body


def test_pages_show_the_notice_in_the_readers_language_even_through_the_page_cache(
    report_a: AgencyReport, officer_a: User, approver_a: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = (reverse("reporting:notifications"), reverse("reporting:my_reports"))
    # Read once in each language: the pages are kept in the page cache.
    for url in pages:
        for language in ("en", "vi"):
            assert HEALTH not in _page(officer_a, url, language)
    services.approve_report(report_a, approver_a)
    english = f"The report of {HEALTH} has been approved by the leaders and is ready to be sent to {THE_MOST}."
    vietnamese = "Báo cáo của Bộ Y tế, kỳ năm 2024 đã được lãnh đạo duyệt, sẵn sàng gửi Bộ Khoa học và Công nghệ."
    for url in pages:
        en = _page(officer_a, url, "en")
        assert f'<span lang="en">{escape(english)}</span>' in en, url
        assert vietnamese not in en
        vi = _page(officer_a, url, "vi")
        assert f'<span lang="vi">{vietnamese}</span>' in vi, url
        assert english not in vi


def test_a_notice_written_before_the_english_existed_shows_its_vietnamese_marked(
    officer_a: User,
) -> None:
    Notification.objects.create(user=officer_a, message="Thông báo cũ về Năm 2023.", link="/")
    for url in (reverse("reporting:notifications"), reverse("reporting:my_reports")):
        for language in ("en", "vi"):
            page = _page(officer_a, url, language)
            assert '<span lang="vi">Thông báo cũ về Năm 2023.</span>' in page, (url, language)


def test_scheduled_reminders_are_written_in_both_languages_and_mailed_in_vietnamese(
    officer_a: User, approver_a: User, monkeypatch: Any
) -> None:
    add_pending_english(monkeypatch, "tidy36")  # "%(code)s for %(period)s"
    officer_a.email = "officer_a@example.vn"
    officer_a.save()
    day = datetime.date(2024, 11, 23)  # 7 days before the 2024 deadline (30 November)
    with time_machine.travel(datetime.datetime(2024, 11, 23, 8, 0), tick=False):
        reminders.run_reminders(day)
    told = _told(officer_a)
    vietnamese = "Còn 7 ngày đến hạn gửi báo cáo 50/NQ-CP kỳ năm 2024 (30/11/2024) về Bộ Khoa học và Công nghệ."
    assert told.message == vietnamese
    assert told.message_en == (
        f"7 days left to send the report 50/NQ-CP for the year 2024 to the {MOST_EN} (deadline 30/11/2024)."
    )
    [sent] = [m for m in mail.outbox if officer_a.email in m.to]
    assert sent.body.startswith(vietnamese + "\n\n")
    # One day before: the singular; overdue: the agency is urged.
    with time_machine.travel(datetime.datetime(2024, 11, 29, 8, 0), tick=False):
        reminders.run_reminders(datetime.date(2024, 11, 29))
    told = _told(officer_a)
    assert told.message.startswith("Còn 1 ngày đến hạn gửi báo cáo 50/NQ-CP kỳ năm 2024")
    assert told.message_en.startswith("1 day left to send the report 50/NQ-CP for the year 2024")
    with time_machine.travel(datetime.datetime(2024, 12, 7, 8, 0), tick=False):
        reminders.run_reminders(datetime.date(2024, 12, 7))
    told = _told(approver_a)
    assert told.message == (
        "Báo cáo 50/NQ-CP kỳ năm 2024 đã quá hạn 7 ngày (hạn 30/11/2024)."
        " Đề nghị khẩn trương gửi Bộ Khoa học và Công nghệ."
    )
    assert told.message_en == (
        "The report 50/NQ-CP for the year 2024 is 7 days overdue (deadline 30/11/2024)."
        f" Please send it to the {MOST_EN} without delay."
    )


def test_a_reminder_by_hand_is_written_in_both_languages(
    report_a: AgencyReport, officer_a: User, most_monitor: User, monkeypatch: Any
) -> None:
    add_pending_english(monkeypatch, "tidy36")  # "%(code)s for %(period)s"
    day = datetime.date(2024, 11, 20)
    record = reminders.send_manual_reminder(officer_a.agency, report_a.period, most_monitor, day)
    assert record is not None
    told = _told(officer_a)
    assert told.message == (
        "Bộ Khoa học và Công nghệ đề nghị quý cơ quan hoàn thành và gửi báo cáo"
        " 50/NQ-CP kỳ năm 2024 (hạn 30/11/2024)."
    )
    assert told.message_en == (
        f"The {MOST_EN} asks your agency to complete and send the report 50/NQ-CP for the year 2024"
        " (deadline 30/11/2024)."
    )
    preview = reminders.message_of(ReminderKind.MANUAL, report_a.period, 10, on=day)
    assert preview == told.message  # the preview MOST reads before sending: the Vietnamese


def test_a_data_request_and_its_reminder_are_written_in_both_languages(
    most_monitor: User,
) -> None:
    from lotrinh.indicators import requests
    from lotrinh.indicators.models import Indicator
    from lotrinh.indicators.services import today
    from tests.conftest import make_user

    indicator = Indicator.objects.get(code="SMART_CITIES_COUNT")
    assert indicator.name_en
    ministry = requests.producing_agency(indicator)
    reporter = make_user("moc_reporter", ministry.code, "reporter")
    deadline = today() + datetime.timedelta(days=7)
    requests.send_request(
        indicator,
        agency=ministry,
        year=2024,
        what="Số đô thị thông minh",
        definition=indicator.definition,
        deadline=deadline,
        user=most_monitor,
    )
    due = deadline.strftime("%d/%m/%Y")
    told = _told(reporter)
    assert told.message == (
        f"Bộ Khoa học và Công nghệ đề nghị cung cấp số liệu “{indicator.name_vi}” năm 2024"
        f" (hạn {due})."
    )
    assert told.message_en == (
        f"The {MOST_EN} asks for the figure “{indicator.name_en}” for 2024 (deadline {due})."
    )
    assert requests.run_request_reminders(today()) == 1
    told = _told(reporter)
    assert told.message == (
        f"Còn 7 ngày đến hạn cung cấp số liệu “{indicator.name_vi}” năm 2024 ({due})"
        " cho Bộ Khoa học và Công nghệ."
    )
    assert told.message_en == (
        f"7 days left to provide the figure “{indicator.name_en}” for 2024 to the {MOST_EN}"
        f" (deadline {due})."
    )
    assert not VIETNAMESE.search(told.message_en)


def test_vietnamese_words_kept_in_an_english_notice_are_marked() -> None:
    from django.utils import translation

    notice = Notification(
        message="Ban Chính sách, chiến lược Trung ương đã tiếp nhận Thành ủy Hà Nội — 6 tháng cuối năm 2025.",
        message_en="Ban Chính sách, chiến lược Trung ương has accepted the report Thành ủy Hà Nội — Second half of 2025.",
    )
    with translation.override("en"):
        assert str(notice.shown_html) == (
            '<span lang="en"><span lang="vi">Ban Chính sách, chiến lược Trung ương</span>'
            ' has accepted the report <span lang="vi">Thành ủy Hà Nội</span>'
            " — Second half of 2025.</span>"
        )
    with translation.override("vi"):
        assert str(notice.shown_html) == f'<span lang="vi">{notice.message}</span>'
    # A comment in English stays English, and is text; a Vietnamese word the Vietnamese
    # notice spells otherwise is marked all the same.
    notice = Notification(
        message="Lãnh đạo trả lại Sở Tài Chính — Năm 2024 để soạn tiếp: <b>Add</b> the figures",
        message_en="The leaders have sent the report Sở Tài chính — Year 2024 back for more"
        " drafting: <b>Add</b> the figures",
    )
    with translation.override("en"):
        assert str(notice.shown_html) == (
            '<span lang="en">The leaders have sent the report <span lang="vi">Sở Tài chính</span>'
            " — Year 2024 back for more drafting: &lt;b&gt;Add&lt;/b&gt; the figures</span>"
        )


def test_a_body_named_in_an_english_sentence_takes_the_article_a_place_does_not() -> None:
    from lotrinh.agencies.models import Agency, AgencyKind, Unit
    from lotrinh.reporting.notices import body_in, notice

    ministry = Agency(name_vi="Bộ Y tế", name_en="Ministry of Health", kind=AgencyKind.MINISTRY)
    province = Agency(
        name_vi="Tỉnh Bắc Ninh", name_en="Bac Ninh Province", kind=AgencyKind.PROVINCE
    )
    party = Agency(
        name_vi="Thành ủy Hà Nội",
        name_en="Ha Noi City Party Committee",
        kind=AgencyKind.PARTY_PROVINCIAL,
    )
    named = Unit(name_vi="Sở Tài chính", name_en="Department of Finance")
    unnamed = Unit(name_vi="Sở Văn hóa và Thể thao")  # no English name: left as written
    assert body_in(ministry, "en") == "the Ministry of Health"
    assert body_in(party, "en") == "the Ha Noi City Party Committee"
    assert body_in(named, "en") == "the Department of Finance"
    assert body_in(province, "en") == "Bac Ninh Province"
    assert body_in(unnamed, "en") == "Sở Văn hóa và Thể thao"
    assert body_in(ministry, "vi") == "Bộ Y tế"
    # A sentence that starts with the body starts with a capital in English only.
    told = notice(lambda lang: f"{body_in(ministry, lang)} …")
    assert (told.vi, told.en) == ("Bộ Y tế …", "The Ministry of Health …")


def test_most_is_told_when_an_agency_reopens_an_accepted_report(
    report_a: AgencyReport,
    officer_a: User,
    approver_a: User,
    most_monitor: User,
    monkeypatch: pytest.MonkeyPatch,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """MOST read the report as accepted: when its agency reopens it for a revision, MOST's
    monitors are told (in both languages, by e-mail in Vietnamese after the commit), and
    the link leads them to the copy they accepted."""
    most_monitor.email = "most@example.vn"
    most_monitor.save()
    fill(report_a, officer_a)
    report = services.approve_report(report_a, approver_a)
    report = services.submit_report(report, approver_a)
    report = services.accept_report(report, most_monitor)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.revise_accepted_report(report, officer_a, "Bổ sung số liệu quý IV")
    assert not mail.outbox  # the e-mail leaves after the commit only
    for callback in callbacks:
        callback()
    told = _told(most_monitor)
    vietnamese = (
        "Bộ Y tế mở lại báo cáo kỳ năm 2024 (đã được tiếp nhận) để điều chỉnh."
        " Lý do: Bổ sung số liệu quý IV"
    )
    assert told.message == vietnamese
    assert told.message_en == (
        "The Ministry of Health has reopened its report (the year 2024), already accepted,"
        " for a revision. Reason: Bổ sung số liệu quý IV"
    )
    [sent] = [m for m in mail.outbox if most_monitor.email in m.to]
    assert sent.body.startswith(vietnamese + "\n\n")
    response = client_for(most_monitor).get(told.link)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:accepted_copy", args=[report.pk])
    # Not the agency's own people: they reopened it.
    assert not Notification.objects.filter(user=approver_a, message__contains="mở lại").exists()
