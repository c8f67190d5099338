"""Fail when the English translation is incomplete or out of date.

Vietnamese is the source language of the interface (msgids); English must translate
every string. Runs `makemessages` into a temporary copy and compares.
"""

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "lotrinh" / "locale" / "en" / "LC_MESSAGES" / "django.po"
ENTRY = re.compile(r'^msgid "(.*)"$')


def entries(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (msgstr, fuzzy), joining continued lines."""
    text = path.read_text(encoding="utf-8")
    result: dict[str, tuple[str, bool]] = {}
    for block in text.split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid, msgstr, current = [], [], None
        for line in lines:
            if line.startswith("msgid "):
                current = msgid
                line = line[6:]
            elif line.startswith("msgid_plural "):
                current = None
                continue
            elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
                current = msgstr
                line = line.split(" ", 1)[1]
            elif line.startswith("msgstr["):
                current = None
                continue
            elif not line.startswith('"'):
                continue
            if current is not None:
                current.append(line.strip()[1:-1])
        key = "".join(msgid)
        if key:
            result[key] = ("".join(msgstr), fuzzy)
    return result


def main() -> int:
    if shutil.which("xgettext") is None:
        print(
            "check_translations: gettext is not installed (apt-get install gettext)",
            file=sys.stderr,
        )
        return 1
    if not PO.exists():
        print(f"check_translations: {PO} is missing", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "lotrinh"
        shutil.copytree(
            ROOT / "lotrinh", copy, ignore=shutil.ignore_patterns("static", "__pycache__")
        )
        subprocess.run(
            [
                sys.executable,
                "-m",
                "django",
                "makemessages",
                "-l",
                "en",
                "--no-obsolete",
                "-v",
                "0",
            ],
            cwd=copy,
            check=True,
            env={"DJANGO_SETTINGS_MODULE": "", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
        )
        fresh = entries(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    current = entries(PO)
    missing = [m for m in fresh if m not in current]
    untranslated = [m for m in fresh if m in current and (not current[m][0] or current[m][1])]
    if missing or untranslated:
        for m in missing[:40]:
            print(f"not in django.po (run make messages): {m!r}")
        for m in untranslated[:40]:
            print(f"no English translation: {m!r}")
        print(f"check_translations: {len(missing)} missing, {len(untranslated)} untranslated")
        return 1
    print(f"check_translations: {len(fresh)} strings, English complete")
    return 0


if __name__ == "__main__":
    sys.exit(main())
