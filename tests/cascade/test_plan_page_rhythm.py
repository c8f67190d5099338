"""A plan's page shows a yearly task's rhythm where the deadline is (2026-12-07, party41):
"…, thực hiện hằng năm." gives the task a recurrence and no deadline words, and the page
showed no time at all for it. Words of the deadline still show as written (guard)."""

from typing import Any
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.importer import service as import_service
from lotrinh.programmes.models import Programme
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def _plan() -> dict[str, Any]:
    preamble = ["THÀNH ỦY HÀ NỘI", "Số 17-KH/TU", "KẾ HOẠCH"]
    return {
        "programme": {"code": "17-KH/TU", "title": "Chuyển đổi số", "issuer": ""},
        "clauses": [{"ref": f"preamble.{i}", "text": t} for i, t in enumerate(preamble, 1)],
        "tasks": [
            {
                "ref": "1",
                "text": "Tổ chức quán triệt về chuyển đổi số, thực hiện hằng năm.",
                "lead": [],
                "recurrence": "annual",
            },
            {
                "ref": "2",
                "text": "Xây dựng kho dữ liệu số; thực hiện năm 2026.",
                "lead": [],
                "deadline": {"text": "năm 2026", "date": "2026-12-31"},
            },
        ],
    }


def test_a_yearly_task_shows_its_rhythm(seeded_db: None) -> None:
    code = Agency.objects.get(name_vi="Thành ủy Hà Nội").code
    client = client_for(make_user("tu_hn_kh17", code, Role.REPORTER))
    upload = SimpleUploadedFile("ke-hoach.txt", "Kế hoạch".encode(), "text/plain")
    with (
        mock.patch.object(import_service, "parse_bytes", return_value=_plan()),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.post(reverse("cascade:import"), {"document": upload})
    page = client.get(response.url, follow=True).content.decode()
    plan = Programme.objects.get(code="17-KH/TU")
    yearly = plan.tasks.get(ref="1")
    assert yearly.recurrence == "annual" and not yearly.deadline_text
    row = page.split(f'id="task-{yearly.pk}"')[1].split("</td>")[0]
    assert "Hằng năm" in row
    dated = page.split(f'id="task-{plan.tasks.get(ref="2").pk}"')[1].split("</td>")[0]
    assert "năm 2026" in dated and "Hằng năm" not in dated
    client.cookies["django_language"] = "en"
    english = client.get(reverse("cascade:plan", args=[plan.pk])).content.decode()
    assert "Annual" in english.split(f'id="task-{yearly.pk}"')[1].split("</td>")[0]
