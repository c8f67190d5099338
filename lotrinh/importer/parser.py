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

import contextlib
import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from lotrinh.agencies.unit_names import is_unit_of
from lotrinh.core.text import fold, fold_aligned
from lotrinh.importer import references, regimes, tables
from lotrinh.importer.dates import find_deadline, find_output, find_recurrence, task_recurrence
from lotrinh.importer.motto import MOTTO, is_slogan
from lotrinh.importer.names import (
    Mention,
    find_names,
    gazetteer,
    issued_by,
    known_names,
    name_list,
    registry,
    successor_on,
    written_units,
)
from lotrinh.importer.reader import Block, dash_continues

# A section: its Roman number, written alone or after "Phần"/"Mục" ("Phần II. NHIỆM VỤ").
ROMAN = re.compile(
    r"^(?:(?:Phần|PHẦN|Mục|MỤC)\s+)?(?P<n>(?:X{0,3})(?:IX|IV|V?I{0,3}))\s*[\.\-–—]\s*(?P<t>\S.*)$"
)
ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*[\.\)]\s*(?P<t>\S.*)$")
SUBITEM = re.compile(r"^(?P<p>\d{1,2})\.(?P<n>\d{1,2})\.?\s+(?P<t>\S.*)$")
# A lettered point: "a)" as Decree 30 writes it, or "a." as many drafters do.
LETTER = re.compile(r"^(?P<n>[a-eg-ik-zđ])(?:\)\s*|\.\s+)(?P<t>\S.*)$")
# "f)" and "j)" are no letters of the Vietnamese outline, but a drafter who lists in the
# Latin alphabet goes on from "e)" to "f)" and from "i)" to "j)": then they are items.
LATIN_LETTER = re.compile(r"^(?P<n>[fj])(?:\)\s*|\.\s+)(?P<t>\S.*)$")
BULLET = re.compile(r"^(?P<m>[-–+•*])\s+(?P<t>\S.*)$")
MARKDOWN = re.compile(r"^#+\s*|\*\*|__")
# Section titles are evidence, not gates (docs/importer.md, "Task sections").
TASK_SECTION_CUES = ("nhiem vu", "giai phap", "phan cong", "danh muc")
NOT_TASK_SECTION_CUES = ("muc dich", "quan diem", "muc tieu", "boi canh", "can cu")
CLOSING_SECTION_CUES = ("to chuc thuc hien", "kinh phi", "trach nhiem thuc hien")
# The genre's closing escalation clause: "Trong quá trình thực hiện, nếu có khó khăn…".
ESCALATION = re.compile(r"^(?:\d+\.\s*)?trong qua trinh [^,;]{0,60}(?:,\s*)?neu ")
# The closing request of a plan: an unmarked paragraph after the last item that asks the
# implementers to carry the plan out and holds the escalation clause ("Yêu cầu các sở, ban,
# ngành … triển khai thực hiện tốt Kế hoạch này. … Trong quá trình tổ chức thực hiện, nếu
# …"). It closes the body, as the recipients block does: it is no part of the last task.
CLOSING_REQUEST = re.compile(r"(?:^|[.;]\s+)trong qua trinh [^,;.]{0,60}(?:,\s*)?neu ")
# A Party document closes its body saying where it is read (Hướng dẫn 36-HD/VPTW:
# "Chương trình hành động này được phổ biến đến chi bộ."): no part of the last task.
TO_THE_CELLS = re.compile(
    r"^(?:nghi quyet|chuong trinh(?: hanh dong)?|ke hoach|chi thi|ket luan|quy dinh)"
    r" nay (?:duoc )?(?:pho bien|quan triet|trien khai)[^.;]{0,60}\b(?:den|toi) (?:cac )?chi bo"
)
# An article of a decision or resolution ("Điều 2. Quyết định này có hiệu lực …", "Điều 3.
# Các Bộ trưởng … chịu trách nhiệm thi hành …") after the outline of the one before: a
# section of its own (holding tasks only when it assigns), never part of the last item.
ARTICLE = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<n>\d{1,2})\s*[.:]\s*(?P<t>\S.*)$")
# Field lines of a task ("- Cơ quan chủ trì: …", "b) Cơ quan thực hiện:", "- Đơn vị phối hợp: …").
FIELD = re.compile(
    r"^(?:(?P<lead>(?:co quan|don vi|co quan, don vi)\s+(?:chu tri|thuc hien|chu tri thuc hien)"
    r"|chu tri|don vi thuc hien|co quan thuc hien)"
    r"|(?P<coordinating>(?:co quan|don vi|co quan, don vi)\s+phoi hop|phoi hop)"
    r"|(?P<content>noi dung(?: cong viec| nhiem vu)?|nhiem vu(?: cu the)?|ten nhiem vu)"
    r"|(?P<deadline>thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do(?: thuc hien)?)"
    r"|(?P<output>san pham(?: dau ra)?|ket qua(?: dau ra)?))\s*:\s*"
)


def clean_line(text: str) -> str:
    text = MARKDOWN.sub("", text).replace("\\-", "-").replace("\\.", ".").strip()
    text = re.sub(r"^\*\s{2,}", "- ", text)  # markdown "*   item"
    return text.strip()


def provenance(line: str) -> bool:
    """A line a web page or a copy adds to the document: where it came from ("Source:",
    "Nguồn:", a note, an address): never the document's title, number or bases."""
    text = line.strip().lstrip("#*_ ")
    return text.startswith(("Source:", "Note:", "Nguồn:")) or bool(
        re.search(r"https?://|www\.", text)
    )


@dataclass
class Node:
    ref: str
    kind: str
    label: str
    text: str
    parent: "Node | None"
    children: list["Node"] = field(default_factory=list)
    in_task_section: bool = False
    level: float = 0.0  # outline depth: section 0, item 1, letter 2, "-" 3, "+" 3.5
    field: str = ""  # the field a field line gives ("lead", "coordinating", "content", …)
    value_start: int = 0  # where the field's value starts in `text`

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1


LEVEL = {"section": 0, "item": 1, "subitem": 1.5, "letter": 2, "bullet": 3}


def _latin_letter_follows(stack: list["Node"], letter: str) -> bool:
    previous = next((node for node in reversed(stack) if node.kind == "letter"), None)
    return previous is not None and previous.label == {"f": "e)", "j": "i)"}[letter]


def _subject_of(text: str) -> tuple[list[str], int] | None:
    """The bodies a paragraph opens with as its subject ("Sở Y tế chủ trì …", "Khuyến
    khích Mặt trận Tổ quốc … phát huy …", "Hội, hiệp hội … chủ động …"), folded, and where
    its predicate starts; None when it opens with none."""
    folded = fold_aligned(text)
    trade = enterprise_subject(text, folded)
    if trade is not None:
        return [fold(trade.written)], trade.end
    opening = SUBJECT_OPENING.match(folded)
    subjects, end = name_list(text, opening.end() if opening else 0, folded, more_classes=True)
    if not subjects:
        return None
    return [fold(m.written) for m in subjects], end


def _duty_of_another(node: Node, line: str) -> bool:
    """An unmarked paragraph after a point whose own sentence gives a body its duty ("18.
    Khuyến khích Mặt trận Tổ quốc … phát huy vai trò …") opens with other bodies that act
    ("Hội, hiệp hội xã hội nghề nghiệp chủ động …"): it is their duty, not more of the
    point's (docs/importer.md, "A paragraph with a subject of its own"). Not a line that
    goes on a sentence (the point's text ends without "." or ";"), not "X phối hợp …"
    (partners of the point's own work), not the point's own subject again."""
    if node.kind not in ("item", "subitem", "letter", "bullet") or node.children:
        return False
    if not line[:1].isupper() or not node.text.rstrip().endswith((".", ";")):
        return False
    first = node.text.split("\n", 1)[0]
    own = _subject_of(first)
    if own is None or not first[own[1] :].strip(" :.;"):
        return False  # a heading naming the body ("1. Sở Tài chính"): its duties follow
    other = _subject_of(line)
    if other is None or set(other[0]) & set(own[0]):
        return False
    predicate = fold_aligned(line[other[1] :]).lstrip(" ,:")
    return bool(predicate) and not re.match(r"(?:chu dong |tich cuc )?phoi hop\b", predicate)


