"""The template form sent twice (a double click), or from a page shown before another
manager replaced the template: no second copy of the same file, and a replacement made
since is never overwritten unseen."""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from lotrinh.documents import render, services
from lotrinh.documents.models import DocumentTemplate
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def _upload(client: Any, data: bytes, current: Any) -> str:
    form = {"template": SimpleUploadedFile("mau.docx", data), "current": str(current)}
    return client.post(reverse("documents:upload_template"), form, follow=True).content.decode()


def _variant() -> bytes:
    """The default template with one more paragraph: another file that passes the checks."""
    import io

    from docx import Document

    document = Document(str(render.DEFAULT_TEMPLATE))
    document.add_paragraph("Mẫu của Vụ Kế hoạch")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_double_click_applies_the_template_once(most_monitor: Any, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    client = client_for(most_monitor)
    data = render.DEFAULT_TEMPLATE.read_bytes()
    _upload(client, data, 0)
    page = _upload(client, data, 0)  # the same page, sent again
    assert DocumentTemplate.objects.count() == 1
    assert "Mẫu này đang được dùng" in page


def test_a_stale_page_does_not_replace_a_colleagues_template(
    most_monitor: Any, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    colleague = make_user("most_2", "bo-khoa-hoc-va-cong-nghe", most_monitor.role)
    first = services.replace_template(colleague, "mau-vu.docx", _variant())
    page = _upload(client_for(most_monitor), render.DEFAULT_TEMPLATE.read_bytes(), 0)
    assert list(DocumentTemplate.objects.all()) == [first]
    assert "sau khi bạn mở trang" in page and "chưa áp dụng mẫu của bạn" in page
    # Shown the colleague's template, the manager may replace it.
    _upload(client_for(most_monitor), render.DEFAULT_TEMPLATE.read_bytes(), first.pk)
    assert DocumentTemplate.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks are only real on PostgreSQL"
)
def test_two_first_ever_uploads_at_once_apply_one_and_tell_the_other(
    seeded_live_server: Any, settings, tmp_path
) -> None:
    """No template yet, so no template row to lock: the two still wait for each other."""
    import threading

    from django.db import connections

    settings.MEDIA_ROOT = tmp_path
    first = make_user("most_1", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    second = make_user("most_2", "bo-khoa-hoc-va-cong-nghe", "most_monitor")
    assert not DocumentTemplate.objects.exists()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def upload(user: Any, name: str, data: bytes) -> None:
        try:
            barrier.wait()
            services.replace_template(user, name, data, expected=0)
            outcomes.append("applied")
        except services.TemplateNotApplied as exc:
            outcomes.append("already" if exc.already else "told")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=upload, args=(first, "mau-a.docx", _variant())),
        threading.Thread(
            target=upload, args=(second, "mau-b.docx", render.DEFAULT_TEMPLATE.read_bytes())
        ),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["applied", "told"]
    assert DocumentTemplate.objects.count() == 1
