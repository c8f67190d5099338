"""A NUL character in the address or a query parameter is refused at the request's edge
with a 400 that says so (PostgreSQL refuses NUL in text: before this rule each view that
forgot the check answered 500 there). Posted forms keep their pages' own refusals, which
name the field and keep what was typed."""

import json

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_a_nul_in_the_address_is_a_400_page(client):
    response = client.get("/chuong-trinh/50-nq-cp/nhiem-vu/II.1%00/")
    assert response.status_code == 400
    assert "ký tự NUL" in response.content.decode()


def test_a_nul_in_a_query_parameter_is_a_400_page(client):
    response = client.get("/cong-khai/nhiem-vu/", {"q": "chuyển đổi\x00số"})
    assert response.status_code == 400
    assert 'id="request-error"' in response.content.decode()


def test_a_nul_in_a_posted_form_is_left_to_its_page(client):
    user = get_user_model().objects.create_user(username="canbo", password="mat-khau-dai-2026")
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "canbo\x00", "password": "mat-khau-dai-2026"}
    )
    assert response.status_code == 200
    assert 'value="canbo' in response.content.decode()
    user.refresh_from_db()
    assert user.last_login is None


def test_a_nul_in_an_api_parameter_is_the_apis_400_naming_it(client):
    response = client.get("/api/v1/tasks/", {"programme": "50\x00"})
    assert response.status_code == 400
    error = json.loads(response.content)["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == ["programme"]


def test_the_refusal_speaks_english_when_asked(client):
    client.cookies["django_language"] = "en"
    response = client.get("/cong-khai/nhiem-vu/", {"q": "\x00"})
    assert response.status_code == 400
    assert "contains a NUL character" in response.content.decode()


def test_text_without_nul_passes(client):
    response = client.get("/cong-khai/nhiem-vu/", {"q": "chuyển đổi số"})
    assert response.status_code == 200


def test_a_nul_in_an_api_parameter_is_refused_whatever_the_authorization(client):
    # A token caller's query reaches the same queries: the refusal does not depend on it.
    response = client.get(
        "/api/v1/tasks/", {"programme": "50\x00"}, headers={"Authorization": "Token x"}
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        "programme": ["Tham số không được chứa ký tự NUL."]
    }
