"""A body over the upload limit is refused before anything reads it; an API caller gets
the refusal in the API's one error shape (docs/api.md), not the pages' HTML."""

import pytest

from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_a_413_in_the_apis_error_shape(settings, reporter_token, client):
    settings.LOTRINH_MAX_UPLOAD_BYTES = 1_000
    response = token_client(reporter_token.secret).patch(
        "/api/v1/entries/1/",
        '{"result": "' + "x" * 2_000 + '"}',
        content_type="application/json",
        headers={"if-match": '"v1"'},
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == 413 and error["code"] == "too_large"
    assert "Tệp quá lớn" in error["message"]
    # A page keeps its HTML refusal.
    response = client.post("/tai-khoan/dang-nhap/", {"username": "x" * 2_000})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
