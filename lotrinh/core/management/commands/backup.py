from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from lotrinh.core.backup import write_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded/generated files (MEDIA_ROOT) into one "
        "archive FILE (a ZIP with a manifest of counts and checksums)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. lotrinh-2026-12-01.zip")

    def handle(self, *args: object, **options: object) -> None:
        target = Path(str(options["file"]))
        manifest = write_backup(target)
        rows = sum(manifest["counts"].values())
        files = sum(1 for name in manifest["checksums"] if name.startswith("media/"))
        self.stdout.write(
            f"Đã sao lưu {rows} bản ghi ({len(manifest['counts'])} bảng) và {files} tệp "
            f"vào {target}."
        )