def outline(lines: list[str]) -> list[Node]:
    nodes: list[Node] = []
    stack: list[Node] = []
    preamble = 0
    task_section = False
    # The refs taken so far (a set: a long document has thousands of clauses).
    refs: set[str] = set()
    indexed = 0  # nodes[:indexed] are in refs

    def add(kind: str, label: str, value: str, text: str) -> None:
        nonlocal indexed
        # "+" items sit under "-" items (the genre's two bullet levels).
        level = LEVEL[kind] + (0.5 if kind == "bullet" and label == "+" else 0)
        while stack and stack[-1].level >= level:
            stack.pop()
        parent = stack[-1] if stack else None
        if kind == "bullet":
            value = str(
                sum(1 for c in (parent.children if parent else []) if c.kind == "bullet") + 1
            )
        ref = f"{parent.ref}.{value}" if parent else value
        if parent is None and kind != "section":
            ref = f"{value}" if kind != "bullet" else f"{len(nodes) + 1}"
        refs.update(n.ref for n in nodes[indexed:])
        indexed = len(nodes)
        if ref in refs:
            ref = f"{ref}~{len(nodes)}"
        node = Node(ref, kind, label, text, parent, in_task_section=task_section, level=level)
        if parent:
            parent.children.append(node)
        nodes.append(node)
        stack.append(node)

    closing_block = False
    for line in lines:
        text = clean_line(line)
        if not text:
            continue
        folded_line = fold(text)
        if folded_line.startswith(("noi nhan", "| noi nhan")):
            # The recipients and the signature close the body (Decree 30 layout): nothing
            # there is a clause, until an appendix starts a new outline.
            closing_block = True
            stack.clear()
        if closing_block:
            if not (ROMAN.match(text) or folded_line.startswith(("phu luc", "danh muc"))):
                preamble += 1
                nodes.append(Node(f"closing.{preamble}", "paragraph", "", text, None))
                continue
            closing_block = False
        m = ARTICLE.match(text)
        if m and any(n.kind == "section" for n in nodes):
            task_section = False
            stack.clear()
            add("section", f"Điều {m.group('n')}.", f"Điều {m.group('n')}", m.group("t"))
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
        m = LETTER.match(text) or LATIN_LETTER.match(text)
        if m and stack and (m.re is LETTER or _latin_letter_follows(stack, m.group("n"))):
            add("letter", m.group("n") + ")", m.group("n"), m.group("t"))
            continue
        m = BULLET.match(text)
        if m and stack:
            add("bullet", m.group("m"), "", m.group("t"))
            continue
        if (
            stack
            and stack[-1].kind != "section"
            and (CLOSING_REQUEST.search(folded_line) or TO_THE_CELLS.match(folded_line))
        ):
            closing_block = True
            stack.clear()
            preamble += 1
            nodes.append(Node(f"closing.{preamble}", "paragraph", "", text, None))
            continue
        if stack and _duty_of_another(stack[-1], text):
            # A paragraph with a subject of its own after a point of another's: a duty
            # of its own, as the numbered points around it (an unmarked sibling).
            # A bullet keeps its mark (its level); a number is not repeated: the point's
            # own, then "~1", "~2" for the paragraphs after it ("VI.18~1"), whatever
            # came before in the document (a ref stays the same however the text wraps).
            point = stack[-1]
            label = point.label if point.kind == "bullet" else ""
            number, _, after = point.ref.rsplit(".", 1)[-1].partition("~")
            add(point.kind, label, f"{number}~{int(after) + 1 if after.isdigit() else 1}", text)
            continue
        if stack:
            stack[-1].text += "\n" + text
        else:
            preamble += 1
            nodes.append(Node(f"preamble.{preamble}", "paragraph", "", text, None))
    return nodes


# ---------------------------------------------------------------- assignments

LEAD_CUE = re.compile(r"^,?\s*(chu tri)\b")
# What may stand before a sentence's subject: "Giao X …", "Đề nghị X …", "Căn cứ Kế hoạch
# này, X …", "Trên cơ sở …, X …".
SUBJECT_OPENING = re.compile(
    r"^(?:(?:can cu|tren co so|dinh ky|hang nam)[^,;.:]{0,160},\s*)?(?:(?:giao|de nghi|yeu cau|khuyen khich)\s+)?"
)
# "Phối hợp" with the adverbs the genre gives it: "chủ động phối hợp với", "phối hợp chặt
# chẽ với", "tích cực phối hợp với".
_COORDINATE = r"(?:(?:chu dong|tich cuc)\s+)?phoi hop(?:\s+chat che)?"
# Partners named after "cùng": "phối hợp cùng Sở …", "tham gia cùng Sở … trong việc …" (the
# subject joins the body's work: the body is its partner, as after "phối hợp với").
_WITH = r"(?:voi|cung(?:\s+voi)?)"
_JOINS = r"|tham gia cung(?:\s+voi)?"
# "X: Chủ trì, phối hợp với Y" (a department's line) and "chủ trì hoặc phối hợp với Y".
# "phối hợp với đầu mối (của) các bộ, ngành": the bodies' focal points are the bodies'.
_FOCAL = r"(?:dau moi\s+(?:cua\s+)?)?"
COORD_CUE = re.compile(
    r"^[,:]?\s*(?:(?:chu tri)\s*(?:,\s*|hoac\s+)?)?(?:huong dan\s+)?(?:"
    + _COORDINATE
    + r"(?:\s+"
    + _WITH
    + r")?"
    + _JOINS
    + r")\s+"
    + _FOCAL
)
SENTENCE_COORD = re.compile(
    r"(?:^|[.;:]\s*)chu tri\s*(?:,\s*|hoac\s+)?(?:huong dan\s+)?"
    + _COORDINATE
    + r"(?:\s+voi)?\s+"
    + _FOCAL
    + r"|(?:[.;:]\s*|,\s+)(?:chu tri hoac\s+)?(?:"
    + _COORDINATE
    + r"\s+"
    + _WITH
    + _JOINS
    + r")\s+"
    + _FOCAL
)


# Enterprises are addressed as a class, named by their trade ("Các doanh nghiệp viễn
# thông, doanh nghiệp bưu chính ưu tiên …"): the subject runs to its predicate.
# Training and research institutions are addressed the same way ("Các cơ sở đào tạo đại
# học, sau đại học", "Doanh nghiệp, tổ chức, cơ sở giáo dục tự chủ tài chính có trách nhiệm …"),
# and so are associations ("Hội, hiệp hội xã hội nghề nghiệp chủ động …", "Các hiệp hội …").
ENTERPRISES = re.compile(
    r"^(?:cac )?(?:doanh nghiep|co so (?:dao tao|giao duc)|truong (?:dai hoc|cao dang)"
    r"|vien nghien cuu|hoi,? hiep hoi)\b|^cac hiep hoi\b"
)
ENTERPRISE_PREDICATE = re.compile(
    r"(?<!,)\s+(?:bao dam|dam bao|uu tien|chu dong|tien phong|bo tri|phoi hop|co trach nhiem"
    r"|chiu trach nhiem|tich cuc|thuc hien|trien khai|tham gia|dau tu|xay dung|nghien cuu"
    r"|tuan thu|to chuc|phat trien|can|duoc|la|mo them|mo rong)\b|\s*[:;.\n]"
)


def enterprise_subject(text: str, folded: str) -> Mention | None:
    if not ENTERPRISES.match(folded):
        return None
    end_match = ENTERPRISE_PREDICATE.search(folded, 12)
    end = end_match.start() if end_match else len(text)
    if end > 90:
        return None
    written = text[:end].rstrip(" ,")
    return Mention(0, len(written), written, written, False)


def _class_heading(node: Node) -> Mention | None:
    """The class of bodies a heading names, when its first line is nothing else."""
    if fold(node.text[:3]) != "cac":
        return None  # (a cheap look before the first line is folded)
    first = node.text.split("\n", 1)[0].rstrip(" :")
    if not fold(first).startswith("cac "):
        return None  # a topic ("9. Doanh nghiệp số"), not the bodies addressed ("Các …")
    trade = enterprise_subject(first, fold_aligned(first))
    return trade if trade is not None and trade.end >= len(first) else None


@dataclass
class Roles:
    lead: list[Mention] = field(default_factory=list)
    coordinating: list[Mention] = field(default_factory=list)
    explicit_lead: bool = False  # the text names who leads
    explicit_coordinating: bool = False


def _breaks(text: str, folded: str) -> str:
    """`folded` with each line break of `text` written as ";" (a break ends a sentence)."""
    if "\n" not in text:
        return folded
    chars = list(folded)
    position = text.find("\n")
    while position >= 0:
        chars[position] = ";"
        position = text.find("\n", position + 1)
    return "".join(chars)


def roles_in(text: str, heading: bool = False) -> Roles:
    """Who the text itself says leads and coordinates.

    A heading that introduces a list ("…, Đảng đoàn Quốc hội xác định các nhiệm vụ sau:")
    names its lead after an introductory phrase: its named bodies lead the items below.
    """
    folded = fold_aligned(text)
    roles = Roles()
    opening = SUBJECT_OPENING.match(folded)
    subjects, end = name_list(text, opening.end() if opening else 0, folded, more_classes=True)
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
    if not subjects and heading and "\n" in text.rstrip():
        # An addressee line: the heading's last paragraph is nothing but the bodies that act
        # ("Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương:", "Đề nghị X"); they
        # lead the items below it.
        start = text.rstrip().rfind("\n") + 1
        line_opening = SUBJECT_OPENING.match(folded, start)
        named, line_end = name_list(text, line_opening.end() if line_opening else start, folded)
        if named and not text[line_end:].strip(" :.\n"):
            roles.lead, roles.explicit_lead = named, True
            return roles
    rest = folded[end:]
    if subjects:
        roles.lead = subjects
        roles.explicit_lead = True
        coord = COORD_CUE.match(rest)
        if coord:
            roles.coordinating, _ = name_list(text, end + coord.end(), folded, classes=True)
            roles.explicit_coordinating = True
        else:
            # A later clause of the same subject: "X lãnh đạo …; phối hợp với Y …".
            breaks = _breaks(text, folded)
            later = SENTENCE_COORD.search(breaks, end)
            if later and later.start() > end:
                roles.coordinating, _ = name_list(text, later.end(), folded, classes=True)
                roles.explicit_coordinating = bool(roles.coordinating)
        return roles
    coord = COORD_CUE.match(folded)
    if coord:
        roles.coordinating, _ = name_list(text, coord.end(), folded, classes=True)
        roles.explicit_coordinating = True
        return roles
    # A paragraph break ends a sentence too (a heading's lead-in "Chủ trì, phối hợp với …").
    breaks = _breaks(text, folded)
    sentence = SENTENCE_COORD.search(breaks)
    if sentence:
        roles.coordinating, _ = name_list(text, sentence.end(), folded, classes=True)
        roles.explicit_coordinating = bool(roles.coordinating)
    return roles


def _trade_partners(text: str, end: int, roles: Roles) -> None:
    """The partners of a class named by its trade, as of a named subject: "Các doanh
    nghiệp công nghệ số phối hợp với đầu mối các bộ, ngành, các trường đại học …", or a
    later sentence "… Phối hợp với các Viện nghiên cứu …"."""
    folded = fold_aligned(text)
    coord = COORD_CUE.match(folded[end:])
    if coord is not None:
        start = end + coord.end()
    else:
        later = SENTENCE_COORD.search(_breaks(text, folded), end)
        if later is None or later.start() <= end:
            return
        start = later.end()
    roles.coordinating, _ = name_list(text, start, folded, classes=True)
    roles.explicit_coordinating = bool(roles.coordinating)


