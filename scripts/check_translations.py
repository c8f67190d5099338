"""Fail when an app's English translation is incomplete, out of date or not compiled.

Vietnamese is the source language of the interface (msgids); English translates every
string. Each app keeps `lotrinh/<app>/locale/en/LC_MESSAGES/django.po` and its compiled
`.mo`. For each app this script runs `makemessages` on a temporary copy and compares.
Fix with `make messages`, translate, and `make messages` again (it compiles).
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ROOT / "lotrinh"


def entries(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid → (first msgstr, fuzzy), joining continued lines."""
    result: dict[str, tuple[str, bool]] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        fuzzy = any(line.startswith("#,") and "fuzzy" in line for line in lines)
        msgid: list[str] = []
        msgstr: list[str] = []
        current: list[str] | None = None
        for line in lines:
            if line.startswith("msgid "):
                current, line = msgid, line[len("msgid ") :]
            elif line.startswith("msgstr ") or line.startswith("msgstr[0] "):
                current, line = msgstr, line.split(" ", 1)[1]
            elif line.startswith(("msgid_plural ", "msgstr[", "msgctxt ")):
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


def check_app(app: Path) -> list[str]:
    problems: list[str] = []
    po = app / "locale" / "en" / "LC_MESSAGES" / "django.po"
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / app.name
        shutil.copytree(
            app, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "locale", "data")
        )
        (copy / "locale").mkdir()
        subprocess.run(
            ["django-admin", "makemessages", "-l", "en", "--no-obsolete", "-v", "0"],
            cwd=copy,
            check=True,
            env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"},
        )
        fresh_po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
        fresh = entries(fresh_po) if fresh_po.exists() else {}
    if not fresh:
        return problems
    if not po.exists():
        return [
            f"{app.name}: {len(fresh)} strings but no {po.relative_to(ROOT)} (run make messages)"
        ]
    current = entries(po)
    for msgid in fresh:
        if msgid not in current:
            problems.append(f"{app.name}: not in django.po (run make messages): {msgid!r}")
        elif not current[msgid][0] or current[msgid][1]:
            problems.append(f"{app.name}: no English translation: {msgid!r}")
    # Both English forms of a plural written as one ("1 report (plural: 2 reports)" shown
    # for any count): each form goes in its own msgstr[n].
    for number, line in enumerate(po.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("msgstr[") and "(plural: " in line:
            problems.append(f"{app.name}: django.po line {number}: plural forms written as one")
    mo = po.with_suffix(".mo")
    with tempfile.TemporaryDirectory() as tmp:
        compiled = Path(tmp) / "django.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po)], check=True)
        if not mo.exists() or mo.read_bytes() != compiled.read_bytes():
            problems.append(
                f"{app.name}: {mo.relative_to(ROOT)} is not the compiled django.po (run make messages)"
            )
    return problems


def main() -> int:
    if shutil.which("xgettext") is None:
        print(
            "check_translations: gettext is not installed (apt-get install gettext)",
            file=sys.stderr,
        )
        return 1
    problems: list[str] = []
    apps = sorted(p for p in APPS.iterdir() if (p / "apps.py").exists())
    for app in apps:
        problems.extend(check_app(app))
    for problem in problems[:60]:
        print(problem)
    if problems:
        print(f"check_translations: {len(problems)} problem(s)")
        return 1
    print(f"check_translations: English complete in {len(apps)} apps")
    return 0


if __name__ == "__main__":
    sys.exit(main())
