import datetime
import json

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.indicators.services import programme_statuses, status_json
from lotrinh.programmes.services import programme_for_command


class Command(BaseCommand):
    help = "Every target milestone of a programme with its latest value, status and the numbers behind it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="e.g. 52-NQ/TW")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--issuer",
            default="",
            help="the issuing agency's code, when agencies' plans share the number "
            "(lotrinh programmes --format json lists issuer_code)",
        )
        parser.add_argument(
            "--as-of",
            help="YYYY-MM-DD: only values approved and known by that day (default: today)",
        )

    def handle(self, *args: object, **options: object) -> None:
        programme = programme_for_command(str(options["code"]), str(options.get("issuer") or ""))
        as_of = None
        if options.get("as_of"):
            try:
                as_of = datetime.date.fromisoformat(str(options["as_of"]))
            except ValueError:
                raise CommandError(f"--as-of {options['as_of']!r}: expected YYYY-MM-DD") from None
        rows = status_json(programme_statuses(programme, as_of))
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            latest = row["latest"]
            if row["comparator"] == "reached":
                latest_text = f"bằng chứng năm {latest['year']}" if latest else "—"
            else:
                latest_text = f"{latest['value']:g} ({latest['year']})" if latest else "—"
            self.stdout.write(f"{row['year']}  {row['text']}")
            self.stdout.write(
                f"      {row['indicator']}: mới nhất {latest_text} → {row['status_vi']}"
            )
            self.stdout.write(f"      {row['note_vi']}")
