"""Vietnamese left on English pages: crawl a served demo in English as its people do and
list the visible text in Vietnamese outside an element marked `lang="vi"`.

For each account (most, byt-baocao, hn-theodoi, giamsat, the system administrator
quantri and a visitor) it opens the home page in English (Django's language cookie) and follows the links of the site, breadth
first, up to `--pages` pages per account (no downloads, no sign-out, GET only: nothing is
written). On each page it keeps the text a reader sees (`tests/core/test_page_language.
VisibleText`: elements marked with another language left out) and flags the lines the
UI tests' rule finds Vietnamese (`tests/ui/audit.other_language`: letters only Vietnamese
uses, or a Vietnamese msgid of the catalogues; clause references, document numbers and
the brand "Lộ trình" allowed). What it flags is a place to look, not a verdict: a
document's title quoted or text a person typed is legitimately Vietnamese; an agency's
name with an English one, a sentence of the interface, is not (docs/architecture.md,
"Data in the reader's language"). Run against a served demo:

    LOTRINH_LOCAL=1 .venv/bin/python scripts/vietnamese_on_english_pages.py \\
      --url http://127.0.0.1:PORT [--pages 40]

It prints one line per flagged text (account, path, text) and a summary per account; the
exit status is 0 (a report, not a gate: the precise checks are tests).
"""

import argparse
import os
import re
import sys
from collections import Counter, deque
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The page parser lives beside the tests, which load the models: Django set up, read-only.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402

django.setup()

from demo_sign_in import sign_in  # noqa: E402

from tests.core.test_page_language import VisibleText  # noqa: E402
from tests.ui.audit import other_language  # noqa: E402

ACCOUNTS = {
    "most": "demo-most-2026",
    "byt-baocao": "demo-baocao-2026",
    "hn-theodoi": "demo-phancap-2026",
    "giamsat": "demo-giamsat-2026",
    # The system administrator reads the activity log and the admin (Django's pages with
    # the objects' names in their breadcrumbs and titles).
    "quantri": "demo-quantri-2026",
    "visitor": "",
}
# Where an account's crawl starts besides the home page: the administrator's at an object's
# admin pages (change, history, deletion) and the activity log, which the home page's
# links reach only after many other pages.
STARTS = {"quantri": ["/quan-tri/agencies/agency/", "/nhat-ky/"]}
# In the admin, only an object's own pages are followed and read (its change page, its history, its
# deletion): the lists and the choices of its forms hold the data as stored, in
# Vietnamese, by the hundred.
ADMIN = re.compile(r"^/quan-tri/")
ADMIN_OBJECT = re.compile(r"^/quan-tri/\w+/\w+/\d+/(change/|history/|delete/)?$")
LINK = re.compile(r'<a\s[^>]*href="([^"#]+)', re.I)
# Not followed: what downloads or signs out; in the admin (/quan-tri/), its sign-out, its
# scripts and its redirects to the site.
SKIP = re.compile(
    r"(/dang-xuat/|/quan-tri/logout/|/quan-tri/jsi18n/|/quan-tri/r/|/api/|/static/|/media/|tai-ve|\.csv|\.xlsx|\.docx|\.pdf|\.ics|"
    r"\.xml|\.json|/feed|/atom|/rss|/lich/)",
    re.I,
)


def session(url: str, username: str) -> requests.Session:
    browser = sign_in(url, username, ACCOUNTS[username]) if ACCOUNTS[username] else None
    browser = browser or requests.Session()
    browser.cookies.set("django_language", "en")
    return browser


def crawl(url: str, username: str, most: int) -> tuple[int, list[tuple[str, str]]]:
    """(pages read, [(path, text flagged)]) for one account."""
    browser = session(url, username)
    host = urlsplit(url).netloc
    starts = [*STARTS.get(username, []), "/"]
    queue, seen, found, read = deque(starts), set(starts), [], 0
    while queue and read < most:
        path = queue.popleft()
        response = browser.get(urljoin(url, path), timeout=60, allow_redirects=True)
        if response.status_code != 200 or "text/html" not in response.headers.get(
            "Content-Type", ""
        ):
            continue
        read += 1
        parser = VisibleText("en")
        parser.feed(response.text)
        # An admin list is read for its links only (its rows are data as stored).
        listed = ADMIN.match(path) and not ADMIN_OBJECT.match(path)
        for text in [] if listed else parser.parts:
            if other_language(text, "en", "en"):
                found.append((path, text[:160]))
        for href in LINK.findall(response.text):
            target = urlsplit(urljoin(response.url, href.replace("&amp;", "&")))
            link = target.path + (f"?{target.query}" if target.query else "")
            admin_list = ADMIN.match(link) and not ADMIN_OBJECT.match(link)
            if (
                target.netloc == host
                and link not in seen
                and not SKIP.search(link)
                and not admin_list
            ):
                seen.add(link)
                queue.append(link)
    return read, found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--pages", type=int, default=40, help="pages per account")
    parser.add_argument("--account", nargs="*", default=list(ACCOUNTS))
    args = parser.parse_args()
    totals: Counter[str] = Counter()
    for username in args.account:
        read, found = crawl(args.url.rstrip("/"), username, args.pages)
        distinct = sorted(set(found))
        for path, text in distinct:
            print(f"{username}\t{path}\t{text}")
        totals[username] = len(distinct)
        print(f"# {username}: {read} pages read, {len(distinct)} texts flagged", flush=True)
    print(f"# total: {sum(totals.values())} texts flagged")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