def assign(
    node: Node, enterprises: bool = True
) -> tuple[list[Mention], list[Mention], list[Mention], list[Mention]]:
    """(lead, coordinating, own lead mentions, own coordinating mentions) of a task clause.

    Enterprises addressed as a class (`enterprises`) lead their clause, but do not make
    the section one that distributes duties to the administration."""
    own = roles_in(node.text)
    if enterprises:
        # (Folded in full only when the clause opens with a class: most do not.)
        opens_with_class = ENTERPRISES.match(fold_aligned(node.text[:24])) is not None
        trade = enterprise_subject(node.text, fold_aligned(node.text)) if opens_with_class else None
        # The class runs to its predicate: "Các doanh nghiệp, tổ chức kinh tế, cơ sở giáo
        # dục, đào tạo bố trí …" is one subject, not "Các doanh nghiệp" and the rest.
        if trade is not None and all(m.end <= trade.end for m in own.lead):
            own.lead, own.explicit_lead = [trade], True
            if not own.explicit_coordinating:
                _trade_partners(node.text, trade.end, own)
    lead: list[Mention] = []
    coordinating: list[Mention] = []
    ancestor = node.parent
    while ancestor is not None and ancestor.kind in ("letter", "subitem", "item", "bullet"):
        inherited = roles_in(ancestor.text, heading=True)
        if inherited.explicit_lead:
            lead, coordinating = inherited.lead, inherited.coordinating
            break
        heading_class = _class_heading(ancestor) if enterprises else None
        if heading_class is not None:
            # A heading that is nothing but a class of bodies ("18. Các doanh nghiệp công
            # nghệ số", "5. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan")
            # leads the points under it, as a heading per department does.
            lead, coordinating = [heading_class], []
            break
        ancestor = ancestor.parent
    if own.explicit_lead:
        lead = own.lead
        coordinating = own.coordinating if own.explicit_coordinating else []
    elif own.explicit_coordinating:
        coordinating = own.coordinating
    return lead, coordinating, own.lead, own.coordinating


# ---------------------------------------------------------------- field lists and sections


def ancestors(node: Node) -> list[Node]:
    out = []
    current = node.parent
    while current is not None:
        out.append(current)
        current = current.parent
    return out


def descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = list(reversed(node.children))
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed(current.children))
    return out


def mark_fields(nodes: list[Node]) -> None:
    """Field lines: a clause that opens with a field name and a colon ("Cơ quan chủ trì:")."""
    for node in nodes:
        if node.kind in ("section", "paragraph"):
            continue
        match = FIELD.match(fold_aligned(node.text[:80]))
        if match and match.lastgroup:
            node.field = match.lastgroup
            node.value_start = match.end()


def field_owner(node: Node) -> bool:
    """A clause whose own children are its field lines (directly, or through a "Cơ quan
    thực hiện:" line whose sub-items are "Đơn vị chủ trì:"/"Đơn vị phối hợp:")."""
    if node.field:
        return False
    return any(
        child.field in ("lead", "coordinating", "deadline", "output")
        or (child.field == "content" and node.kind != "section")
        for child in node.children
    )


def _opens_with_subject(node: Node) -> bool:
    folded = fold_aligned(node.text)
    opening = SUBJECT_OPENING.match(folded)
    return bool(name_list(node.text, opening.end() if opening else 0, folded)[0])


def classify_sections(nodes: list[Node], task_table: bool = False) -> None:
    """Which Roman sections hold tasks (docs/importer.md, "Task sections").

    A section holds tasks when its title says so ("nhiệm vụ", "giải pháp", "phân công",
    "danh mục") or when it assigns: field lines, or items that open with the agencies
    that act. Purpose, objectives and viewpoints never hold tasks. The closing sections
    ("tổ chức thực hiện", "kinh phí") hold tasks only when they assign and the document's
    other task sections name nobody: there they are where duties are distributed;
    otherwise they are the usual monitoring and reporting clauses. Nor do they when the
    task sections hold no item at all and a task table is there (`task_table`), unless
    they list points under each body's heading: a plan whose "NHIỆM VỤ, GIẢI PHÁP" only
    points to its appendix ("… được phân công tại Phụ lục kèm theo") has its work assigned
    row by row, and its closing clauses monitor, fund and report.
    """
    sections = [n for n in nodes if n.kind == "section"]
    if not sections:
        return
    decided: dict[int, bool] = {}
    closing: list[Node] = []
    for section in sections:
        title = fold(section.text.split("\n")[0])
        below = descendants(section)
        assigns = any(d.field in ("lead", "coordinating") for d in below) or any(
            d.kind in ("item", "subitem", "letter") and _opens_with_subject(d) for d in below
        )
        if title.startswith(NOT_TASK_SECTION_CUES):
            decided[id(section)] = False
        elif title.startswith(CLOSING_SECTION_CUES):
            decided[id(section)] = False
            if assigns:
                closing.append(section)
        else:
            decided[id(section)] = assigns or any(cue in title for cue in TASK_SECTION_CUES)
    named = any(
        decided[id(section)]
        and any(
            d.field in ("lead", "coordinating")
            or (d.kind != "section" and (assign(d, enterprises=False)[0] if not d.field else False))
            for d in descendants(section)
        )
        for section in sections
    )
    listed = any(
        decided[id(section)]
        and any(d.kind in ("item", "subitem", "letter", "bullet") for d in descendants(section))
        for section in sections
        if all(section is not c for c in closing)
    )
    if not named:
        for section in closing:
            # Beside a table that assigns its rows, a closing section distributes work only
            # when laid out per body, each body's heading over its own points (Đồng Tháp
            # 552/KH-UBND's "1. Sở …" headings); its single clauses of monitoring, funding
            # and reporting are the usual closing ones.
            decided[id(section)] = (
                listed
                or not task_table
                or any(
                    d.children and d.kind in ("item", "subitem") and _opens_with_subject(d)
                    for d in descendants(section)
                )
            )
    current = False
    for node in nodes:
        if node.kind == "section":
            current = decided[id(node)]
        elif node.parent is None and node.kind == "paragraph":
            continue
        node.in_task_section = current


def _mark_clauses(
    nodes: list[Node], clauses: list[dict[str, Any]], task_refs: set[str], owners: set[int]
) -> None:
    """Every clause of a task section ends in exactly one task (its own, or the task whose
    field lines and content it holds) or is a heading (docs/importer.md)."""
    ends_in: dict[str, str] = {}
    for node in nodes:
        if node.ref not in task_refs:
            continue
        ends_in[node.ref] = node.ref
        if id(node) in owners:
            for below in descendants(node):
                ends_in[below.ref] = node.ref
    for node, clause in zip(nodes, clauses, strict=True):
        clause["task_section"] = node.in_task_section and node.kind != "paragraph"
        if clause["task_section"]:
            clause["task"] = ends_in.get(node.ref)
            clause["role"] = "task" if node.ref in ends_in else "heading"


def _value(node: Node) -> str:
    return node.text[node.value_start :].strip()


def field_agencies(text: str) -> list[Mention]:
    """The agencies of a field's value: a list of names, or sentences each opening with
    the agencies that act ("Sở A tiến hành …; các sở, ngành liên quan rà soát …")."""
    folded = fold_aligned(text)
    found: list[Mention] = []
    seen: set[str] = set()
    for part in re.finditer(r"[^;.]+", folded):
        position = part.start()
        opening = re.match(r"\s*(?:dong thoi,?\s*)?", folded[position:])
        position += opening.end() if opening else 0
        for mention in name_list(text, position, folded)[0]:
            key = mention.canonical if mention.generic else fold(mention.written)
            if key not in seen:
                seen.add(key)
                found.append(mention)
    return found


def field_task(node: Node, group: str, issue_year: int | None) -> dict[str, Any]:
    """A task written as an item and its field lines: the item's text and its content
    field (with the content's sub-items) are the task; the other fields say who leads,
    who coordinates, when and what."""
    parts = [node.text]
    fields: dict[str, list[str]] = {}

    def walk(children: list[Node], in_field: str) -> None:
        for child in children:
            if child.field == "content":
                parts.append(_value(child))
                walk(child.children, "")
            elif child.field:
                fields.setdefault(child.field, []).append(_value(child))
                walk(child.children, child.field)
            elif in_field:
                fields.setdefault(in_field, []).append(child.text)
                walk(child.children, in_field)
            else:
                parts.append(child.text)
                walk(child.children, "")

    walk(node.children, "")
    text = "\n".join(part for part in parts if part)
    lead, coord, _own_lead, _own_coord = assign(node)
    if fields.get("lead"):
        lead = [m for value in fields["lead"] for m in field_agencies(value)]
        coord = []
    if fields.get("coordinating"):
        coord = [m for value in fields["coordinating"] for m in field_agencies(value)]
    task = _task(node.ref, group, text, lead, coord, {"lead": [], "coordinating": []}, issue_year)
    if fields.get("deadline"):
        value = " ".join(fields["deadline"])
        found = find_deadline(value, issue_year, table_cell=True)
        task["deadline"] = {
            "text": value,
            "date": found.date.isoformat() if found and found.date else None,
        }
        task["recurrence"] = find_recurrence(value) or task["recurrence"]
    if fields.get("output"):
        task["output"] = " ".join(fields["output"])
    return task


# ---------------------------------------------------------------- tables


LABEL_ONLY = re.compile(
    r"^\s*(?:\d{1,2}(?:\.\d{1,2})*\.|(?:(?:Phần|PHẦN|Mục|MỤC)\s+)?[IVXL]+\.|[a-eg-ik-zđ][.)])\s*$"
)


