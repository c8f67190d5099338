from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.agencies.models import Agency
from lotrinh.agencies.units import UnitError, import_units_csv


class Command(BaseCommand):
    help = "Import an agency's units from a CSV file (docs/cascade.md); a bad file changes nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("agency", help="agency code, e.g. thanh-pho-ha-noi")
        parser.add_argument("file", help="CSV file (UTF-8, UTF-16 with BOM or Windows-1258)")

    def handle(self, *args: object, **options: object) -> None:
        agency = Agency.objects.filter(code=str(options["agency"])).first()
        if agency is None:
            raise CommandError(f"Không có cơ quan mã {options['agency']!r}.")
        try:
            data = Path(str(options["file"])).read_bytes()
            result = import_units_csv(None, agency, data)
        except (OSError, UnitError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{agency.name_vi}: {result.created} đơn vị mới, {result.updated} cập nhật, "
            f"{result.successions} kế thừa."
        )
