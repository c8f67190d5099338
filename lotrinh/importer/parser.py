"""From the blocks of a document to the programme format (docs/programme-format.md).

1. Outline: Roman sections, Arabic items, Vietnamese letter items (a, b, c, d, đ, e, g,
   h, i, k, …: no f or j), dash/plus/star bullets; an unmarked paragraph continues the
   clause before it. Every line ends up in exactly one clause.
2. Tasks: the leaf clauses of the task sections ("NHIỆM VỤ", "GIẢI PHÁP", "PHÂN CÔNG"),
   and the rows of task tables (STT, nội dung, cơ quan chủ trì/thực hiện, phối hợp,
   sản phẩm, thời gian).
3. Assignments (`assign`): "X chủ trì, phối hợp với Y, Z" → X leads, Y and Z
   coordinate; a heading's agencies apply to the items under it; a bullet's own
   "Chủ trì, phối hợp với …" or "Phối hợp với …" refines the heading's; agencies named
   together without "chủ trì" lead jointly; generic addressees stay generic.
4. Deadlines, recurrence and outputs from cue phrases.
"""

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from lotrinh.core.text import fold, fold_aligned
from lotrinh.importer import references, tables
from lotrinh.importer.dates import find_deadline, find_output, find_recurrence
from lotrinh.importer.names import Mention, find_names, name_list
from lotrinh.importer.reader import Block

ROMAN = re.compile(r"^(?P<n>(?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[\.\-–—]\s*(?P<t>\S.*)$")
ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*[\.\)]\s*(?P<t>\S.*)$")
SUBITEM = re.compile(r"^(?P<p>\d{1,2})\.(?P<n>\d{1,2})\.?\s+(?P<t>\S.*)$")
LETTER = re.compile(r"^(?P<n>[a-eg-ik-zđ])\)\s*(?P<t>\S.*)$")
BULLET = re.compile(r"^(?P<m>[-–+•*])\s+(?P<t>\S.*)$")
MARKDOWN = re.compile(r"^#+\s*|\*\*|__")
TASK_SECTION_CUES = ("nhiem vu", "giai phap", "phan cong")
NOT_TASK_SECTION_CUES = ("muc dich", "to chuc thuc hien", "quan diem", "muc tieu")


def clean_line(text: str) -> str:
    text = MARKDOWN.sub("", text).replace("\\-", "-").replace("\\.", ".").strip()
    text = re.sub(r"^\*\s{2,}", "- ", text)  # markdown "*   item"
    return text.strip()


@dataclass
class Node:
    ref: str
    kind: str
    label: str
    text: str
    parent: "Node | None"
    children: list["Node"] = field(default_factory=list)
    in_task_section: bool = False

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


LEVEL = {"section": 0, "item": 1, "subitem": 1.5, "letter": 2, "bullet": 3}


def outline(lines: list[str]) -> list[Node]:
    nodes: list[Node] = []
    stack: list[Node] = []
    preamble = 0
    task_section = False

    def add(kind: str, label: str, value: str, text: str) -> None:
        while stack and LEVEL.get(stack[-1].kind, 9) >= LEVEL[kind]:
            stack.pop()
        parent = stack[-1] if stack else None
        if kind == "bullet":
            value = str(
                sum(1 for c in (parent.children if parent else []) if c.kind == "bullet") + 1
            )
        ref = f"{parent.ref}.{value}" if parent else value
        if parent is None and kind != "section":
            ref = f"{value}" if kind != "bullet" else f"{len(nodes) + 1}"
        if any(n.ref == ref for n in nodes):
            ref = f"{ref}~{len(nodes)}"
        node = Node(ref, kind, label, text, parent, in_task_section=task_section)
        if parent:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)

    for line in lines:
        text = clean_line(line)
        if not text:
            continue
        m = ROMAN.match(text)
        if m and m.group("n"):
            folded = fold(m.group("t"))
            task_section = any(cue in folded for cue in TASK_SECTION_CUES) and not any(
                folded.startswith(cue) for cue in NOT_TASK_SECTION_CUES
            )
            stack.clear()
            add("section", m.group("n") + ".", m.group("n"), m.group("t"))
            continue
        m = SUBITEM.match(text)
        if m and stack:
            add("subitem", f"{m.group('p')}.{m.group('n')}.", m.group("n"), m.group("t"))
            continue
        m = ARABIC.match(text)
        if m and (stack or nodes):
            add("item", m.group("n") + ".", m.group("n"), m.group("t"))
            continue
        m = LETTER.match(text)
        if m and stack:
            add("letter", m.group("n") + ")", m.group("n"), m.group("t"))
            continue
        m = BULLET.match(text)
        if m and stack:
            add("bullet", m.group("m"), "", m.group("t"))
            continue
        if stack:
            stack[-1].text += "\n" + text
        else:
            preamble += 1
            nodes.append(Node(f"preamble.{preamble}", "paragraph", "", text, None))
    return nodes


