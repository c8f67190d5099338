"""The page of one import job, MOST's programme import and an agency's plan import alike:
polled by htmx until the job is done (then the draft's page) or failed. Never writes."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lotrinh.importer import service
from lotrinh.importer.models import ImportJob, JobStatus


def job_response(
    request: HttpRequest,
    job: ImportJob,
    *,
    done_url: str | None,
    page: str,
    fragment: str,
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
    }
    return render(request, fragment if request.headers.get("HX-Request") else page, context)
