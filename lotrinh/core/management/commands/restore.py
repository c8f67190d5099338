from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `lotrinh backup`: the database and MEDIA_ROOT. The "
        "archive is checked whole first; a damaged or foreign file changes nothing. "
        "Restores into an empty database (after `lotrinh migrate` or `lotrinh init`); "
        "--force replaces the data and files of a database that is not empty."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive written by `lotrinh backup`")
        parser.add_argument(
            "--force",
            action="store_true",
            help="replace every row and file now present with the archive's content",
        )

    def handle(self, *args: object, **options: object) -> None:
        source = Path(str(options["file"]))
        if not source.is_file():
            raise CommandError(f"Không tìm thấy tệp {source}.")
        try:
            summary = restore_backup(source, force=bool(options["force"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Đã phục hồi {summary.rows} bản ghi và {summary.files} tệp từ {source}.")
