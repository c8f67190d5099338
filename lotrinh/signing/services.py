"""The register of outgoing documents, signing reports and verifying them on receipt.

- `issue_number`: the next number of an agency's register for a year and kind, with
  date, signer and recipients; the counter row is locked, so numbers are unique and
  gap-free however many issue at once (a failed issue rolls back with its number).
- `sign_and_submit`: the agency's approver signs the yearly report (PDF with its number,
  date and a visible signature block) and sends it; the signed bytes are stored and are
  what MOST receives; MOST's copy is verified on receipt and the result kept.
- `sign_consolidated`: MOST's leader signs the consolidated report.
- `check_upload`: verify a signed PDF made anywhere (the page /chu-ky-so/kiem-tra/).
"""

from __future__ import annotations

import copy
import datetime
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import record_event
from lotrinh.core.i18n import Deferred, in_language
from lotrinh.core.locale import agency_name, localized_text
from lotrinh.documents import assemble
from lotrinh.reporting import services as reporting
from lotrinh.reporting.guidance import receiver_in
from lotrinh.reporting.models import AgencyReport, ReportStatus
from lotrinh.reporting.rollup import check_units_settled
from lotrinh.signing import certs, keys
from lotrinh.signing.models import (
    CheckContext,
    RegisterCounter,
    RegisterEntry,
    SignatureCheck,
    SignedDocument,
    SignerKey,
)
from lotrinh.signing.sign import SignatureSpotMissing, sign_pdf
from lotrinh.signing.verify import Verdict, verify_pdf

REPORT_KIND = "BC"  # báo cáo
MOST_NAME = "Bộ Khoa học và Công nghệ"


class SigningError(reporting.WorkflowError):
    """Signing cannot go ahead; the message says why and nothing was changed."""


# ---------------------------------------------------------------- register


def symbol(agency: Agency, kind: str = REPORT_KIND) -> str:
    """The symbol written after the number: Decree 30's "BC-BKHCN" ("Số: 7/BC-BKHCN", the
    kind, a hyphen, the body's abbreviation); a Party body's "BC/TU" (Hướng dẫn 36-HD/VPTW:
    "Số 7-BC/TU", the kind, a slash, the body's abbreviation as its letterhead has it,
    `assemble.party_lines`)."""
    party = agency.kind.startswith("party")
    if party:
        abbreviation = assemble.party_lines(agency)[2]
    else:
        abbreviation = (
            "BKHCN" if agency.name_vi == MOST_NAME else assemble.state_abbreviation(agency)
        )
    if abbreviation in ("", "……"):
        # A number is for good: no made-up symbol ("UBND" was written for any body).
        raise SigningError(
            _(
                "Danh mục chưa có chữ viết tắt của %(agency)s để ghi số, ký hiệu văn bản; "
                "đề nghị quản trị hệ thống bổ sung rồi ký lại."
            )
            % {"agency": localized_text(agency, "name")}
        )
    return f"{kind}/{abbreviation}" if party else f"{kind}-{abbreviation}"


def _locked_counter(agency: Agency, year: int, kind: str) -> RegisterCounter:
    try:
        return RegisterCounter.objects.select_for_update().get(agency=agency, year=year, kind=kind)
    except RegisterCounter.DoesNotExist:
        pass
    try:
        with transaction.atomic():  # a savepoint: another issuer may create it first
            RegisterCounter.objects.create(agency=agency, year=year, kind=kind)
    except IntegrityError:
        pass
    return RegisterCounter.objects.select_for_update().get(agency=agency, year=year, kind=kind)