def document_lines(blocks: list[Block]) -> list[str]:
    """The paragraphs of the document in order; a table that is not a task table (a
    letterhead laid out as a table, a table of figures) is read as its cells' text."""
    lines: list[str] = []
    label = ""
    previous_is_paragraph = False
    for block in blocks:
        if block.kind == "p":
            if LABEL_ONLY.match(block.text):
                # A number alone in its paragraph ("3.1." then "Thương mại") labels the
                # paragraph that follows it.
                label = (label + " " + block.text.strip()).strip()
                continue
            if label and block.text.strip():
                lines.append(label + " " + block.text.lstrip())
                label = ""
            elif lines and previous_is_paragraph and dash_continues(lines[-1], block.text):
                # A Word paragraph made from a hard-wrapped line ("giai đoạn 2026" / "- 2030,
                # tập trung …") continues the paragraph before, as in plain text.
                lines[-1] += " " + block.text
            else:
                lines.append(block.text)
            previous_is_paragraph = True
            continue
        previous_is_paragraph = False
        if label:
            lines.append(label)
            label = ""
        if block.kind == "table" and not tables.is_task_table(block.rows):
            # Cell by cell, line by line: a letterhead keeps the lines the header
            # block is read from (issuer, motto, rule, number, place and date).
            for cell in _cells_in_reading_order(block.rows):
                lines.extend(" ".join(part.split()) for part in cell.split("\n") if part.strip())
    if label:
        lines.append(label)
    return lines


def _cells_in_reading_order(rows: list[list[str]]) -> list[str]:
    """A table's cells row by row; a letterhead's column by column. Decree 30's letterhead
    is two blocks side by side (the issuer, its number under it; the motto, the place and
    date under it), and a clerk may lay it out one line per row: read row by row, the
    issuer's second line ("TỈNH BẮC NINH") would come after the motto. A table is a
    letterhead when one of its first two rows holds the motto in a cell after the first."""
    width = max((len(row) for row in rows), default=0)
    letterhead = width >= 2 and any(
        MOTTO.search(fold(cell)) for row in rows[:2] for cell in row[1:]
    )
    if not letterhead:
        return [cell for row in rows for cell in row]
    return [row[column] for column in range(width) for row in rows if column < len(row)]


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
    units = [" ".join(m.written.split()) for m in lead + coord if m.unit and not m.generic]
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
        "recurrence": task_recurrence(text),
        "output": output.text if output else None,
        "spans": spans,
        "units": units,  # replaced by `unit_of` in `_units_and_successors`
    }


def parse_blocks(blocks: list[Block]) -> dict[str, Any]:
    with gazetteer():
        parsed = _parse_blocks(blocks)
    _units_and_successors(parsed)
    return parsed


def _units_and_successors(parsed: dict[str, Any]) -> None:
    """Names of the issuer's own units get `unit_of` (the issuer); names of bodies that no
    longer existed on the document's date get `superseded` (their successor)."""
    header = parsed["programme"]
    issuer = header.get("issuer") or ""
    day = None
    if header.get("issue_date"):
        with contextlib.suppress(ValueError):
            day = datetime.date.fromisoformat(header["issue_date"])
    memo: dict[str, tuple[str, datetime.date] | None] = {}
    for task in parsed["tasks"]:
        units = task.pop("units", [])
        task["unit_of"] = {name: issuer for name in units if is_unit_of(name, issuer)}
        superseded = []
        if day is not None:
            for name in task["lead"] + task["coordinating"]:
                if name not in memo:
                    memo[name] = successor_on(name, day)
                found = memo[name]
                if found:
                    superseded.append(
                        {"name": name, "successor": found[0], "since": found[1].isoformat()}
                    )
        task["superseded"] = superseded


def document_texts(blocks: list[Block], lines: list[str]) -> list[str]:
    """Every text of the document where a body may be named: its lines and its tables'
    cells (a task table's too)."""
    cells = [cell for b in blocks if b.kind == "table" for row in b.rows for cell in row]
    return lines + cells


def _parse_blocks(blocks: list[Block]) -> dict[str, Any]:
    lines = document_lines(blocks)
    header = read_header(lines[:60])
    if not header["code"] or not header["issue_date"]:
        # No header block: an appendix title names the document ("(Kèm theo Nghị quyết
        # số 394/NQ-CP ngày 03 tháng 12 năm 2025 của Chính phủ)").
        attached = ATTACHED_DATED.search("\n".join(clean_line(line) for line in lines))
        if attached:
            header["code"] = header["code"] or attached.group("n")
            with contextlib.suppress(ValueError):
                header["issue_date"] = (
                    header["issue_date"]
                    or datetime.date(
                        int(attached.group("y")), int(attached.group("m")), int(attached.group("d"))
                    ).isoformat()
                )
    # What the body names depends on who wrote it ("các đảng ủy trực thuộc" is a Party
    # committee's own committees: `names.issued_by`).
    # A unit named with a clear end somewhere bounds its other mentions (`written_units`).
    with issued_by(header.get("issuer") or ""), written_units(document_texts(blocks, lines)):
        return _parse_body(blocks, lines, header)


def _parse_body(blocks: list[Block], lines: list[str], header: dict[str, Any]) -> dict[str, Any]:
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
    header["implements"] = implemented_document(
        header.get("title") or "",
        legal_bases(
            [n.text for n in nodes if n.ref.startswith("preamble") and not provenance(n.text)]
        ),
        header.get("code") or "",
    )
    groups: list[dict[str, Any]] = []
    tasks: list[dict[str, Any]] = []
    known_groups: set[str] = set()
    mark_fields(nodes)
    classify_sections(
        nodes, any(b.kind == "table" and tables.is_task_table(b.rows) for b in blocks)
    )
    owners = {id(n) for n in nodes if field_owner(n)}

    def add_group(node: Node) -> Node:
        group = group_of(node)
        if group.ref not in known_groups:
            known_groups.add(group.ref)
            groups.append(
                {"ref": group.ref, "title": group.text.split("\n")[0], "implements": None}
            )
        return group

    for node in nodes:
        if not node.in_task_section or node.kind in ("section", "paragraph") or node.field:
            continue
        if any(id(a) in owners for a in ancestors(node)):
            continue  # part of a task written with field lines
        if id(node) in owners:
            group = add_group(node)
            tasks.append(field_task(node, group.ref, issue_year))
            continue
        if node.children or ESCALATION.match(fold(node.text)):
            continue
        group = add_group(node)
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
        nodes, tasks, lambda n: assign(n)[:2], _mentions_out, node_task, _own_kind(header)
    )
    _mark_clauses(nodes, clauses, {t["ref"] for t in tasks}, owners)
    before = {id(t) for t in tasks}
    _table_tasks(blocks, groups, clauses, tasks, known_groups, issue_year)
    tasks = tables.merge_restated(tasks, {t["ref"] for t in tasks if id(t) not in before})
    tasks = references.without_summaries(nodes, tasks, lambda n: assign(n)[:2])
    return {
        "format": "lotrinh.programme/1",
        "programme": header,
        "clauses": clauses,
        "goals": [],
        "targets": [],
        "task_groups": groups,
        "tasks": tasks,
        "reporting_regimes": regimes.regimes_of(clauses, tasks, header.get("issuer") or ""),
    }


DOC_NUMBER = re.compile(r"(?:Số|số)[:\s]+(?P<n>\d+[\w/\-\.ĐđÀ-ỹ]*/[\wĐđÀ-ỹ\-]+)")
ATTACHED = re.compile(
    # A number starts with its figure: a draft's blank ("Văn bản số -CV/ĐU") is no number.
    r"(?:kèm theo|Kèm theo)\s+(?:Nghị quyết|Quyết định|Kế hoạch|Văn bản)\s+số\s+(?P<n>\d[\w\-]*/[\wĐđ\-]+)"
)
# A number cited anywhere in the title or the legal bases, in capitals too ("NGHỊ QUYẾT SỐ
# 214/NQ-CP" in a title): the header's own number pattern.
CITED = re.compile(DOC_NUMBER.pattern, re.IGNORECASE)


def cited_documents(data: dict[str, Any]) -> list[str]:
    """The numbers of the documents a parsed document cites in its title and its legal
    bases ("Căn cứ Nghị quyết số 57-NQ/TW …", "Thực hiện Nghị quyết số 214/NQ-CP …"), in
    that order, each once, its own number left out. A plan names what it implements
    there; the corpus's provenance lines ("Source:", "Note:") are not the document's."""
    header = data.get("programme") or {}
    own = "".join(str(header.get("code") or "").split()).upper()
    preamble = [
        str(clause.get("text") or "")
        for clause in data.get("clauses") or []
        if str(clause.get("ref") or "").startswith("preamble")
        and not str(clause.get("text") or "").startswith(("Source:", "Note:"))
    ]
    found: list[str] = []
    for text in (str(header.get("title") or ""), "\n".join(preamble)):
        for match in CITED.finditer(text):
            number = match.group("n").rstrip(".,;:").upper()
            if number != own and number not in found:
                found.append(number)
    return found


DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})")
ATTACHED_DATED = re.compile(
    r"[Kk]èm theo\s+(?:Nghị quyết|Quyết định|Kế hoạch|Chỉ thị)\s+số\s+(?P<n>[\w\-]+/[\wĐđ\-]+)"
    r"\s+ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
# A document that a plan carries out, cited by its kind's word and number: a resolution
# (the Party's, the Government's, the National Assembly's "81/2023/QH15"), a decision, a
# directive, a plan, a programme, a conclusion, a scheme; never a law or a decree, which are
# grounds. The number may lose its spaces to a wrap ("10- CTr/TU").
CITATION = re.compile(
    r"(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kế\s+hoạch|chương\s+trình(?:\s+hành\s+động)?"
    r"|kết\s+luận|đề\s+án)\s+(?:số\s+)?(?P<n>\d+(?:[-/][ \t]?[\wĐđÀ-ỹ]+)*/[\wĐđÀ-ỹ\-]+)",
    re.IGNORECASE,
)
# What the title says the plan carries out ("THỰC HIỆN QUY HOẠCH …", "TRIỂN KHAI THI HÀNH
# LUẬT …"), to its period or place.
CARRIES_OUT = re.compile(r"\b(?:thuc hien|trien khai|thi hanh)\s+(?P<o>.+)")
OBJECT_END = re.compile(
    r"\s+(?:den nam|giai doan|thoi ky|tam nhin|tren dia ban|nam \d{4})\b|[,;(]|\s+\d{4}\b"
)


def _citations(text: str, own: str) -> list[tuple[int, str]]:
    """(position, number) of each document of a programme's kind the text cites."""
    return [
        (m.start(), number_of(m.group("n")))
        for m in CITATION.finditer(text)
        if number_of(m.group("n")).upper() != own.upper()
    ]


BASIS_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị)\b")


def legal_bases(preamble: list[str]) -> list[str]:
    """The preamble's bases, one a paragraph from its opening ("Căn cứ …", "Thực hiện …",
    "Triển khai …", "Theo đề nghị …") to the next: a copy may break one over lines
    ("Căn cứ Nghị quyết số" / "57-NQ/TW ngày …") that the outline keeps apart."""
    bases: list[str] = []
    closed = False
    for line in "\n".join(preamble).split("\n"):
        if BASIS_OPENING.match(line.strip()):
            bases.append(line.strip())
            closed = False
        elif _caps_words(line) or (bases and bases[-1].endswith((";", "."))):
            # A ground ends with ";" (the last with "." or ";"): what follows a whole ground
            # without an opening of its own — the enacting sentence ("Ủy ban nhân dân Tỉnh
            # ban hành Kế hoạch … như sau:"), "QUYẾT NGHỊ:", a heading in capitals — is the
            # document's own words, no ground.
            closed = True
        elif bases and not closed:
            bases[-1] += " " + line.strip()
    return bases


def implemented_document(title: str, bases: list[str], own: str = "") -> str | None:
    """The document a plan (or a decision, a programme) carries out, as the genre names it:
    the one its title cites ("KẾ HOẠCH Triển khai thực hiện Nghị quyết số 214/NQ-CP …");
    for a title that carries out what a document approved ("THỰC HIỆN QUY HOẠCH MẠNG LƯỚI
    …"), the basis citing a document before naming that thing; else the first basis that
    says what is carried out ("Thực hiện …", "Triển khai …"); else the first ground
    ("Căn cứ …") citing a document of a programme's kind (a law or a decree is none)."""
    cited = _citations(title, own)
    if cited:
        return cited[0][1]
    bases = [" ".join(b.split()) for b in bases]
    # Folded position by position, so a place in the folded basis is one in the basis.
    folded_bases = [fold_aligned(b) for b in bases]
    carried = CARRIES_OUT.search(" ".join(fold(title).split()))
    if carried:
        thing = OBJECT_END.split(carried.group("o"), maxsplit=1)[0].strip()
        if len(thing.split()) >= 3 and not CITATION.match(thing):
            for basis, folded in zip(bases, folded_bases, strict=True):
                at = folded.find(thing)
                before = [c for c in _citations(basis, own) if c[0] < at]
                if at >= 0 and before:
                    return before[-1][1]
    for basis, folded in zip(bases, folded_bases, strict=True):
        if folded.startswith(("thuc hien", "trien khai")):
            found = _citations(basis, own)
            if found:
                return found[0][1]
    grounds = [b for b, f in zip(bases, folded_bases, strict=True) if f.startswith("can cu")]
    lowest = _lowest_link(grounds, own)
    if lowest:
        return lowest
    for basis in grounds:
        found = _citations(basis, own)
        if found:
            return found[0][1]
    return None


CARRYING_OUT = re.compile(r"\b(?:thuc hien|trien khai|thi hanh)\b")


def _lowest_link(grounds: list[str], own: str) -> str | None:
    """The grounds of a plan go down from the highest body to the nearest ("Căn cứ Nghị
    quyết số 57-NQ/TW …; Nghị quyết số 71/NQ-CP …; Kế hoạch số 283/KH-UBND … về thực hiện
    Nghị quyết số 71/NQ-CP …"): a ground that says it carries out another ground is below
    it, and the plan carries out the lowest link of that chain, the one no other ground
    says it carries out (the last such). None when no ground carries out another."""
    cited: list[str] = []  # the grounds, in order
    carries: list[tuple[str, str]] = []  # (ground, the ground it carries out)
    for basis in grounds:
        # One ground a clause: "Căn cứ A; B và C về thực hiện D; E …".
        for clause in basis.split(";"):
            folded = fold_aligned(clause)
            at = CARRYING_OUT.search(folded)
            split = at.start() if at else len(clause)
            found = _citations(clause, own)
            above = [n for p, n in found if p < split]
            below = [n for p, n in found if p >= split]
            cited += [n for n in above if n not in cited]
            carries += [(a, b) for a in above for b in below]
    chain = [(a, b) for a, b in carries if b in cited and a != b]
    if not chain:
        return None
    # One chain only: grounds on two lines of policy ("57-NQ/TW" down to the province's
    # plan, "68-NQ/TW" and its 138/NQ-CP), or a ground linked to none, name no one
    # document the plan carries out; the first ground stands, as before.
    linked = {chain[0][0]}
    grown = True
    while grown:
        more = {n for a, b in chain if {a, b} & linked for n in (a, b)}
        grown = not more <= linked
        linked |= more
    if linked != set(cited):
        return None
    carried = {b for _a, b in chain}
    links = [n for n in cited if n not in carried and any(a == n for a, _b in chain)]
    return links[-1] if links else None


PERIOD_LINE = re.compile(r"^\d{4}(?:\s*[-–—]\s*\d{4})?$")
OWN_ON_KIND_LINE = re.compile(
    r"^\s+số\s*:?\s*\d[\w\-.ĐđÀ-ỹ]*(?:[ \t]*/[ \t]*[\wĐđÀ-ỹ\-]+)+"
    r"(?:\s*,?\s*ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\s*/\s*\d{1,2}\s*/\s*\d{4}))?",
    re.IGNORECASE,
)
NUMERIC_DATE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{4})")
# The kind's own line with its number ("KẾ HOẠCH SỐ 45/KH-UBND"), or a page's heading that
# names the document ("Nghị quyết số 57-NQ/TW"): at the head of a line, never in a sentence.
KIND_NUMBER = re.compile(
    r"(?im)^(?:nghị quyết|kế hoạch|quyết định|chương trình(?: hành động)?|chỉ thị|đề án)"
    r"\s+(?:số\s*:?\s*)?(?P<n>\d[\w\-.ĐđÀ-ỹ]*(?:[ \t]*/[ \t]*[\wĐđÀ-ỹ\-]+)+)"
)
DOC_TYPES = ("NGHỊ QUYẾT", "KẾ HOẠCH", "QUYẾT ĐỊNH", "CHƯƠNG TRÌNH", "CHỈ THỊ", "ĐỀ ÁN")


# The own number under the issuer ("Số: 45/KH-UBND"); the clerk types the figure into the
# template's blank, so spaces may stand around its slashes ("Số: 45 /KH-UBND").
OWN_NUMBER = re.compile(
    r"(?m)^\s*Số\s*[:.]?\s*(?P<n>\d[\w\-.ĐđÀ-ỹ]*(?:[ \t]*/[ \t]*[\wĐđÀ-ỹ\-]+)+)"
)
# The kind's word in the number (Decree 30/2020 Appendix III; Hướng dẫn 36 for the Party's:
# "45/KH-UBND", "3260-KH/ĐĐQH15"), by the kind's line.
KIND_ABBREVIATION = {
    "NGHỊ QUYẾT": "NQ",
    "KẾ HOẠCH": "KH",
    "QUYẾT ĐỊNH": "QĐ",
    "CHƯƠNG TRÌNH": "CTR",
    "CHỈ THỊ": "CT",
    "ĐỀ ÁN": "ĐA",
}
ABBREVIATIONS = {*KIND_ABBREVIATION.values(), "KL", "TB", "BC", "HD", "TTR", "CV", "QC", "QY"}


def number_of(written: str) -> str:
    """A number as written, without the spaces a template's blank or a wrap left in it."""
    return re.sub(r"\s+", "", written).rstrip(".,;:)")


def number_kind(number: str) -> str:
    """The kind's abbreviation a number carries ("NQ" in 57-NQ/TW and 214/NQ-CP), or ""."""
    return next((t for t in re.split(r"[-/]", number.upper()) if t in ABBREVIATIONS), "")


def _of_another_kind(number: str, kind_word: str) -> bool:
    """A number whose abbreviation names another kind than the kind's line: cited, not own."""
    own = KIND_ABBREVIATION.get(kind_word, "")
    found = number_kind(number)
    return bool(own and found and found != own)


PLACE_DATE = re.compile(
    r"(?m)^[^\n,]{0,60},\s*ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})"
)
# The body's keyword after the grounds (Decree 30: a resolution's "QUYẾT NGHỊ:", a
# decision's "QUYẾT ĐỊNH:"), folded: never an issuer.
BODY_KEYWORDS = ("quyet nghi", "quyet dinh:", "nghi quyet:", "chi thi:")
ENACTING = ("BỘ TRƯỞNG", "THỦ TƯỚNG", "CHỦ TỊCH", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "CHÍNH PHỦ")
# The team's choice (docs/importer.md, "Kind of document"): a body's own programme
# ("CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện Nghị quyết …", a Party committee's CTr) is its plan.
KINDS = {
    "NGHỊ QUYẾT": "government_resolution",
    "KẾ HOẠCH": "plan",
    "QUYẾT ĐỊNH": "pm_decision",
    "CHƯƠNG TRÌNH": "plan",
}
# A decision adopting the body's plan or programme, annexed ("Ban hành Kế hoạch hành động
# của Bộ Y tế …", "Về việc phê duyệt Chương trình …"), folded.
ADOPTS_PLAN = re.compile(r"^(?:ve viec )?(?:ban hanh|phe duyet) (?:ke hoach|chuong trinh)\b")


