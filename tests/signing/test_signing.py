"""The approver signs the yearly report; MOST verifies it on receipt; any change to the
signed file, an untrusted root, an expired certificate or a signer who is not the
agency's approver is refused with its reason."""

import io

import pytest
from pypdf import PdfReader

from lotrinh.core.audit import events_for
from lotrinh.core.history import describe
from lotrinh.reporting.models import ReportStatus
from lotrinh.signing import certs
from lotrinh.signing.models import SignatureCheck, SignedDocument
from lotrinh.signing.services import SigningError, approver_fingerprints, sign_and_submit
from lotrinh.signing.sign import sign_pdf
from lotrinh.signing.verify import verify_pdf
from tests.signing.conftest import PASSPHRASE, expired, give_key


def signed_bytes(document: SignedDocument) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def test_the_approver_signs_the_report_and_most_receives_a_valid_signature(
    signed, approved_report, approver_a
):
    approved_report.refresh_from_db()
    assert approved_report.status == ReportStatus.SUBMITTED
    entry = signed.register
    assert entry.label == "Số: 1/BC-BYT"
    assert entry.signer == approver_a and entry.recipients
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(signed_bytes(signed))).pages
    )
    assert "Số: 1/BC-BYT" in text
    assert f"ngày {entry.issued_on.day:02d} tháng {entry.issued_on.month:02d}" in text
    check = SignatureCheck.objects.get(document=signed)
    assert check.valid and check.signer_name == approver_a.full_name
    assert check.signing_time is not None and check.reason == ""
    history = [describe(e).text for e in events_for(approved_report)]
    assert any("chữ ký hợp lệ" in line and approver_a.full_name in line for line in history)


def test_the_stored_file_is_the_signed_one_and_passes_pyhankos_validation(signed, authority):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    data = signed_bytes(signed)
    import hashlib

    assert hashlib.sha256(data).hexdigest() == signed.sha256
    reader = PdfFileReader(io.BytesIO(data))
    root = asn1_x509.Certificate.load(authority.certificate.public_bytes(Encoding.DER))
    status = certs.outside_event_loop(
        validate_pdf_signature,
        reader.embedded_signatures[0],
        ValidationContext(trust_roots=[root]),
    )
    assert status.bottom_line and status.signer_reported_dt is not None
    assert reader.embedded_signatures[0].sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


def test_one_changed_byte_fails_verification_with_a_clear_reason(signed, approved_report):
    data = bytearray(signed_bytes(signed))
    expected = approver_fingerprints(approved_report.agency)
    assert verify_pdf(bytes(data), expected=expected).valid
    # A byte inside the first content stream (covered by the signature).
    at = data.index(b"stream", data.index(b"/Length")) + 40
    data[at] ^= 0x01
    verdict = verify_pdf(bytes(data), expected=expected)
    assert not verdict.valid
    assert "bị thay đổi sau khi ký" in verdict.reason or "đã bị sửa" in verdict.reason


def _signed_with(issued, chain, tmp_path, pdf: bytes) -> bytes:
    from pyhanko.sign import signers

    signer = signers.SimpleSigner.load_pkcs12_data(
        certs.pkcs12_bytes(issued, chain, PASSPHRASE), [], passphrase=PASSPHRASE
    )
    return sign_pdf(pdf, signer, signer_name="X", authority="BỘ TRƯỞNG", reason="thử")


@pytest.fixture
def plain_pdf():
    from weasyprint import HTML

    return HTML(
        string="<p>Báo cáo thử</p><table><tr><td>Nơi nhận</td><td><b>BỘ TRƯỞNG</b>"
        "<div style='height:30mm'></div><b>Người ký</b></td></tr></table>"
    ).write_pdf()


def test_a_certificate_from_an_untrusted_root_is_refused(
    trust, stranger_authority, tmp_path, plain_pdf
):
    outsider = certs.issue_signer(stranger_authority, "Người ngoài", organisation="Nơi khác")
    verdict = verify_pdf(_signed_with(outsider, [stranger_authority], tmp_path, plain_pdf))
    assert not verdict.valid
    assert "không thuộc tổ chức chứng thực tin cậy" in verdict.reason
    assert "CA không tin cậy" in verdict.reason


