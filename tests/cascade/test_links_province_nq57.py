"""Link suggestions on province plans of the corpus implementing Resolution 57-NQ/TW: Hà
Nội's 310/KH-UBND (5G and IoT infrastructure), Đồng Tháp's 552/KH-UBND (technology
innovation roadmap), and, held out (annotated on a sample, not used to choose the
suggester's weights), Bắc Ninh's 144/KH-UBND and Đồng Nai's 179/KH-UBND (digital economy
and society), each imported as a child programme of 57-NQ/TW. The gold is
`links_<plan>_nq57.json`, annotated by hand before the suggester was changed, with the rule
written in each file (an empty list: no link should be suggested; `sample`: which tasks
were annotated)."""

import json
from pathlib import Path

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.programmes.linking import LinkSuggester
from lotrinh.programmes.models import Programme, TaskLink
from tests.cascade import nq57

HERE = Path(__file__).parent
ANNOTATIONS = {
    key: json.loads((HERE / f"links_{key}_nq57.json").read_text(encoding="utf-8"))
    for key in nq57.PROVINCE_PLANS
}
# What the suggester gets right today (docs/cascade.md, "Suggesting links"): a floor, so
# that a change that makes it worse fails; the target (95 %) is an expected failure. The
# counts moved by a task between machines with the same code and pinned model (144: 31 on
# the earlier sessions' machine, 32 on 2026-12-03's; 552: 27, 28; 179: 32, 31): several
# tasks' first two suggestions are within 0.0005, and the last digits of the vectors
# decide their order. The floor is the lower of the two. With follow-up tasks left
# unlinked (2026-12-03, the 2026-12-03 machine): 310 29, 552 32 (31 on the other machine,
# which gave one less before), 144 32, 179 31 (held out, unchanged); 310 28 without the
# misspelling the helper had listed. With the parent's vectors pivoted (PIVOT_SLOPE 0.8,
# 2026-12-03 machine): 310 28, 552 33, held out 144 33, 179 32; floors one below where
# the other machine may give one less. With the own words ranked by BM25 (2026-12-06,
# docs/cascade.md "Okapi BM25 …"): 310 28, 552 34, held out 144 33, 179 32; 552's floor
# one below. With the title's genre formula cut from the plan's subject (2026-12-07,
# docs/cascade.md "The title's formula"): 310 28, 552 35, held out 144 33, 179 32; 552's
# floor one below (two of its tasks turn on margins under 0.01).
MEASURED = {"kh310": 28, "kh552": 34, "kh144": 32, "kh179": 31}
pytestmark = pytest.mark.skipif(
    not all(
        (nq57.corpus() / f).exists()
        for f in [nq57.PARENT_FILE] + [plan[0] for plan in nq57.PROVINCE_PLANS.values()]
    ),
    reason="the corpus (setting LOTRINH_CORPUS_DIR) is not available",
)


@pytest.fixture(params=sorted(nq57.PROVINCE_PLANS))
def plan(request, seeded_db: None) -> tuple[str, Programme, Programme]:
    parent = nq57.load_nq57()
    # A sampled annotation: the plan imported with the sampled tasks only (nq57).
    sample = ANNOTATIONS[request.param].get("sample")
    refs = list(ANNOTATIONS[request.param]["tasks"]) if sample else None
    return (
        request.param,
        parent,
        nq57.import_province_plan(request.param, parent, sample=sample, refs=refs),
    )


def annotated(key: str, child: Programme) -> list[str]:
    """The refs of the child's tasks: all annotated, or the annotation's sample (the first
    task and every n-th after it, in the plan's order), taken at import."""
    return list(child.tasks.order_by("position").values_list("ref", flat=True))


def right_first_suggestions(key: str, child: Programme) -> tuple[int, list]:
    """How many annotated tasks get a right first suggestion (none at all where the
    annotation says no link), and the wrong ones."""
    expected_by_ref = ANNOTATIONS[key]["tasks"]
    wrong = []
    for task in child.tasks.filter(ref__in=expected_by_ref).order_by("position"):
        expected = expected_by_ref[task.ref]
        first = TaskLink.objects.filter(task=task).order_by("-score").first()
        got = first.parent_task.ref if first else None
        if (got is None) if not expected else (got in expected):
            continue
        wrong.append((task.ref, got))
    return len(expected_by_ref) - len(wrong), wrong


