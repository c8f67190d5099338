"""How far two readers agree on the province plans' links to 57-NQ/TW (issue 14): the first
annotation (`links_<plan>_nq57.json`, one reader each) and a second, blind one
(`links_<plan>_nq57.second.json`, helper `annot`, 2026-12-04, written before the first
files' links were opened), both under the rule written in the files. The suggester's 95 %
target is measured against one reader: this says how much of that is the reader's taste
(docs/cascade.md, "Two readers"). Floors, as measured, so that an edit of either file that
lowers the agreement is seen."""

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.cascade import nq57

HERE = Path(__file__).parent
NONE = "-"  # no link: the task only follows the plan up


def load(key: str, which: str) -> dict:
    name = f"links_{key}_nq57.json" if which == "first" else f"links_{key}_nq57.{which}.json"
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def first_in_other(reader: dict[str, list[str]], other: dict[str, list[str]]) -> int:
    """Tasks where `reader`'s first clause is one of `other`'s, or both say no link: the
    tests' own rule for a right suggestion, with `reader` in the suggester's place."""
    return sum(
        (not other[ref]) if not links else (links[0] in other[ref]) for ref, links in reader.items()
    )


def cohen_kappa(a: list[str], b: list[str]) -> float:
    """Cohen's kappa on one label per task (the first clause, or NONE)."""
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    ca, cb = Counter(a), Counter(b)
    expected = sum(ca[label] * cb[label] for label in ca) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(key: str) -> dict[str, float]:
    first, second = load(key, "first")["tasks"], load(key, "second")["tasks"]
    a, b = ([r[ref][0] if r[ref] else NONE for ref in first] for r in (first, second))
    return {
        "second_in_first": first_in_other(second, first),
        "first_in_second": first_in_other(first, second),
        "both_none": sum(not first[ref] and not second[ref] for ref in first),
        "kappa_first": cohen_kappa(a, b),
    }


# Measured 2026-12-04 (helper `annot`): tasks out of 33, 48, 45, 48; kappa to 3 decimals,
# rounded down. 2026-12-07 (helper prose4): 144's VI.2.b and 179's VI.7 are no longer tasks
# and left both annotations, where both readers had put them first in each other's lists:
# 144 and 179 count one task fewer (out of 44 and 47), kappa up (0.726, 0.739).
MEASURED = {
    "kh310": {"second_in_first": 32, "first_in_second": 32, "both_none": 3, "kappa_first": 0.773},
    "kh552": {"second_in_first": 43, "first_in_second": 44, "both_none": 3, "kappa_first": 0.680},
    "kh144": {"second_in_first": 42, "first_in_second": 40, "both_none": 0, "kappa_first": 0.707},
    "kh179": {"second_in_first": 46, "first_in_second": 47, "both_none": 2, "kappa_first": 0.721},
}


@pytest.mark.parametrize("key", sorted(nq57.PROVINCE_PLANS))
def test_both_readers_annotated_the_same_tasks_of_the_same_plan(key: str) -> None:
    first, second = load(key, "first"), load(key, "second")
    for field in ("document", "parent", "parent_document", "code", "sample"):
        assert first.get(field) == second.get(field), field
    assert list(first["tasks"]) == list(second["tasks"])
    # Only Part III's tasks can be right for a province (the rule in both files).
    for links in second["tasks"].values():
        assert all(ref.startswith("III.") for ref in links), links


@pytest.mark.parametrize("key", sorted(nq57.PROVINCE_PLANS))
def test_the_two_readers_agree_at_least_as_measured(key: str) -> None:
    got = agreement(key)
    for measure, floor in MEASURED[key].items():
        assert got[measure] >= floor, (measure, got)


def test_the_kappa_is_that_of_a_known_case() -> None:
    # Two labels, 4 tasks: observed 0.5, expected 0.5 → 0; identical labels → 1.
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "a", "b"]) == 0.0
    assert cohen_kappa(["a", "b", "c"], ["a", "b", "c"]) == 1.0
