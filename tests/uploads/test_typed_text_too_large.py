"""A form of typed text (no file) over the request limit is refused with words about the
text, not about a file.

Walk (helper walkx): a Party committee's reporter pasted about 10 MB of text into a
report's comment box; the page answered "Tệp không được nhận — Tệp quá lớn (32 MB; tối đa
20 MB)… Hãy chọn tệp khác rồi tải lên lại." She had chosen no file.
"""

import pytest
from django.test import RequestFactory

from lotrinh.core import uploads

pytestmark = pytest.mark.django_db


def _refuse(content_type: str) -> str:
    request = RequestFactory().post("/bao-cao/1/y-kien/", data=b"x", content_type=content_type)
    request.META["CONTENT_LENGTH"] = str(33_554_432)  # 32 MB

    def view_must_not_run(request):
        raise AssertionError("the view ran")

    response = uploads.UploadLimitMiddleware(view_must_not_run)(request)
    assert response.status_code == 413
    return response.content.decode()


def test_a_form_of_typed_text_is_told_its_text_is_too_long(settings):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 20 * uploads.MB
    page = _refuse("application/x-www-form-urlencoded")
    assert "Nội dung gửi quá lớn (32 MB; tối đa 20 MB): chưa ghi gì." in page
    assert "Nội dung không được nhận" in page
    card = page[page.index('<div class="card narrow">') :]
    assert "Tệp" not in card and "tệp khác" not in card  # nor the heading, nor the advice
    assert "<title>Nội dung không được nhận" in page


def test_a_form_with_a_file_is_still_told_about_the_file(settings):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 20 * uploads.MB
    page = _refuse("multipart/form-data; boundary=x")
    assert "Tệp quá lớn (32 MB; tối đa 20 MB)" in page
    assert "Tệp không được nhận" in page
