"""The probe job: a harmless job an operator queues to see the worker pool at work."""

import time

from django.utils import timezone
from django_tasks import task

from lotrinh.core import jobs
from lotrinh.core.models import JobProbe

PROBE_MAX_SECONDS = 60.0


@task()
def probe(token: str, seconds: float) -> str:
    """Record that this worker started the probe, wait `seconds`, record that it finished.

    A probe whose worker was killed keeps its unfinished row; the worker that runs it
    again adds its own. Returns the worker's id."""
    run = JobProbe.objects.create(token=token, worker_id=jobs.current_worker_id()[:64])
    time.sleep(max(0.0, min(float(seconds), PROBE_MAX_SECONDS)))
    JobProbe.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return run.worker_id
