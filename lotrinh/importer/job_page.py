"""The page of one import job, MOST's programme import and an agency's plan import alike:
polled by htmx until the job is done (then the draft's page) or failed. Never writes.

One fragment, `importer/_job.html`, for both: what differs (where it polls and retries,
where another file is sent, what the progress leads to, whether a failure says that
nothing changed) is the view's `JobLinks`."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import Promise

from lotrinh.importer import service
from lotrinh.importer.models import ImportJob, JobStatus

FRAGMENT = "importer/_job.html"


@dataclass(frozen=True)
class JobLinks:
    """What the job's page of one kind of import shows differently."""

    poll_url: str
    retry_url: str
    another_file_url: str
    progress_hint: str | Promise
    say_nothing_changed: bool = False


def job_response(
    request: HttpRequest,
    job: ImportJob,
    *,
    done_url: str | None,
    page: str,
    links: JobLinks,
) -> HttpResponse:
    """`done_url`: the draft's page once the job made it (None until then)."""
    if job.status == JobStatus.DONE and done_url:
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = done_url
            return response
        return redirect(done_url)
    now = timezone.now()
    stuck = service.is_stuck(job, now)
    context = {
        "job": job,
        "stuck": stuck,
        "may_retry": service.may_retry(job),
        "waiting_long": job.status == JobStatus.QUEUED
        and (now - job.created_at).total_seconds() > 60,
        "active": job.status in (JobStatus.QUEUED, JobStatus.RUNNING) and not stuck,
        "poll_url": links.poll_url,
        "retry_url": links.retry_url,
        "another_file_url": links.another_file_url,
        "progress_hint": links.progress_hint,
        "say_nothing_changed": links.say_nothing_changed,
    }
    return render(request, FRAGMENT if request.headers.get("HX-Request") else page, context)
