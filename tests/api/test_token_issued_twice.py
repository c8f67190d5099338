"""The form that issues an API token sent twice (a double click: the browser shows only
the second answer): one token, and the second answer says the first was made and what to
do, since its secret is shown once only."""

from typing import Any

import pytest
from django.urls import reverse

from lotrinh.api.models import ApiToken
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_a_double_click_on_issue_makes_one_token_and_says_what_to_do(
    agency_admin_a: Any,
) -> None:
    client = client_for(agency_admin_a)
    form = {"name": "Hệ thống quản lý văn bản", "role": "reporter", "scopes": ["read"]}
    first = client.post(reverse("api_tokens:issue"), form)
    assert first.status_code == 200 and "lt_" in first.content.decode()
    again = client.post(reverse("api_tokens:issue"), form)
    assert again.status_code == 400
    page = again.content.decode()
    assert "đã được tạo lúc" in page and "thu hồi khoá đó" in page
    assert ApiToken.objects.count() == 1
    # Revoked, the name may be used again.
    token = ApiToken.objects.get()
    client.post(reverse("api_tokens:revoke", args=[token.pk]), {"version": token.version})
    assert client.post(reverse("api_tokens:issue"), form).status_code == 200
    assert ApiToken.objects.count() == 2
