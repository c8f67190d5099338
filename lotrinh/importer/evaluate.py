"""Measuring the parser against hand-checked annotations.

Tasks are paired by their text (folded, ≥ 90% similar), one to one. Scores per
document: task precision, recall and F1; the share of annotated tasks whose lead set
and whose coordinating set (agencies resolved to the registry, generic addressees by
code) are exactly right.
"""

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from lotrinh.core.text import fold, fold_aligned
from lotrinh.importer.names import registry

MATCH_THRESHOLD = 90.0


@dataclass
class Scores:
    document: str
    expected: int
    found: int
    matched: int
    lead_exact: int
    coordinating_exact: int

    @property
    def precision(self) -> float:
        return self.matched / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def lead_share(self) -> float:
        return self.lead_exact / self.expected if self.expected else 0.0

    @property
    def coordinating_share(self) -> float:
        return self.coordinating_exact / self.expected if self.expected else 0.0

    def line(self) -> str:
        return (
            f"{self.document}: tasks {self.matched}/{self.expected} expected, {self.found} found; "
            f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}; "
            f"lead sets {self.lead_share:.3f}; coordinating sets {self.coordinating_share:.3f}"
        )


def canonical(name: str) -> str:
    return registry().get(fold_aligned(name.strip()), name.strip())


def role_set(task: dict[str, Any], role: str) -> frozenset[str]:
    names = {canonical(n) for n in task.get(role, [])}
    names |= {
        "generic:" + a["generic"] for a in task.get("addressees", []) if a.get("role") == role
    }
    return frozenset(names)


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def score(document: str, parsed: dict[str, Any], expected: dict[str, Any]) -> Scores:
    found = parsed.get("tasks", [])
    wanted = expected.get("tasks", [])
    unused = list(range(len(found)))
    keys = [_key(t["text"]) for t in found]
    matched = lead = coordinating = 0
    for task in wanted:
        key = _key(task["text"])
        best, best_score = None, 0.0
        for index in unused:
            similarity = 100.0 if keys[index] == key else fuzz.ratio(keys[index], key)
            if similarity > best_score:
                best, best_score = index, similarity
                if similarity == 100.0:
                    break
        if best is None or best_score < MATCH_THRESHOLD:
            continue
        unused.remove(best)
        matched += 1
        lead += role_set(found[best], "lead") == role_set(task, "lead")
        coordinating += role_set(found[best], "coordinating") == role_set(task, "coordinating")
    return Scores(document, len(wanted), len(found), matched, lead, coordinating)
