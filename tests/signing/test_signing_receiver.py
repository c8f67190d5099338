"""A signed report is checked on receipt by its own receiver: the report page and its
history name that body (a Party commission for a regime that names one), not MOST."""

from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.core.audit import events_for
from lotrinh.core.history import describe
from lotrinh.signing.services import sign_and_submit
from tests.conftest import client_for

COMMISSION = "Ban Chính sách, chiến lược Trung ương"


def test_the_check_on_receipt_names_the_reports_receiver(signing_approver, approved_report):
    regime = approved_report.period.regime
    regime.recipient = Agency.objects.get(name_vi=COMMISSION)
    regime.save(update_fields=["recipient"])
    sign_and_submit(approved_report, signing_approver, approved_report.version)
    page = client_for(signing_approver).get(reverse("reporting:report", args=[approved_report.pk]))
    signature = page.content.decode().split('id="signed-report"')[1].split("</section>")[0]
    assert f"Kiểm tra khi {COMMISSION} nhận lúc" in signature
    assert "KH&amp;CN" not in signature and "KH&CN" not in signature
    verified = next(e for e in events_for(approved_report) if e.action == "signature.verified")
    sentence = str(describe(verified))
    assert sentence.startswith(f"{COMMISSION} kiểm tra chữ ký số khi nhận báo cáo")


def test_a_report_to_most_still_names_most(signing_approver, approved_report):
    sign_and_submit(approved_report, signing_approver, approved_report.version)
    page = client_for(signing_approver).get(reverse("reporting:report", args=[approved_report.pk]))
    signature = page.content.decode().split('id="signed-report"')[1].split("</section>")[0]
    assert "Kiểm tra khi Bộ Khoa học và Công nghệ nhận lúc" in signature
