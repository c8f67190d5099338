"""Every API endpoint that returns an agency's plan or what hangs on it (the programme row,
its clauses, groups, tasks, assignments, regimes and periods, the plan and its tasks with
their links and units, its units' reports and entries, the targets and compliance read by
its address) follows `permissions.may_read_programme`, list and detail, filters and
search: the public and another province's monitor read nothing of Hà Nội's 144/KH-UBND;
its own people and MOST read it (docs/cascade.md, "One number, two lineages"). Before,
targets/ and compliance/ took any plan by its address or number."""

from typing import Any

import pytest
from django.test import Client

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from lotrinh.reporting.models import AgencyReport
from tests.cascade.conftest import person
from tests.cascade.test_shared_number_lookups import NUMBER, two_plans  # noqa: F401

pytestmark = pytest.mark.django_db


def _rows(client: Client, url: str, params: dict[str, Any] | None = None) -> list[Any]:
    response = client.get(url, params or {})
    assert response.status_code == 200, (url, params, response.status_code)
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _readers(two_plans) -> dict[str, Any]:  # noqa: F811
    hanoi = two_plans["hn"]["plan"].issuer
    unit_reporter = person("hn_unit_api", hanoi, Role.REPORTER, two_plans["hn"]["unit"])
    return {
        "anonymous": (None, False),
        "other_province_monitor": (two_plans["bn"]["monitor"], False),
        "own_unit": (unit_reporter, True),
        "own_monitor": (two_plans["hn"]["monitor"], True),
        "most": (two_plans["most"], True),
    }


@pytest.mark.parametrize(
    "persona", ["anonymous", "other_province_monitor", "own_unit", "own_monitor", "most"]
)
def test_the_api_reads_a_plan_only_for_whom_may_read_it(two_plans, persona) -> None:  # noqa: F811
    user, may = _readers(two_plans)[persona]
    plan = two_plans["hn"]["plan"]
    assert perms.may_read_programme(user, plan) == may
    client = Client()
    if user is not None:
        client.force_login(user)
    task = plan.tasks.order_by("position").first()
    assert task is not None
    regime = plan.reporting_regimes.get()
    period = regime.periods.order_by("year").first()
    unit_report = AgencyReport.objects.get(unit=two_plans["hn"]["unit"])

    def ours(rows: list[Any], key: str = "programme") -> bool:
        return any(row.get(key) == plan.pk for row in rows)

    # The programme row: list, each filter, detail.
    assert ours(_rows(client, "/api/v1/programmes/"), "id") == may
    for params in ({"code": NUMBER}, {"slug": plan.slug}, {"issuer": plan.issuer.code}):
        assert ours(_rows(client, "/api/v1/programmes/", params), "id") == may, params
    assert client.get(f"/api/v1/programmes/{plan.pk}/").status_code == (200 if may else 404)
    # Its records, listed by programme and in full; a task by its words.
    for resource in ("clauses", "task-groups", "tasks", "regimes"):
        assert ours(_rows(client, f"/api/v1/{resource}/", {"programme": plan.pk})) == may
    assert ours(_rows(client, "/api/v1/tasks/", {"q": task.text})) == may
    assert client.get(f"/api/v1/tasks/{task.pk}/").status_code == (200 if may else 404)
    assert bool(_rows(client, "/api/v1/periods/", {"regime": regime.pk})) == may
    assert client.get(f"/api/v1/periods/{period.pk}/").status_code == (200 if may else 404)
    # The plan with its tasks, links and units.
    assert ours(_rows(client, "/api/v1/plans/"), "id") == may
    assert client.get(f"/api/v1/plans/{plan.pk}/").status_code == (200 if may else 404)
    assert ours(_rows(client, "/api/v1/plan-tasks/", {"plan": plan.pk}), "plan") == may
    assert client.get(f"/api/v1/plan-tasks/{task.pk}/").status_code == (200 if may else 404)
    # Its units' report and entries.
    reports = _rows(client, "/api/v1/reports/", {"unit": two_plans["hn"]["unit"].code})
    assert any(r["id"] == unit_report.pk for r in reports) == may
    entries = _rows(client, "/api/v1/entries/", {"task": task.pk})
    assert bool(entries) == may
    # By its address: targets (public) and compliance (those who follow compliance).
    targets = client.get("/api/v1/targets/", {"programme": plan.slug})
    assert targets.status_code == (200 if may else 404)
    if perms.has_capability(user, perms.VIEW_COMPLIANCE):
        compliance = client.get("/api/v1/compliance/", {"programme": plan.slug})
        assert compliance.status_code == 200
    # Never Bắc Ninh's plan in place of Hà Nội's, nor a word of it for who may not read it.
    other = two_plans["bn"]["plan"]
    detail = client.get(f"/api/v1/programmes/{other.pk}/")
    assert detail.status_code == (200 if perms.may_read_programme(user, other) else 404)
