"""Upload the importer's malformed files (tests/importer/fuzz40_files.py) to a running
server through its pages, as its users do: MOST's programme import (/nhap-van-ban/) and an
agency's plan import (/phan-cap/nhap/, bn-kehoach), in Vietnamese and in English (/en/).

For each upload: the status (never 5xx), the refusal shown (on the form, or on the job
page once the worker read the file; an "unexpected error" counts as a crash), and what was
written: the programmes, tasks, plans and drafts counted before and after (the import job
itself records the attempt and is not counted). Run against a copy of the demo database:

    LOTRINH_LOCAL=1 LOTRINH_VAR_DIR=/tmp/lt-NAME .venv/bin/python \\
      scripts/fuzz_importer_uploads.py --url http://127.0.0.1:PORT
"""

import argparse
import html
import os
import re
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402

django.setup()

from demo_sign_in import sign_in  # noqa: E402

from lotrinh.importer.models import DraftImport, ImportJob  # noqa: E402
from lotrinh.programmes.models import Programme, Task  # noqa: E402
from tests.importer import fuzz40_files  # noqa: E402

PASSWORDS = {"most": "demo-most-2026", "bn-kehoach": "demo-phancap-2026"}
PAGES = {"most": "/nhap-van-ban/", "bn-kehoach": "/phan-cap/nhap/"}
ERROR = re.compile(r'<(?:div|li) class="msg msg-error"[^>]*>(.*?)</(?:div|li)>', re.S)
UNEXPECTED = ("unexpected", "Lỗi không mong đợi", "unexpected error")


def counts() -> dict[str, int]:
    return {
        "programmes": Programme.objects.count(),
        "tasks": Task.objects.count(),
        "drafts": DraftImport.objects.count(),
    }


def message(text: str) -> str:
    found = ERROR.findall(text)
    return " | ".join(html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in found)


def upload(browser: requests.Session, url: str, page: str, name: str, data: bytes) -> dict:
    """One upload; follows the job page until the worker is done with it."""
    # The plan import's form is on the plans page; MOST's on its own.
    source = page.replace("/nhap/", "/") if "phan-cap" in page else page
    form_url = url + page
    got = browser.get(url + source, timeout=60)
    token = browser.cookies.get("csrftoken", "")
    answer = browser.post(
        form_url,
        files={"document": (name, data)},
        data={"csrfmiddlewaretoken": token},
        headers={"Referer": url + source, "X-CSRFToken": token},
        timeout=300,
        allow_redirects=False,
    )
    statuses = [got.status_code, answer.status_code]
    shown = message(answer.text)
    job_id = None
    location = answer.headers.get("Location", "")
    if answer.status_code == 302 and location:
        job = re.search(r"/nhan-dang/(\d+)/|/nhap/(\d+)/", location)
        job_id = int(next(g for g in job.groups() if g)) if job else None
        for _ in range(120):
            page_answer = browser.get(url + location, timeout=60, allow_redirects=False)
            statuses.append(page_answer.status_code)
            if page_answer.status_code in (302, 204):  # done: on to the review page
                shown = "done"
                break
            status = re.search(r'data-status="(\w+)"', page_answer.text)
            if job_id is None or (status and status.group(1) in ("failed", "done")):
                shown = message(page_answer.text) or (status.group(1) if status else "")
                break
            if status is None:  # the list page (a refusal shown as a message)
                shown = message(page_answer.text)
                break
            time.sleep(1)
    return {"statuses": statuses, "shown": shown, "job": job_id}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8346")
    parser.add_argument("--huge", action="store_true", help="also a 60 MB upload")
    args = parser.parse_args()
    cases = fuzz40_files.named_files()
    if args.huge:
        cases["huge-60-mb"] = ("ke-hoach.pdf", fuzz40_files.huge_upload())
    requests_sent = 0
    server_errors = 0
    crashes = 0
    silent = 0
    written: list[str] = []
    for username in ("most", "bn-kehoach"):
        browser = sign_in(args.url, username, PASSWORDS[username])
        for prefix in ("vi", "en"):
            # The language is the person's choice (Django's language cookie), not a prefix.
            browser.cookies.set("django_language", prefix)
            page = PAGES[username]
            for label, (name, data) in cases.items():
                before = counts()
                result = upload(browser, args.url, page, name, data)
                after = counts()
                requests_sent += len(result["statuses"])
                server_errors += sum(1 for s in result["statuses"] if s >= 500)
                shown = result["shown"]
                if any(word in shown for word in UNEXPECTED):
                    crashes += 1
                if not shown:
                    silent += 1
                refused = shown != "done"
                if after != before and refused:
                    written.append(f"{username}{prefix} {label}: {before} -> {after}")
                print(
                    f"{username:10} {prefix:4} {label:34} "
                    f"{','.join(map(str, result['statuses'])):18} {shown[:150]}",
                    flush=True,
                )
    print(
        f"requests {requests_sent}, 5xx {server_errors}, unexpected-error jobs {crashes}, "
        f"no message {silent}, uploads that wrote {len(written)}; "
        f"jobs now {ImportJob.objects.count()}"
    )
    for line in written:
        print("WROTE", line)
    return 1 if server_errors or crashes or written else 0


if __name__ == "__main__":
    raise SystemExit(main())
