"""An address under /api/ that names nothing answers like the API does (JSON, in the API's
error shape, in the caller's language); other addresses keep the site's page; the
documentation pages say their language on <html>."""

import json

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/khong-co/", "/api/v1/tasks/1/khong-co/", "/api/v2/"])
def test_an_unknown_api_address_answers_json_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    error = json.loads(response.content)["error"]
    assert error["status"] == 404 and error["code"] == "not_found"
    assert "Không có địa chỉ này" in error["message"]


def test_the_unknown_api_address_speaks_english_when_asked(client):
    client.cookies["django_language"] = "en"
    response = client.get("/api/v1/khong-co/")
    assert json.loads(response.content)["error"]["message"].startswith("No such address")


def test_a_known_collection_without_its_slash_still_redirects(client):
    response = client.get("/api/v1/tasks")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/tasks/")


def test_other_unknown_addresses_keep_the_sites_page(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/api/v1/docs/", "/api/v1/redoc/"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_documentation_pages_say_their_language(client, path, language):
    client.cookies["django_language"] = language
    response = client.get(path)
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.content.decode()
