"""A draft plan's programme changed on its page (`cascade.change_parent`) and changed back
gets the link suggestions its import gave: the section headings and the names the import
read are kept on the tasks (`Task.headings`, `names_written`), where they used to be lost
and the suggestions made again from the text and the units' names only."""

from typing import Any

import pytest

from lotrinh.accounts.models import Role
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme, TaskLink
from lotrinh.programmes.services import current_programme
from tests.cascade.conftest import person
from tests.cascade.nq57 import PROVINCE_PLANS, corpus, load_nq57

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (corpus() / PROVINCE_PLANS["kh310"][0]).exists(), reason="corpus not available"
    ),
]


def suggestions(plan: Programme) -> dict[str, list[tuple[str, str, float]]]:
    out: dict[str, list[tuple[str, str, float]]] = {}
    for ref, parent, method, score in TaskLink.objects.filter(task__programme=plan).values_list(
        "task__ref", "parent_task__ref", "method", "score"
    ):
        out.setdefault(ref, []).append((parent, method, round(score, 6)))
    return {ref: sorted(links) for ref, links in out.items()}


def test_suggestions_after_changing_the_programme_and_back_equal_the_imports(
    seeded_db: None, django_capture_on_commit_callbacks: Any
) -> None:
    from lotrinh.agencies.models import Agency
    from lotrinh.importer.service import parse_file

    nq57 = load_nq57()
    filename, agency_code, code = PROVINCE_PLANS["kh310"]
    hanoi = Agency.objects.get(code=agency_code)
    reporter = person("reporter_hn", hanoi, Role.REPORTER)
    with django_capture_on_commit_callbacks(execute=False):  # the words' suggestions only
        plan = cascade.child_from_parse(
            parse_file(corpus() / filename), hanoi, nq57, None, code=code, refine_later=True
        )
        imported = suggestions(plan)
        assert plan.tasks.exclude(headings=[]).exists()  # sections were read and kept
        national = cascade.ParentChoice(current_programme("50/NQ-CP"), chosen=True)
        cascade.change_parent(reporter, plan, national)
        assert set(suggestions(plan)) and suggestions(plan) != imported
        cascade.change_parent(reporter, plan, cascade.ParentChoice(nq57, chosen=True))
    assert suggestions(plan) == imported
