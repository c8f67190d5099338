from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from lotrinh.agencies.loader import load_reference_data
from lotrinh.programmes.loader import ProgrammeFileError, load_bundled


class Command(BaseCommand):
    help = "Create or upgrade the database and load the bundled reference data and programmes (idempotent)."

    def handle(self, *args: object, **options: object) -> None:
        from django.conf import settings

        settings.VAR_DIR.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        counts = load_reference_data()
        self.stdout.write(f"Cơ quan: {counts['agencies']} (kế thừa: {counts['successions']})")
        try:
            loaded = load_bundled()
        except ProgrammeFileError as exc:
            raise CommandError(str(exc)) from exc
        for programme, created in loaded:
            state = "đã nạp" if created else "không đổi"
            self.stdout.write(f"{programme.code} (phiên bản {programme.version}): {state}")
        from importlib import import_module

        # Reference data of other domains (indicators, …) that ships with the project.
        for module_name in ("lotrinh.indicators.loader",):
            try:
                module = import_module(module_name)
            except ModuleNotFoundError:
                continue
            module.load_reference_data()
        self.stdout.write(self.style.SUCCESS("Sẵn sàng."))