def _own_kind(header: dict[str, Any]) -> str:
    """The kind a document's references name it by ("… của Kế hoạch", "… của Chương
    trình"): a programme read as a plan (a CTr, a decision adopting a Chương trình) is a
    "programme" there (`references.OWN_KIND`)."""
    kind = str(header.get("kind") or "")
    title = fold(" ".join(str(header.get("title") or "").split()))
    if kind == "plan" and (
        number_kind(str(header.get("code") or "")) == "CTR"
        or title.startswith("chuong trinh")
        or re.match(r"^(?:ve viec )?(?:ban hanh|phe duyet) chuong trinh\b", title)
    ):
        return "programme"
    return kind


def decision_kind(code: str, title: str) -> str | None:
    """The kind of a decision by its number and title: a body's other than the Prime
    Minister's ("…/QĐ-BYT") is its plan when it adopts one (the plan annexed), else
    "other"; None for a decision of the Prime Minister's or no decision's number."""
    if "/QĐ-" not in code or "TTg" in code:
        return None
    return "plan" if ADOPTS_PLAN.match(fold(" ".join(title.split()))) else "other"


def _caps(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _caps_words(line: str) -> bool:
    """Words in capitals, a number's letters aside ("57-NQ/TW" alone is no name, nor a
    line of a title in capitals)."""
    return _caps(" ".join(word for word in line.split() if not any(c.isdigit() for c in word)))


def _separator(line: str) -> bool:
    return not any(ch.isalnum() for ch in line)


RULE_TAIL = re.compile(r"\s*[-–—_=]{3,}\s*$")


# "Số: …" after the issuer's name on its line ("ỦY BAN NHÂN DÂN TỈNH X Số: 12/KH-UBND"):
# the letterhead's left cell, or a two-column letterhead, flattened to one line of text.
NUMBER_ON_ISSUER_LINE = re.compile(
    r"^(?P<issuer>[^\n]*?\S)[\s|]+(?P<number>Số\s*[:.]?\s*\d[\w\-.ĐđÀ-ỹ]*"
    r"(?:[ \t]*/[ \t]*[\wĐđÀ-ỹ\-]+)+)[\s|]*(?P<rest>.*)$"
)


def letterhead_rows(lines: list[str]) -> list[str]:
    """The header's lines with the number on a line of its own, under the issuer, as
    Decree 30 sets it: a letterhead flattened to text (a table's cells run into a line,
    a copy from a PDF) gives "ỦY BAN NHÂN DÂN TỈNH X Số: 12/KH-UBND" or "Số: 12/KH-UBND
    X, ngày …". Only above the kind's line, and only after a name in capitals: a number
    the title or the grounds cite ("… NGHỊ QUYẾT SỐ 57-NQ/TW", "Căn cứ … số …") is never
    the document's."""
    lines = _piped_letterhead(lines)
    out: list[str] = []
    for at, line in enumerate(lines):
        text = clean_line(line)
        if kind_line(text) is not None:
            return out + lines[at:]
        found = NUMBER_ON_ISSUER_LINE.match(text)
        issuer = found.group("issuer").strip("|* ") if found else ""
        if found and _caps(issuer) and not MOTTO.search(fold(issuer)) and not ROMAN.match(issuer):
            parts = [issuer, found.group("number"), found.group("rest")]
        elif (own := OWN_NUMBER.match(text)) and text[own.end() :].strip(" |"):
            parts = [text[: own.end()], text[own.end() :]]
        else:
            out.append(line)
            continue
        out.extend(part.strip(" |") for part in parts if part.strip(" |"))
    return out


def _piped_letterhead(lines: list[str]) -> list[str]:
    """A letterhead table flattened to text one row a line, its cells parted by "|"
    ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI | ĐẢNG CỘNG SẢN VIỆT NAM", "THÀNH ỦY | Hà Nội, ngày …"):
    read column by column, as the table it was (`_cells_in_reading_order`), so that the
    issuer's block comes before the motto's. Only the rows above the kind's line, and
    only when one of the first two holds the motto in a cell after the first."""
    first = next((at for at, line in enumerate(lines) if line.strip()), len(lines))
    end = first
    while end < len(lines) and "|" in lines[end] and kind_line(clean_line(lines[end])) is None:
        end += 1
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines[first:end]
    ]
    if len(rows) < 2 or any(set(cell) <= set("-: ") and cell for row in rows for cell in row):
        return lines  # no rows, or a markdown table (its rule row), read as a table elsewhere
    cells = _cells_in_reading_order(rows)
    if cells == [cell for row in rows for cell in row]:
        return lines
    return lines[:first] + [cell for cell in cells if cell] + lines[end:]


def read_header(lines: list[str]) -> dict[str, Any]:
    """The document's own header block (Decree 30/2020 layout): the issuer in capitals at
    the top left, the national motto at the right, "Số: …/KH-UBND" under the issuer, the
    place-and-date line "…, ngày … tháng … năm …", then the kind (KẾ HOẠCH, QUYẾT
    ĐỊNH…) and the title in capitals. Numbers and dates cited in the text are never
    taken. A document without that block (a transcription that starts at the title)
    falls back to "Kèm theo … số …" and the first "Số …" and date."""
    lines = letterhead_rows(lines)
    cleaned = [clean_line(line) for line in lines]
    folded = [fold(line) for line in cleaned]
    motto = next((i for i in range(len(cleaned)) if MOTTO.match(" ".join(folded[i : i + 2]))), None)
    if motto is None:
        return _read_header_loosely(lines)
    header: dict[str, Any] = {
        "code": "",
        "kind": "other",
        "title": "",
        "issuer": "",
        "issue_date": None,
        "implements": None,
    }
    issuer: list[str] = []
    index = motto - 1
    # A letterhead read column by column (a two-column table's left cell, then its right
    # one): the number under the issuer comes before the motto.
    above = index
    while above >= 0 and (
        _separator(cleaned[above])
        or OWN_NUMBER.match(cleaned[above])
        or PLACE_DATE.match(cleaned[above])
    ):
        above -= 1
    if above >= 0 and _caps(cleaned[above]) and OWN_NUMBER.search("\n".join(cleaned[above:motto])):
        index = above
    while index >= 0 and (_separator(cleaned[index]) or _caps(cleaned[index])):
        if not _separator(cleaned[index]):
            issuer.insert(0, cleaned[index])
        index -= 1
    start = index + 1
    if not issuer:
        # Transcribed column by column: the issuer's lines follow the motto.
        for line in cleaned[motto + 1 : motto + 6]:
            if line.startswith("Số") or is_slogan(line) or _separator(line):
                continue
            if not _caps(line) or PLACE_DATE.match(line):
                break
            if not MOTTO.match(fold(line)):
                issuer.append(line)
    block = "\n".join(cleaned[start : motto + 30])
    number = OWN_NUMBER.search(block)
    if number:
        header["code"] = number_of(number.group("n"))
    date = PLACE_DATE.search(block, number.end() if number else 0)
    if number:
        # The number typed under the place-and-date line (Hướng dẫn 36's right block read
        # before the left one's number): the date is the letterhead's own line above the
        # number, never one past the kind's line (a date the grounds cite).
        lines_of_block = block.split("\n")
        number_line = block[: number.start()].count("\n")
        kind_at = next(
            (
                at
                for at in range(number_line, len(lines_of_block))
                if kind_line(lines_of_block[at]) is not None
            ),
            None,
        )
        past_kind = (
            date is not None and kind_at is not None and block[: date.start()].count("\n") > kind_at
        )
        if date is None or past_kind:
            date = PLACE_DATE.search(block[: number.start()]) or date
    if date:
        try:
            header["issue_date"] = datetime.date(
                int(date.group("y")), int(date.group("m")), int(date.group("d"))
            ).isoformat()
        except ValueError:
            header["issue_date"] = None
    if issuer:
        # The issuer's own line is the last one (a ministry under "BỘ …", a province's
        # committee); names are matched in the registry, else written in title case.
        # A letterhead read from a table cell comes as one line with its rule under it
        # ("UỶ BAN NHÂN DÂN TỈNH LAI CHÂU --------"): the rule is not part of the name.
        issuer = [RULE_TAIL.sub("", line) for line in issuer]
        written = " ".join(" ".join(issuer).split())
        # The issuer's own name is the whole block, or its last line under a parent body
        # ("BAN CHẤP HÀNH TRUNG ƯƠNG" / "ĐẢNG ĐOÀN QUỐC HỘI"), or, when the block is one
        # line, the longest tail of it that the registry knows ("… TỈNH LAI CHÂU").
        known = (
            _party_letterhead(issuer)
            or _party_committee(written)
            or registry().get(fold_aligned(written))
            or registry().get(fold_aligned(" ".join(issuer[-1].split())))
        )
        words = written.split()
        for cut in range(1, len(words) - 1):
            if known:
                break
            known = registry().get(fold_aligned(" ".join(words[cut:])))
        header["issuer"] = (
            known
            or _local_committee(written)
            or (written.title() if len(written) > 25 else written)
        )
    after = motto + 1
    if date:
        after = start + block[: date.end()].count("\n") + 1
    for index in range(after, min(len(cleaned), after + 25)):
        found = kind_line(cleaned[index])
        if found is None:
            continue
        kind, subject = found
        header["kind"] = KINDS.get(kind, "other")
        header["title"] = _subject_title(cleaned, index, subject) or cleaned[index]
        break
    if "NQ/TW" in header["code"]:
        header["kind"] = "party_resolution"
    elif decided := decision_kind(header["code"], header["title"]):
        header["kind"] = decided  # a ministry's (a province's) decision
    if not header["title"]:
        header["title"] = next(
            (c for c in cleaned[motto:] if len(c) > 30 and not provenance(c)), ""
        )
    return header


