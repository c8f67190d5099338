"""The admin greets a person by her name, as every page names people (Django builds it
from first and last names, which the user model leaves empty)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_admin_greets_by_full_name(admin_user):
    admin_user.full_name = "Nguyễn Văn Quản"
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Nguyễn Văn Quản" in page
    assert f"<strong>{admin_user.username}</strong>" not in page
