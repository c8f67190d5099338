import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.programmes.exporters import matrix_xlsx, programme_to_data
from lotrinh.programmes.services import programme_for_command


class Command(BaseCommand):
    help = (
        "Export a programme: JSON (programme format) to stdout, or the XLSX task × agency matrix."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="e.g. 50/NQ-CP")
        parser.add_argument("--format", choices=["json", "xlsx"], default="json")
        parser.add_argument("-o", "--output", help="output file (required for xlsx)")
        parser.add_argument(
            "--issuer",
            default="",
            help="the issuing agency's code, when agencies' plans share the number "
            "(lotrinh programmes --format json lists them)",
        )

    def handle(self, *args: object, **options: object) -> None:
        programme = programme_for_command(str(options["code"]), str(options.get("issuer") or ""))
        output = options.get("output")
        if options["format"] == "json":
            text = json.dumps(programme_to_data(programme), ensure_ascii=False, indent=2)
            if output:
                Path(str(output)).write_text(text + "\n", encoding="utf-8")
            else:
                self.stdout.write(text)
            return
        if not output:
            raise CommandError("--format xlsx cần -o TỆP (tệp Excel không in ra màn hình được).")
        Path(str(output)).write_bytes(matrix_xlsx(programme))
        self.stderr.write(f"Đã ghi {output}")
