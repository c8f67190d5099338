"""Resolution 57-NQ/TW and the National Assembly Party Delegation's plan 3260-KH/ĐĐQH15
implementing it, both from the corpus, loaded the way a person would: the resolution
through the importer (parse, correct the header, publish), the plan as its child
programme (`cascade.child_from_parse`)."""

from pathlib import Path
from typing import Any
from unittest import mock

from django.conf import settings

from lotrinh.agencies.models import Agency
from lotrinh.importer.service import parse_file
from lotrinh.programmes import cascade
from lotrinh.programmes.models import Programme
from lotrinh.reporting.demo_nq57 import import_nq57

PARENT_FILE = "nq57_tw_2024.txt"
CHILD_FILE = "kh3260_ddqh15_2025_qh_nq57.txt"


def corpus() -> Path:
    return Path(settings.LOTRINH_CORPUS_DIR)


def load_nq57(user: Any = None) -> Programme:
    # The demo's own import (parse, correct the header on review, publish).
    return import_nq57(user)


def import_kh3260(parent: Programme, user: Any = None) -> Programme:
    data = parse_file(corpus() / CHILD_FILE)
    agency = Agency.objects.get(name_vi="Đảng đoàn Quốc hội")
    return cascade.child_from_parse(data, agency, parent, user, code="3260-KH/ĐĐQH15")


# Province plans of the corpus implementing 57-NQ/TW: file, the province's agency code, and
# the plan's number (the importer's header reader takes the resolution's number; the agency
# corrects it on review, as for 3260-KH/ĐĐQH15).
PROVINCE_PLANS = {
    "kh310": ("kh310_ubnd_hanoi_2025_5g_iot.txt", "thanh-pho-ha-noi", "310/KH-UBND"),
    "kh552": ("kh552_ubnd_dongthap_2025_doi_moi_cong_nghe.txt", "tinh-dong-thap", "552/KH-UBND"),
    # Digital economy and society plans, both citing 57-NQ/TW; held out (annotated on a
    # sample, the rule in each file, before the suggester was changed again).
    "kh144": ("kh144_ubnd_bacninh_2025_kinh_te_so.txt", "tinh-bac-ninh", "144/KH-UBND"),
    "kh179": ("kh179_ubnd_dongnai_2025_kinh_te_so.txt", "tinh-dong-nai", "179/KH-UBND"),
}


def sampled_tasks(tasks: list[Any], sample: dict[str, int], refs: Any = None) -> list[Any]:
    """An annotation's sample of a plan's tasks. Drawn by its rule (the first task and every
    n-th after it) on the parse of its day; once drawn, the sample is its tasks (`refs`, the
    annotation's keys): a task the importer no longer reads (144's VI.2.b, 179's VI.7: a
    duty that only gives the plan's tasks, 2026-12-07) leaves it without moving the others."""
    if refs is not None:
        wanted = set(refs)
        return [task for task in tasks if task.ref in wanted]
    return tasks[sample["first"] - 1 :: sample["every"]]


def import_province_plan(
    key: str,
    parent: Programme,
    user: Any = None,
    sample: dict[str, int] | None = None,
    refs: Any = None,
) -> Programme:
    """The plan imported as its province would; with `sample` ({"first": n, "every": k},
    an annotation's sampling rule), only the tasks the sample takes, in order: a task's
    suggestions depend on its own text, headings and names and on the plan's title, not on
    the plan's other tasks (imported whole, 144 and 179 get the same counts, 2026-12-04; a
    text's vector does not depend on the texts embedded with it: test_linking_properties),
    and embedding all 285 tasks of 179/KH-UBND for 48 annotated ones costs the suite a
    minute on each database."""
    filename, agency_code, code = PROVINCE_PLANS[key]
    data = parse_file(corpus() / filename)
    agency = Agency.objects.get(code=agency_code)
    if sample is None:
        return cascade.child_from_parse(data, agency, parent, user, code=code)
    whole = cascade.read_plan
    sampled = mock.patch.object(
        cascade,
        "read_plan",
        lambda data: sampled_tasks(whole(data), sample, refs),
    )
    with sampled:
        return cascade.child_from_parse(data, agency, parent, user, code=code)
