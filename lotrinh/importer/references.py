"""Assignment by reference: "Bộ Xây dựng chủ trì … thực hiện các nhiệm vụ quy định tại các
mục 1, 2, 3; điểm a, b mục 7 Phần III Điều 1", "Sở Nông nghiệp và Môi trường chủ trì triển
khai các nhiệm vụ tại mục (IV) (1) của Kế hoạch".

A clause of the document that gives "the tasks at" an outline position to its bodies
assigns those tasks: every task under the position takes the clause's lead and
coordinators (the narrower reference wins: a clause naming "điểm c mục 3" over one naming
"mục 3"); a clause that only "phối hợp" on them adds its bodies to their coordinators.
Tasks under a referred position are tasks even where their section's title does not say
so. A clause that does nothing but refer is the assignment, not a task of its own.
(docs/importer.md, "Assignment by reference".)
"""

import re
from collections.abc import Callable
from typing import Any

from lotrinh.core.text import fold_aligned

# "… (các) nhiệm vụ (được giao) (quy định/nêu) tại (các) mục/điểm …"
REFERENCE = re.compile(
    r"(?:cac )?nhiem vu(?: [^.;:]{0,60}?)? (?:quy dinh |neu |de ra |duoc giao )?tai "
    r"(?=(?:cac )?(?:muc|diem|khoan|phan)\b)"
)
# Where the reference's positions end: the document itself, a full stop, a new clause.
REFERENCE_END = re.compile(
    r"(?:\s+(?:cua|tai) (?:ke hoach|quyet dinh|nghi quyet|chuong trinh|de an)\b[^.;\n]*"
    r"|\s+va phu luc\b[^.;\n]*|\.(?=\s|$)|\n|;\s+(?=[A-ZĐ]))"
)
ROMAN = re.compile(r"^[ivxl]+$")
ROLE_WORDS = re.compile(
    r"\b(?:chu tri|phoi hop|voi|thuc hien|trien khai|to chuc|cac|nhiem vu|duoc giao|quy dinh"
    r"|tai|muc|diem|khoan|phan|dieu|cua|ke hoach|quyet dinh|nghi quyet|chuong trinh|nay|va"
    r"|phu luc|theo|chuc nang|lien quan|co|chu dong|dong thoi)\b"
)


def _positions(text: str, start: int, end: int) -> list[str]:
    """The outline positions of a reference's tail (original text, so "đ" stays "đ")."""
    tail = text[start:end]
    folded = fold_aligned(tail)
    # Parenthesised paths: "mục (IV) (4.1) (4.2)", "mục (IV)(3.4)(a)".
    groups = re.findall(r"\(\s*([\wđĐ.]+)\s*\)", tail)
    if groups and folded.lstrip().startswith(("muc (", "muc(", "cac muc (")):
        parts = [g.strip().rstrip(".") for g in groups]
        return [_join(parts[:1] + p.split(".")) for p in _paths(parts[1:])] or [parts[0]]
    section = re.search(r"\bphan ([ivxl]+)\b", folded)
    if section is None:
        # "các nhiệm vụ tại mục III": a Roman numeral is a section of the document.
        bare = re.match(r"\s*(?:cac )?muc ([ivxl]+)\b(?!\s*[,.]?\s*\d)", folded)
        return [bare.group(1).upper()] if bare else []
    prefix = section.group(1).upper()
    body = tail[: section.start()]
    targets: list[str] = []
    letters: list[str] = []
    for match in re.finditer(
        r"(?P<kind>điểm|khoản|mục|Điểm|Khoản|Mục)\s+"
        r"(?P<list>(?:\d+|[a-zđ])\b(?:\s*(?:,|và)\s*(?:\d+|[a-zđ])\b)*)",
        body,
    ):
        values = [v for v in re.split(r"\s*(?:,|và)\s*", match.group("list")) if v]
        kind = fold_aligned(match.group("kind").lower())
        if kind == "diem":
            letters = values
            continue
        for number in values:
            if not number.isdigit():
                continue
            if letters:
                targets += [f"{prefix}.{number}.{letter}" for letter in letters]
            else:
                targets.append(f"{prefix}.{number}")
        letters = []
    return targets


def _paths(parts: list[str]) -> list[str]:
    """(3.4)(a) is one path; (4.1) (4.2) are two positions side by side."""
    if not parts:
        return []
    if all(re.fullmatch(r"\d+(?:\.\d+)*", p) for p in parts) and len(parts) > 1:
        return parts
    return [".".join(parts)]


