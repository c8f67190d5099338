"""The pages: verify any signed PDF; the report page shows the verification to MOST;
the signed file is downloaded as signed."""

from django.urls import reverse

from lotrinh.core.models import AuditEvent
from lotrinh.signing.models import SignatureCheck
from tests.conftest import client_for
from tests.signing.test_signing import signed_bytes


def test_an_uploaded_signed_pdf_is_verified_and_the_result_kept(signed, most_monitor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(most_monitor)
    data = signed_bytes(signed)
    page = client.post(
        reverse("signing:verify"),
        {"file": SimpleUploadedFile("bao-cao.pdf", data, "application/pdf")},
    ).content.decode()
    assert "Chữ ký hợp lệ" in page and signed.signer.full_name in page
    tampered = bytearray(data)
    tampered[tampered.index(b"stream", tampered.index(b"/Length")) + 40] ^= 1
    page = client.post(
        reverse("signing:verify"),
        {"file": SimpleUploadedFile("sua.pdf", bytes(tampered), "application/pdf")},
    ).content.decode()
    assert "Chữ ký không được chấp nhận" in page and "thay đổi" in page
    kept = SignatureCheck.objects.filter(context="upload").order_by("pk")
    assert [c.valid for c in kept] == [True, False] and kept[1].reason
    assert AuditEvent.objects.filter(action="signature.checked").count() == 2
    refused = client.post(
        reverse("signing:verify"),
        {"file": SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")},
    )
    assert refused.status_code == 400 and "không phải là PDF" in refused.content.decode()


def test_most_sees_the_valid_signature_on_the_report_and_downloads_the_signed_file(
    signed, most_monitor, officer_b
):
    client = client_for(most_monitor)
    page = client.get(reverse("reporting:report", args=[signed.report.pk])).content.decode()
    assert "Chữ ký hợp lệ" in page and signed.signer.full_name in page
    assert "Số: 1/BC-BYT" in page
    response = client.get(reverse("signing:download", args=[signed.pk]))
    assert b"".join(response.streaming_content) == signed_bytes(signed)
    # Another agency's officer does not read a submitted report of Bộ Y tế.
    assert (
        client_for(officer_b).get(reverse("signing:download", args=[signed.pk])).status_code == 404
    )


def test_the_reason_a_signature_is_refused_is_in_the_readers_language_and_kept_in_vietnamese(
    signed, most_monitor
):
    """The verdict's reason was written in Vietnamese only: an English page showed
    "Nội dung tệp đã bị thay đổi sau khi ký…" after its English heading."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    tampered = bytearray(signed_bytes(signed))
    tampered[tampered.index(b"stream", tampered.index(b"/Length")) + 40] ^= 1
    page = client.post(
        reverse("signing:verify"),
        {"file": SimpleUploadedFile("sua.pdf", bytes(tampered), "application/pdf")},
    ).content.decode()
    assert "content was changed after it was signed" in page, page
    assert "thay đổi sau khi ký" not in page
    kept = SignatureCheck.objects.get(context="upload")
    assert kept.reason.startswith("Nội dung tệp đã bị thay đổi sau khi ký")
    event = AuditEvent.objects.get(action="signature.checked")
    assert event.note == kept.reason
