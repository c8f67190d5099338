from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.importer.reader import ReadError
from lotrinh.importer.review import create_draft, unknown_names
from lotrinh.importer.service import parse_file


class Command(BaseCommand):
    help = "Parse a document and store it as a draft programme to review in the browser (lotrinh import FILE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        try:
            data = parse_file(path)
        except ReadError as exc:
            raise CommandError(exc.message) from exc
        draft = create_draft(data, path.name, None)
        self.stdout.write(
            self.style.SUCCESS(
                f"Bản nháp #{draft.pk}: {draft.code}, {len(data['tasks'])} nhiệm vụ (rà soát tại /nhap-van-ban/{draft.pk}/)."
            )
        )
        unknown = unknown_names(draft)
        if unknown:
            self.stdout.write(
                f"{len(unknown)} tên cơ quan chưa có trong danh mục cần chọn lại khi rà soát."
            )
