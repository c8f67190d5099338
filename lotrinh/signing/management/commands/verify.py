from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.agencies.services import resolve_agency
from lotrinh.signing.services import approver_fingerprints
from lotrinh.signing.verify import verify_pdf


class Command(BaseCommand):
    help = (
        "Verify a signed PDF: signer, signing time, certificate chain and integrity; exit "
        "status 0 only when the signature is valid and trusted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--agency", help="also require the signer to be one of this agency's approvers"
        )

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        expected, label = None, ""
        if options.get("agency"):
            agency = resolve_agency(str(options["agency"]))
            if agency is None:
                raise CommandError(f"Không tìm thấy cơ quan {options['agency']!r}.")
            expected, label = approver_fingerprints(agency), agency.name_vi
        verdict = verify_pdf(path.read_bytes(), expected=expected, expected_label=label)
        when = f"{verdict.signing_time:%Y-%m-%d %H:%M:%S %z}" if verdict.signing_time else "—"
        self.stdout.write(f"Tệp / file: {path} (SHA-256 {verdict.sha256})")
        self.stdout.write(f"Người ký / signer: {verdict.signer_name or '—'}")
        self.stdout.write(f"Chứng thư / certificate: {verdict.signer_subject or '—'}")
        self.stdout.write(
            f"Thời điểm ký / signing time: {when}"
            + (" (RFC 3161)" if verdict.timestamped else " (do người ký khai / self-reported)")
        )
        self.stdout.write("Chuỗi chứng thư / chain: " + (" → ".join(verdict.chain) or "—"))
        self.stdout.write(
            f"Toàn vẹn / integrity: {'nguyên vẹn / intact' if verdict.intact else 'KHÔNG / not intact'}; "
            f"tin cậy / trusted: {'có / yes' if verdict.trusted else 'không / no'}"
        )
        if verdict.valid:
            self.stdout.write("Chữ ký hợp lệ / the signature is valid and trusted.")
            return
        self.stdout.write(f"Chữ ký không được chấp nhận / refused: {verdict.reason}")
        raise SystemExit(1)