# A commune's, ward's or special zone's committee, which the registry does not hold (there
# are some 3,300 since 1 July 2025), is written as the genre writes it in a sentence: "Ủy
# ban nhân dân xã Đông Anh", not the title case of its capitals.
_LOCAL_COMMITTEE = re.compile(
    r"(?:uy ban nhan dan|ubnd) (?P<level>xa|phuong|dac khu) (?P<place>.+)"
)


def _local_committee(written: str) -> str | None:
    written = " ".join(written.split())
    match = _LOCAL_COMMITTEE.fullmatch(fold_aligned(written))
    if match is None:
        return None
    level = written[match.start("level") : match.end("level")].lower()
    return f"Ủy ban nhân dân {level} " + written[match.start("place") :].title()


# Hướng dẫn 36-HD/VPTW: a provincial Party committee heads its documents "ĐẢNG BỘ TỈNH X"
# over "TỈNH ỦY", or "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH X" (its executive committee, the Tỉnh
# ủy): the issuer is the committee, never the province named in its last line.
_PARTY_COMMITTEE = re.compile(
    r"(?:ban chap hanh )?dang bo (?P<level>tinh|thanh pho) (?P<place>.+?)"
    r"(?: (?:tinh|thanh) uy)?"
)
# The committee's name on one line, as a transcription writes the letterhead ("TỈNH ỦY
# NGHỆ AN", "THÀNH ỦY HÀ NỘI"; Hướng dẫn 36-HD/VPTW puts "ĐẢNG BỘ TỈNH …" over "TỈNH ỦY").
_PARTY_COMMITTEE_NAMED = re.compile(r"(?P<level>tinh|thanh) uy (?P<place>.+)")


# Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW: a Party body's letterhead is the superior
# organisation's line ("ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", "ĐẢNG BỘ CHÍNH PHỦ", "BAN CHẤP HÀNH
# TRUNG ƯƠNG") over the issuing committee ("THÀNH ỦY", "TỈNH ỦY BẮC NINH", "ĐẢNG ỦY",
# "BAN CÁN SỰ ĐẢNG BỘ Y TẾ"). The committee's line is the issuer; a committee written
# without its place ("THÀNH ỦY") takes the place of the Đảng bộ above it.
_ISSUING_COMMITTEE = re.compile(
    r"(?P<kind>tinh uy|thanh uy|dang uy|huyen uy|quan uy|thi uy|ban can su dang|dang doan)"
    r"(?: (?P<of>.+))?"
)
_SUPERIOR_BODY = re.compile(r"(?:ban chap hanh )?dang bo (?:(?:tinh|thanh pho) )?(?P<of>.+)")
_COMMITTEE_WORDS = {
    "tinh uy": "Tỉnh ủy",
    "thanh uy": "Thành ủy",
    "dang uy": "Đảng ủy",
    "huyen uy": "Huyện ủy",
    "quan uy": "Quận ủy",
    "thi uy": "Thị ủy",
    "ban can su dang": "Ban cán sự đảng",
    "dang doan": "Đảng đoàn",
}


def _party_letterhead(lines: list[str]) -> str | None:
    """The issuing committee of a Party letterhead read as `lines` (the superior body's
    line, if any, above the committee's): its registered name, else the committee's
    words with the body or place as written ("Ban cán sự đảng Bộ Y tế"). None when the
    last line names no Party committee (a government letterhead)."""
    lines = [" ".join(line.split()) for line in lines if line.strip(" *")]
    if not lines:
        return None
    last = lines[-1]
    match = _ISSUING_COMMITTEE.fullmatch(fold_aligned(last))
    if match is None:
        return None
    words = _COMMITTEE_WORDS[match.group("kind")]
    if match.group("of"):
        of = last[match.start("of") :]
    else:
        superior = next(
            (
                (line, found)
                for line in reversed(lines[:-1])
                if (found := _SUPERIOR_BODY.fullmatch(fold_aligned(line)))
            ),
            None,
        )
        if superior is None:
            return None
        of = superior[0][superior[1].start("of") :]
    folded_of = fold_aligned(of)
    names = known_names()
    for key in (f"{fold(words)} {folded_of}", f"{fold(words)} thanh pho {folded_of}"):
        if key in names:
            return names[key]
    # The body it is the committee of, by its registered name ("Bộ Y tế", "Chính phủ").
    body = registry().get(folded_of) or names.get(folded_of)
    if body and not body.startswith(("Tỉnh ", "Thành phố ")):
        return f"{words} {body}"
    place = of.title()
    if words in ("Ban cán sự đảng", "Đảng đoàn", "Đảng ủy") and place.startswith("Bộ "):
        place = "Bộ " + place[4:].capitalize()
    elif words == "Đảng ủy" and " " in place:
        place = place.capitalize()
    return f"{words} {place}"


def _party_committee(written: str) -> str | None:
    """The committee a Party letterhead names: its registered name (the database's Party
    bodies), else "Tỉnh ủy X" / "Thành ủy X" with the place as written."""
    written = " ".join(written.split())
    folded = fold_aligned(written)
    match = _PARTY_COMMITTEE.fullmatch(folded) or _PARTY_COMMITTEE_NAMED.fullmatch(folded)
    if match is None:
        return None
    place = match.group("place")
    head = "tinh uy " if match.group("level") == "tinh" else "thanh uy "
    names = known_names()
    for key in (head + place, head + "thanh pho " + place):
        if key in names:
            return names[key]
    # fold_aligned keeps offsets: the place as written is at the same span.
    return ("Tỉnh ủy " if head == "tinh uy " else "Thành ủy ") + written[
        match.start("place") : match.end("place")
    ].title()


def kind_line(line: str) -> tuple[str, str] | None:
    """The kind's line of a header (KẾ HOẠCH, NGHỊ QUYẾT…): the kind's word in capitals,
    alone or with a title in capitals ("KẾ HOẠCH PHÁT TRIỂN …"), or followed by the
    subject in ordinary letters on the same line ("KẾ HOẠCH triển khai thực hiện …"). The
    genre sets the subject under the kind (Decree 30/2020, Hướng dẫn 36-HD/VPTW: "in
    thường" for many kinds); a PDF's text layer, or a copy of it, runs the two into one
    line where no paragraph mark parts them. Returns (the kind's word, the subject run on
    ("" when the line is in capitals)); None for any other line."""
    kind = next((k for k in DOC_TYPES if line.startswith(k)), None)
    if kind is None:
        return None
    # The kind's line may carry the number and date ("KẾ HOẠCH SỐ 45/KH-UBND ngày …").
    rest = OWN_ON_KIND_LINE.sub("", line[len(kind) :], count=1)
    if rest.strip() == rest.strip().upper():
        return kind, ""
    # The word itself ends there, and what follows starts in a small letter: a subject.
    # The kind's name may go on in capitals before it ("CHƯƠNG TRÌNH HÀNH ĐỘNG thực hiện
    # …", a Party committee's programme run on to its subject by a PDF's text layer).
    words = rest.split()
    named = 0
    while named < min(3, len(words) - 1) and words[named].isupper():
        named += 1
    if rest[:1].isspace() and words and words[named][:1].islower():
        return kind, " ".join(words[named:])
    return None


# The grounds that open the body under a title ("Căn cứ Luật …", "- Căn cứ …", "Theo đề
# nghị của …"); a Party plan's "Thực hiện Nghị quyết số 18-NQ/TW …, Ban Thường vụ …" too,
# once a title was read (a title may itself start "Thực hiện …" on its own line).
GROUNDS_OPENING = re.compile(r"^[-–+•]?\s*(?:Căn cứ|Theo đề nghị|Xét đề nghị)\b")
CARRYING_OUT_OPENING = re.compile(
    r"^[-–+•]?\s*Thực hiện (?:Nghị quyết|Chỉ thị|Kết luận|Quyết định|Kế hoạch|Chương trình"
    r"|Quy định|Hướng dẫn|Thông báo|Công văn|Văn bản)\b[^\n]{0,40}?\bsố\b"
)


def _title_after(
    cleaned: list[str], index: int, *, skip_notes: bool = False, run_on: bool = False
) -> str:
    """The title under the kind's line (KẾ HOẠCH) at `index`. A title in capitals runs
    while the capitals do; a title a transcription wrote in small letters runs to the rule
    under it ("-----") or to the first sentence; either ends at the body's first heading
    ("I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"), with or without the header block above.
    `skip_notes`: a transcription without the header block passes over "(Kèm theo …)".
    `run_on`: the subject began on the kind's line: the grounds end it at once."""
    following_lines = [
        c for c in cleaned[index + 1 : index + 9] if c and not (skip_notes and c.startswith("("))
    ]
    title: list[str] = []
    in_caps = _caps(following_lines[0]) if following_lines else True
    if not in_caps:
        # The subject in small letters ends at the rule under it, the enacting body, the
        # grounds (Decree 30) or, in a copy without them, the body's first heading, however
        # long its line: a copy joins its lines into one.
        end = next(
            (
                at
                for at, line in enumerate(following_lines)
                if _separator(line)
                or line.startswith(ENACTING)
                or GROUNDS_OPENING.match(line)
                or ((at or run_on) and CARRYING_OUT_OPENING.match(line))
                or (at and (ROMAN.match(line) or ARABIC.match(line) or _appendix_heading(line)))
            ),
            None,
        )
        subject = following_lines[:end] if end else []
        if subject and not any(
            _caps_words(line)
            or ROMAN.match(line)
            or ARABIC.match(line)
            or line.endswith((".", ":"))
            for line in subject
        ):
            return " ".join(subject)
    for following in following_lines[:7]:
        if (
            # A period on its own line ends a title in capitals ("GIAI ĐOẠN" / "2026 - 2030").
            (in_caps and not _caps(following) and not PERIOD_LINE.match(following))
            or following.startswith(ENACTING)
            # The grounds follow the title ("Căn cứ Luật …", "Theo đề nghị của …").
            or ((title or run_on) and GROUNDS_OPENING.match(following))
            or ((title or run_on) and CARRYING_OUT_OPENING.match(following))
            or _separator(following)
            or ROMAN.match(following)
            or ARABIC.match(following)
            or (title and _appendix_heading(following))
            or (not in_caps and (len(following) > 150 or len(title) >= 4))
        ):
            break
        title.append(following)
    return " ".join(title)


