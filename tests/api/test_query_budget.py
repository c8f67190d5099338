"""API lists cost a fixed number of queries, however many rows a page holds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path",
    ["/api/v1/tasks/", "/api/v1/assignments/", "/api/v1/agencies/", "/api/v1/observations/"],
)
def test_a_list_page_costs_the_same_whatever_its_size(client, path):
    small = _queries(client, f"{path}?page_size=5")
    large = _queries(client, f"{path}?page_size=100")
    assert large == small, (small, large)
    assert large <= 8