# ---------------------------------------------------------------- assignments

LEAD_CUE = re.compile(r"^,?\s*(chu tri)\b")
COORD_CUE = re.compile(r"^,?\s*(?:(?:chu tri)\s*,?\s*)?(?:huong dan\s+)?phoi hop(?:\s+voi)?\s+")
SENTENCE_COORD = re.compile(r"(?:^|[.;:]\s+)chu tri\s*,?\s*(?:huong dan\s+)?phoi hop(?:\s+voi)?\s+")


@dataclass
class Roles:
    lead: list[Mention] = field(default_factory=list)
    coordinating: list[Mention] = field(default_factory=list)
    explicit_lead: bool = False  # the text names who leads
    explicit_coordinating: bool = False


def roles_in(text: str, heading: bool = False) -> Roles:
    """Who the text itself says leads and coordinates.

    A heading that introduces a list ("…, Đảng đoàn Quốc hội xác định các nhiệm vụ sau:")
    names its lead after an introductory phrase: its named bodies lead the items below.
    """
    folded = fold_aligned(text)
    roles = Roles()
    subjects, end = name_list(text, 0, folded)
    if not subjects and heading and text.rstrip().endswith(":"):
        # Only in the heading's last sentence, after a comma: "…, Đảng đoàn Quốc hội xác định
        # các nhiệm vụ sau:"; bodies named as owners ("nghị quyết của Bộ Chính trị") are not leads.
        start = text.rfind(". ") + 2 if ". " in text else 0
        named = [
            m
            for m in find_names(text[start:])
            if not m.generic and text[start:][max(0, m.start - 2) : m.start] == ", "
        ]
        if named:
            roles.lead, roles.explicit_lead = named, True
            return roles
    rest = folded[end:]
    if subjects:
        roles.lead = subjects
        roles.explicit_lead = True
        coord = COORD_CUE.match(rest)
        if coord:
            roles.coordinating, _ = name_list(text, end + coord.end(), folded)
            roles.explicit_coordinating = True
        return roles
    coord = COORD_CUE.match(folded)
    if coord:
        roles.coordinating, _ = name_list(text, coord.end(), folded)
        roles.explicit_coordinating = True
        return roles
    sentence = SENTENCE_COORD.search(folded)
    if sentence:
        roles.coordinating, _ = name_list(text, sentence.end(), folded)
        roles.explicit_coordinating = bool(roles.coordinating)
    return roles


def assign(node: Node) -> tuple[list[Mention], list[Mention], list[Mention], list[Mention]]:
    """(lead, coordinating, own lead mentions, own coordinating mentions) of a task clause."""
    own = roles_in(node.text)
    lead: list[Mention] = []
    coordinating: list[Mention] = []
    ancestor = node.parent
    while ancestor is not None and ancestor.kind in ("letter", "subitem", "item", "bullet"):
        inherited = roles_in(ancestor.text, heading=True)
        if inherited.explicit_lead:
            lead, coordinating = inherited.lead, inherited.coordinating
            break
        ancestor = ancestor.parent
    if own.explicit_lead:
        lead = own.lead
        coordinating = own.coordinating if own.explicit_coordinating else []
    elif own.explicit_coordinating:
        coordinating = own.coordinating
    return lead, coordinating, own.lead, own.coordinating


# ---------------------------------------------------------------- tables


def document_lines(blocks: list[Block]) -> list[str]:
    """The paragraphs of the document in order; a table that is not a task table (a
    letterhead laid out as a table, a table of figures) is read as its cells' text."""
    lines: list[str] = []
    for block in blocks:
        if block.kind == "p":
            lines.append(block.text)
        elif block.kind == "table" and not tables.is_task_table(block.rows):
            for row in block.rows:
                lines.extend(" ".join(c.split()) for c in row if c.strip())
    return lines


