"""Error analysis of the dev plans' misses, and the experiment that follows from it (issue
14, docs/cascade.md "Misses by kind, 2026-12-07").

`--errors`: every dev plan task (3260, 310, 552) whose first suggestion is wrong, with its
text, its plan headings, the first three suggestions with the parts of their scores (own
words, the plan's headings, the plan's title, meaning, × who the parent assigned), the
best-scored annotated clause and its rank, and the second reader's list where there is
one (`links_<plan>_nq57.second.json`).

Without it, the suggester as it is ("before") and the rules tried for the largest kind of
miss (the meaning overturning own words that favour the gold, often for a sibling of the
gold), each on the dev plans, with `--diff` the first suggestions each changes:
1. **Siblings share the meaning**: each parent task gets the best e5 standing among its
   siblings (the tasks under the same parent clause), so that the words decide between
   them; or only the title's cosine is so shared. No parameter.
2. **e5's hubs discounted** (`--hub α,…`): each parent task's cosines (the task's and
   the title's) less α × its mean cosine with the parent's other tasks (CSLS, Conneau et
   al. 2018; ½ is its ranking). `--groups` prints the sibling groups and each parent
   task's hubness.
With `--held-out`, the six plans, today and CHOSEN only (the held-out plans measured once).

The runs of 2026-12-07 (helper `link45`, docs/cascade.md "Misses by kind, 2026-12-07"):
`--errors`; `--groups --hub 0.1,0.2,0.25,0.3,0.35,0.4,0.45,0.5,0.55,0.6,0.75,1 --diff`;
then CHOSEN written down and committed, and `--held-out --diff` once.

Run: LOTRINH_LOCAL=1 .venv/bin/python bench/links_misses.py [--errors] [--groups]
         [--hub 0.25,0.5] [--held-out] [--diff]
"""

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
from links_common import (  # noqa: E402
    DEV,
    HERE,
    PLANS,
    components,
    pair_counts,
    plans_read,
    print_changes,
    print_result,
)

from lotrinh.programmes.linking import LinkSuggester  # noqa: E402


class SiblingSuggester(LinkSuggester):
    """The suggester with the meaning shared by siblings: the parent's tasks under the same
    parent clause (57-NQ/TW's III.4.1–III.4.3) each get the best e5 standing among them
    (`SHARE` "all"), or only the plan title's cosine is so shared ("subject"); "" is
    today's suggester."""

    SHARE = ""
    HUBNESS = 0.0
    siblings: list[list[int]] = []

    @classmethod
    def for_programme(cls, programme: Any, issuer: Any = None, **kwargs: Any) -> Any:
        from lotrinh.programmes.models import Clause

        suggester = super().for_programme(programme, issuer, **kwargs)
        up = dict(Clause.objects.filter(programme=programme).values_list("pk", "parent_id"))
        members: dict[Any, list[int]] = {}
        suggester.siblings = []
        for i, task in enumerate(suggester.tasks):
            key = up.get(task.clause_id)
            group = members.setdefault(key, []) if key is not None else []
            group.append(i)
            suggester.siblings.append(group)
        return suggester

    def _meaning(self, text: str, subject: str) -> list[float] | None:
        if self.meanings is None or self.passages is None or len(self.tasks) < 2:
            return None
        p = self.passages
        # HUBNESS: each parent task's cosines less HUBNESS × its mean cosine with the
        # parent's other tasks (CSLS, Conneau et al. 2018: ½ is its ranking).
        similar = p @ p.T
        hub = self.HUBNESS * (similar.sum(axis=1) - similar.diagonal()) / (len(self.tasks) - 1)
        cosines = p @ self.meanings.queries([text])[0] - hub
        if subject:
            about = p @ self.meanings.queries([subject])[0] - hub
            if self.SHARE == "subject":
                about = np.array([max(about[j] for j in group) for group in self.siblings])
            cosines = cosines + self.SUBJECT_MEANING * about
        spread = float(cosines.std())
        if spread < 1e-9:
            return None
        standing = [max(0.0, float(v)) for v in (cosines - cosines.mean()) / spread]
        if self.SHARE == "all":
            return [max(standing[j] for j in group) for group in self.siblings]
        return standing


def second_reader(key: str) -> dict[str, list[str]]:
    path = HERE / f"links_{PLANS[key][2]}.second.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        ref: (item["implements"] if isinstance(item, dict) else item)
        for ref, item in data["tasks"].items()
    }


