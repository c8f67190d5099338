from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.documents.templating import TemplateProblem, check_template


class Command(BaseCommand):
    help = (
        "Word report templates. `template check FILE.docx` says whether the template would "
        "be accepted at upload (exit status 1 with the reason when not)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        check = actions.add_parser("check", help="check a .docx template without applying it")
        check.add_argument("file")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            check_template(path)
        except TemplateProblem as exc:
            raise CommandError(f"Mẫu {path.name} sẽ bị từ chối: {exc}") from exc
        self.stdout.write(f"Mẫu {path.name} hợp lệ: sẽ được chấp nhận khi tải lên.")