def _table_tasks(
    blocks: list[Block],
    groups: list[dict[str, Any]],
    clauses: list[dict[str, Any]],
    tasks: list[dict[str, Any]],
    known_groups: set[str],
    issue_year: int | None,
) -> None:
    """The tasks of the document's task tables (lotrinh/importer/tables.py)."""
    table_number = 0
    carried: dict[str, int] | None = None  # the header of the table just read
    for block in blocks:
        if block.kind != "table":
            if block.kind == "p":
                carried = None
            continue
        rows = [[clean_line(cell) for cell in row] for row in block.rows]
        table = tables.read_table(rows)
        if table is None and carried is not None:
            table = tables.read_table(rows, carried)
        if table is None:
            carried = None
            continue
        carried = table.columns
        table_number += 1
        base = f"PL{table_number}"
        group_ref = base
        seen_refs: set[str] = set()
        for item in table.items:
            if isinstance(item, tables.TableGroup):
                label = item.number or str(len(seen_refs) + 1)
                group_ref = f"{base}.{label}"
                while group_ref in known_groups:
                    group_ref += "~"
                groups.append({"ref": group_ref, "title": item.title, "implements": None})
                known_groups.add(group_ref)
                seen_refs.add(group_ref)
                clauses.append(
                    {
                        "ref": group_ref,
                        "kind": "section",
                        "label": item.number,
                        "text": item.title,
                        "parent": None,
                    }
                )
                continue
            if group_ref not in known_groups:
                groups.append({"ref": group_ref, "title": "Danh mục nhiệm vụ", "implements": None})
                clauses.append(
                    {
                        "ref": group_ref,
                        "kind": "heading",
                        "label": "",
                        "text": "Danh mục nhiệm vụ",
                        "parent": None,
                    }
                )
                known_groups.add(group_ref)
            ref = f"{group_ref}.{item.number or len(seen_refs) + 1}"
            while ref in seen_refs or ref in known_groups:
                ref += "~"
            seen_refs.add(ref)
            task = _task(
                ref,
                group_ref,
                item.text,
                item.lead,
                item.coordinating,
                {"lead": [], "coordinating": []},
                issue_year,
            )
            if item.output:
                task["output"] = item.output
            if item.deadline:
                found = find_deadline(item.deadline, issue_year, table_cell=True)
                task["deadline"] = {
                    "text": item.deadline,
                    "date": found.date.isoformat() if found and found.date else None,
                }
                task["recurrence"] = find_recurrence(item.deadline) or task["recurrence"]
            task["columns"] = {"lead": item.lead_cell, "coordinating": item.coordinating_cell}
            clauses.append(
                {
                    "ref": ref,
                    "kind": "bullet",
                    "label": item.number,
                    "text": item.text,
                    "parent": group_ref,
                }
            )
            tasks.append(task)


# ---------------------------------------------------------------- the whole document


def group_of(node: Node) -> Node:
    """The task group of a clause: its Arabic item directly under a section, or the section."""
    current = node
    while current.parent is not None:
        if current.kind == "item" and current.parent.kind == "section":
            return current
        current = current.parent
    return current


def _mentions_out(mentions: list[Mention]) -> tuple[list[str], list[dict[str, str]]]:
    # A name broken across lines (text from a PDF) is still one name on one line.
    def written(m: Mention) -> str:
        return " ".join(m.written.split())

    names = [written(m) for m in mentions if not m.generic]
    return names, [{"generic": m.canonical, "text": written(m)} for m in mentions if m.generic]


def _task(
    ref: str,
    group: str,
    text: str,
    lead: list[Mention],
    coord: list[Mention],
    spans: dict[str, list[list[int]]],
    issue_year: int | None,
) -> dict[str, Any]:
    lead_names, lead_generic = _mentions_out(lead)
    coord_names, coord_generic = _mentions_out(coord)
    deadline = find_deadline(text, issue_year)
    output = find_output(text)
    if deadline:
        spans["deadline"] = [list(deadline.span)]
    if output:
        spans["output"] = [list(output.span)]
    return {
        "ref": ref,
        "group": group,
        "text": text,
        "lead": lead_names,
        "coordinating": coord_names,
        "addressees": [{**g, "role": "lead"} for g in lead_generic]
        + [{**g, "role": "coordinating"} for g in coord_generic],
        "deadline": {
            "text": deadline.text,
            "date": deadline.date.isoformat() if deadline.date else None,
        }
        if deadline
        else None,
        "recurrence": find_recurrence(text),
        "output": output.text if output else None,
        "spans": spans,
    }