def _join(parts: list[str]) -> str:
    return ".".join(p for p in parts if p)


FOCUS_LINE = re.compile(
    r"(?:^|[.:\n]\s*)(?:cac )?(?:nhiem vu )?trong tam(?: la)?(?: bao gom)?\s*:\s*$"
)
NOT_TASK_PARTS = (
    "muc dich",
    "muc tieu",
    "quan diem",
    "boi canh",
    "can cu",
    "to chuc thuc hien",
    "kinh phi",
)


def _names_only(line: str) -> bool:
    from lotrinh.importer.names import find_names

    rest = list(fold_aligned(line))
    for mention in find_names(line):
        for i in range(mention.start, mention.end):
            rest[i] = " "
    return len(re.findall(r"[a-z0-9]+", "".join(rest))) <= 2


# The document a reference's positions belong to: "của Kế hoạch (này)", "Quyết định này".
FOREIGN = re.compile(r"\s*,?\s*cua (chuong trinh|ke hoach|quyet dinh|nghi quyet|de an)(?! nay)\b")
OWN_KIND = {
    "plan": "ke hoach",
    "programme": "chuong trinh",  # a programme read as a plan (parser._own_kind)
    "pm_decision": "quyet dinh",
    "government_resolution": "nghi quyet",
}


def references_in(text: str, own_kind: str = "") -> list[tuple[int, int, list[str]]]:
    """(start, end, positions) of each reference to the tasks at outline positions."""
    # A line break before a small letter is a wrapped line, not the reference's end.
    text = re.sub(r"\n(?=[a-zđà-ỹ])", " ", text)
    folded = fold_aligned(text)
    found = []
    for match in REFERENCE.finditer(folded):
        end_match = REFERENCE_END.search(folded, match.end())
        end = end_match.start() if end_match else len(text)
        foreign = FOREIGN.match(folded, end)
        if foreign and own_kind and foreign.group(1) != own_kind:
            continue  # "tại mục IV, V của Chương trình": another document's positions
        positions = _positions(text, match.end(), end)
        if positions:
            found.append((match.start(), end, positions))
    return found


# A part named by its title: "các nhiệm vụ … trong lĩnh vực y tế của Kế hoạch", "các nhiệm
# vụ về lao động, việc làm của Kế hoạch", "các nhiệm vụ phát triển nền móng cho kinh tế số
# và xã hội số tại …".
TITLE_REFERENCE = re.compile(
    r"(?:(?:cac )?nhiem vu (?:[^.;:\n]{0,120}? linh vuc |ve )?|\blinh vuc )"
    r"(?P<phrase>[^.;:\n()]{3,120}?)"
    r"(?:,? (?:cua|trong) (?:ke hoach|chuong trinh|quyet dinh|nghi quyet|de an)\b| tai (?:cac )?muc\b)"
)
TITLE_STOP = {"va", "cho", "cac", "cua", "trong", "ve", "nganh", "linh", "vuc"}


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9]+", fold_aligned(text)) if w not in TITLE_STOP)


def _titled_parts(nodes: list[Any]) -> list[tuple[Any, frozenset[str]]]:
    """Parts that hold tasks under a title of their own (sections, items, sub-items)."""
    parts = []
    for node in nodes:
        # A field's part is an item or sub-item; a whole section is no field.
        if node.kind not in ("item", "subitem") or not node.children:
            continue
        root = node
        while root.parent is not None:
            root = root.parent
        if fold_aligned(root.text).startswith(NOT_TASK_PARTS):
            continue
        title = node.text.split("\n")[0].rstrip(" .:")
        words = _words(title)
        if len(words) >= 2:
            parts.append((node, words))
    return parts


