"""The `lotrinh` console script: Django's manage.py with the project's command names.

Command names with dashes (`parse-eval`) map to management commands with underscores,
and a few names that Python reserves map to their command module (`import`).
"""

import os
import sys

ALIASES = {"import": "import_document"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1 and not argv[1].startswith("-"):
        name = argv[1]
        argv[1] = ALIASES.get(name, name.replace("-", "_"))
    execute_from_command_line(["lotrinh", *argv[1:]])


if __name__ == "__main__":
    main()
