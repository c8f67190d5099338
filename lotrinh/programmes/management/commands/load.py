from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.programmes.loader import ProgrammeFileError, load_file
from lotrinh.programmes.models import ProgrammeStatus


class Command(BaseCommand):
    help = "Load a programme file (docs/programme-format.md) into the registry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--draft", action="store_true", help="store as a draft, not published")

    def handle(self, *args: object, **options: object) -> None:
        status = ProgrammeStatus.DRAFT if options["draft"] else ProgrammeStatus.PUBLISHED
        try:
            programme, created = load_file(Path(str(options["file"])), status=status)
        except ProgrammeFileError as exc:
            raise CommandError(str(exc)) from exc
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Đã nạp {programme.code} phiên bản {programme.version}: "
                    f"{programme.tasks.count()} nhiệm vụ."
                )
            )
        else:
            self.stdout.write(f"{programme.code}: nội dung không đổi, không nạp lại.")