def title_references(
    node: Any, parts: list[tuple[Any, frozenset[str]]]
) -> list[tuple[int, int, list[str]]]:
    """References to the tasks of a part named by its title (the whole title, or the
    words of a title that the phrase names in part: "lao động, việc làm" of "Lao động,
    việc làm và an sinh xã hội"). Only where one part fits."""
    text = re.sub(r"\n(?=[a-zđà-ỹ])", " ", node.text)
    folded = fold_aligned(text)
    if "nhiem vu" not in folded:
        return []
    # Only a part of another section: the clause's own section is not what it names.
    root = node
    while root.parent is not None:
        root = root.parent
    own = {id(root)} | {id(p) for p, _ in parts if p.ref.split(".")[0] == root.ref.split(".")[0]}
    found = []
    for match in TITLE_REFERENCE.finditer(folded):
        phrase = _words(match.group("phrase"))
        if len(phrase) < 2:
            continue
        exact = [p for p, words in parts if words == phrase and id(p) not in own]
        whole = [p for p, words in parts if words < phrase and id(p) not in own]
        some = [p for p, words in parts if phrase < words and id(p) not in own]
        for candidates in (exact, whole, some):
            if len(candidates) == 1:
                found.append((match.start(), match.end(), [candidates[0].ref]))
                break
            if candidates:
                break
    return found


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"\.\s+|\n|;\s+(?=[A-ZĐ])|\.$|;$", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def only_refers(
    text: str,
    names: list[tuple[int, int]],
    titled: list[tuple[int, int]] | None = None,
    slack: int = 3,
) -> bool:
    """Every sentence of the clause only gives referred tasks (or the appendix's) to bodies
    (`titled`: the spans of references by a part's title), with at most `slack` words
    besides the bodies and the words of giving ("Hướng dẫn Bộ Xây dựng … triển khai các
    nhiệm vụ … trong Đề án" is a duty of guiding: two words, kept when `slack` is 0)."""
    folded = fold_aligned(text)
    refs = references_in(text) + [(a, b, []) for a, b in titled or []]
    appendix = [
        (m.start(), m.end())
        for m in re.finditer(r"nhiem vu duoc giao(?: chu tri)? tai phu luc[^.;\n]*", folded)
    ]
    spans = [(a, b) for a, b, _ in refs] + appendix
    for start, end in _sentences(text):
        if not any(a >= start and a < end for a, _ in spans):
            # A heading line naming the body ("Sở Nông nghiệp và Môi trường") is no duty.
            words = _rest(folded, start, end, names + spans)
            if len(words) > 1:
                return False
            continue
        if len(_rest(folded, start, end, names + spans)) > slack:
            return False
    return True


def _rest(folded: str, start: int, end: int, remove: list[tuple[int, int]]) -> list[str]:
    chars = list(folded[start:end])
    for a, b in remove:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    rest = ROLE_WORDS.sub(" ", "".join(chars))
    return [w for w in re.findall(r"[a-z0-9]+", rest) if w]


