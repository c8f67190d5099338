"""What the link experiments share (bench/links_*.py, docs/cascade.md "tried, not kept"):
a temporary SQLite database with the registry and 57-NQ/TW imported as the demo does,
the annotated plans of tests/cascade/, and how the importer reads them.

Importing this module sets up Django on the temporary database (as reporting_bench does),
so each experiment imports it before anything of Django's or Lộ trình's."""

import json
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="lotrinh-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ["LOTRINH_VAR_DIR"] = workdir
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from lotrinh.agencies.models import Agency  # noqa: E402
from lotrinh.core.setup import load_all  # noqa: E402
from lotrinh.importer.service import parse_file  # noqa: E402
from lotrinh.programmes import cascade, linking  # noqa: E402
from lotrinh.programmes.linking import (  # noqa: E402
    LinkSuggester,
    _cosine,
    _folded_names,
    plan_subject,
)
from lotrinh.reporting.demo_nq57 import import_nq57  # noqa: E402

HERE = Path(__file__).resolve().parent.parent / "tests" / "cascade"
CORPUS = Path(settings.LOTRINH_CORPUS_DIR)
# key: (file, issuer's code or name, annotation, parent programme code or None for 57-NQ/TW)
PLANS = {
    "kh3260": ("kh3260_ddqh15_2025_qh_nq57.txt", "Đảng đoàn Quốc hội", "kh3260_nq57", None),
    "kh310": ("kh310_ubnd_hanoi_2025_5g_iot.txt", "thanh-pho-ha-noi", "kh310_nq57", None),
    "kh552": (
        "kh552_ubnd_dongthap_2025_doi_moi_cong_nghe.txt",
        "tinh-dong-thap",
        "kh552_nq57",
        None,
    ),
    "kh144": ("kh144_ubnd_bacninh_2025_kinh_te_so.txt", "tinh-bac-ninh", "kh144_nq57", None),
    "kh179": ("kh179_ubnd_dongnai_2025_kinh_te_so.txt", "tinh-dong-nai", "kh179_nq57", None),
    "kh308": ("", "thanh-pho-ha-noi", "kh308_hanoi", "50/NQ-CP"),
}
# The plans' numbers, as their agencies correct them on review (tests/cascade/nq57.py).
NUMBERS = {
    "kh3260": "3260-KH/ĐĐQH15",
    "kh310": "310/KH-UBND",
    "kh552": "552/KH-UBND",
    "kh144": "144/KH-UBND",
    "kh179": "179/KH-UBND",
}


def database() -> Any:
    """Migrate the temporary database, load the registry and the seed programmes, import
    57-NQ/TW as the demo does; returns 57-NQ/TW."""
    call_command("migrate", verbosity=0)
    load_all()
    return import_nq57(None)


def gold(annotation: str) -> tuple[str, dict[str, list[str]], dict[str, int] | None]:
    """(document, {task ref: annotated parent refs}, sample rule or None) of an annotation."""
    data = json.loads((HERE / f"links_{annotation}.json").read_text(encoding="utf-8"))
    tasks = {
        ref: (item["implements"] if isinstance(item, dict) else item)
        for ref, item in data["tasks"].items()
    }
    return data.get("document", ""), tasks, data.get("sample")


def issuer_of(key: str) -> Agency:
    issuer = PLANS[key][1]
    return Agency.objects.filter(code=issuer).first() or Agency.objects.get(name_vi=issuer)


def parsed(key: str) -> dict[str, Any]:
    """The importer's parse of the plan's file."""
    filename, _issuer, annotation, _parent = PLANS[key]
    return parse_file(CORPUS / (filename or gold(annotation)[0]))


def title_of(key: str) -> str:
    """The plan's title as the importer reads it."""
    return (parsed(key).get("programme") or {}).get("title") or ""


def task_text(item: Any) -> str:
    """A plan task's text as the importer suggests from it (its title, then its text)."""
    return f"{item.title}: {item.text}" if item.title and item.title != item.text else item.text


def read(key: str, *, sample: bool = True) -> tuple[list[Any], list[str], str, Any, Any]:
    """The plan's tasks (with `sample`, the annotation's sample where it has one), their
    texts as the importer reads them, its subject, issuer and parent programme code."""
    annotation, parent_code = PLANS[key][2], PLANS[key][3]
    data = parsed(key)
    tasks = cascade.read_plan(data)
    _document, annotated, rule = gold(annotation)
    if sample and rule:
        # The sample as drawn (its tasks, not its positions on today's parse).
        tasks = [task for task in tasks if task.ref in annotated]
    subject = plan_subject((data.get("programme") or {}).get("title") or "")
    return tasks, [task_text(i) for i in tasks], subject, issuer_of(key), parent_code