def errors(suggester: LinkSuggester, key: str, plan: tuple[Any, ...], expected: Any) -> int:
    """One paragraph per wrong first suggestion; returns how many."""
    tasks, texts, subject = plan[0], plan[1], plan[2]
    second = second_reader(key)
    suggester.prepare([*texts, subject])
    missed = 0
    for item, text in zip(tasks, texts, strict=True):
        parents = expected.get(item.ref)
        if parents is None:
            continue
        names = item.lead + item.coordinating
        got = suggester.suggest(text, item.context, names, subject)
        refs = [s[0].ref for s in got]
        right = (not refs) if not parents else bool(refs and refs[0] in parents)
        if right:
            continue
        missed += 1
        parts = components(suggester, text, item.context, names, subject)
        ranked = sorted(parts, key=lambda r: -parts[r]["total"])
        gold_best = max(parents, key=lambda r: parts[r]["total"]) if parents else None
        print(
            f"\n{key} {item.ref} [{got[0][1] if got else '—'}] gold {parents} "
            f"second {second.get(item.ref, '?')} got {refs} "
            f"gold rank {ranked.index(gold_best) + 1 if gold_best else 0}"
        )
        print(f"  text: {text[:400]!r}")
        print(f"  headings: {[c[:90] for c in item.context]}; subject {subject[:80]!r}")
        for ref in dict.fromkeys([*refs[:3], *([gold_best] if gold_best else [])]):
            p = parts[ref]
            print(
                f"  {ref}: total {p['total']:.4f} = (own {p['own']:.4f} + head {p['head']:.4f}"
                f" + title {p['title']:.4f} + mean {p['meaning']:.4f}) × {p['factor']:.2f};"
                f" own cos {p['cos']:.4f}"
            )
    return missed


# Chosen on the dev plans (docs/cascade.md, "Misses by kind, 2026-12-07") before the
# held-out plans were run: CSLS's own ranking (½), inside the dev plateau 0.2–0.6. Measured
# once: held out 68 → 66 (144 33 → 31, 179 31 → 32, 308 4 → 3); not kept.
CHOSEN = 0.5


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--errors", action="store_true", help="the dev plans' wrong firsts")
    parser.add_argument("--held-out", action="store_true")
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--hub", default="", help="alphas of the hubness correction")
    parser.add_argument("--groups", action="store_true", help="the parents' sibling groups")
    args = parser.parse_args()
    plans, read_plans, expected, parents = plans_read(args.held_out)
    if args.errors:
        for key in DEV:
            suggester = LinkSuggester.for_programme(parents[key], issuer=read_plans[key][3])
            n = errors(suggester, key, read_plans[key], expected[key])
            print(f"\n{key}: {n} missed of {len(expected[key])}\n")
        return
    if args.groups:
        for key in dict.fromkeys(parents[k].pk for k in plans):
            parent = next(parents[k] for k in plans if parents[k].pk == key)
            s = SiblingSuggester.for_programme(parent)
            seen = {tuple(g) for g in s.siblings}
            print(parent.code, [[s.tasks[i].ref for i in g] for g in sorted(seen)])
            if s.passages is not None:
                similar = s.passages @ s.passages.T
                hub = (similar.sum(axis=1) - similar.diagonal()) / (len(s.tasks) - 1)
                order = sorted(range(len(s.tasks)), key=lambda i: -hub[i])
                print("  hubness:", ", ".join(f"{s.tasks[i].ref} {hub[i]:.3f}" for i in order))
    baseline: dict[str, Any] = {}
    floats = [float(a) for a in args.hub.split(",") if a]
    settings = [
        ("before (no hubness)", "", 0.0),
        *(
            []
            if args.held_out
            else [
                ("siblings share the meaning", "all", 0.0),
                ("siblings share the title's meaning only", "subject", 0.0),
            ]
        ),
        *((f"hubness {a:g}", "", a) for a in floats),
    ]
    if args.held_out:
        settings.append((f"chosen: hubness {CHOSEN:g}", "", CHOSEN))
    for label, share, hubness in settings:
        SiblingSuggester.SHARE = share
        SiblingSuggester.HUBNESS = hubness
        started = time.perf_counter()
        line, firsts, total3 = [], {}, 0
        for key in plans:
            suggester = SiblingSuggester.for_programme(parents[key], issuer=read_plans[key][3])
            got = links_common.suggested(suggester, read_plans[key], read_plans[key][2])
            first, top3 = pair_counts(got, expected[key])
            if label.startswith("before"):
                baseline[key] = got
            elif args.diff:
                print_changes(key, baseline[key], got, expected[key])
            firsts[key] = first
            total3 += top3
            line.append(f"{key} {first}/{len(expected[key])} ({top3})")
        print_result(label, line, firsts, total3, time.perf_counter() - started)


if __name__ == "__main__":
    main()