def assign_by_reference(
    nodes: list[Any],
    tasks: list[dict[str, Any]],
    roles: Callable[[Any], tuple[list[Any], list[Any]]],
    mentions_out: Callable[[list[Any]], tuple[list[str], list[dict[str, str]]]],
    make_task: Callable[[Any], dict[str, Any]],
    own_kind: str = "",
) -> list[dict[str, Any]]:
    """Apply the document's assignments by reference to its tasks (see the module's doc)."""
    by_ref = {n.ref: n for n in nodes}
    own = OWN_KIND.get(own_kind, "")
    assignments = []  # (specificity, order, mode, node, positions)
    parts = _titled_parts(nodes)
    for order, node in enumerate(nodes):
        if node.kind in ("paragraph",):
            continue
        found = references_in(node.text, own) if "tại" in node.text else []
        if not found:
            found = title_references(node, parts)
        if not found:
            continue
        lines = node.text.split("\n")
        # "3. Sở Nông nghiệp và Môi trường" / "Chủ trì …": the duty opens on the next line.
        opening = lines[1] if len(lines) > 1 and _names_only(lines[0]) else lines[0]
        folded_opening = fold_aligned(opening).lstrip()
        mode = (
            "coordinate"
            if folded_opening.startswith(("phoi hop", "chu dong phoi hop"))
            and not folded_opening.startswith("phoi hop chu tri")
            else "lead"
        )
        for start, _end, positions in found:
            # "(trọng tâm các nhiệm vụ tại mục III)": a focus named, no assignment; the
            # position still holds tasks.
            focus = "trong tam" in fold_aligned(node.text)[max(0, start - 20) : start]
            for position in positions:
                if position in by_ref:
                    kind = "focus" if focus else mode
                    assignments.append((position.count("."), order, kind, node, position))
    # A part that assigns by reference distributes duties: its own clauses are tasks too
    # (those that only refer are dropped below).
    for _specificity, order, mode, node, _position in list(assignments):
        if mode == "focus":
            continue
        root = node
        while root.parent is not None:
            root = root.parent
        if root.kind == "section":
            assignments.append((0, order, "focus", node, root.ref))
    # "Trọng tâm:", "Các nhiệm vụ trọng tâm bao gồm:" introduce the tasks of a part: the
    # whole section then holds tasks (not so in purpose, objectives, funding, organisation).
    excluded: dict[int, bool] = {}
    for order, node in enumerate(nodes):
        if "rọng tâm" not in node.text and "RỌNG TÂM" not in node.text:
            continue
        section = node
        while section.parent is not None:
            section = section.parent
        if id(section) not in excluded:
            excluded[id(section)] = section.kind != "section" or fold_aligned(
                section.text
            ).startswith(NOT_TASK_PARTS)
        if excluded[id(section)]:
            continue
        if FOCUS_LINE.search(fold_aligned(node.text)):
            assignments.append((0, order, "focus", node, section.ref))
    if not assignments:
        return _without_bare_references(nodes, tasks, roles, set())
    task_by_ref = {t["ref"]: t for t in tasks}
    points: set[str] = set()
    rank = {"focus": 0, "lead": 1, "coordinate": 2}
    assignments.sort(key=lambda a: (rank[a[2]], a[0], a[1]))
    for _specificity, _order, mode, node, position in assignments:
        lead, coordinating = roles(node)
        if not lead and mode != "focus":
            continue
        if mode != "focus":
            points.add(node.ref)
        target = by_ref[position]
        leaves = [
            n
            for n in nodes
            if (n is target or n.ref.startswith(position + "."))
            and not n.children
            and n.kind not in ("section", "paragraph")
        ] or ([target] if target.kind != "section" else [])
        for leaf in leaves:
            if leaf.ref in points:
                continue
            task = task_by_ref.get(leaf.ref)
            if task is None:
                task = make_task(leaf)
                tasks.append(task)
                task_by_ref[leaf.ref] = task
            if mode == "focus":
                continue
            lead_names, lead_generic = mentions_out(lead)
            coord_names, coord_generic = mentions_out(coordinating)
            if mode == "lead":
                task["lead"] = lead_names
                task["coordinating"] = coord_names
                task["addressees"] = [{**g, "role": "lead"} for g in lead_generic] + [
                    {**g, "role": "coordinating"} for g in coord_generic
                ]
            else:
                task["coordinating"] = list(
                    dict.fromkeys(task["coordinating"] + [n for n in lead_names])
                )
                task["addressees"] = task["addressees"] + [
                    {**g, "role": "coordinating"}
                    for g in lead_generic
                    if g
                    not in [{k: v for k, v in a.items() if k != "role"} for a in task["addressees"]]
                ]
            task["assigned_by"] = node.ref
    # A clause that does nothing but refer is the assignment, not a task.
    drop = set()
    for ref in points:
        node = by_ref[ref]
        task = task_by_ref.get(ref)
        if task is None:
            continue
        lead, coordinating = roles(node)
        folded = fold_aligned(node.text)
        from lotrinh.importer.names import find_names

        names = [(m.start, m.end) for m in find_names(node.text)]
        del folded
        titled = [(a, b) for a, b, _ in title_references(node, parts)]
        if only_refers(node.text, names, titled):
            drop.add(ref)
    ordered = sorted(
        (t for t in tasks if t["ref"] not in drop),
        key=lambda t: _order_key(t, {n.ref: i for i, n in enumerate(nodes)}),
    )
    return _without_bare_references(nodes, ordered, roles, points)


# The plan's own tasks named by what they are about, not by where they stand: "(triển
# khai) các nhiệm vụ chuyển đổi số … trong lĩnh vực quản lý của Kế hoạch", "triển khai
# thực hiện về an sinh xã hội của Kế hoạch" (folded).
PLAN_TASKS = re.compile(
    r"(?:(?:cac )?nhiem vu\b|\bthuc hien ve )(?P<about>[^.;:\n()]{0,160}?),? (?:cua|trong) "
    r"(?:ke hoach|chuong trinh|quyet dinh|de an)(?: nay)?\b"
)


def _names_tasks(match: re.Match[str]) -> bool:
    """The phrase says which of the plan's tasks ("chuyển đổi số … trong lĩnh vực quản lý",
    "về an sinh xã hội"); "các nhiệm vụ (được giao) của Kế hoạch" names none: a duty to
    carry out the plan, kept as a task."""
    return len(re.findall(r"[a-z0-9]+", ROLE_WORDS.sub(" ", match.group("about")))) >= 2


