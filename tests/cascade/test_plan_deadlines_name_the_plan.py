"""A task of an agency's own plan is that plan's: its deadline, on the agency's page and in
its calendar, named it by the national programme it carries out ("50/NQ-CP: Xây dựng các
Chiến lược …", a task 50/NQ-CP does not have), found on the walk of 07/12/2026 (day45)."""

import datetime

from django.test import Client
from django.urls import reverse

from lotrinh.dashboard.queries import agency_obligations


def test_a_plan_tasks_deadline_names_the_plan(province) -> None:
    child, monitor = province["child"], province["monitor"]
    task = child.tasks.get(ref="1")
    task.deadline = datetime.date(2026, 6, 30)
    task.save(update_fields=["deadline"])

    obligations = agency_obligations(monitor, child.issuer, datetime.date(2026, 1, 5))
    deadlines = [d for d in obligations.deadlines if d.kind == "action"]
    assert [d.summary for d in deadlines] == [f"{child.code}: Nhiệm vụ 1"]

    client = Client()
    client.force_login(monitor)
    page = client.get(reverse("dashboard:agency", args=[child.issuer.code])).content.decode()
    assert f"{child.code}: Nhiệm vụ 1" in page
    assert "50/NQ-CP: Nhiệm vụ 1" not in page
