"""A "save all" from a page left open while the leader sent the report (a second tab, the
back button, a colleague's click) writes nothing, as before, and loses nothing: the page
comes back with what the officer typed, so it can be copied into a revision."""

import pytest

from lotrinh.reporting import services
from tests.conftest import client_for
from tests.reporting.conftest import fill
from tests.reporting.test_versions import entry_post

pytestmark = pytest.mark.django_db


def test_save_all_after_the_report_was_sent_shows_the_typed_texts(report_a, officer_a, approver_a):
    fill(report_a, officer_a)
    entry = report_a.entries.order_by("pk").first()
    entry.refresh_from_db()
    typed = entry_post(
        entry, result="Kết quả gõ sau khi đã gửi", difficulties="Khó khăn gõ sau khi đã gửi"
    )
    typed["general_assessment"] = "Đánh giá chung gõ sau khi đã gửi"
    typed["proposals_to_government"] = ""
    typed["version"] = report_a.sections_version
    services.submit_report(services.approve_report(report_a, approver_a), approver_a)

    response = client_for(officer_a).post(f"/bao-cao/{report_a.pk}/luu-tat-ca/", typed)

    assert response.status_code == 409
    body = response.content.decode()
    assert "không thể sửa" in body
    for text in (
        "Kết quả gõ sau khi đã gửi",
        "Khó khăn gõ sau khi đã gửi",
        "Đánh giá chung gõ sau khi đã gửi",
    ):
        assert text in body
    entry.refresh_from_db()
    assert entry.result != "Kết quả gõ sau khi đã gửi"
