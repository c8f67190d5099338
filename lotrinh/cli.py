"""The `lotrinh` console script: Django's manage.py with the project's command names.

Command names with dashes (`parse-eval`) map to management commands with underscores,
and a few names that Python reserves map to their command module (`import`).
"""

import os
import sys

ALIASES = {"import": "import_document"}
# Commands that are a local run by nature: they may use a key kept under var/.
LOCAL_COMMANDS = {"demo"}


def check_settings(program: str) -> None:
    """Refuse to start, with the settings' own message, when the configuration is unsafe.

    Django would otherwise print a traceback, or list only its own commands.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        settings.INSTALLED_APPS  # noqa: B018 (loads the settings module)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"{program}: {exc}\n")
        raise SystemExit(2) from None


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        name = argv[1]
        argv[1] = ALIASES.get(name, name.replace("-", "_"))
        if argv[1] in LOCAL_COMMANDS:
            os.environ.setdefault("LOTRINH_LOCAL", "1")
    check_settings("lotrinh")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["lotrinh", *argv[1:]])


if __name__ == "__main__":
    main()
