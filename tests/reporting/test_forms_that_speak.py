"""Forms that speak: return to the drafter, a repeated step answered with a message,
"save all" with a partial conflict, confirmations with a summary, and evidence."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.core.audit import events_for
from lotrinh.reporting import services
from lotrinh.reporting.forms import EntryForm, fingerprint
from lotrinh.reporting.models import Notification, ReportStatus
from tests.conftest import client_for, make_user
from tests.reporting.conftest import fill

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# ---------------------------------------------------------------- return to the drafter


def test_the_approver_returns_a_draft_to_the_drafter_with_a_comment(
    report_a, officer_a, approver_a
):
    report = services.return_to_drafter(report_a, approver_a, "Bổ sung kết quả nhiệm vụ II.1")
    assert report.status == ReportStatus.DRAFT
    event = events_for(report).get(action="report.sent_back")
    assert event.note == "Bổ sung kết quả nhiệm vụ II.1" and event.actor == approver_a
    assert Notification.objects.filter(user=officer_a, message__contains="Bổ sung kết quả").exists()
    assert not Notification.objects.filter(user=approver_a).exists()
    assert services.leader_comment(report).note == "Bổ sung kết quả nhiệm vụ II.1"
    page = client_for(officer_a).get(reverse("reporting:report", args=[report.pk]))
    assert "Bổ sung kết quả nhiệm vụ II.1" in page.content.decode()


def test_an_approved_report_not_yet_sent_can_go_back_to_the_drafter(
    report_a, officer_a, approver_a
):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    report = services.return_to_drafter(report_a, approver_a, "Cần sửa số liệu")
    assert report.status == ReportStatus.DRAFT and report.is_editable
    # Approving again clears the comment from the page.
    services.approve_report(report, approver_a)
    report.refresh_from_db()
    assert services.leader_comment(report) is None


@pytest.mark.parametrize("who", ["officer_a", "most_monitor", "approver_b"])
def test_only_the_own_agencys_approver_returns_to_the_drafter(who, request, report_a):
    user = (
        make_user("approver_b", "bo-tai-chinh", "approver")
        if who == "approver_b"
        else request.getfixturevalue(who)
    )
    with pytest.raises(services.WorkflowError):
        services.return_to_drafter(report_a, user, "Không được phép")
    report_a.refresh_from_db()
    assert not events_for(report_a).filter(action="report.sent_back").exists()


def test_a_submitted_report_cannot_go_back_to_the_drafter(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    with pytest.raises(services.WorkflowError):
        services.return_to_drafter(report_a, approver_a, "Quá muộn")
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.SUBMITTED


def test_returning_to_the_drafter_needs_a_comment(report_a, approver_a):
    with pytest.raises(services.WorkflowError, match="ý kiến"):
        services.return_to_drafter(report_a, approver_a, "   ")


# ---------------------------------------------------------------- repeated steps


def test_a_repeated_approval_is_answered_with_a_message_and_changes_nothing(
    report_a, officer_a, approver_a
):
    fill(report_a, officer_a)
    version = report_a.version
    services.approve_report(report_a, approver_a, expected_version=version)
    with pytest.raises(services.AlreadyDone, match="đã được thực hiện"):
        services.approve_report(report_a, approver_a, expected_version=version)
    assert events_for(report_a).filter(action="report.approved").count() == 1


def test_a_stale_confirmation_does_not_act_on_a_changed_report(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    version = report_a.version
    services.approve_report(report_a, approver_a, expected_version=version)
    services.return_to_drafter(report_a, approver_a, "Sửa lại")
    # The send-back confirmed on the draft is stale: the report moved twice since.
    with pytest.raises(services.AlreadyDone):
        services.return_to_drafter(report_a, approver_a, "Lần nữa", expected_version=version)
    assert events_for(report_a).filter(action="report.sent_back").count() == 1


def test_a_double_click_on_submit_answers_with_a_clear_message(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    report_a.refresh_from_db()
    client = client_for(approver_a)
    url = reverse("reporting:action", args=[report_a.pk, "submit"])
    first = client.post(url, {"confirm": report_a.version})
    second = client.post(url, {"confirm": report_a.version})
    assert first.status_code == second.status_code == 302
    assert "đã được thực hiện" in " ".join(messages_of(second))
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.SUBMITTED
    assert report_a.snapshots.count() == 1


def test_a_step_without_confirmation_goes_to_the_confirmation_page(report_a, approver_a):
    response = client_for(approver_a).post(
        reverse("reporting:action", args=[report_a.pk, "approve"])
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:confirm", args=[report_a.pk, "approve"])
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.DRAFT


# ---------------------------------------------------------------- confirmation page


def test_the_confirmation_summarises_what_is_missing(report_a, officer_a, approver_a):
    entries = list(report_a.entries.order_by("task__position"))
    first = entries[0]
    services.save_entry(
        first,
        officer_a,
        {
            "status": "done_on_time",
            "result": "Đã ban hành kế hoạch",
            "evidence_number": "12/QĐ-BYT",
            "evidence_date": datetime.date(2024, 6, 1),
        },
        expected_version=first.version,
    )
    response = client_for(approver_a).get(
        reverse("reporting:confirm", args=[report_a.pk, "approve"])
    )
    assert response.status_code == 200
    summary = response.context["summary"]
    refs = [e.task.ref for e in entries]
    assert summary.tasks == len(entries)
    assert summary.without_result == refs[1:]
    assert summary.without_evidence == refs[1:]
    assert summary.not_started == refs[1:]
    assert summary.empty_assessment
    html = response.content.decode()
    assert f'name="confirm" value="{report_a.version}"' in html
    assert "Phần đánh giá chung còn trống" in html
    # The page is read only.
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.DRAFT


def test_the_confirmation_page_says_when_the_step_is_not_possible(report_a, approver_a):
    response = client_for(approver_a).get(
        reverse("reporting:confirm", args=[report_a.pk, "submit"])
    )
    assert response.status_code == 200
    assert 'name="confirm"' not in response.content.decode()


def test_another_agency_cannot_open_the_confirmation(report_a):
    approver_b = make_user("approver_b", "bo-tai-chinh", "approver")
    response = client_for(approver_b).get(
        reverse("reporting:confirm", args=[report_a.pk, "approve"])
    )
    assert response.status_code == 404


def test_the_report_page_says_the_next_step_for_each_reader(report_a, officer_a, approver_a):
    officer_page = client_for(officer_a).get(reverse("reporting:report", args=[report_a.pk]))
    approver_page = client_for(approver_a).get(reverse("reporting:report", args=[report_a.pk]))
    assert "đề nghị lãnh đạo Bộ Y tế duyệt" in officer_page.context["next_step"]
    assert "bạn xem, duyệt" in approver_page.context["next_step"]
    services.request_approval(report_a, officer_a)
    approver_page = client_for(approver_a).get(reverse("reporting:report", args=[report_a.pk]))
    assert "đã đề nghị duyệt" in approver_page.context["next_step"]


# ---------------------------------------------------------------- save all


def test_save_all_saves_the_others_and_reports_each_conflict(report_a, officer_a):
    colleague = make_user("colleague_a", "bo-y-te", "reporter")
    first, second, third = list(report_a.entries.order_by("task__position"))[:3]
    stale = second.version
    services.save_entry(
        second, colleague, {"status": "in_progress", "result": "Bản của đồng nghiệp"}, stale
    )
    outcomes = services.save_all(
        report_a,
        officer_a,
        [
            services.EntryChange(first, {"status": "in_progress", "result": "Một"}, first.version),
            services.EntryChange(second, {"status": "in_progress", "result": "Hai"}, stale),
            services.EntryChange(
                third, {"status": "in_progress", "evidence_date": datetime.date(2999, 1, 1)}, 1
            ),
            services.SectionsChange("Đánh giá chung", "", report_a.sections_version),
        ],
    )
    results = {o.label: o.result for o in outcomes}
    assert results[first.task.ref] == services.SAVED
    assert results[second.task.ref] == services.CONFLICT
    assert results[third.task.ref] == services.REFUSED
    assert list(results.values())[-1] == services.SAVED
    conflict = next(o for o in outcomes if o.result == services.CONFLICT).conflict
    assert conflict.key == f"e{second.pk}"
    assert conflict.fields["result"] == ("Hai", "Bản của đồng nghiệp")
    refused = next(o for o in outcomes if o.result == services.REFUSED)
    assert "evidence_date" in refused.problems
    for entry in (first, second, third):
        entry.refresh_from_db()
    report_a.refresh_from_db()
    assert first.result == "Một" and first.version == 2
    assert second.result == "Bản của đồng nghiệp"
    assert third.version == 1 and third.evidence_date is None
    assert report_a.general_assessment == "Đánh giá chung"


def _page_post(report, user) -> dict[str, str]:
    """Every field of the editable report page, as the browser would post it untouched."""
    response = client_for(user).get(reverse("reporting:report", args=[report.pk]))
    data: dict[str, str] = {}
    for _entry, form in response.context["entry_forms"]:
        for name in form.fields:
            if name in ("evidence_file", "evidence_remove"):
                continue
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
    for _contribution, form in response.context["contribution_forms"]:
        for name in form.fields:
            value = form[name].value()
            data[form.add_prefix(name)] = "" if value is None else str(value)
    sections = response.context["sections_form"]
    for name in sections.fields:
        value = sections[name].value()
        data[name] = "" if value is None else str(value)
    return data


def test_save_all_through_the_page_saves_only_what_changed(report_a, officer_a):
    entries = list(report_a.entries.order_by("task__position"))
    data = _page_post(report_a, officer_a)
    data[f"e{entries[0].pk}-result"] = "Kết quả mới\r\nhai dòng"
    data["general_assessment"] = "Nhận định chung"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert response.status_code == 302
    assert entries[0].task.ref in " ".join(messages_of(response))
    versions = {e.pk: e.version for e in report_a.entries.all()}
    assert versions.pop(entries[0].pk) == 2
    assert set(versions.values()) == {1}  # untouched forms were not saved
    report_a.refresh_from_db()
    assert report_a.general_assessment == "Nhận định chung" and report_a.sections_version == 2
    # Posting the page again untouched saves nothing.
    again = client_for(officer_a).post(
        reverse("reporting:save_all", args=[report_a.pk]), _page_post(report_a, officer_a)
    )
    assert again.status_code == 302 and "Không có thay đổi" in " ".join(messages_of(again))
    assert {e.version for e in report_a.entries.exclude(pk=entries[0].pk)} == {1}


def test_save_all_through_the_page_keeps_refused_and_conflicting_values(report_a, officer_a):
    colleague = make_user("colleague_a", "bo-y-te", "reporter")
    first, second = list(report_a.entries.order_by("task__position"))[:2]
    data = _page_post(report_a, officer_a)
    services.save_entry(second, colleague, {"status": "overdue", "result": "Của họ"}, 1)
    data[f"e{first.pk}-evidence_date"] = "2999-01-01"
    data[f"e{first.pk}-result"] = "Của tôi một"
    data[f"e{second.pk}-result"] = "Của tôi hai"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Của tôi một" in html and "Của tôi hai" in html and "Của họ" in html
    assert "tương lai" in html
    assert f'name="e{second.pk}-take-result"' in html
    forms = dict((e.pk, f) for e, f in response.context["entry_forms"])
    assert forms[first.pk].errors["evidence_date"]
    # Merge: take their status, keep my result, against the version now in the form.
    data[f"e{first.pk}-evidence_date"] = ""
    data[f"e{second.pk}-version"] = "2"
    data[f"e{second.pk}-take-status"] = "theirs"
    data[f"e{second.pk}-take-result"] = "mine"
    merged = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert merged.status_code == 302
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.status, second.result, second.version) == ("overdue", "Của tôi hai", 3)
    assert first.result == "Của tôi một"


def test_one_units_button_without_javascript_keeps_the_other_changes(report_a, officer_a):
    first, second = list(report_a.entries.order_by("task__position"))[:2]
    data = _page_post(report_a, officer_a)
    data[f"e{first.pk}-result"] = "Lưu mục này"
    data[f"e{second.pk}-result"] = "Chưa lưu mục kia"
    data["only"] = f"e{first.pk}"
    response = client_for(officer_a).post(reverse("reporting:save_all", args=[report_a.pk]), data)
    assert response.status_code == 200
    assert "Chưa lưu mục kia" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.result == "Lưu mục này" and second.result == "" and second.version == 1


def test_the_fingerprint_ignores_line_ends_and_outer_spaces():
    assert fingerprint({"result": "a\r\nb "}) == fingerprint({"result": "a\nb"})
    assert fingerprint({"result": "a"}) != fingerprint({"result": "b"})


# ---------------------------------------------------------------- in place answers


def test_an_htmx_save_answers_saved_at_a_time(report_a, officer_a):
    entry = report_a.entries.first()
    response = client_for(officer_a).post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-result": "x",
            f"e{entry.pk}-version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Đã lưu lúc" in response.content.decode()


def test_an_invalid_entry_answers_its_field_error_in_place(report_a, officer_a):
    entry = report_a.entries.first()
    response = client_for(officer_a).post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "done_on_time",
            f"e{entry.pk}-evidence_date": "2999-01-01",
            f"e{entry.pk}-version": 1,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "tương lai" in " ".join(form.errors["evidence_date"])
    assert "minh chứng" in " ".join(form.errors["evidence_number"])


def test_without_javascript_an_invalid_entry_shows_the_page_with_its_errors(report_a, officer_a):
    entry = report_a.entries.first()
    response = client_for(officer_a).post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-evidence_date": "2999-01-01",
            f"e{entry.pk}-result": "Giữ lại",
            f"e{entry.pk}-version": 1,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "tương lai" in html and "Giữ lại" in html and "<html" in html


# ---------------------------------------------------------------- evidence


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_evidence_is_listed_with_name_size_and_type_on_the_read_only_view(
    media, report_a, officer_a, approver_a, most_monitor
):
    entry = report_a.entries.first()
    content = PDF + b"0" * 1_300_000
    services.save_entry(
        entry,
        officer_a,
        {
            "status": "in_progress",
            "result": "Có tệp",
            "evidence_file": SimpleUploadedFile("Quyết định.pdf", content),
        },
        expected_version=1,
    )
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    page = client_for(most_monitor).get(reverse("reporting:report", args=[report_a.pk]))
    html = page.content.decode()
    link = reverse("reporting:evidence", args=[report_a.pk, entry.pk])
    assert html.count(f'href="{link}"') >= 2  # in the task's row and in the list of files
    assert "Quyết định.pdf" in html and "PDF" in html and "1,2\xa0MB" in html
    download = client_for(most_monitor).get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    snapshot = report_a.snapshots.get()
    assert snapshot.data["entries"][0]["evidence_name"] == "Quyết định.pdf"


def test_a_file_can_be_removed_with_the_entry_save(media, report_a, officer_a):
    entry = report_a.entries.first()
    entry = services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "evidence_file": SimpleUploadedFile("a.pdf", PDF)},
        expected_version=1,
    )
    assert entry.evidence_file
    form = EntryForm(
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-version": entry.version,
            f"e{entry.pk}-evidence_remove": "on",
        },
        instance=entry,
        prefix=f"e{entry.pk}",
    )
    assert form.is_valid() and not form.is_unchanged()
    response = client_for(officer_a).post(
        reverse("reporting:save_entry", args=[report_a.pk, entry.pk]),
        {
            f"e{entry.pk}-status": "in_progress",
            f"e{entry.pk}-version": entry.version,
            f"e{entry.pk}-evidence_remove": "on",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    entry.refresh_from_db()
    assert not entry.evidence_file and entry.evidence_name == "" and entry.version == 3


def test_a_done_task_keeps_some_evidence_when_its_file_is_removed(media, report_a, officer_a):
    entry = report_a.entries.first()
    entry = services.save_entry(
        entry,
        officer_a,
        {"status": "done_on_time", "evidence_file": SimpleUploadedFile("a.pdf", PDF)},
        expected_version=1,
    )
    with pytest.raises(services.EntryInvalid) as refused:
        services.save_entry(
            entry, officer_a, {"status": "done_on_time", "evidence_remove": True}, entry.version
        )
    assert "evidence_number" in refused.value.problems
    entry.refresh_from_db()
    assert entry.evidence_file


def test_revising_an_accepted_report_asks_for_a_reason_on_its_confirmation(
    report_a, officer_a, approver_a, most_monitor
):
    fill(report_a, officer_a)
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    services.accept_report(report_a, most_monitor)
    report_a.refresh_from_db()
    client = client_for(officer_a)
    page = client.get(reverse("reporting:confirm", args=[report_a.pk, "revise"]))
    assert 'name="reason"' in page.content.decode()
    url = reverse("reporting:action", args=[report_a.pk, "revise"])
    empty = client.post(url, {"confirm": report_a.version, "reason": " "})
    assert empty.status_code == 400  # the confirmation again, the reason asked beside it
    assert 'id="confirm-text_error"' in empty.content.decode()
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.ACCEPTED
    client.post(url, {"confirm": report_a.version, "reason": "Sửa số liệu"})
    report_a.refresh_from_db()
    assert report_a.status == ReportStatus.DRAFT and report_a.revision == 2


def test_asking_for_approval_twice_from_the_same_confirmation_asks_once(
    report_a, officer_a, approver_a
):
    client = client_for(officer_a)
    url = reverse("reporting:action", args=[report_a.pk, "request-approval"])
    client.post(url, {"confirm": report_a.version})
    again = client.post(url, {"confirm": report_a.version})
    assert "không gửi lại" in " ".join(messages_of(again))
    assert events_for(report_a).filter(action="report.approval_requested").count() == 1
    assert Notification.objects.filter(user=approver_a).count() == 1


def test_a_replaced_file_stays_readable_from_the_copy_that_was_sent(
    media, report_a, officer_a, approver_a, most_monitor
):
    entry = report_a.entries.first()
    services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "evidence_file": SimpleUploadedFile("ban-dau.pdf", PDF + b"1")},
        expected_version=1,
    )
    services.approve_report(report_a, approver_a)
    services.submit_report(report_a, approver_a)
    services.return_report(report_a, most_monitor, "Thay tệp")
    entry.refresh_from_db()
    services.save_entry(
        entry,
        officer_a,
        {"status": "in_progress", "evidence_file": SimpleUploadedFile("thay-the.pdf", PDF + b"2")},
        expected_version=entry.version,
    )
    snapshot = report_a.snapshots.get()
    page = client_for(officer_a).get(reverse("reporting:report", args=[report_a.pk]))
    link = reverse("reporting:snapshot_evidence", args=[report_a.pk, snapshot.pk, 0])
    html = page.content.decode()
    assert link in html and "ban-dau.pdf" in html and "thay-the.pdf" in html
    old = client_for(most_monitor).get(link)
    assert old.status_code == 200 and b"".join(old.streaming_content) == PDF + b"1"
    # Outsiders get nothing; a forged index or a copy of another report is refused.
    officer_b = make_user("officer_b2", "bo-tai-chinh", "reporter")
    assert client_for(officer_b).get(link).status_code == 404
    bad = reverse("reporting:snapshot_evidence", args=[report_a.pk, snapshot.pk, 999])
    assert client_for(most_monitor).get(bad).status_code == 404
