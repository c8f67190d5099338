import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.importer.reader import ReadError
from lotrinh.importer.service import parse_file


class Command(BaseCommand):
    help = "Parse a .docx, .pdf or .txt action programme and print the programme format (no database writes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: object, **options: object) -> None:
        try:
            result = parse_file(Path(str(options["file"])))
        except ReadError as exc:
            raise CommandError(exc.message) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        meta = result["programme"]
        self.stdout.write(f"{meta['code']} ({meta.get('issue_date') or '—'}): {meta['title']}")
        for task in result["tasks"]:
            generic = [a["text"] for a in task["addressees"]]
            self.stdout.write(
                f"{task['ref']}: chủ trì {task['lead'] or '—'}; phối hợp {task['coordinating'] or '—'}; chung {generic or '—'}"
            )
