import datetime

import pytest
from django.urls import reverse

from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def action_programme() -> Programme:
    return Programme.objects.get(code="50/NQ-CP", status="published")


def test_overview_shows_groups_targets_and_busiest_agencies(
    client, action_programme, django_assert_max_num_queries
):
    # The progress section (statuses, targets, the cycle) adds a fixed number of queries.
    with django_assert_max_num_queries(22):
        response = client.get(reverse("programmes:overview", args=[action_programme.slug]))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert len(groups) == 8
    assert sum(g.task_count for g in groups) == action_programme.tasks.count()
    top = response.context["top_agencies"][0]
    assert top["agency"].name_vi in response.content.decode()


def test_parent_resolution_overview_lists_numeric_targets(client):
    parent = Programme.objects.get(code="52-NQ/TW", status="published")
    response = client.get(reverse("programmes:overview", args=[parent.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["targets"]) >= 8
    assert "20% GDP" in body or "khoảng 20%" in body


def test_search_ignores_case_and_diacritics(client, action_programme):
    url = reverse("programmes:tasks", args=[action_programme.slug])
    plain = client.get(url, {"q": "CHUYEN DOI SO"})
    accented = client.get(url, {"q": "chuyển đổi số"})
    found = {t.ref for t in plain.context["page"].object_list}
    assert found and found == {t.ref for t in accented.context["page"].object_list}
    for task in plain.context["page"].object_list:
        assert "chuyển đổi số" in task.text.lower()
    expected = {t.ref for t in action_programme.tasks.all() if "chuyển đổi số" in t.text.lower()}
    assert found == expected


def test_filters_by_group_lead_coordinating_and_kind(client, action_programme):
    url = reverse("programmes:tasks", args=[action_programme.slug])
    most = Agency.objects.get(name_vi="Bộ Khoa học và Công nghệ")
    by_group = client.get(url, {"group": "II.4"}).context["page"].object_list
    assert by_group and all(t.group.ref == "II.4" for t in by_group)
    led = client.get(url, {"lead": most.code}).context["page"].paginator.object_list
    assert all(
        any(a.agency_id == most.pk and a.role == "lead" for a in t.assignments.all()) for t in led
    )
    coordinated = client.get(url, {"coordinating": most.code}).context["page"].paginator.object_list
    assert coordinated and all(
        any(a.agency_id == most.pk and a.role == "coordinating" for a in t.assignments.all())
        for t in coordinated
    )
    provinces = (
        client.get(url, {"agency_kind": "central_city"}).context["page"].paginator.object_list
    )
    assert "II.4.a.8" in {t.ref for t in provinces}


def test_task_list_htmx_returns_only_rows(client, action_programme):
    url = reverse("programmes:tasks", args=[action_programme.slug])
    response = client.get(url, {"q": "du lich"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content and b"result-count" in response.content


def test_task_list_query_count_does_not_grow(
    client, action_programme, django_assert_max_num_queries
):
    url = reverse("programmes:tasks", args=[action_programme.slug])
    with django_assert_max_num_queries(10):
        client.get(url)


def test_task_page_shows_text_roles_and_clause_link(
    client, action_programme, django_assert_max_num_queries
):
    task = Task.objects.get(programme=action_programme, ref="II.2.b.2")
    url = reverse("programmes:task", args=[action_programme.slug, task.clause.anchor])
    with django_assert_max_num_queries(15):
        response = client.get(url)
    body = response.content.decode()
    assert "Bộ Kế hoạch và Đầu tư" in body and "Bộ Khoa học và Công nghệ" in body
    assert f"#{task.clause.anchor}" in body


def test_document_view_has_an_anchor_for_every_clause(client, action_programme):
    response = client.get(reverse("programmes:document", args=[action_programme.slug]))
    body = response.content.decode()
    for clause in action_programme.clauses.all():
        assert f'id="{clause.anchor}"' in body


def test_ministry_page_lists_what_it_leads_and_coordinates(client, django_assert_max_num_queries):
    most = Agency.objects.get(name_vi="Bộ Khoa học và Công nghệ")
    with django_assert_max_num_queries(15):
        response = client.get(reverse("agencies:detail", args=[most.code]), {"ngay": "2021-01-01"})
    tasks = response.context["tasks"]
    led = {row.task.ref for row in tasks.lead if row.task.programme.code == "50/NQ-CP"}
    coordinated = {
        row.task.ref for row in tasks.coordinating if row.task.programme.code == "50/NQ-CP"
    }
    expected_lead = set(
        Task.objects.filter(
            programme__code="50/NQ-CP", assignments__agency=most, assignments__role="lead"
        ).values_list("ref", flat=True)
    )
    assert led == expected_lead and "II.4.a.1" in led
    assert "II.2.b.2" in coordinated
    assert all(row.via == "direct" for row in tasks.lead)


def test_after_the_merger_the_successor_sees_inherited_tasks(client):
    most = Agency.objects.get(name_vi="Bộ Khoa học và Công nghệ")
    mic = Agency.objects.get(name_vi="Bộ Thông tin và Truyền thông")
    before = client.get(
        reverse("agencies:detail", args=[most.code]), {"ngay": "2025-02-28"}
    ).context["tasks"]
    after = client.get(
        reverse("agencies:detail", args=[most.code]), {"ngay": "2025-03-01"}
    ).context["tasks"]
    assert not any(row.via == "inherited" for row in before.lead)
    inherited = [row for row in after.lead if row.via == "inherited"]
    assert inherited and all(row.held_from == mic for row in inherited)
    assert all(row.since == datetime.date(2025, 3, 1) for row in inherited)
    page = client.get(reverse("agencies:detail", args=[mic.code]), {"ngay": "2025-06-01"})
    assert page.context["tasks"].holder == most


def test_province_page_lists_tasks_addressed_to_all_provinces(client):
    province = Agency.objects.get(name_vi="Tỉnh Cao Bằng")
    response = client.get(reverse("agencies:detail", args=[province.code]), {"ngay": "2021-06-01"})
    generic = {
        row.task.ref
        for row in response.context["tasks"].generic
        if row.task.programme.code == "50/NQ-CP"
    }
    assert {"II.1.a", "II.2.a.1", "II.8.a"} <= generic


def test_unknown_pages_answer_404_in_the_site_style(client, action_programme):
    for url in (
        "/khong-co-trang-nay/",
        reverse("programmes:overview", args=["99-nq-cp"]),
        reverse("programmes:task", args=[action_programme.slug, "IX-9-z"]),
        reverse("agencies:detail", args=["bo-khong-ton-tai"]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy trang" in response.content.decode()


def test_english_interface(client, action_programme):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("programmes:overview", args=[action_programme.slug]))
    assert "Task groups" in response.content.decode()
