"""Background jobs: the worker's heartbeat and the timeout after which a job has failed.

`lotrinh worker` records a heartbeat every `HEARTBEAT_SECONDS`; pages say when no worker
has been seen for `WORKER_SILENT_SECONDS`, and a job running longer than
`LOTRINH_JOB_TIMEOUT_SECONDS` (or on a worker that went silent) is failed, so nothing
stays "running" forever.

Several workers may run side by side (on one machine or many): each job is claimed by
exactly one of them (django-tasks' database backend takes the oldest ready row with
`SELECT … FOR UPDATE SKIP LOCKED` and marks it running in the same transaction). A
worker killed mid-job leaves its job "running"; once that worker has gone silent, the
surviving workers put the job back in the queue (`requeue_orphaned_tasks`) and one of
them runs it again, up to `MAX_ATTEMPTS` claims. So a job *completes* at most once,
and a job whose worker died is *started* again: its side effects must be idempotent.

`hold_lease` gives one process among many a role (the daily scheduler).
"""

import datetime
import os
import socket
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, Q
from django.db.models.functions import Now
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lotrinh.core.models import Lease, WorkerHeartbeat
from lotrinh.core.prepared import Prepared

HEARTBEAT_SECONDS = settings.LOTRINH_WORKER_HEARTBEAT_SECONDS
WORKER_SILENT_SECONDS = settings.LOTRINH_WORKER_SILENT_SECONDS
# Claims of one job before it is failed rather than queued again (a job that kills its
# worker each time must not take the pool down with it).
MAX_ATTEMPTS = 3

# The id of the worker running in this process ("" outside `lotrinh worker`).
_worker_id = ""


def start_worker_identity() -> str:
    global _worker_id
    _worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    return _worker_id


def current_worker_id() -> str:
    return _worker_id


def beat(worker_id: str, started_at: datetime.datetime) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:255],
            "pid": os.getpid(),
            "started_at": started_at,
            "last_seen": timezone.now(),
        },
    )


def job_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.LOTRINH_JOB_TIMEOUT_SECONDS)


def overdue_since() -> datetime.datetime:
    """Jobs started before this moment have outlived the timeout."""
    return timezone.now() - job_timeout()


def silent_since() -> datetime.datetime:
    """Workers not seen since this moment count as gone."""
    return timezone.now() - datetime.timedelta(seconds=WORKER_SILENT_SECONDS)


def last_worker_seen() -> datetime.datetime | None:
    # Read by pages that warn when no worker runs: compiled once per connection.
    found = _latest_heartbeat.rows()
    return found[0][0] if found else None


_latest_heartbeat = Prepared(
    lambda: WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen")[:1],
    [],
    [],
)


def worker_alive() -> bool:
    seen = last_worker_seen()
    return seen is not None and seen >= silent_since()


def silent_worker_ids() -> list[str]:
    return list(
        WorkerHeartbeat.objects.filter(last_seen__lt=silent_since()).values_list(
            "worker_id", flat=True
        )
    )


def alive_worker_ids() -> set[str]:
    return set(
        WorkerHeartbeat.objects.filter(last_seen__gte=silent_since()).values_list(
            "worker_id", flat=True
        )
    )


class WorkerLost(Exception):
    """The worker running a job stopped answering, MAX_ATTEMPTS times."""


def requeue_orphaned_tasks(
    on_requeue: Callable[[DBTaskResult], None] | None = None,
) -> list[DBTaskResult]:
    """Put back in the queue the jobs claimed by a worker that went silent.

    `on_requeue(result)` runs in the same transaction, before another worker can claim
    the job, so a domain row (a document, an import) can return to "queued" first.
    Returns the jobs put back.
    """
    alive = alive_worker_ids()
    requeued = []
    with transaction.atomic():
        running = (
            DBTaskResult.objects.running()
            .filter(started_at__lt=silent_since())
            .select_for_update(skip_locked=True)
        )
        for result in running:
            if result.worker_ids and result.worker_ids[-1] in alive:
                continue
            if len(result.worker_ids) >= MAX_ATTEMPTS:
                result.set_failed(WorkerLost(f"worker lost {len(result.worker_ids)} times"))
                continue
            result.status = TaskResultStatus.READY
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            if on_requeue is not None:
                on_requeue(result)
            requeued.append(result)
    return requeued


def lease_expiry(seconds: float) -> ExpressionWrapper:
    return ExpressionWrapper(
        Now() + datetime.timedelta(seconds=seconds), output_field=DateTimeField()
    )


def hold_lease(name: str, holder: str, seconds: float) -> bool:
    """Take or renew the lease `name` for `seconds`; False while another holds it.

    One UPDATE decides: it matches the row only if this process already holds it or it
    has expired, and PostgreSQL re-checks that condition on the row it locked, so two
    processes racing for an expired lease cannot both win.
    """
    try:
        with transaction.atomic():
            Lease.objects.get_or_create(
                name=name, defaults={"expires_at": timezone.now() - datetime.timedelta(seconds=1)}
            )
    except IntegrityError:  # created at the same moment by the other contender
        pass
    taken = (
        Lease.objects.filter(name=name)
        .filter(Q(holder=holder) | Q(expires_at__lt=Now()))
        .update(holder=holder, expires_at=lease_expiry(seconds))
    )
    return taken == 1


def release_lease(name: str, holder: str) -> None:
    """Give the lease up at a clean stop, so a standby takes over at once."""
    # A second in the past: expired for the next "expires_at < now", whatever the clock's
    # resolution (SQLite's is a millisecond).
    Lease.objects.filter(name=name, holder=holder).update(holder="", expires_at=lease_expiry(-1))
