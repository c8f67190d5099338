"""SQLite in production: WAL, a busy timeout and IMMEDIATE write transactions.

Two threads that read and then write inside their transactions deadlock on SQLite's
default (deferred) transactions: the second writer gets "database is locked" at once,
whatever the timeout. The settings make each write transaction take the lock first.
"""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import os, sys, threading, time
    import django
    django.setup()
    from django.db import connection, transaction
    from lotrinh.accounts.models import User

    errors, barrier = [], threading.Barrier(2)

    def work(name):
        try:
            for i in range(15):
                barrier.wait(timeout=30)
                with transaction.atomic():
                    User.objects.filter(username__startswith="t").count()  # read first
                    time.sleep(0.02)
                    User.objects.create(username=f"t-{name}-{i}")
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
    for t in threads: t.start()
    for t in threads: t.join()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA busy_timeout")
        busy = cursor.fetchone()[0]
    print("journal_mode", mode, "busy_timeout", busy, "users", User.objects.count())
    print("errors", errors)
    sys.exit(1 if errors else 0)
    """
)


def run_script(tmp_path: Path, **options: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LOTRINH_", "DJANGO_"))}
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(
        {
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "LOTRINH_VAR_DIR": str(tmp_path / "var"),
            "LOTRINH_LOCAL": "1",
            "DJANGO_SETTINGS_MODULE": "lotrinh.settings",
            **options,
        }
    )
    subprocess.run(
        [sys.executable, "-m", "lotrinh.cli", "migrate", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    return subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_two_threads_writing_at_once_never_get_database_is_locked(tmp_path):
    result = run_script(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "journal_mode wal busy_timeout 20000 users 30" in result.stdout


def test_without_immediate_transactions_the_same_work_is_locked(tmp_path):
    """The guard above can fail: with Django's default (deferred) mode it does."""
    result = run_script(tmp_path, LOTRINH_SQLITE_TRANSACTION_MODE="DEFERRED")
    assert result.returncode == 1
    assert "database is locked" in result.stdout
