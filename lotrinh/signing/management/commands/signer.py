from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.accounts.models import User
from lotrinh.signing import keys
from lotrinh.signing.models import SignerKey
from lotrinh.signing.services import configure_signer


class Command(BaseCommand):
    help = (
        "Configure where a signer's key is (a PKCS#12 file or a PKCS#11 token; never the "
        "key itself), or check a configuration (docs/signing.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["set", "check"])
        parser.add_argument("username")
        parser.add_argument("--pkcs12", help="path of the .p12/.pfx file on the server")
        parser.add_argument("--passphrase-env", default="", help="variable holding its passphrase")
        parser.add_argument("--passphrase-file", default="", help="file holding its passphrase")
        parser.add_argument("--pkcs11-module", default="", help="PKCS#11 module (.so)")
        parser.add_argument("--token", default="", help="PKCS#11 token label")
        parser.add_argument("--key-label", default="", help="label of the key on the token")
        parser.add_argument("--cert-label", default="", help="label of the certificate")
        parser.add_argument("--pin-env", default="", help="variable holding the token's PIN")
        parser.add_argument("--certificate", help="the signer's certificate (PEM), for a token")

    def handle(self, *args: object, **o: object) -> None:
        user = User.objects.filter(username=str(o["username"])).first()
        if user is None:
            raise CommandError(f"Không có tài khoản {o['username']!r}.")
        if o["action"] == "check":
            key = SignerKey.objects.filter(user=user).first()
            if key is None:
                raise CommandError(f"{user.username}: chưa cấu hình khoá ký.")
            problems = keys.check_config(key)
        else:
            fields: dict[str, str] = {}
            if o.get("pkcs12"):
                fields.update(
                    source="pkcs12",
                    pkcs12_path=str(Path(str(o["pkcs12"])).resolve()),
                    passphrase_env=str(o["passphrase_env"]),
                    passphrase_file=str(o["passphrase_file"]),
                )
            elif o.get("token"):
                fields.update(
                    source="pkcs11",
                    pkcs11_module=str(o["pkcs11_module"]),
                    pkcs11_token=str(o["token"]),
                    pkcs11_key_label=str(o["key_label"]),
                    pkcs11_cert_label=str(o["cert_label"]),
                    pin_env=str(o["pin_env"]),
                )
            else:
                raise CommandError("Cần --pkcs12 FILE hoặc --token LABEL (PKCS#11).")
            if o.get("certificate"):
                fields["certificate"] = Path(str(o["certificate"])).read_text()
            key, problems = configure_signer(user, **fields)
        for problem in problems:
            self.stdout.write(f"- {problem}")
        if problems:
            raise SystemExit(1)
        self.stdout.write(
            f"{user.username}: cấu hình khoá ký dùng được ({key.get_source_display()})."
        )
