"""Background jobs: the worker's heartbeat and the timeout after which a job has failed.

`lotrinh worker` records a heartbeat every `HEARTBEAT_SECONDS`; pages say when no worker
has been seen for `WORKER_SILENT_SECONDS`, and a job running longer than
`LOTRINH_JOB_TIMEOUT_SECONDS` (or on a worker that went silent) is failed, so nothing
stays "running" forever.
"""

import datetime
import os
import socket
import uuid

from django.conf import settings
from django.utils import timezone

from lotrinh.core.models import WorkerHeartbeat

HEARTBEAT_SECONDS = 15
WORKER_SILENT_SECONDS = 60

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
    latest = WorkerHeartbeat.objects.order_by("-last_seen").first()
    return latest.last_seen if latest else None


def worker_alive() -> bool:
    seen = last_worker_seen()
    return seen is not None and seen >= silent_since()


def silent_worker_ids() -> list[str]:
    return list(
        WorkerHeartbeat.objects.filter(last_seen__lt=silent_since()).values_list(
            "worker_id", flat=True
        )
    )
