"""Verifying a signed PDF: integrity, the signer's chain to the configured trust roots,
the certificate's validity at signing time, and (for a report) whether the signer is
one of the agency's approvers. pyHanko does the cryptography; this module turns its
answer into one sentence a person can act on, in the reader's language; a check kept
on record (`services.keep_check`) keeps it in Vietnamese, the documents' language."""

from __future__ import annotations

import datetime
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from django.conf import settings

from lotrinh.core.i18n import Deferred
from lotrinh.core.i18n import gettext as _
from lotrinh.core.locale import format_date
from lotrinh.signing import certs


@dataclass
class Verdict:
    valid: bool
    reason: str = ""
    signer_name: str = ""
    signer_subject: str = ""
    signing_time: datetime.datetime | None = None
    timestamped: bool = False
    intact: bool = False
    trusted: bool = False
    fingerprint: str = ""
    chain: list[str] = field(default_factory=list)
    sha256: str = ""
    signatures: int = 0


def demo_allowed() -> bool:
    """Demonstration certificates count only in local runs, tests and DEBUG."""
    return bool(getattr(settings, "SIGNING_ALLOW_DEMO", False))


def demo_root_path() -> Path:
    return Path(settings.SIGNING_DIR) / "demo" / "ca.pem"


def trust_roots() -> list[x509.Certificate]:
    """The configured trust roots (LOTRINH_TRUST_ROOTS), and the demonstration
    authority's when demonstration certificates are allowed."""
    roots: list[x509.Certificate] = []
    for path in settings.SIGNING_TRUST_ROOTS:
        try:
            roots.extend(certs.load_certificates(Path(path)))
        except (OSError, ValueError):
            continue  # `manage.py check` reports it (signing.E001)
    demo = demo_root_path()
    if demo_allowed() and demo.is_file():
        roots.extend(certs.load_certificates(demo))
    if not demo_allowed():
        roots = [r for r in roots if not certs.is_demo(r)]
    return roots


def _asn1(certificate: x509.Certificate) -> Any:
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


def _crypto(certificate: Any) -> x509.Certificate:
    return x509.load_der_x509_certificate(certificate.dump())


def _day(moment: datetime.datetime) -> Deferred:
    """The day of `moment`, as the reason's language writes a day."""
    from django.utils import timezone

    return Deferred(lambda: format_date(timezone.localtime(moment).date()))


