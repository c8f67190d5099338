"""The task page's queries compiled once per connection (programmes/services.py:
task_by_anchor, task_versions; indicators/task_section.py) give what the querysets they
replace gave: the same tasks, related objects and assignments, in the same order."""

import pytest
from django.http import Http404

from lotrinh.indicators import task_section
from lotrinh.programmes import services
from lotrinh.programmes.models import Programme, Task, TaskAssignment

pytestmark = pytest.mark.django_db


def _fields(obj) -> tuple:
    return tuple(getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields)


def _assignments(task: Task) -> list[tuple]:
    return [(_fields(a), a.agency and _fields(a.agency)) for a in task.assignments.all()]


def test_every_task_is_found_by_its_anchor_with_what_the_page_reads(
    django_assert_num_queries,
) -> None:
    checked = implementing = 0
    for programme in Programme.objects.all():
        for expected in services.tasks_with_assignments(
            Task.objects.filter(programme=programme)
        ).select_related("group__implements__programme"):
            anchor = expected.clause.anchor
            if Task.objects.filter(programme=programme, clause__anchor=anchor).count() > 1:
                continue
            with django_assert_num_queries(2):
                found = services.task_by_anchor(programme, anchor)
                assert _fields(found) == _fields(expected)
                assert _fields(found.group) == _fields(expected.group)
                assert _fields(found.clause) == _fields(expected.clause)
                assert _fields(found.programme) == _fields(expected.programme)
                assert _assignments(found) == _assignments(expected)
                parent = found.group.implements
                assert (parent and _fields(parent)) == (
                    expected.group.implements and _fields(expected.group.implements)
                )
                if parent is not None:
                    implementing += 1
                    assert _fields(parent.programme) == _fields(expected.group.implements.programme)
            checked += 1
    assert checked > 100 and implementing > 0


def test_an_unknown_anchor_is_not_found() -> None:
    programme = Programme.objects.filter(status="published").first()
    assert programme is not None
    with pytest.raises(Http404):
        services.task_by_anchor(programme, "no-such-anchor")


def test_every_task_has_its_versions_with_their_assignments(django_assert_num_queries) -> None:
    import copy

    from lotrinh.programmes.exporters import programme_to_data
    from lotrinh.programmes.loader import load_data

    # A new version of the action programme in which one task changes its agencies.
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    data = copy.deepcopy(programme_to_data(programme))
    data["tasks"][0]["assignments"] = list(reversed(data["tasks"][0].get("assignments", [])))
    data["tasks"] = data["tasks"][:-1]
    load_data(data, source="50-NQ-CP-phien-ban-moi.json")
    several = 0
    for task in Task.objects.select_related("programme"):
        expected = list(
            Task.objects.filter(programme__code=task.programme.code, ref=task.ref)
            .select_related("programme")
            .prefetch_related("assignments")
            .order_by("programme__version")
        )
        with django_assert_num_queries(2):
            found = services.task_versions(task)
            assert [_fields(t) for t in found] == [_fields(t) for t in expected]
            assert [_fields(t.programme) for t in found] == [_fields(t.programme) for t in expected]
            assert [[_fields(a) for a in t.assignments.all()] for t in found] == [
                [_fields(a) for a in t.assignments.all()] for t in expected
            ]
        several += len(found) > 1
    assert several > 100


def test_a_tasks_current_targets_are_read_as_the_queryset_reads_them() -> None:
    linked = 0
    for task in Task.objects.filter(target_links__isnull=False).distinct():
        expected = list(
            task.target_links.filter(target__is_current=True).select_related("target__indicator")
        )
        found = task_section._links.objects(task.pk)
        assert [(_fields(x), _fields(x.target), _fields(x.target.indicator)) for x in found] == [
            (_fields(x), _fields(x.target), _fields(x.target.indicator)) for x in expected
        ]
        linked += bool(found)
    assert linked > 0
    assert TaskAssignment.objects.exists()