def test_the_province_plan_is_the_resolutions_child_with_the_annotated_tasks(plan) -> None:
    key, parent, child = plan
    _file, agency_code, code = nq57.PROVINCE_PLANS[key]
    assert child.implements_id == parent.pk
    assert child.issuer.code == agency_code and child.code == code
    assert annotated(key, child) == list(ANNOTATIONS[key]["tasks"])
    assert all(TaskLink.objects.filter(task__programme=child).values_list("method", flat=True))
    # Units are named bodies ("Sở Tài chính"), not kinds of body ("viện nghiên cứu").
    units = list(child.issuer.units.values_list("name_vi", flat=True))
    assert units and all(name[:1].isupper() for name in units), units


def test_the_first_suggestion_is_no_worse_than_measured(plan) -> None:
    key, _parent, child = plan
    right, wrong = right_first_suggestions(key, child)
    assert right >= MEASURED[key], f"{right}/{len(ANNOTATIONS[key]['tasks'])} right; {wrong}"


@pytest.mark.xfail(
    strict=True,
    reason="the suggester puts a right 57-NQ/TW task first for 28 of 33 tasks of "
    "310/KH-UBND, 35 of 48 of 552/KH-UBND, and, held out, 33 of 44 of 144/KH-UBND and "
    "31 of 47 of 179/KH-UBND (docs/cascade.md, 2026-12-07); the province confirms links before "
    "publishing",
)
def test_the_first_suggestion_is_right_for_at_least_95_percent_of_the_annotated_tasks(
    plan,
) -> None:
    key, _parent, child = plan
    right, wrong = right_first_suggestions(key, child)
    total = len(ANNOTATIONS[key]["tasks"])
    assert right / total >= 0.95, f"{right}/{total} right; {wrong}"


def test_the_resolutions_assignments_to_other_bodies_weigh_less_for_a_province(
    seeded_db: None,
) -> None:
    """Part IV of 57-NQ/TW assigns the Fatherland Front and the socio-political
    organisations (a named agency and a generic addressee that does not cover a
    province), the Assembly's Party delegation and others by name: for Hà Nội's plan
    each weighs as another's task."""
    parent = nq57.load_nq57()
    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    suggester = LinkSuggester.for_programme(parent, issuer=hanoi)
    by_ref = {t.ref: t.pk for t in suggester.tasks}
    for ref in ("IV.2", "IV.4", "IV.5", "IV.6"):
        assert suggester.affinity[by_ref[ref]] == LinkSuggester.OTHERS_ONLY, ref
    assert by_ref["III.3.5"] not in suggester.affinity


def test_the_plans_title_leads_a_task_that_says_little_to_what_the_plan_is_about(
    seeded_db: None,
) -> None:
    """310/KH-UBND is about 5G and IoT infrastructure (57-NQ/TW III.3.5): by its words, a
    task that only says "carry out what you are given" gets III.3.5 first from the plan's
    title, and not without it. (With the meaning signal this made-up task goes to IV.4,
    or to III.1.1 "chủ động triển khai thực hiện" with Hà Nội as issuer: docs/cascade.md;
    the real tasks of 310 that carry out the plan as a whole follow its title more often
    with meaning than without.)"""
    parent = nq57.load_nq57()
    suggester = LinkSuggester.for_programme(parent)
    text = "Chủ trì, phối hợp tổ chức thực hiện theo chức năng, nhiệm vụ được giao."
    subject = "Phát triển hạ tầng 5G, IoT"
    with_title = suggester.scores(text, (), (), subject, words_only=True)
    assert with_title[0][0].ref == "III.3.5" and with_title[0][1] >= LinkSuggester.THRESHOLD
    assert suggester.scores(text, words_only=True)[0][0].ref != "III.3.5"