def verify_pdf(
    data: bytes,
    *,
    roots: Iterable[x509.Certificate] | None = None,
    expected: dict[str, str] | None = None,
    expected_label: str = "",
) -> Verdict:
    """Verify the last signature of `data` (it must cover the whole file).

    `expected`: fingerprint → name of the people allowed to sign (the agency's
    approvers); None when anyone trusted may (a file checked on its own)."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    verdict = Verdict(valid=False, sha256=hashlib.sha256(data).hexdigest())
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:
        verdict.reason = _("Tệp không phải là tệp PDF đọc được (có thể đã bị hỏng hoặc bị sửa).")
        return verdict
    verdict.signatures = len(signatures)
    if not signatures:
        verdict.reason = _("Tệp không có chữ ký số.")
        return verdict
    signature = signatures[-1]
    try:
        certificate = _crypto(signature.signer_cert)
    except Exception:
        verdict.reason = _("Không đọc được chứng thư số trong chữ ký.")
        return verdict
    verdict.signer_name = certs.common_name(certificate)
    verdict.signer_subject = certificate.subject.rfc4514_string()
    verdict.fingerprint = certs.fingerprint(certificate)
    try:
        claimed = signature.self_reported_timestamp
    except Exception:
        claimed = None
    verdict.signing_time = claimed
    if certs.is_demo(certificate) and not demo_allowed():
        verdict.reason = _(
            "Chữ ký dùng chứng thư minh hoạ (DEMO) của Lộ trình, không có giá trị pháp lý "
            "và không được chấp nhận trên hệ thống chính thức."
        )
        return verdict
    trusted_roots = list(roots) if roots is not None else trust_roots()
    if not trusted_roots:
        verdict.reason = _(
            "Chưa cấu hình chứng thư gốc tin cậy (LOTRINH_TRUST_ROOTS): không thể xác minh "
            "người ký."
        )
        return verdict
    # The time a signature states is the signer's own word (a clock can be set back);
    # only a timestamp proves it. Without one the chain is validated now, as ETSI EN
    # 319 102-1 validates a signature with no proof of existence: a certificate that has
    # since expired is refused, whatever time the signature claims.
    stamped = getattr(signature, "attached_timestamp_data", None) is not None
    now = datetime.datetime.now(datetime.UTC)
    moment = claimed if (stamped and claimed) else now
    context = ValidationContext(
        trust_roots=[_asn1(r) for r in trusted_roots],
        allow_fetching=False,
        revocation_mode="soft-fail",
        moment=moment,
        best_signature_time=moment,
    )
    try:
        status = certs.outside_event_loop(validate_pdf_signature, signature, context)
    except Exception as exc:
        verdict.reason = _("Không kiểm tra được chữ ký: tệp đã bị sửa hoặc hỏng (%(error)s).") % {
            "error": exc
        }
        return verdict
    verdict.intact, verdict.trusted = bool(status.intact), bool(status.trusted)
    if status.timestamp_validity is not None:
        verdict.timestamped = True
        verdict.signing_time = status.timestamp_validity.timestamp
    if status.validation_path is not None:
        verdict.chain = [
            _crypto(c).subject.rfc4514_string()
            for c in reversed(list(status.validation_path.iter_certs(include_root=True)))
        ]
    if not status.intact:
        verdict.reason = _(
            "Nội dung tệp đã bị thay đổi sau khi ký: mã băm của tài liệu không khớp với chữ ký."
        )
        return verdict
    if not status.valid:
        verdict.reason = _(
            "Chữ ký không đúng về mặt mật mã (không khớp với chứng thư của người ký)."
        )
        return verdict
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        verdict.reason = _(
            "Tệp đã được thêm nội dung sau khi ký: chữ ký không bao trùm toàn bộ tệp."
        )
        return verdict
    if not status.trusted:
        verdict.reason = _trust_reason(status, certificate, moment, stamped)
        return verdict
    stamp = status.timestamp_validity
    if stamp is not None and not (stamp.valid and stamp.intact and stamp.trusted):
        verdict.reason = _("Dấu thời gian (RFC 3161) của chữ ký không hợp lệ hoặc không tin cậy.")
        return verdict
    if expected is not None and verdict.fingerprint not in expected:
        verdict.reason = _(
            "Người ký (%(signer)s) không phải lãnh đạo phê duyệt đã đăng ký chứng thư của "
            "%(agency)s."
        ) % {"signer": verdict.signer_name, "agency": expected_label or _("cơ quan gửi báo cáo")}
        return verdict
    verdict.valid = True
    return verdict


def _trust_reason(
    status: Any, certificate: x509.Certificate, moment: datetime.datetime, stamped: bool
) -> str:
    indication = str(getattr(status.trust_problem_indic, "name", status.trust_problem_indic))
    not_after = certificate.not_valid_after_utc
    not_before = certificate.not_valid_before_utc
    if moment > not_after or "EXPIRED" in indication or "OUT_OF_BOUNDS" in indication:
        if not stamped:
            return _(
                "Chứng thư số của người ký đã hết hạn ngày %(expired)s. Chữ ký không có dấu "
                "thời gian (RFC 3161) nên thời điểm ký chỉ do người ký tự khai; chữ ký được "
                "kiểm tra tại thời điểm kiểm tra (%(checked)s)."
            ) % {"expired": _day(not_after), "checked": _day(moment)}
        return _(
            "Chứng thư số của người ký đã hết hạn ngày %(expired)s, trước thời điểm ký "
            "(%(signed)s)."
        ) % {"expired": _day(not_after), "signed": _day(moment)}
    if moment < not_before or "NOT_YET_VALID" in indication:
        return _(
            "Chứng thư số của người ký chưa có hiệu lực tại thời điểm ký (hiệu lực từ "
            "%(valid_from)s)."
        ) % {"valid_from": _day(not_before)}
    if "REVOKED" in indication:
        return _("Chứng thư số của người ký đã bị thu hồi.")
    issuer = certificate.issuer.rfc4514_string()
    return _(
        "Chứng thư số của người ký không thuộc tổ chức chứng thực tin cậy đã cấu hình "
        "(cấp bởi: %(issuer)s)."
    ) % {"issuer": issuer}


def verify_file(path: Path, **kwargs: Any) -> Verdict:
    return verify_pdf(path.read_bytes(), **kwargs)
