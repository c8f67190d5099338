from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lotrinh.core.setup import load_all
from lotrinh.programmes.loader import ProgrammeFileError


class Command(BaseCommand):
    help = "Create or upgrade the database and load the bundled reference data and programmes (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        try:
            for line in load_all():
                self.stdout.write(line)
        except ProgrammeFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("Sẵn sàng."))
