from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.agencies.models import Agency
from lotrinh.importer.reader import ReadError
from lotrinh.importer.service import parse_file
from lotrinh.programmes.cascade import CascadeError, child_from_parse
from lotrinh.programmes.models import TaskLink
from lotrinh.programmes.services import programme_for_command


class Command(BaseCommand):
    help = (
        "Import an agency's plan as a draft child programme of a national programme: tasks, "
        "proposed units and suggested links, for the agency to review (docs/cascade.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=".docx, .pdf or .txt")
        parser.add_argument("--agency", required=True, help="issuing agency code")
        parser.add_argument("--parent", default="50/NQ-CP", help="the national programme")
        parser.add_argument("--code", default="", help="the plan's number, if misread")

    def handle(self, *args: object, **options: object) -> None:
        agency = Agency.objects.filter(code=str(options["agency"])).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã {options['agency']!r}.")
        parent = programme_for_command(str(options["parent"]), national=True)
        path = Path(str(options["file"]))
        try:
            programme = child_from_parse(
                parse_file(path), agency, parent, None, code=str(options["code"]), source=path.name
            )
        except (OSError, ReadError, CascadeError) as exc:
            raise CommandError(str(exc)) from exc
        links = TaskLink.objects.filter(task__programme=programme).count()
        self.stdout.write(
            f"{programme.code} v{programme.version} (bản nháp): {programme.tasks.count()} nhiệm vụ, "
            f"{links} liên kết gợi ý, {agency.units.filter(proposed=True).count()} đơn vị đề xuất."
        )
