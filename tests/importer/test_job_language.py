"""A failed import says why in the reader's language: the worker stores the reason in
both, and the job page shows the one of the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.importer.models import ImportJob, JobStatus
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

NO_TASKS = "KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\nNâng cao nhận thức về chuyển đổi số.\n".encode()


@pytest.mark.parametrize(
    ("name", "data", "vietnamese", "english"),
    [
        ("trong.txt", b"\n\n   \n", "Không nhận ra nhiệm vụ", "No task"),
        ("ke-hoach.txt", NO_TASKS, "Không nhận ra nhiệm vụ", "No task"),
        ("quet.pdf", b"%PDF-1.4\n%%EOF", "PDF", "PDF"),
    ],
)
def test_the_reason_of_a_failed_import_is_in_the_readers_language(
    most_monitor, django_capture_on_commit_callbacks, name, data, vietnamese, english
):
    client = client_for(most_monitor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("importer:upload"), {"document": SimpleUploadedFile(name, data)})
    job = ImportJob.objects.get()
    assert job.status == JobStatus.FAILED
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    error_vi = page.split('id="job-error">')[1].split("</div>")[0]
    client.cookies["django_language"] = "en"
    page = client.get(reverse("importer:job", args=[job.pk])).content.decode()
    error_en = page.split('id="job-error">')[1].split("</div>")[0]
    assert vietnamese in error_vi
    assert error_en != error_vi and english in error_en, error_en