def _appendix_heading(line: str) -> bool:
    """An appendix's heading in capitals on its own line ("PHỤ LỤC", "PHỤ LỤC I", "DANH
    MỤC NHIỆM VỤ …"): under a title, it starts the appendix and ends the title (else a
    plan's title in small letters ran on into "… lần thứ tư DANH MỤC NHIỆM VỤ")."""
    return _caps(line) and fold(line).startswith(("phu luc", "danh muc"))


def _subject_title(
    cleaned: list[str], index: int, subject: str, *, skip_notes: bool = False
) -> str:
    """The title under the kind's line at `index`; a subject run on to that line
    (`kind_line`) starts it, its lines in ordinary letters going on under it."""
    following = _title_after(cleaned, index, skip_notes=skip_notes, run_on=bool(subject))
    if not subject:
        return following
    if following and not _caps(following):
        return f"{subject} {following}"
    return subject


def _read_header_loosely(lines: list[str]) -> dict[str, Any]:
    header: dict[str, Any] = {
        "code": "",
        "kind": "other",
        "title": "",
        "issuer": "",
        "issue_date": None,
        "implements": None,
    }
    # The lines a web page or a copy adds are not the document's.
    cleaned = [clean_line(line) for line in lines if not provenance(line)]
    text = "\n".join(cleaned)
    kind_word = ""
    for index, line in enumerate(cleaned):
        found = kind_line(line)
        if found is None:
            continue
        kind_word, subject = found
        header["title"] = _subject_title(cleaned, index, subject, skip_notes=True) or line
        header["kind"] = KINDS.get(kind_word, "other")
        break
    # The own number: the line "Số: …", an appendix's "Kèm theo … số …", the kind's own line
    # ("KẾ HOẠCH SỐ 45/KH-UBND"; a page's heading "Nghị quyết số 57-NQ/TW"); a number cited
    # in the title or the bases is none, nor one carrying another kind's abbreviation than
    # the kind's line (a plan's "57-NQ/TW").
    date_from = 0
    in_title = fold(" ".join(header["title"].split()))

    def of_title(match: re.Match[str]) -> bool:
        # A line of the subject that a wrap starts with the document it carries out
        # ("thực hiện" / "Nghị quyết số 52-NQ/TW ngày …") is no heading naming this one.
        line = text[match.start() : (text.find("\n", match.start()) + 1 or len(text) + 1) - 1]
        return bool(in_title) and fold(" ".join(line.split())) in in_title

    for pattern in (OWN_NUMBER, ATTACHED, KIND_NUMBER):
        match = next(
            (
                m
                for m in pattern.finditer(text)
                if not _of_another_kind(number_of(m.group("n")), kind_word)
                and not (pattern is KIND_NUMBER and of_title(m))
            ),
            None,
        )
        if match:
            header["code"] = number_of(match.group("n"))
            date_from = match.start()
            break
    # The date that follows the number ("… ngày 24 tháng 11 năm 2025", "(ngày
    # 22/12/2024)"), or a place-and-date line; never a date cited by "Căn cứ Luật … ngày …".
    match = None
    if header["code"]:
        match = DATE.search(text, date_from, date_from + 160) or NUMERIC_DATE.search(
            text, date_from, date_from + 160
        )
    match = match or PLACE_DATE.search(text)
    if match:
        try:
            header["issue_date"] = datetime.date(
                int(match.group("y")), int(match.group("m")), int(match.group("d"))
            ).isoformat()
        except ValueError:
            header["issue_date"] = None
    named = _named_itself(text, header["code"])
    header["title"] = header["title"] or _appendix_title(cleaned)
    title = fold(header["title"])
    # A title with words in capitals (wholly, or "Phụ lục" over a heading in capitals).
    title_in_caps = not header["title"] or any(
        len(w) > 1 and w.isupper() and not any(c.isdigit() for c in w)
        for w in header["title"].split()
    )
    for at, line in enumerate(cleaned[:15]):
        if (
            line
            # Letters, all capitals ("2026 - 2030" and "57-NQ/TW" are no names).
            and _caps_words(line)
            and len(line) > 3
            and not any(line.startswith(t) for t in DOC_TYPES)
            # Nor the motto's lines, however accented ("CỘNG HÒA", "CỘNG HOÀ").
            and "cong hoa" not in fold(line)
            and "doc lap" not in fold(line)
            # Never the title's lines (the title of a resolution in capitals above the
            # enacting body, "CHÍNH PHỦ", as Decree 30 sets it; a title in small letters
            # has no line in capitals, whatever body it names), a numbered heading
            # ("I- QUAN ĐIỂM CHỈ ĐẠO") or a table's row ("TT | NHIỆM VỤ | …").
            and not (title_in_caps and fold(line) in title)
            # Nor the body's enacting keyword ("QUYẾT NGHỊ:", "QUYẾT ĐỊNH:"): no name
            # ends with a colon.
            and not line.rstrip().endswith(":")
            and not any(fold(line).startswith(k) for k in BODY_KEYWORDS)
            and not ROMAN.match(line)
            and not ARABIC.match(line)
            and "|" not in line
        ):
            # The issuer set over two or three lines ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC NINH"):
            # the registry knows the lines together.
            block = [line]
            for following in cleaned[at + 1 : at + 3]:
                if not _caps(following) or any(following.startswith(t) for t in DOC_TYPES):
                    break
                block.append(following)
            known = next(
                (
                    name
                    for size in range(len(block), 0, -1)
                    if (
                        name := registry().get(
                            fold_aligned(" ".join(" ".join(block[:size]).split()))
                        )
                    )
                ),
                None,
            )
            header["issuer"] = known or (line.title() if len(line) > 25 else line)
            break
    if named is not None:
        # A page or an appendix naming the document ("… số 57-NQ/TW (ngày 22/12/2024) của
        # Bộ Chính trị về …") gives what the header block would have.
        day, issuer, subject = named
        header["issue_date"] = header["issue_date"] or day
        header["issuer"] = header["issuer"] or registry().get(fold_aligned(issuer)) or ""
        header["title"] = header["title"] or subject
    if "NQ/TW" in header["code"] and header["kind"] == "other":
        header["kind"] = "party_resolution"
    if not header["title"]:
        header["title"] = next((c for c in cleaned if len(c) > 30 and "|" not in c), "")
    if kind_word == "QUYẾT ĐỊNH" and (decided := decision_kind(header["code"], header["title"])):
        header["kind"] = decided
    return header


APPENDIX = re.compile(r"^Phụ\s+lục\b", re.IGNORECASE)
APPENDIX_NUMBER = re.compile(r"^Phụ\s+lục(?:\s+[\dIVXLivxl]+)?\s*[:.]?$", re.IGNORECASE)
ATTACHED_NOTE = re.compile(r"\s*[*_]*\(\s*(?:Ban hành\s+)?kèm theo\b.*$", re.IGNORECASE)


def _appendix_title(cleaned: list[str]) -> str:
    """An appendix without a kind's line is titled by its heading ("Phụ lục 1: DANH MỤC
    NHIỆM VỤ …", Decree 30's appendix), its note "(Kèm theo Văn bản số …)" aside; never a
    line of what a copy put before it (a provenance paragraph a PDF wrapped over lines)."""
    for at, line in enumerate(cleaned):
        if not APPENDIX.match(line):
            continue
        heading = [ATTACHED_NOTE.sub("", line).strip(" *_")]
        if APPENDIX_NUMBER.match(heading[0]):
            # "Phụ lục (I)" on its line, the title in capitals under it.
            for following in cleaned[at + 1 : at + 4]:
                words = ATTACHED_NOTE.sub("", following).strip(" *_")
                if not _caps_words(words) or "|" in words:
                    break
                heading.append(words)
                if words != following.strip(" *_"):
                    break  # the note "(Kèm theo …)" closes the heading
        return " ".join(part for part in heading if part)
    return ""


def _date_of(text: str) -> str | None:
    match = DATE.search(text) or NUMERIC_DATE.search(text)
    if match is None:
        return None
    try:
        return datetime.date(
            int(match.group("y")), int(match.group("m")), int(match.group("d"))
        ).isoformat()
    except ValueError:
        return None


def _named_itself(text: str, code: str) -> tuple[str | None, str, str] | None:
    """Where the text names its own number as the genre cites a document ("Nghị quyết số
    57-NQ/TW (ngày 22/12/2024) của Bộ Chính trị về đột phá …"): (its date, its issuer as
    written, its subject from "về"); None when it does not."""
    if not code:
        return None
    match = re.search(
        re.escape(code) + r"\s*\(?\s*(?P<date>ngày\s+[^()\n]{6,30}?)?\s*\)?\s*,?\s*của\s+"
        r"(?P<issuer>[^,;.()\n]{3,80}?)\s+(?P<subject>về\s+[^\n]{10,300}?)\s*(?=[.;]\s|[.;]?\n|[.;]?$)",
        text,
    )
    if match is None:
        return None
    return _date_of(match.group("date") or ""), match.group("issuer"), match.group("subject")
