"""Fuzz the running REST API against its own OpenAPI schema, once per kind of caller.

Schemathesis (a dev dependency) generates requests from /api/v1/schema/ (valid and
invalid parameters and bodies) and checks each answer: no 5xx, a status, content type
and body the schema documents. This script gives it one caller after another, each with
what a real caller has (docs/api.md, "Fuzzing"):

- tokens issued through the API's own service (`api.services.issue_token`) for a MOST
  monitor, a ministry's reporter and its leader (approver), a province's plan monitor,
  oversight, a read-only reporter, and a revoked token;
- a unit (department) reporter's signed-in session (a token's account has no unit);
- nobody (no header).

Run against a copy of the demonstration database, never a real one: valid writes are
generated too (reports started, entries saved). Example:

    cp var/lotrinh.sqlite3 /tmp/lt-fuzz/lotrinh.sqlite3     # or `lotrinh demo` there
    LOTRINH_API_RATE_USER=100000/minute LOTRINH_API_RATE_ANON=100000/minute \\
      LOTRINH_LOCAL=1 LOTRINH_VAR_DIR=/tmp/lt-fuzz PORT=8310 .venv/bin/lotrinh serve &
    LOTRINH_LOCAL=1 LOTRINH_VAR_DIR=/tmp/lt-fuzz nice -n 10 .venv/bin/python \\
      scripts/fuzz_api.py --url http://127.0.0.1:8310 --max-examples 100 --seed 1

Each caller's failures go to REPORT_DIR/<caller>/ (JUnit and a pytest file reproducing
them); the summary line per caller is printed. Exit status 1 when any caller failed.
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKS = (
    "not_a_server_error,status_code_conformance,content_type_conformance,"
    "response_schema_conformance"
)
PASSWORD = {"hn-dv1-baocao": "demo-phancap-2026"}


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
    import django

    django.setup()


def issue_tokens(tag: str) -> dict[str, str]:
    """Secrets of the callers' tokens (new ones each run: a secret is shown once)."""
    _django()
    from lotrinh.accounts.models import Role, User
    from lotrinh.agencies.models import Agency
    from lotrinh.api import services

    admin = User.objects.get(username="quantri")

    def issue(agency: str, role: str, scopes: list[str], name: str) -> services.Issued:
        return services.issue_token(
            admin,
            Agency.objects.get(code=agency),
            name=f"Fuzz {name} {tag}",
            role=role,
            scopes=scopes,
        )

    most = issue("bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR, ["read", "write"], "most")
    revoked = issue("bo-y-te", Role.REPORTER, ["read", "write"], "revoked")
    services.revoke_token(admin, revoked.token)
    return {
        "most-monitor": most.secret,
        "ministry-reporter": issue("bo-y-te", Role.REPORTER, ["read", "write"], "rep").secret,
        "ministry-leader": issue("bo-y-te", Role.APPROVER, ["read", "write"], "lead").secret,
        "province-monitor": issue(
            "thanh-pho-ha-noi", Role.AGENCY_MONITOR, ["read", "write"], "mon"
        ).secret,
        "oversight": issue(
            "ban-chinh-sach-chien-luoc-trung-uong", Role.OVERSIGHT, ["read"], "over"
        ).secret,
        "read-only": issue("bo-y-te", Role.REPORTER, ["read"], "ro").secret,
        "revoked": revoked.secret,
    }


def session_headers(url: str, username: str) -> list[str]:
    """Cookie and CSRF headers of a person signed in on the login page."""
    from demo_sign_in import sign_in

    browser = sign_in(url, username, PASSWORD[username])
    cookies = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    return [f"Cookie: {cookies}", f"X-CSRFToken: {browser.cookies['csrftoken']}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8310")
    parser.add_argument("--max-examples", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", default="1")
    parser.add_argument("--phases", default="examples,coverage,fuzzing,stateful")
    parser.add_argument("--report-dir", default=None)
    parser.add_argument("--only", default="", help="comma-separated callers")
    args = parser.parse_args()
    report_dir = Path(args.report_dir or Path(os.environ.get("LOTRINH_VAR_DIR", "var")) / "fuzz")
    secrets = issue_tokens(time.strftime("%H%M%S"))
    callers: dict[str, list[str]] = {
        name: [f"Authorization: Bearer {secret}"] for name, secret in secrets.items()
    }
    callers["unit-reporter"] = session_headers(args.url, "hn-dv1-baocao")
    callers["anonymous"] = []
    # Fetched once, without credentials: a revoked token could not even read it.
    import requests

    report_dir.mkdir(parents=True, exist_ok=True)
    schema_file = report_dir / "schema.json"
    schema_file.write_bytes(
        requests.get(f"{args.url}/api/v1/schema/?format=json", timeout=60).content
    )
    only = [name for name in args.only.split(",") if name]
    failed: list[str] = []
    summary: dict[str, str] = {}
    for name, headers in callers.items():
        if only and name not in only:
            continue
        out = report_dir / name
        out.mkdir(parents=True, exist_ok=True)
        command = [
            str(Path(sys.executable).with_name("st")),
            "run",
            str(schema_file),
            "--url",
            args.url,
            "--checks",
            CHECKS,
            "--max-examples",
            str(args.max_examples),
            "--seed",
            str(args.seed),
            "--workers",
            args.workers,
            "--phases",
            args.phases,
            "--continue-on-failure",
            "--report",
            "junit,pytest",
            "--report-dir",
            str(out),
            "--no-color",
            "--generation-database",
            "none",
            "--generation-with-security-parameters",
            "false",
        ]
        for header in headers:
            command += ["-H", header]
        started = time.monotonic()
        # In its report folder: schemathesis keeps a cache of failures where it runs.
        run = subprocess.run(command, capture_output=True, text=True, cwd=out)
        (out / "output.txt").write_text(run.stdout + run.stderr, encoding="utf-8")
        tail = [line for line in run.stdout.splitlines() if line.strip()][-3:]
        summary[name] = (
            f"exit {run.returncode} in {time.monotonic() - started:.0f} s: " + " | ".join(tail)
        )
        print(name, summary[name], flush=True)
        if run.returncode != 0:
            failed.append(name)
    (report_dir / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
