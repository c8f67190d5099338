"""What other agencies confirmed: the links of the published plans of the same parent
programme, as evidence for the next plan's suggestions (docs/cascade.md, "Suggesting
links", issue 14).

Ministries and provinces each import a plan for the same national resolution and confirm
its links; their plans say the same things in similar words ("phát triển hạ tầng 5G",
"đào tạo nguồn nhân lực số"). An **exemplar** is a task of such a plan with its confirmed
parent tasks. A new task close in meaning to exemplars linked to III.6.1 gets a vote for
III.6.1: k nearest neighbours by the e5 query–query cosine (both texts were embedded as
queries at their own import, so their vectors are in `TextMeaning`), each counted by how
far it stands above the mean of all exemplars (in standard deviations, 0 below the mean,
as `LinkSuggester._meaning` does for the parent's tasks), split evenly over its parent
tasks, averaged over the k.

Which plans count: the current version of each published plan of the parent (any of
the parent's versions: a parent task is known by its reference), never a draft (nothing
confirmed yet), never the plan being suggested (none of its versions), and only links
the agency confirmed or added by hand. Only the suggested parent task is ever shown to
the agency, never another agency's text (`permissions.may_read_child_programme`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from lotrinh.programmes import meaning


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
    from lotrinh.programmes.models import ProgrammeStatus, TaskLink

    links = TaskLink.objects.filter(
        confirmed=True,
        task__programme__implements__code=parent.code,
        task__programme__status=ProgrammeStatus.PUBLISHED,
        task__programme__issuer__isnull=False,
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
    in meaning (see the module's docstring)."""

    def __init__(
        self, exemplars: Sequence[Exemplar], meanings: meaning.Meanings, *, k: int
    ) -> None:
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
