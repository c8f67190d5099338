import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.importer.evaluate import score
from lotrinh.importer.service import parse_file

DOCUMENTS = (".txt", ".md", ".docx", ".pdf")


class Command(BaseCommand):
    help = (
        "Compare the parser with annotations: DIR holds documents and <same name>.json annotations."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory")

    def handle(self, *args: object, **options: object) -> None:
        directory = Path(str(options["directory"]))
        documents = sorted(
            p
            for p in directory.iterdir()
            if p.suffix.lower() in DOCUMENTS and p.with_suffix(".json").exists()
        )
        if not documents:
            raise CommandError(f"{directory}: không có cặp văn bản + chú giải (.json) nào.")
        for path in documents:
            expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
            self.stdout.write(score(path.name, parse_file(path), expected).line())
