"""A target measured by its linked tasks counts them in every programme; the portal's
table counts the programme it shows. Where the two differ the page says both, so a
reader does not meet 50 % in the table and 33,33 % on the target's page unexplained."""

import pytest
from django.core.cache import cache

from lotrinh.indicators.models import Target, TaskTargetLink
from lotrinh.programmes.models import Task

pytestmark = pytest.mark.django_db


def _row_of(body: str, target: Target) -> str:
    start = body.index(f'href="/chi-tieu/muc-tieu/{target.pk}/"')
    return body[start : body.index("</tr>", start)]


def test_the_target_row_names_the_tasks_of_other_programmes(client):
    target = Target.objects.filter(indicator__kind="tasks", is_current=True).order_by("pk").first()
    assert target is not None, "the seed programmes have targets evidenced by tasks"
    TaskTargetLink.objects.filter(target=target).delete()
    shown = Task.objects.filter(programme__code="50/NQ-CP").order_by("pk")[:2]
    other = Task.objects.exclude(programme__code="50/NQ-CP").order_by("pk").first()
    for task in [*shown, other]:
        TaskTargetLink.objects.create(target=target, task=task)
    cache.clear()
    row = _row_of(client.get("/cong-khai/tien-do/muc-tieu/").content.decode(), target)
    assert "(mục tiêu tính trên 3 nhiệm vụ liên kết, kể cả của văn bản khác)" in row

    TaskTargetLink.objects.filter(task=other).delete()
    cache.clear()
    row = _row_of(client.get("/cong-khai/tien-do/muc-tieu/").content.decode(), target)
    assert "kể cả của văn bản khác" not in row


def test_the_note_reads_in_english(client):
    target = Target.objects.filter(indicator__kind="tasks", is_current=True).order_by("pk").first()
    TaskTargetLink.objects.filter(target=target).delete()
    TaskTargetLink.objects.create(
        target=target, task=Task.objects.filter(programme__code="50/NQ-CP").first()
    )
    TaskTargetLink.objects.create(
        target=target, task=Task.objects.exclude(programme__code="50/NQ-CP").first()
    )
    cache.clear()
    client.cookies["django_language"] = "en"
    row = _row_of(client.get("/cong-khai/tien-do/muc-tieu/").content.decode(), target)
    assert "(the target counts 2 linked tasks, other documents' included)" in row


def test_the_public_menu_says_tasks_in_english(client):
    client.cookies["django_language"] = "en"
    body = client.get("/cong-khai/tien-do/nhom/").content.decode()
    nav = body[
        body.index('class="portal-nav') : body.index("</nav>", body.index('class="portal-nav'))
    ]
    assert '/cong-khai/nhiem-vu/">Tasks</a>' in nav


def test_a_share_of_nothing_published_is_unknown_not_zero():
    from lotrinh.portal import public

    tally = public.Tally("x", "x")
    tally.counts[public.NO_DATA] = 3
    assert tally.completed_share is None
    tally.counts[public.COMPLETED] = 1
    assert tally.completed_share == pytest.approx(25.0)
