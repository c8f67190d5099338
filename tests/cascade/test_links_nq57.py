"""Link suggestions on a real parent/child pair of the corpus: Resolution 57-NQ/TW
(Politburo) imported through the importer, and the National Assembly Party Delegation's
plan 3260-KH/ĐĐQH15 imported as its child programme. The gold is
`links_kh3260_nq57.json`, annotated by hand with its rule written in the file."""

import json
from pathlib import Path

import pytest

from lotrinh.programmes.linking import LinkSuggester
from lotrinh.programmes.models import LinkMethod, ProgrammeStatus, TaskLink
from tests.cascade import nq57

HERE = Path(__file__).parent
ANNOTATION = json.loads((HERE / "links_kh3260_nq57.json").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(
    not all((nq57.corpus() / f).exists() for f in (nq57.PARENT_FILE, nq57.CHILD_FILE)),
    reason="the corpus (setting LOTRINH_CORPUS_DIR) is not available",
)


@pytest.fixture
def plan(seeded_db: None):
    parent = nq57.load_nq57()
    return parent, nq57.import_kh3260(parent)


def test_the_resolution_is_imported_with_its_tasks_and_the_plan_as_its_child(plan) -> None:
    parent, child = plan
    assert parent.status == ProgrammeStatus.PUBLISHED
    assert parent.issuer is not None and parent.issuer.name_vi == "Bộ Chính trị"
    refs = set(parent.tasks.values_list("ref", flat=True))
    assert {"III.1.1", "III.3.6", "III.7", "IV.2"} <= refs
    assert not {r for r in refs if r.startswith(("I.", "II."))}  # viewpoints and goals
    assert child.implements_id == parent.pk
    assert child.issuer.name_vi == "Đảng đoàn Quốc hội"
    assert set(child.tasks.values_list("ref", flat=True)) == set(ANNOTATION["tasks"])


def test_the_first_suggestion_is_right_for_at_least_95_percent_of_the_annotated_tasks(
    plan,
) -> None:
    _parent, child = plan
    wrong = []
    for task in child.tasks.order_by("position"):
        expected = ANNOTATION["tasks"][task.ref]
        first = TaskLink.objects.filter(task=task).order_by("-score").first()
        if first is None or first.parent_task.ref not in expected:
            wrong.append((task.ref, first.parent_task.ref if first else None))
    total = len(ANNOTATION["tasks"])
    assert (total - len(wrong)) / total >= 0.95, f"{total - len(wrong)}/{total} right; {wrong}"


def test_a_task_that_says_little_of_its_own_follows_its_section_heading(plan) -> None:
    """ "Thực hiện một số nội dung khác …" tasks sit under the plan's section II.2, whose
    heading repeats 57-NQ/TW's IV.2 (the Delegation's own assignment)."""
    _parent, child = plan
    catch_all = child.tasks.filter(text__startswith="Thực hiện một số nội dung khác")
    assert catch_all.count() >= 8
    for task in catch_all:
        first = TaskLink.objects.filter(task=task).order_by("-score").first()
        assert first is not None and first.parent_task.ref == "IV.2", task.ref


def test_a_clause_reference_names_the_parent_tasks_outright(plan) -> None:
    parent, _child = plan
    suggester = LinkSuggester.for_programme(parent)
    by_part = suggester.suggest("Triển khai các nhiệm vụ tại mục 3 Phần III của Nghị quyết")
    assert [t.ref for t, _m, _s in by_part] == ["III.3.1", "III.3.2", "III.3.3"]
    assert {m for _t, m, _s in by_part} == {str(LinkMethod.CLAUSE)}
    assert [t.ref for t, _m, _s in suggester.suggest("Thực hiện nhiệm vụ 2.4 Phần III")] == [
        "III.2.4"
    ]
    assert [t.ref for t, _m, _s in suggester.suggest("Cụ thể hoá nhiệm vụ 5.3")] == ["III.5.3"]
    # The plan's own numbering is not the parent's.
    assert all(
        m == str(LinkMethod.TEXT)
        for _t, m, _s in suggester.suggest(
            "Phối hợp thực hiện nhiệm vụ 5.3 nêu trên về an ninh mạng, bảo vệ dữ liệu"
        )
    )
    # A number the parent does not have is no reference: the text decides.
    assert all(
        m == str(LinkMethod.TEXT)
        for _t, m, _s in suggester.suggest(
            "Thực hiện nhiệm vụ 9.9 về an ninh mạng và bảo vệ dữ liệu"
        )
    )


def test_names_of_who_does_a_task_do_not_make_it_similar(plan) -> None:
    """IV.2 names the Delegation; a plan task that only names the Delegation and the
    Assembly is not thereby about IV.2."""
    parent, child = plan
    suggester = LinkSuggester.for_programme(parent, issuer=child.issuer)
    names_only = "Đảng đoàn Quốc hội; Văn phòng Trung ương Đảng"
    scored = dict((t.ref, s) for t, s in suggester.scores(names_only, words_only=True))
    assert max(scored.values()) < LinkSuggester.THRESHOLD
    # Meaning re-ranks; whether anything is suggested is the words' decision.
    assert suggester.suggest(names_only) == []