@transaction.atomic
def issue_number(
    agency: Agency,
    *,
    title: str,
    signer: User | None,
    recipients: list[str],
    kind: str = REPORT_KIND,
    issued_on: datetime.date | None = None,
    report: AgencyReport | None = None,
) -> RegisterEntry:
    """Take the next number of `agency`'s register for the year of `issued_on`."""
    day = issued_on or timezone.localdate()
    written = symbol(agency, kind)  # before the counter moves: a refusal uses no number
    counter = _locked_counter(agency, day.year, kind)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    entry = RegisterEntry.objects.create(
        agency=agency,
        year=day.year,
        kind=kind,
        number=counter.last_number,
        symbol=written,
        issued_on=day,
        title=title[:500],
        signer=signer,
        signer_name=(signer.full_name or signer.username) if signer else "",
        signer_position=getattr(signer, "position", "") or "",
        recipients=list(recipients),
        report=report,
    )
    record_event(
        signer,
        "register.issued",
        entry,
        after={"number": entry.label, "issued_on": day.isoformat(), "title": entry.title},
    )
    return entry


def numbered(data: dict[str, Any], entry: RegisterEntry) -> dict[str, Any]:
    """The document's content with its number, date and signer filled in (the Decree 30
    places: number under the issuer, place and date under the motto, name under the
    signature), ready to be signed."""
    result = copy.deepcopy(data)
    result["header"]["number"] = entry.label
    result["header"]["place_date"] = assemble.place_date(
        entry.issued_on, result["header"].get("place") or "Hà Nội"
    )
    result["signature"]["name"] = entry.signer_name
    # The signer's own position decides the form: "KT. BỘ TRƯỞNG / THỨ TRƯỞNG" for a
    # deputy, "Q. …" for an acting head (assemble.authority_of).
    if entry.signer_position:
        result["signature"]["authority"] = assemble.authority_of(
            entry.agency, entry.signer_position
        )
    result["signing"] = True
    result["recipients"] = list(entry.recipients) or result.get("recipients", [])
    return result


# ---------------------------------------------------------------- signers


def approver_fingerprints(agency: Agency) -> dict[str, str]:
    """fingerprint → name of the agency's active approvers' registered certificates."""
    return {
        key.fingerprint: str(key.user)
        for key in SignerKey.objects.filter(
            user__agency=agency, user__role=Role.APPROVER, user__is_active=True
        ).select_related("user")
        if key.fingerprint
    }


def most_agency() -> Agency:
    from lotrinh.agencies.loader import agency_code

    return Agency.objects.get(code=agency_code(MOST_NAME))


@transaction.atomic
def configure_signer(
    user: User, *, actor: Any = None, **fields: Any
) -> tuple[SignerKey, list[str]]:
    """Record where `user`'s key is (never the key). The certificate is read from the
    PKCS#12 file, or given (PEM) for a token; returns the configuration and its problems."""
    key, _created = SignerKey.objects.select_for_update().get_or_create(
        user=user, defaults={"source": fields.get("source", "pkcs12")}
    )
    for name, value in fields.items():
        setattr(key, name, value or "")
    if key.source == "pkcs12" and key.pkcs12_path and not fields.get("certificate"):
        try:
            from pathlib import Path

            passphrase = keys._secret(key.passphrase_env, key.passphrase_file, "")
            certificate = keys.certificate_of_pkcs12(Path(key.pkcs12_path), passphrase)
            from cryptography.hazmat.primitives.serialization import Encoding

            key.certificate = certificate.public_bytes(Encoding.PEM).decode()
        except keys.KeyProblem:
            pass
    if key.certificate:
        certificate = certs.load_certificate(key.certificate.encode())
        key.fingerprint = certs.fingerprint(certificate)
        key.is_demo = certs.is_demo(certificate)
    key.save()
    record_event(
        actor,
        "signer.configured",
        key,
        after={"source": key.source, "fingerprint": key.fingerprint, "user": user.username},
    )
    return key, keys.check_config(key)


def _signer_of(user: Any) -> tuple[SignerKey, Any]:
    key = SignerKey.objects.filter(user=user).first()
    if key is None:
        raise SigningError(
            _(
                "Chưa cấu hình khoá ký số cho tài khoản của bạn; hãy đề nghị quản trị hệ thống "
                "khai báo (lotrinh signer, xem docs/signing.md)."
            )
        )
    try:
        return key, keys.load_signer(key)
    except keys.KeyProblem as exc:
        raise SigningError(str(exc)) from exc


