"""Production settings: `check --deploy` is clean, and a server refuses to start without SECRET_KEY.

Each case runs the real console script in a subprocess with a clean environment.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOTRINH = [sys.executable, "-m", "lotrinh.cli"]


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("LOTRINH_", "DJANGO_", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS"))
        and key not in {"DATABASE_URL", "PYTEST_CURRENT_TEST"}
    }
    env["LOTRINH_VAR_DIR"] = str(tmp_path / "var")
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*LOTRINH, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def test_production_settings_pass_check_deploy_with_no_warning(tmp_path):
    env = clean_env(
        tmp_path,
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="lotrinh.example.gov.vn",
        LOTRINH_HTTPS="1",
        LOTRINH_SITE_URL="https://lotrinh.example.gov.vn",
    )
    result = run(["check", "--deploy", "--fail-level", "WARNING"], env)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output and "?:" not in output, output
    assert "no issues" in output


def test_without_https_check_deploy_warns(tmp_path):
    """The test above can fail: the same check without LOTRINH_HTTPS reports warnings."""
    env = clean_env(
        tmp_path, DEBUG="0", SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="example.org"
    )
    result = run(["check", "--deploy"], env)
    assert "security.W004" in result.stdout + result.stderr


@pytest.mark.parametrize("command", [["check"], ["serve", "--port", "8599"], ["init"]])
def test_without_secret_key_a_server_refuses_to_start_naming_it(tmp_path, command):
    env = clean_env(tmp_path, DEBUG="0")
    result = run(command, env, timeout=60)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "var" / "lotrinh.sqlite3").exists()  # nothing was started


def test_manage_py_refuses_too(tmp_path):
    env = clean_env(tmp_path, DEBUG="0")
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_local_run_keeps_one_generated_key_under_var(tmp_path):
    env = clean_env(tmp_path, DEBUG="0", LOTRINH_LOCAL="1")
    first = run(
        ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], env
    )
    second = run(
        ["shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)"], env
    )
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip().splitlines()[-1]
    assert len(key) >= 50 and key == second.stdout.strip().splitlines()[-1]
    stored = tmp_path / "var" / "secret-key"
    assert stored.read_text().strip() == key
    assert stored.stat().st_mode & 0o077 == 0  # readable by its owner only
