import time
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Unit
from tests.cascade.conftest import person
from tests.cascade.test_unit_picker import _draft
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

def test_measure(hanoi):
    draft = _draft(hanoi, 179)
    Unit.objects.bulk_create([Unit(agency=hanoi, code=f"u-{i}", name_vi=f"Sở thử nghiệm số {i:05d}", name_sort=f"so {i:05d}", kind="department") for i in range(1000)])
    client = client_for(person("hn_reporter", hanoi, Role.REPORTER))
    client.get(reverse("cascade:plan", args=[draft.pk]))
    for _ in range(2):
        with CaptureQueriesContext(connection) as q:
            t = time.perf_counter()
            r = client.get(reverse("cascade:plan", args=[draft.pk]))
            el = time.perf_counter() - t
        print(f"\nMEASURE tasks=179 units=1000 bytes={len(r.content)} seconds={el:.2f} queries={len(q)}")