def parse_blocks(blocks: list[Block]) -> dict[str, Any]:
    lines = document_lines(blocks)
    header = read_header(lines[:60])
    issue_year = int(header["issue_date"][:4]) if header.get("issue_date") else None
    nodes = outline(lines)
    clauses = [
        {
            "ref": n.ref,
            "kind": n.kind,
            "label": n.label,
            "text": n.text,
            "parent": n.parent.ref if n.parent else None,
        }
        for n in nodes
    ]
    groups: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    known_groups: set[str] = set()
    for node in nodes:
        if not node.in_task_section or node.kind in ("section", "paragraph") or node.children:
            continue
        group = group_of(node)
        if group.ref not in known_groups:
            known_groups.add(group.ref)
            groups.append(
                {"ref": group.ref, "title": group.text.split("\n")[0], "implements": None}
            )
        lead, coord, own_lead, own_coord = assign(node)
        spans = {
            "lead": [[m.start, m.end] for m in own_lead],
            "coordinating": [[m.start, m.end] for m in own_coord],
        }
        tasks.append(_task(node.ref, group.ref, node.text, lead, coord, spans, issue_year))

    def node_task(node: Node) -> dict[str, Any]:
        """A task for a clause that an assignment by reference makes one."""
        group = group_of(node)
        if group.ref not in known_groups:
            known_groups.add(group.ref)
            groups.append(
                {"ref": group.ref, "title": group.text.split("\n")[0], "implements": None}
            )
        lead, coord, own_lead, own_coord = assign(node)
        spans = {
            "lead": [[m.start, m.end] for m in own_lead],
            "coordinating": [[m.start, m.end] for m in own_coord],
        }
        return _task(node.ref, group.ref, node.text, lead, coord, spans, issue_year)

    tasks = references.assign_by_reference(
        nodes, tasks, lambda n: assign(n)[:2], _mentions_out, node_task, header["kind"]
    )
    before = {id(t) for t in tasks}
    _table_tasks(blocks, groups, clauses, tasks, known_groups, issue_year)
    tasks = tables.merge_restated(tasks, {t["ref"] for t in tasks if id(t) not in before})
    return {
        "format": "lotrinh.programme/1",
        "programme": header,
        "clauses": clauses,
        "goals": [],
        "targets": [],
        "task_groups": groups,
        "tasks": tasks,
        "reporting_regimes": [],
    }


DOC_NUMBER = re.compile(r"(?:Số|số)[:\s]+(?P<n>\d+[\w/\-\.ĐđÀ-ỹ]*/[\wĐđÀ-ỹ\-]+)")
ATTACHED = re.compile(
    r"(?:kèm theo|Kèm theo)\s+(?:Nghị quyết|Quyết định|Kế hoạch|Văn bản)\s+số\s+(?P<n>[\w\-]+/[\wĐđ\-]+)"
)
DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
IMPLEMENTS = re.compile(r"Nghị quyết\s+số\s+(?P<n>\d+\s*-\s*NQ/TW)")
DOC_TYPES = ("NGHỊ QUYẾT", "KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "CHỈ THỊ", "ĐỀ ÁN")


def read_header(lines: list[str]) -> dict[str, Any]:
    header: dict[str, Any] = {
        "code": "",
        "kind": "other",
        "title": "",
        "issuer": "",
        "issue_date": None,
        "implements": None,
    }
    text = "\n".join(clean_line(line) for line in lines)
    date_from = 0
    for pattern in (ATTACHED, DOC_NUMBER):
        match = pattern.search(text)
        if match:
            header["code"] = match.group("n").rstrip(".,")
            date_from = match.start()
            break
    if not header["code"]:
        match = re.search(r"Nghị quyết số\s+(?P<n>\d+-NQ/TW)", text)
        if match:
            header["code"] = match.group("n")
    match = DATE.search(text, date_from) or DATE.search(text)
    if match:
        try:
            header["issue_date"] = datetime.date(
                int(match.group("y")), int(match.group("m")), int(match.group("d"))
            ).isoformat()
        except ValueError:
            header["issue_date"] = None
    implements = IMPLEMENTS.search(text)
    if implements:
        code = re.sub(r"\s+", "", implements.group("n"))
        if code != header["code"]:
            header["implements"] = code
    cleaned = [clean_line(line) for line in lines]
    for index, line in enumerate(cleaned):
        upper = line.upper()
        if any(upper.startswith(t) for t in DOC_TYPES) and line == upper:
            following = [c for c in cleaned[index + 1 : index + 5] if c and not c.startswith("(")]
            header["title"] = " ".join(following[:3]).strip() or line
            header["kind"] = {
                "NGHỊ QUYẾT": "government_resolution",
                "KẾ HOẠCH": "plan",
                "QUYẾT ĐỊNH": "pm_decision",
            }.get(next(t for t in DOC_TYPES if upper.startswith(t)), "other")
            break
    for line in cleaned[:15]:
        if (
            line
            and line == line.upper()
            and len(line) > 3
            and not any(line.startswith(t) for t in DOC_TYPES)
            and "CỘNG HÒA" not in line
            and "CỘNG HOÀ" not in line
            and "ĐỘC LẬP" not in line
        ):
            header["issuer"] = line.title() if len(line) > 25 else line
            break
    if "NQ/TW" in header["code"]:
        header["kind"] = "party_resolution"
    if not header["title"]:
        header["title"] = next((c for c in cleaned if len(c) > 30), "")
    return header
