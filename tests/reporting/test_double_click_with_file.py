"""A double click on "save" with an evidence file sends the same file twice at the same
version: the second is what is already stored, so it is not a conflict (a conflict with
nothing to compare would tell the officer someone else changed the task). A different
file at a stale version still is."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lotrinh.reporting import services

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


def upload(content: bytes = PDF, name: str = "quyet-dinh.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_the_same_file_saved_twice_at_the_same_version_is_saved_once(report_a, officer_a):
    entry = report_a.entries.first()
    version = entry.version
    data = {"status": "in_progress", "result": "Đã ban hành quyết định"}
    services.save_entry(entry, officer_a, {**data, "evidence_file": upload()}, version)
    again = services.save_entry(entry, officer_a, {**data, "evidence_file": upload()}, version)
    assert again.version == version + 1
    assert again.evidence_name == "quyet-dinh.pdf"
    # Another file at the stale version is still a conflict.
    with pytest.raises(services.ConflictError):
        services.save_entry(
            entry, officer_a, {**data, "evidence_file": upload(PDF + b"% khac\n")}, version
        )