def _sign(data: dict[str, Any], signer: Any, entry: RegisterEntry, reason: str) -> bytes:
    from lotrinh.documents import render
    from lotrinh.documents.letterhead import is_party

    pdf = render.render_pdf(data.get("kind", "agency"), data)
    try:
        return sign_pdf(
            pdf,
            signer,
            signer_name=entry.signer_name,
            authority=data["signature"]["authority"],
            reason=reason,
            party=is_party(data["header"]),
        )
    except SignatureSpotMissing as exc:
        raise SigningError(_("Không tìm thấy vị trí chữ ký trên trang cuối của văn bản.")) from exc
    except Exception as exc:  # the token, the key or the timestamp service refused
        raise SigningError(_("Không ký được văn bản: %(error)s") % {"error": exc}) from exc


def _store(entry: RegisterEntry, blob: bytes, user: Any, report: AgencyReport | None) -> Any:
    document = SignedDocument(
        register=entry,
        report=report,
        sha256=hashlib.sha256(blob).hexdigest(),
        signer=user,
        signed_at=timezone.now(),
    )
    document.file.save(entry.file_name, ContentFile(blob), save=True)
    return document


def keep_check(
    verdict: Verdict,
    *,
    context: str,
    document: SignedDocument | None = None,
    file_name: str = "",
    user: Any = None,
) -> SignatureCheck:
    return SignatureCheck.objects.create(
        document=document,
        context=context,
        file_name=file_name[:255],
        sha256=verdict.sha256,
        valid=verdict.valid,
        # On record in the documents' language, whoever's page asked for the check.
        reason=in_language(verdict.reason, "vi"),
        signer_name=verdict.signer_name[:300],
        signer_subject=verdict.signer_subject,
        signing_time=verdict.signing_time,
        timestamped=verdict.timestamped,
        chain=verdict.chain,
        checked_by=user if getattr(user, "is_authenticated", False) else None,
    )


# ---------------------------------------------------------------- agency reports


@transaction.atomic
def sign_and_submit(
    report: AgencyReport, user: Any, expected_version: int | None = None
) -> SignedDocument:
    """The approver signs the approved yearly report and sends it to MOST.

    Takes the register number, renders the PDF with number, date and signer, signs it
    with the approver's configured key, stores the signed bytes, submits the report and
    verifies MOST's copy on receipt (kept with the document, in its history). A refusal
    (untrusted or expired certificate, a signer who is not an approver) changes nothing."""
    locked = reporting._lock(report)
    if not perms.may_sign_report(user, locked):
        raise SigningError(_("Chỉ lãnh đạo phê duyệt của cơ quan ký số và gửi báo cáo."))
    if expected_version is not None and locked.version != expected_version:
        raise reporting.AlreadyDone(
            _(
                "Báo cáo đã thay đổi từ lúc bạn xác nhận (nay ở trạng thái “%(status)s”): chưa thực hiện gì. Hãy xem lại rồi xác nhận lần nữa."
            )
            % {"status": locked.get_status_display()}
        )
    if locked.status != ReportStatus.APPROVED:
        raise SigningError(
            _("Chỉ ký số báo cáo đã được lãnh đạo duyệt (nay ở trạng thái “%(status)s”).")
            % {"status": locked.get_status_display()}
        )
    # Before anything is numbered or signed: the submission would refuse it anyway.
    check_units_settled(locked)
    document = sign_agency_report(locked, user)
    reporting.submit_report(locked, user, expected_version)
    receive(document)
    return document


@transaction.atomic
def sign_agency_report(
    report: AgencyReport, user: Any, cutoff: datetime.date | None = None
) -> SignedDocument:
    """Number, render and sign the agency's yearly report as it is now, with `user`'s
    configured key; the signed bytes are stored with the report."""
    _key, signer = _signer_of(user)
    today = timezone.localdate()
    data = assemble.agency_report(report, cutoff or today, live=cutoff is None)
    data["kind"] = "agency"
    entry = issue_number(
        report.agency,
        title=data["header"]["title"],
        signer=user,
        recipients=data["recipients"],
        issued_on=today,
        report=report,
    )
    blob = _sign(numbered(data, entry), signer, entry, "Ký ban hành báo cáo")
    document = _store(entry, blob, user, report)
    record_event(
        user, "report.signed", report, after={"number": entry.label, "sha256": document.sha256}
    )
    return document