def _without_bare_references(
    nodes: list[Any],
    tasks: list[dict[str, Any]],
    roles: Callable[[Any], tuple[list[Any], list[Any]]],
    seen: set[str],
) -> list[dict[str, Any]]:
    """Drop the clauses that give a body the plan's own tasks without saying where they
    stand ("Sở Công Thương: Chủ trì, phối hợp triển khai các nhiệm vụ chuyển đổi số … trong
    lĩnh vực quản lý của Kế hoạch", "Triển khai nhiệm vụ được giao chủ trì tại Phụ lục của
    Kế hoạch"): like a reference by position whose part is found, it is the assignment of
    tasks the plan lists elsewhere, not a task of its own. Only clauses that name who acts
    (their own subject or their heading's), and only when every sentence does nothing else
    (`only_refers`)."""
    from lotrinh.importer.names import find_names

    by_ref = {n.ref: n for n in nodes}
    drop = set()
    for task in tasks:
        node = by_ref.get(task["ref"])
        if node is None or node.ref in seen or node.children:
            continue
        folded = fold_aligned(re.sub(r"\n(?=[a-zđà-ỹ])", " ", node.text))
        spans = [(m.start(), m.end()) for m in PLAN_TASKS.finditer(folded) if _names_tasks(m)]
        if not spans and "tai phu luc" not in folded:
            continue
        if not roles(node)[0]:
            continue
        names = [(m.start, m.end) for m in find_names(node.text)]
        if only_refers(node.text, names, spans, slack=0):
            drop.add(node.ref)
    return [t for t in tasks if t["ref"] not in drop] if drop else tasks


# The tasks of a topic given to a body, running to the end of the sentence: "(Chủ trì, phối
# hợp triển khai) các nhiệm vụ phát triển hạ tầng định danh, xác thực điện tử, …" (folded).
TOPIC_TASKS = re.compile(r"\bcac nhiem vu\b(?P<about>[^.;:\n()]{3,240}?)\s*(?=[.;]|$)")
# A summary shares at least this part of its topic's word pairs with the tasks the plan
# gives the same body elsewhere.
SUMMARY_SHARE = 1 / 3


def _pairs(text: str) -> set[tuple[str, str]]:
    words = re.findall(r"[a-z0-9]+", ROLE_WORDS.sub(" ", fold_aligned(text)))
    return set(zip(words, words[1:], strict=False))


def without_summaries(
    nodes: list[Any],
    tasks: list[dict[str, Any]],
    roles: Callable[[Any], tuple[list[Any], list[Any]]],
) -> list[dict[str, Any]]:
    """Drop the clauses that sum up, by topic, the tasks the plan lists elsewhere for the
    same body ("Công an tỉnh: Chủ trì, phối hợp triển khai các nhiệm vụ phát triển hạ tầng
    định danh, xác thực điện tử, … an toàn thông tin, an ninh mạng." over the appendix's
    rows that Công an tỉnh leads on identification, data and network security): the
    assignment of those tasks, as a clause that says "… của Kế hoạch" is
    (`_without_bare_references`), not a task of its own to report on twice. Only a clause
    of nothing but its bodies, the words of giving and "các nhiệm vụ <topic>" to the end of
    its sentence, whose body leads other tasks of the plan, and whose topic shares at least
    `SUMMARY_SHARE` of its word pairs with those tasks' texts. A body the plan gives
    nothing else keeps the clause as its duty ("Bộ Chỉ huy Quân sự tỉnh: Chủ trì … các
    nhiệm vụ … trong lĩnh vực quốc phòng, cơ yếu")."""
    from lotrinh.importer.names import find_names

    by_ref = {n.ref: n for n in nodes}
    drop = set()
    for task in tasks:
        node = by_ref.get(task["ref"])
        if node is None or node.children or not task["lead"] or "nhiệm vụ" not in node.text:
            continue
        text = re.sub(r"\n(?=[a-zđà-ỹ])", " ", node.text)
        folded = fold_aligned(text)
        found = [m for m in TOPIC_TASKS.finditer(folded) if _names_tasks(m)]
        if not found or not roles(node)[0]:
            continue
        names = [(m.start, m.end) for m in find_names(text)]
        if not only_refers(text, names, [(m.start(), m.end()) for m in found], slack=0):
            continue
        lead = {fold_aligned(name) for name in task["lead"]}
        listed: set[tuple[str, str]] = set()
        for other in tasks:
            if other is not task and lead & {fold_aligned(name) for name in other["lead"]}:
                listed |= _pairs(other["text"])
        topic = set().union(*(_pairs(m.group("about")) for m in found))
        if listed and topic and len(topic & listed) >= SUMMARY_SHARE * len(topic):
            drop.add(task["ref"])
    return [t for t in tasks if t["ref"] not in drop] if drop else tasks


def _order_key(task: dict[str, Any], order: dict[str, int]) -> tuple[int, int]:
    if task["ref"] in order:
        return (0, order[task["ref"]])
    return (1, 0)
