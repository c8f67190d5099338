"""Screenshots of the main pages, for review: each role, Vietnamese and English, 1,366 and 390 px.

Run against a served demo (`make demo`, or `lotrinh demo --no-serve` then `lotrinh serve`):

    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000 --out var/screenshots

It logs in with the demo accounts (lotrinh/accounts/demo.py), saves one PNG per page, role,
language and width, and prints one line per page with its width and any horizontal overflow,
so a reviewer sees at a glance which pages do not fit a phone.
"""

import argparse
import re
import sys
from pathlib import Path

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
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}

# (role, username, password, pages): the demo accounts and the pages each one works in.
PUBLIC_PAGES = [
    "/",
    "/chuong-trinh/50-nq-cp/",
    "/chuong-trinh/50-nq-cp/nhiem-vu/",
    "/chi-tieu/",
    "/co-quan/",
]
ROLES = [
    ("public", "", "", PUBLIC_PAGES),
    ("reporter", "byt-baocao", "demo-baocao-2026", ["/bao-cao/", "/bao-cao/ke-hoach/"]),
    ("approver", "byt-lanhdao", "demo-lanhdao-2026", ["/bao-cao/"]),
    (
        "most",
        "most",
        "demo-most-2026",
        ["/bao-cao/", "/bao-cao/tinh-hinh/", "/van-ban-bao-cao/", "/nhap-van-ban/"],
    ),
    ("oversight", "giamsat", "demo-giamsat-2026", ["/bao-cao/", "/bao-cao/tinh-hinh/"]),
]


def slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.strip("/").lower()) or "home"


def log_in(page, base: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/tai-khoan/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.card button.btn-primary")
    page.wait_for_load_state("networkidle")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="var/screenshots")
    parser.add_argument("--lang", nargs="*", default=["vi", "en"])
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    overflowing = 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for role, username, password, pages in ROLES:
            for lang in options.lang:
                for label, (width, height) in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    context.add_cookies(
                        [{"name": "django_language", "value": lang, "url": options.base}]
                    )
                    page = context.new_page()
                    if username:
                        log_in(page, options.base, username, password)
                    for path in pages:
                        page.goto(options.base + path)
                        page.wait_for_load_state("networkidle")
                        scroll = page.evaluate("document.documentElement.scrollWidth")
                        inner = page.evaluate("window.innerWidth")
                        name = f"{role}-{slug(path)}-{lang}-{label}.png"
                        page.screenshot(path=str(out / name), full_page=True)
                        flag = "" if scroll <= inner else f"  OVERFLOW {scroll}>{inner}"
                        overflowing += bool(flag)
                        print(f"{name:60} {scroll:5}px{flag}")
                    context.close()
        browser.close()
    print(f"screenshots={len(list(out.glob('*.png')))} overflowing={overflowing} out={out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
