"""Reviewing a parsed document before it is published: corrections, recorded one by one."""

import copy
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from rapidfuzz import process

from lotrinh.core.audit import record_event
from lotrinh.core.text import fold_aligned
from lotrinh.importer.models import DraftImport, DraftStatus
from lotrinh.importer.names import GENERIC_PHRASES, registry
from lotrinh.programmes.loader import ProgrammeFileError, load_data
from lotrinh.programmes.models import Programme, ProgrammeOrigin, ProgrammeStatus


class ReviewError(Exception):
    pass


def create_draft(data: dict[str, Any], filename: str, user: Any) -> DraftImport:
    meta = data["programme"]
    draft = DraftImport.objects.create(
        code=meta.get("code") or filename,
        title=meta.get("title") or "",
        filename=filename,
        data=data,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record_event(
        user, "import.parsed", draft, after={"tasks": len(data["tasks"]), "file": filename}
    )
    return draft


def _task(data: dict[str, Any], ref: str) -> dict[str, Any]:
    for task in data["tasks"]:
        if task["ref"] == ref:
            return task
    raise ReviewError(_("Không có nhiệm vụ %(ref)s trong bản nháp.") % {"ref": ref})


def _editable(draft: DraftImport) -> DraftImport:
    locked = DraftImport.objects.select_for_update().get(pk=draft.pk)
    if locked.status != DraftStatus.DRAFT:
        raise ReviewError(_("Bản nháp đã được công bố: hãy nhập lại văn bản để sửa."))
    return locked


GENERIC_BY_TEXT = {fold_aligned(text): code for text, code in GENERIC_PHRASES}


@transaction.atomic
def set_roles(
    draft: DraftImport, ref: str, *, lead: list[str], coordinating: list[str], user: Any
) -> DraftImport:
    """Replace a task's lead and coordinating agencies (names or generic phrases)."""
    locked = _editable(draft)
    data = copy.deepcopy(locked.data)
    task = _task(data, ref)
    before = {
        "lead": task["lead"],
        "coordinating": task["coordinating"],
        "addressees": task["addressees"],
    }
    task["lead"], task["coordinating"], task["addressees"] = [], [], []
    for role, names in (("lead", lead), ("coordinating", coordinating)):
        for name in (n.strip() for n in names if n.strip()):
            generic = GENERIC_BY_TEXT.get(fold_aligned(name))
            if generic:
                task["addressees"].append({"generic": generic, "role": role, "text": name})
            else:
                task[role].append(name)
    task["spans"] = {
        k: v for k, v in task.get("spans", {}).items() if k not in ("lead", "coordinating")
    }
    locked.data = data
    locked.save(update_fields=["data"])
    after = {
        "lead": task["lead"],
        "coordinating": task["coordinating"],
        "addressees": task["addressees"],
    }
    record_event(user, "import.roles_corrected", locked, before=before, after=after, note=ref)
    return locked


@transaction.atomic
def set_header(
    draft: DraftImport, *, code: str, title: str, issue_date: str, implements: str, user: Any
) -> DraftImport:
    """Correct the document's number, title, date and the document it implements."""
    import datetime

    locked = _editable(draft)
    try:
        datetime.date.fromisoformat(issue_date)
    except ValueError:
        raise ReviewError(
            _("Ngày ban hành không hợp lệ: “%(issue_date)s” (định dạng YYYY-MM-DD).")
            % {"issue_date": issue_date}
        ) from None
    if not code.strip() or not title.strip():
        raise ReviewError(_("Cần có số, ký hiệu và trích yếu của văn bản."))
    data = copy.deepcopy(locked.data)
    before = dict(data["programme"])
    data["programme"].update(
        code=code.strip(),
        title=title.strip(),
        issue_date=issue_date,
        implements=implements.strip() or None,
    )
    locked.data = data
    locked.code = code.strip()
    locked.title = title.strip()
    locked.save(update_fields=["data", "code", "title"])
    record_event(user, "import.header_corrected", locked, before=before, after=data["programme"])
    return locked


@transaction.atomic
def merge_with_next(draft: DraftImport, ref: str, user: Any) -> DraftImport:
    locked = _editable(draft)
    data = copy.deepcopy(locked.data)
    tasks = data["tasks"]
    index = next((i for i, t in enumerate(tasks) if t["ref"] == ref), None)
    if index is None or index + 1 >= len(tasks):
        raise ReviewError(_("Không có nhiệm vụ kế tiếp để gộp."))
    first, second = tasks[index], tasks.pop(index + 1)
    first["text"] = first["text"] + "\n" + second["text"]
    for role in ("lead", "coordinating"):
        first[role] += [n for n in second[role] if n not in first[role]]
    first["addressees"] += [a for a in second["addressees"] if a not in first["addressees"]]
    first["spans"] = {}
    locked.data = data
    locked.save(update_fields=["data"])
    record_event(
        user,
        "import.tasks_merged",
        locked,
        before={"refs": [ref, second["ref"]]},
        after={"ref": ref},
        note=ref,
    )
    return locked


@transaction.atomic
def split_task(draft: DraftImport, ref: str, position: int, user: Any) -> DraftImport:
    locked = _editable(draft)
    data = copy.deepcopy(locked.data)
    tasks = data["tasks"]
    index = next((i for i, t in enumerate(tasks) if t["ref"] == ref), None)
    if index is None:
        raise ReviewError(_("Không có nhiệm vụ %(ref)s.") % {"ref": ref})
    task = tasks[index]
    text = task["text"]
    if not 0 < position < len(text):
        raise ReviewError(_("Vị trí tách phải nằm bên trong nội dung nhiệm vụ."))
    second = copy.deepcopy(task)
    task["text"], second["text"] = text[:position].rstrip(), text[position:].lstrip()
    second["ref"] = f"{ref}-{sum(1 for t in tasks if t['ref'].startswith(ref + '-')) + 1}"
    task["spans"], second["spans"] = {}, {}
    tasks.insert(index + 1, second)
    data["clauses"].append(
        {
            "ref": second["ref"],
            "kind": "paragraph",
            "label": "",
            "text": second["text"],
            "parent": None,
        }
    )
    locked.data = data
    locked.save(update_fields=["data"])
    record_event(
        user,
        "import.task_split",
        locked,
        before={"ref": ref},
        after={"refs": [ref, second["ref"]], "position": position},
        note=ref,
    )
    return locked


@dataclass
class Unknown:
    ref: str
    role: str
    name: str
    suggestions: list[str]


def unknown_names(draft: DraftImport) -> list[Unknown]:
    """Names the registry does not know, with the closest registry names."""
    known = registry()
    choices = sorted(set(known.values()))
    result = []
    for task in draft.data["tasks"]:
        for role in ("lead", "coordinating"):
            for name in task[role]:
                if fold_aligned(name) not in known:
                    matches = process.extract(name, choices, limit=3)
                    result.append(Unknown(task["ref"], role, name, [m[0] for m in matches]))
    return result


def publishable_data(draft: DraftImport) -> dict[str, Any]:
    data = copy.deepcopy(draft.data)
    refs = {c["ref"] for c in data["clauses"]}
    for task in data["tasks"]:
        task.pop("spans", None)
        task.pop("columns", None)
        if task["ref"] not in refs:
            data["clauses"].append(
                {
                    "ref": task["ref"],
                    "kind": "paragraph",
                    "label": "",
                    "text": task["text"],
                    "parent": None,
                }
            )
    if not data["programme"].get("issue_date"):
        raise ReviewError(
            _("Chưa nhận ra ngày ban hành của văn bản: hãy bổ sung trước khi công bố.")
        )
    return data


@transaction.atomic
def publish(draft: DraftImport, user: Any) -> Programme:
    locked = _editable(draft)
    problems = unknown_names(locked)
    if problems:
        listed = "; ".join(f"{u.ref}: “{u.name}”" for u in problems[:10])
        raise ReviewError(
            _(
                "Còn %(count)s tên cơ quan chưa có trong danh mục: %(listed)s. Hãy chọn lại cơ quan trước khi công bố."
            )
            % {"count": len(problems), "listed": listed}
        )
    try:
        programme, _created = load_data(
            publishable_data(locked),
            source=locked.filename,
            status=ProgrammeStatus.PUBLISHED,
            origin=ProgrammeOrigin.IMPORT,
            user=user,
        )
    except ProgrammeFileError as exc:
        raise ReviewError(
            _("Chưa công bố được: dữ liệu của văn bản còn lỗi (chi tiết kỹ thuật: %(problems)s).")
            % {"problems": "; ".join(exc.problems[:10])}
        ) from exc
    locked.status = DraftStatus.PUBLISHED
    locked.programme = programme
    locked.save(update_fields=["status", "programme"])
    record_event(
        user,
        "import.published",
        locked,
        after={"programme": programme.code, "version": programme.version},
    )
    return programme


@dataclass
class Change:
    ref: str
    kind: str  # added, removed, text, lead, coordinating
    before: str
    after: str

    @property
    def kind_label(self) -> str:
        """What changed, in words of the reader's language."""
        from django.utils.translation import gettext

        labels = {
            "added": gettext("Nhiệm vụ mới"),
            "removed": gettext("Nhiệm vụ bị bỏ"),
            "text": gettext("Nội dung"),
            "lead": gettext("Cơ quan chủ trì"),
            "coordinating": gettext("Cơ quan phối hợp"),
        }
        return labels.get(self.kind, gettext("Thay đổi khác"))


def changes_against_published(draft: DraftImport) -> list[Change]:
    """What the draft changes in the published programme with the same number."""
    from lotrinh.importer.evaluate import role_set
    from lotrinh.programmes.exporters import programme_to_data

    published = (
        Programme.objects.filter(code=draft.code, status=ProgrammeStatus.PUBLISHED)
        .order_by("-version")
        .first()
    )
    if published is None:
        return []
    old = {t["ref"]: t for t in programme_to_data(published)["tasks"]}
    new = {t["ref"]: t for t in draft.data["tasks"]}
    changes = []
    for ref, task in new.items():
        if ref not in old:
            changes.append(Change(ref, "added", "", task["text"][:200]))
            continue
        if " ".join(old[ref]["text"].split()) != " ".join(task["text"].split()):
            changes.append(Change(ref, "text", old[ref]["text"][:200], task["text"][:200]))
        for role in ("lead", "coordinating"):
            if role_set(old[ref], role) != role_set(task, role):
                changes.append(
                    Change(
                        ref,
                        role,
                        ", ".join(sorted(role_set(old[ref], role))),
                        ", ".join(sorted(role_set(task, role))),
                    )
                )
    changes += [Change(ref, "removed", old[ref]["text"][:200], "") for ref in old if ref not in new]
    return changes