def signing_approver(agency: Agency) -> User | None:
    """The agency's active approver with a configured key (the commands sign with it)."""
    return (
        User.objects.filter(
            agency=agency, role=Role.APPROVER, is_active=True, signer_key__isnull=False
        )
        .order_by("pk")
        .first()
    )


def receive(document: SignedDocument) -> SignatureCheck:
    """The receiver's check of a signed report when it arrives (MOST's, or the body the
    regime names): refused means not received."""
    report = document.report
    assert report is not None
    verdict = verify_pdf(
        document.file.open("rb").read(),
        expected=approver_fingerprints(report.agency),
        expected_label=Deferred(lambda: agency_name(report.agency)[0]),
    )
    document.file.close()
    if not verdict.valid:
        raise SigningError(
            _("Chữ ký số không được chấp nhận: %(reason)s") % {"reason": verdict.reason}
        )
    check = keep_check(verdict, context=CheckContext.RECEIPT, document=document)
    record_event(
        None,
        "signature.verified",
        report,
        after={
            "signer": verdict.signer_name,
            "signing_time": verdict.signing_time.isoformat() if verdict.signing_time else "",
            "number": document.register.label,
            # Who received and checked it, named for the history in both languages.
            "receiver_vi": receiver_in(report, "vi"),
            "receiver_en": receiver_in(report, "en"),
        },
    )
    return check


def latest_signed(report: AgencyReport) -> SignedDocument | None:
    return (
        report.signed_documents.select_related("register")
        .prefetch_related("checks")
        .order_by("-signed_at", "-id")
        .first()
    )


def latest_check(document: SignedDocument | None) -> SignatureCheck | None:
    if document is None:
        return None
    return document.checks.order_by("-checked_at", "-id").first()


# ---------------------------------------------------------------- consolidated report


@transaction.atomic
def sign_consolidated(
    user: User, programme: Any, year: int, cutoff: datetime.date
) -> SignedDocument:
    """MOST's leader (an approver of MOST) signs the consolidated report."""
    most = most_agency()
    if user.agency_id != most.pk or user.role != Role.APPROVER:
        raise SigningError(_("Chỉ lãnh đạo Bộ Khoa học và Công nghệ ký báo cáo tổng hợp."))
    _key, signer = _signer_of(user)
    data = assemble.consolidated(programme, year, cutoff)
    data["kind"] = "consolidated"
    entry = issue_number(
        most, title=data["header"]["title"], signer=user, recipients=data["recipients"]
    )
    blob = _sign(numbered(data, entry), signer, entry, "Ký ban hành báo cáo tổng hợp")
    document = _store(entry, blob, user, None)
    verdict = verify_pdf(
        blob,
        expected=approver_fingerprints(most),
        expected_label=Deferred(lambda: agency_name(most)[0]),
    )
    if not verdict.valid:
        raise SigningError(
            _("Chữ ký số không được chấp nhận: %(reason)s") % {"reason": verdict.reason}
        )
    keep_check(verdict, context=CheckContext.RECEIPT, document=document)
    record_event(user, "document.signed", entry, after={"number": entry.label})
    return document


# ---------------------------------------------------------------- files from anywhere


def check_upload(user: Any, name: str, data: bytes) -> tuple[Verdict, SignatureCheck]:
    """Verify a signed PDF produced anywhere; the result is kept (and recorded)."""
    verdict = verify_pdf(data)
    with transaction.atomic():
        check = keep_check(verdict, context=CheckContext.UPLOAD, file_name=name, user=user)
        record_event(
            user,
            "signature.checked",
            check,
            after={"valid": verdict.valid, "signer": verdict.signer_name, "file": name[:200]},
            note=in_language(verdict.reason, "vi"),
        )
    return verdict, check
