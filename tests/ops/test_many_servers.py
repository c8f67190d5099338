"""What many web nodes, workers and schedulers rely on, tested on one database: the
health check, the node's name in each answer, the scheduler's lease, and the jobs of a
worker gone silent queued again for another (docs/deployment.md)."""

import datetime
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from lotrinh.core import jobs
from lotrinh.core.management.commands.worker import look_after
from lotrinh.core.models import Lease, WorkerHeartbeat
from lotrinh.documents.models import GeneratedDocument
from lotrinh.programmes.models import Programme
from lotrinh.reporting.models import JobRun

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def ago(seconds: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(seconds=seconds)


def test_healthz_answers_ok_cheaply_and_names_the_node(settings, django_assert_num_queries):
    settings.LOTRINH_NODE_NAME = "web-2"
    client = Client()
    with django_assert_num_queries(1):  # SELECT 1; no session, no user
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["X-Lotrinh-Node"] == "web-2"
    assert "no-cache" in response["Cache-Control"]
    assert client.post("/healthz").status_code == 405
    assert "sessionid" not in response.cookies


def test_no_node_header_when_the_node_has_no_name(settings):
    settings.LOTRINH_NODE_NAME = ""
    assert "X-Lotrinh-Node" not in Client().get("/healthz")


def test_one_holder_of_a_lease_at_a_time_and_a_standby_takes_over_when_it_expires():
    assert jobs.hold_lease("scheduler", "first", 60)
    assert not jobs.hold_lease("scheduler", "second", 60)
    assert jobs.hold_lease("scheduler", "first", 60)  # the holder renews
    Lease.objects.filter(name="scheduler").update(expires_at=ago(1))  # the first died
    assert jobs.hold_lease("scheduler", "second", 60)
    assert not jobs.hold_lease("scheduler", "first", 60)
    jobs.release_lease("scheduler", "second")  # a clean stop frees it at once
    assert jobs.hold_lease("scheduler", "first", 60)
    assert Lease.objects.get(name="scheduler").expires_at > timezone.now()


def test_a_second_scheduler_does_nothing_while_the_first_holds_the_lease(capsys):
    Lease.objects.create(name="scheduler", holder="other-host-1", expires_at=ago(-60))
    call_command("scheduler", "--once")
    assert "bộ này chờ" in capsys.readouterr().out
    assert not JobRun.objects.exists()
    Lease.objects.filter(name="scheduler").update(expires_at=ago(1))
    call_command("scheduler", "--once")  # the tests' queue runs the job at once
    said = capsys.readouterr().out
    assert "vào hàng đợi" in said
    # The day as officers write it (the operator reads this line too).
    assert f"nhắc báo cáo ngày {timezone.localdate():%d/%m/%Y} vào hàng đợi" in said, said
    assert JobRun.objects.filter(name="send_due_reminders").count() == 1
    assert Lease.objects.get(name="scheduler").holder == ""  # released at the stop


def test_a_scheduler_does_not_queue_the_day_again_while_the_job_waits(capsys, settings):
    today = timezone.localdate().isoformat()
    task(
        "lotrinh.reporting.reminders.send_due_reminders",
        [today],
        status="READY",
        worker_ids=[],
        started_at=None,
    )
    call_command("scheduler", "--once")
    assert "vào hàng đợi" not in capsys.readouterr().out
    assert DBTaskResult.objects.count() == 1 and not JobRun.objects.exists()


def task(path: str, args: list, **fields) -> DBTaskResult:
    values = {
        "status": "RUNNING",
        "started_at": ago(120),
        "worker_ids": ["w-dead"],
        "backend_name": "default",
        "run_after": get_date_max(),
        "args_kwargs": {"args": args, "kwargs": {}},
        "task_path": path,
    }
    values.update(fields)
    return DBTaskResult.objects.create(**values)


def test_the_job_of_a_worker_gone_silent_is_queued_again_and_its_document_waits():
    WorkerHeartbeat.objects.create(
        worker_id="w-dead", host="h", pid=1, started_at=ago(900), last_seen=ago(120)
    )
    jobs.beat("w-live", ago(60))
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    document = GeneratedDocument.objects.create(
        kind="consolidated",
        programme=programme,
        year=2024,
        cutoff=datetime.date(2024, 12, 31),
        fmt="xlsx",
        content_status="submitted",
        status="running",
        progress=40,
        started_at=ago(120),
        worker_id="w-dead",
    )
    orphan = task("lotrinh.documents.services.generate_document", [document.pk])
    probe = task("lotrinh.core.tasks.probe", [uuid.uuid4().hex, 0])
    living = task("lotrinh.core.tasks.probe", ["x", 0], worker_ids=["w-live"])
    cursed = task("lotrinh.core.tasks.probe", ["y", 0], worker_ids=["a", "b", "w-dead"])
    just_claimed = task("lotrinh.core.tasks.probe", ["z", 0], started_at=ago(5))
    look_after("w-live", ago(60))  # what each living worker does every heartbeat
    for result in (orphan, probe, living, cursed, just_claimed):
        result.refresh_from_db()
    document.refresh_from_db()
    assert orphan.status == "READY" and orphan.started_at is None
    assert probe.status == "READY"
    assert document.status == "queued" and document.worker_id == "" and not document.error
    assert living.status == "RUNNING"  # its worker still beats
    assert cursed.status == "FAILED" and "WorkerLost" in cursed.exception_class_path
    assert just_claimed.status == "RUNNING"  # not silent long enough to be judged


def test_jobs_probe_reports_each_job_done_once(capsys, settings):
    # The tests' queue runs each job as it is queued, in this process.
    call_command("jobs_probe", "--count", "3", "--seconds", "0", "--prefix", "t")
    out = capsys.readouterr().out
    assert "probes=3 finished=3 finished_twice=0 restarted=0" in out


def settings_of(tmp_path, **env: str) -> subprocess.CompletedProcess[str]:
    """The settings a server would load with `env` (a subprocess: settings load once)."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LOTRINH_", "DJANGO_", "DATABASE_URL", "SECRET_KEY"))
        and k != "PYTEST_CURRENT_TEST"
    }
    clean |= {"LOTRINH_VAR_DIR": str(tmp_path), "SECRET_KEY": "k" * 50, **env}
    show = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d.get('DISABLE_SERVER_SIDE_CURSORS'), d.get('OPTIONS', {}).get('prepare_threshold', 5), "
        "d['CONN_MAX_AGE'], s.CACHES['default']['BACKEND'].rsplit('.', 1)[1])"
    )
    return subprocess.run(
        [sys.executable, "-m", "lotrinh.cli", "shell", "--no-imports", "-c", show],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_behind_pgbouncer_no_server_side_cursors_nor_prepared_statements(tmp_path):
    url = "postgres://lotrinh@127.0.0.1:6432/lotrinh"
    plain = settings_of(tmp_path, DATABASE_URL=url)
    assert plain.stdout.split() == ["False", "5", "60", "LocMemCache"], plain.stderr
    pooled = settings_of(tmp_path, DATABASE_URL=url, LOTRINH_PGBOUNCER="1")
    assert pooled.stdout.split() == ["True", "None", "60", "LocMemCache"], pooled.stderr


def test_a_redis_cache_url_shares_the_cache_and_another_url_is_refused(tmp_path):
    redis = settings_of(tmp_path, LOTRINH_CACHE_URL="redis://10.0.0.5:6379/0")
    assert redis.stdout.split()[-1] == "RedisCache", redis.stderr
    wrong = settings_of(tmp_path, LOTRINH_CACHE_URL="memcached://10.0.0.5:11211")
    assert wrong.returncode == 2 and "LOTRINH_CACHE_URL must be a redis://" in wrong.stderr