def test_an_expired_certificate_is_refused(trust, authority, tmp_path, plain_pdf):
    old = expired(authority, "Chứng thư cũ")
    verdict = verify_pdf(_signed_with(old, [authority], tmp_path, plain_pdf))
    assert not verdict.valid
    assert "đã hết hạn" in verdict.reason


def test_a_signer_who_is_not_the_agencys_approver_is_refused(
    trust, authority, tmp_path, approved_report, officer_a, approver_a
):
    # The officer has a valid certificate from the trusted root, but is no approver.
    give_key(
        officer_a,
        certs.issue_signer(authority, "Officer A", organisation="Bộ Y tế"),
        [authority],
        tmp_path,
    )
    give_key(
        approver_a,
        certs.issue_signer(authority, approver_a.full_name, organisation="Bộ Y tế"),
        [authority],
        tmp_path,
    )
    from lotrinh.signing.keys import load_signer

    signer = load_signer(officer_a.signer_key)
    from lotrinh.documents import assemble, render
    from lotrinh.signing.services import issue_number, numbered

    data = assemble.agency_report(approved_report, approved_report.period.end, live=True)
    entry = issue_number(approved_report.agency, title="x", signer=officer_a, recipients=[])
    pdf = render.render_pdf("agency", numbered(data, entry))
    blob = sign_pdf(pdf, signer, signer_name="Officer A", authority="BỘ TRƯỞNG", reason="thử")
    verdict = verify_pdf(blob, expected=approver_fingerprints(approved_report.agency))
    assert not verdict.valid
    assert "không phải lãnh đạo phê duyệt" in verdict.reason and "Officer A" in verdict.reason


def test_signing_with_a_refused_certificate_changes_nothing(
    trust, authority, tmp_path, approved_report, approver_a
):
    give_key(approver_a, expired(authority, approver_a.full_name), [authority], tmp_path)
    with pytest.raises(SigningError, match="hết hạn"):
        sign_and_submit(approved_report, approver_a, approved_report.version)
    approved_report.refresh_from_db()
    assert approved_report.status == ReportStatus.APPROVED
    assert not SignedDocument.objects.exists()
    from lotrinh.signing.models import RegisterEntry

    assert not RegisterEntry.objects.exists()  # the number was not used up


def test_an_approver_without_a_key_is_told_and_nothing_changes(trust, approved_report, approver_a):
    with pytest.raises(SigningError, match="Chưa cấu hình khoá ký số"):
        sign_and_submit(approved_report, approver_a, approved_report.version)
    approved_report.refresh_from_db()
    assert approved_report.status == ReportStatus.APPROVED


def test_the_signature_block_is_visible_on_the_rendered_page(signed, tmp_path):
    import importlib.util
    import subprocess
    import sys

    spec = importlib.util.spec_from_file_location("check_block", "scripts/check_signature_block.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    block_ink = module.block_ink

    data = signed_bytes(signed)
    page, (x1, y1, x2, y2), ink = block_ink(data, tmp_path / "page.png")
    assert ink >= 0.01 and (tmp_path / "page.png").stat().st_size > 0
    # In the Decree 30 position: right half of the last page, under the authority.
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    width, _h = document[page].get_size()
    assert page == len(document) - 1 and x1 > width / 3
    document.close()
    target = tmp_path / "signed.pdf"
    target.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "scripts/check_signature_block.py", str(target)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # The same check fails on a file without a signature block.
    unsigned = tmp_path / "plain.pdf"
    unsigned.write_bytes(b"%PDF-1.4\n")
    assert (
        subprocess.run(
            [sys.executable, "scripts/check_signature_block.py", str(unsigned)],
            capture_output=True,
        ).returncode
        != 0
    )
