"""Screenshots of the main pages, for review: each persona, Vietnamese and English, 1,366 and 390 px.

Run against a served demo (`make demo`, or `lotrinh demo --no-serve` then `lotrinh serve`),
with the same database settings as the server (the page list finds the objects of its URLs
there, read-only):

    LOTRINH_LOCAL=1 .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000 --out var/screenshots

The pages are the list the UI tests check (tests/ui/pages.py). It logs in with the demo
accounts (lotrinh/accounts/demo.py), saves one PNG per page, persona, language and width,
writes index.html beside them to review them side by side, and prints one line per page
with its width, flagging any horizontal overflow. `--audit` also runs the page checks of
the UI tests (other-language text, internal codes, axe-core) and prints what they find.
"""

import argparse
import html
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


def log_in(page, base: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.press("input[name=password]", "Enter")


def write_index(out: Path, rows: list[dict[str, str]], widths: list[str], langs: list[str]) -> Path:
    columns = [(lang, width) for lang in langs for width in widths]
    head = "".join(
        f"<th>{html.escape(lang)} · {html.escape(width)}</th>" for lang, width in columns
    )
    body = []
    pages: dict[tuple[str, str], dict[tuple[str, str], dict[str, str]]] = {}
    for row in rows:
        pages.setdefault((row["persona"], row["label"]), {})[(row["lang"], row["width"])] = row
    for (persona, label), shots in pages.items():
        cells = []
        for column in columns:
            shot = shots.get(column)
            if shot is None:
                cells.append("<td>—</td>")
                continue
            flag = f'<b class="bad">{html.escape(shot["flag"])}</b>' if shot["flag"] else ""
            cells.append(
                f'<td><a href="{html.escape(shot["file"])}"><img loading="lazy" alt="" '
                f'src="{html.escape(shot["file"])}"></a><br>{shot["scroll"]} px {flag}</td>'
            )
        path = html.escape(next(iter(shots.values()))["path"])
        body.append(
            f"<tr><th>{html.escape(persona)}<br>{html.escape(label)}<br><small>{path}</small></th>"
            + "".join(cells)
            + "</tr>"
        )
    index = out / "index.html"
    index.write_text(
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Lộ trình screenshots</title>"
        "<style>body{font:14px sans-serif}td,th{vertical-align:top;border-bottom:1px solid #ccc;"
        "padding:4px}img{width:220px;max-height:420px;object-fit:cover;object-position:top}"
        ".bad{color:#b3261e}</style><h1>Main pages</h1><table><tr><th>page</th>"
        + head
        + "</tr>"
        + "".join(body)
        + "</table>",
        encoding="utf-8",
    )
    return index


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--lang", nargs="*", default=["vi", "en"])
    parser.add_argument("--width", nargs="*", default=["desk", "phone"])
    parser.add_argument("--persona", nargs="*", default=None, help="default: every persona")
    parser.add_argument("--audit", action="store_true", help="also run the UI tests' checks")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from lotrinh.accounts.demo import DEMO_ACCOUNTS
    from tests.ui.audit import PageResult, check
    from tests.ui.pages import PERSONA_ROLES, PERSONAS, WIDTHS, Objects, resolved

    pages, skipped, absent = resolved(Objects.find())
    for page in skipped:
        print(f"skipped {page.persona}/{page.label}: its object is not in this database")
    for page in absent:
        print(f"skipped {page.persona}/{page.label}: {page.url_name} is not on this branch")
    personas = options.persona or list(PERSONAS)
    rows: list[dict[str, str]] = []
    overflowing = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for persona in personas:
            mine = [(page, path) for page, path in pages if page.persona == persona]
            account = next((a for a in DEMO_ACCOUNTS if a.role == PERSONA_ROLES.get(persona)), None)
            for lang in options.lang:
                for label in options.width:
                    width, height = WIDTHS[label]
                    context = browser.new_context(viewport={"width": width, "height": height})
                    context.add_cookies(
                        [{"name": "django_language", "value": lang, "url": options.base}]
                    )
                    tab = context.new_page()
                    tab.set_default_timeout(30000)
                    if account is not None:
                        log_in(tab, options.base, account.username, account.password)
                    for page, path in mine:
                        response = tab.goto(options.base + path)
                        tab.wait_for_load_state("networkidle")
                        result = PageResult(persona, page.label, lang, label, path)
                        result.status = response.status if response else 0
                        check(tab, result, with_axe=options.audit)
                        name = f"{persona}-{page.label}-{lang}-{label}.png"
                        tab.screenshot(path=str(out / name), full_page=True)
                        flag = (
                            ""
                            if not result.overflows
                            else f"OVERFLOW {result.scroll_width}>{width}"
                        )
                        if result.status != 200:
                            flag = f"HTTP {result.status} {flag}".strip()
                        overflowing += result.overflows
                        rows.append(
                            {
                                "persona": persona,
                                "label": page.label,
                                "lang": lang,
                                "width": label,
                                "path": path,
                                "file": name,
                                "scroll": str(result.scroll_width),
                                "flag": flag,
                            }
                        )
                        print(f"{name:48} {result.scroll_width:5}px  {flag}")
                        if options.audit:
                            for line in result.other_language:
                                print(f"    other language: {line}")
                            for line in result.codes:
                                print(f"    internal code: {line}")
                            for v in result.axe:
                                print(
                                    f"    axe {v['impact']} {v['id']} ({v['count']}×): {v['help']}"
                                )
                    context.close()
        browser.close()
    index = write_index(out, rows, options.width, options.lang)
    print(f"screenshots={len(rows)} overflowing={overflowing} skipped={len(skipped)} index={index}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