def right_counts(got: dict[str, list[str]], expected: dict[str, list[str]]) -> tuple[int, int]:
    """(first suggestion right, one of the first three right) over the annotated tasks, by
    the tests' rule: the suggestion is in the annotation's list, or both are empty."""
    first = top3 = 0
    for ref, parents in expected.items():
        refs = got.get(ref, [])
        first += (not refs) if not parents else bool(refs and refs[0] in parents)
        top3 += (not refs) if not parents else any(r in parents for r in refs)
    return first, top3


def pair_counts(got: dict[str, list[Any]], expected: dict[str, list[str]]) -> tuple[int, int]:
    """`right_counts` of suggestions given as (parent ref, score) pairs (`suggested`)."""
    return right_counts({ref: [r for r, _s in pairs] for ref, pairs in got.items()}, expected)


# The plans the linking benches choose a setting on, and those measured once after.
DEV = ("kh3260", "kh310", "kh552")
HELD_OUT = ("kh144", "kh179", "kh308")


def print_result(
    label: str, line: list[str], firsts: dict[str, int], top3: int, took: float, dev=DEV
) -> None:
    """A setting's line: each plan's first-right count, the dev and held-out totals."""
    held = [n for k, n in firsts.items() if k in HELD_OUT]
    print(
        f"{label}: "
        + ", ".join(line)
        + f"; dev {sum(n for k, n in firsts.items() if k in dev)}"
        + (f", held out {sum(held)}" if held else "")
        + f" (top 3 {top3}) {took:.1f}s",
        flush=True,
    )


def plans_read(held_out: bool) -> tuple[list[str], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The plans a bench runs on (the dev plans, with `held_out` the held-out ones too):
    each one read (`read` and its title), its annotation's links, and the programme its
    links point to."""
    from lotrinh.programmes.services import current_programme

    nq57 = database()
    plans = list(DEV) + (list(HELD_OUT) if held_out else [])
    read_plans = {key: (*read(key), title_of(key)) for key in plans}
    expected = {key: gold(PLANS[key][2])[1] for key in plans}
    parents = {
        key: (current_programme(read_plans[key][4]) if read_plans[key][4] else nq57)
        for key in plans
    }
    return plans, read_plans, expected, parents


def suggested(suggester: Any, plan: tuple[Any, ...], subject: str) -> dict[str, list[Any]]:
    """Each task's suggestions as (parent ref, own-word score), the plan's subject given."""
    tasks, texts = plan[0], plan[1]
    suggester.prepare([*texts, subject])
    return {
        item.ref: [
            (s[0].ref, s[2])
            for s in suggester.suggest(text, item.context, item.lead + item.coordinating, subject)
        ]
        for item, text in zip(tasks, texts, strict=True)
    }


def print_changes(key: str, before: Any, after: Any, expected: Any) -> None:
    """The tasks whose first suggestion a setting changes, each marked right or wrong."""
    for ref, parents in expected.items():
        old = (before.get(ref) or [("", 0)])[0][0]
        new = (after.get(ref) or [("", 0)])[0][0]
        if old != new:
            right = {r: (r in parents) if parents else not r for r in (old, new)}
            mark = {True: "✓", False: "✗"}
            print(
                f"  {key} {ref}: {old or '—'} {mark[right[old]]} → {new or '—'} {mark[right[new]]}"
            )


def components(
    s: LinkSuggester, text: str, context: Iterable[str], names: Iterable[str], subject: str
) -> dict[str, dict[str, float]]:
    """`_scored`'s parts for each parent task (as `linking` computes them)."""
    left_out = sorted(set(s.names) | set(_folded_names(names)), key=len, reverse=True)
    query = Counter(linking.terms(text, left_out))
    own = s._vector(query, Counter())
    headings = [
        s._vector(Counter(linking.terms(h, left_out)), Counter())
        for h in context
        if h and h.strip()
    ]
    cosines = [_cosine(own, other) for other in s.vectors]
    own_scores = s._own_scores(query, cosines)
    about = s._vector(Counter(linking.terms(subject, left_out)), Counter())
    best_own = max(cosines, default=0.0)
    weight = s.CONTEXT_WEIGHT * min(1.0, (s.SAYS_LITTLE / best_own) ** s.POWER if best_own else 1.0)
    meant = s._meaning(text, subject) or [0.0] * len(s.tasks)
    out = {}
    for task, other, value, cos, sense in zip(
        s.tasks, s.vectors, own_scores, cosines, meant, strict=True
    ):
        around = max(
            (s.CONTEXT_DECAY**d * _cosine(h, other) for d, h in enumerate(headings)), default=0.0
        )
        factor = s.affinity.get(task.pk, 1.0)
        parts = {
            "own": value,
            "cos": cos,
            "head": weight * around,
            "title": s.CONTEXT_WEIGHT * _cosine(about, other),
            "meaning": s.MEANING_WEIGHT * sense,
            "factor": factor,
        }
        parts["total"] = (parts["own"] + parts["head"] + parts["title"] + parts["meaning"]) * factor
        out[task.ref] = parts
    return out
