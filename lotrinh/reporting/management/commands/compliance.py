import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lotrinh.programmes.services import programme_for_command
from lotrinh.reporting import compliance


class Command(BaseCommand):
    help = "The compliance table of a programme: one row per agency (plan, report status, dates, reminders sent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="e.g. 50/NQ-CP")
        parser.add_argument(
            "--year", type=int, action="append", help="period year (repeatable; default all)"
        )
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument(
            "--issuer",
            default="",
            help="the issuing agency's code, when agencies' plans share the number "
            "(lotrinh programmes --format json lists issuer_code)",
        )
        parser.add_argument("-o", "--output")

    def handle(self, *args: object, **options: object) -> None:
        programme = programme_for_command(str(options["code"]), str(options.get("issuer") or ""))
        pic = compliance.picture(
            programme,
            today=timezone.localdate(),
            years=list(options["year"] or []) or None,  # type: ignore[call-overload]
            stale_days=settings.LOTRINH_STALE_DAYS,  # type: ignore[arg-type]
        )
        output = options.get("output")
        if options["format"] == "xlsx":
            if not output:
                raise CommandError("--format xlsx cần -o TỆP.")
            Path(str(output)).write_bytes(compliance.picture_xlsx(pic))
            self.stderr.write(f"Đã ghi {output}")
            return
        text = json.dumps(compliance.picture_rows(pic), ensure_ascii=False, indent=2)
        if output:
            Path(str(output)).write_text(text + "\n", encoding="utf-8")
        else:
            self.stdout.write(text)
