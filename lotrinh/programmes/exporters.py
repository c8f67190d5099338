"""Exporting a programme: the programme format (JSON) and the task × agency matrix (XLSX)."""

from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from lotrinh.core.exports import append_row, fit_columns
from lotrinh.programmes.loader import FORMAT
from lotrinh.programmes.models import Programme, Role, TaskAssignment
from lotrinh.programmes.services import tasks_with_assignments


def programme_to_data(programme: Programme) -> dict[str, Any]:
    """The programme in the programme format, agencies by their names as written."""
    tasks = []
    for task in tasks_with_assignments(programme.tasks.all()):
        assignments = list(task.assignments.all())
        tasks.append(
            {
                "ref": task.ref,
                "group": task.group.ref,
                "text": task.text,
                "lead": [
                    a.name_as_written for a in assignments if a.agency_id and a.role == Role.LEAD
                ],
                "coordinating": [
                    a.name_as_written
                    for a in assignments
                    if a.agency_id and a.role == Role.COORDINATING
                ],
                "addressees": [
                    {"generic": a.generic, "role": a.role, "text": a.name_as_written}
                    for a in assignments
                    if a.generic
                ],
                "deadline": {
                    "text": task.deadline_text,
                    "date": task.deadline.isoformat() if task.deadline else None,
                }
                if task.deadline_text or task.deadline
                else None,
                "recurrence": task.recurrence or None,
                "output": task.output or None,
                **({"note": task.note} if task.note else {}),
                **({"note_en": task.note_en} if task.note_en else {}),
            }
        )
    if programme.is_agency_plan and programme.implements_id is not None:
        _child_fields(programme, tasks)
    clauses = [
        {
            "ref": c.ref,
            "kind": c.kind,
            "label": c.label,
            "text": c.text,
            "parent": c.parent.ref if c.parent else None,
        }
        for c in programme.clauses.select_related("parent")
    ]
    return {
        "format": FORMAT,
        "programme": {
            "code": programme.code,
            "kind": programme.kind,
            "title": programme.title,
            "title_en": programme.title_en,
            "issuer": programme.issuer_text,
            "issue_date": programme.issue_date.isoformat(),
            "implements": programme.implements_code or None,
            "source": programme.source,
            **({"source_en": programme.source_en} if programme.source_en else {}),
            "note": programme.note,
            **({"note_en": programme.note_en} if programme.note_en else {}),
            "version": programme.version,
        },
        "clauses": clauses,
        "goals": [
            {"ref": g.ref, "horizon": g.horizon, "text": g.text} for g in programme.goals.all()
        ],
        "task_groups": [
            {
                "ref": g.ref,
                "title": g.title,
                "implements": g.implements.ref if g.implements else None,
            }
            for g in programme.task_groups.select_related("implements")
        ],
        "tasks": tasks,
        "targets": _targets(programme),
        "reporting_regimes": _regimes(programme),
    }


def _child_fields(programme: Programme, tasks: list[dict[str, Any]]) -> None:
    """An agency's plan (a child programme, docs/cascade.md): each task's confirmed links
    to the parent programme's tasks (`implements`, their clause references) and its lead
    and coordinating units by their full names."""
    from lotrinh.programmes.models import GenericAddressee, TaskLink, UnitAddressee, UnitAssignment

    implements: dict[str, list[str]] = {}
    for link in TaskLink.objects.filter(task__programme=programme, confirmed=True).select_related(
        "task", "parent_task"
    ):
        implements.setdefault(link.task.ref, []).append(link.parent_task.ref)
    units: dict[tuple[str, str], list[str]] = {}
    for assignment in UnitAssignment.objects.filter(task__programme=programme).select_related(
        "task", "unit__agency"
    ):
        units.setdefault((assignment.task.ref, assignment.role), []).append(
            assignment.unit.full_name
        )
    # A group of units that is also a class of the programme format (a Party committee's
    # "các cấp ủy trực thuộc") is the task's addressee, as the document names it; the
    # other groups ("Các Sở, ban, ngành") have no code in the format.
    groups: dict[str, list[dict[str, str]]] = {}
    for addressee in UnitAddressee.objects.filter(
        task__programme=programme, group__in=GenericAddressee.values
    ).select_related("task"):
        groups.setdefault(addressee.task.ref, []).append(
            {
                "generic": addressee.group,
                "role": addressee.role,
                "text": _vi_label(GenericAddressee(addressee.group).label),
            }
        )
    for task in tasks:
        task["addressees"] += [
            a for a in groups.get(task["ref"], []) if a not in task["addressees"]
        ]
        task["implements"] = sorted(implements.get(task["ref"], []))
        task["lead_units"] = units.get((task["ref"], Role.LEAD), [])
        task["coordinating_units"] = units.get((task["ref"], Role.COORDINATING), [])


def _vi_label(label: Any) -> str:
    """A label as the document's language writes it (the file is Vietnamese)."""
    from django.utils.translation import override

    with override("vi"):
        return str(label)


def _targets(programme: Programme) -> list[dict[str, Any]]:
    from lotrinh.indicators.models import Milestone

    return [
        {
            "code": m.code,
            "indicator": m.target.indicator.code,
            "clause": m.clause_ref,
            "comparator": m.comparator,
            "value": m.value,
            "unit": m.target.indicator.unit,
            "year": m.year,
            **({"group": m.group} if m.group else {}),
            **({"period_start": m.period_start} if m.period_start else {}),
            "text": m.text,
        }
        for m in Milestone.objects.filter(target__programme=programme, target__is_current=True)
        .select_related("target__indicator")
        .order_by("year", "id")
    ]


def _regimes(programme: Programme) -> list[dict[str, Any]]:
    regimes = []
    for r in programme.reporting_regimes.select_related("recipient").prefetch_related("reporters"):
        deadline: dict[str, Any] = {}
        if r.deadline_date:
            deadline = {"date": r.deadline_date.isoformat(), "before": r.deadline_before}
        elif r.deadline_month:
            deadline = {
                "month": r.deadline_month,
                "day": r.deadline_day,
                "before": r.deadline_before,
            }
        reporters: dict[str, Any] = (
            {"generic": r.reporters_generic}
            if r.reporters_generic
            else {"agencies": [a.name_vi for a in r.reporters.all()]}
        )
        regimes.append(
            {
                "code": r.code,
                "name": r.name,
                **({"name_en": r.name_en} if r.name_en else {}),
                "clause": r.clause_ref,
                "reporters": reporters,
                "recipient": r.recipient.name_vi if r.recipient else None,
                "recipient_text": r.recipient_text,
                "frequency": r.frequency,
                **({"deadline": deadline} if deadline else {}),
                **(
                    {"cutoff": {"start": r.cutoff_start, "end": r.cutoff_end}}
                    if r.cutoff_start
                    else {}
                ),
                **({"first_year": r.first_year} if r.first_year else {}),
            }
        )
    return regimes


def matrix_xlsx(programme: Programme) -> bytes:
    """Task × agency matrix: L = lead (chủ trì), P = coordinating (phối hợp)."""
    tasks = list(tasks_with_assignments(programme.tasks.all()))
    columns: list[str] = []
    for assignment in TaskAssignment.objects.filter(task__programme=programme).order_by(
        "task__position", "role", "position"
    ):
        key = assignment.name_as_written
        if key not in columns:
            columns.append(key)

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ma trận phân công"
    header = ["Tham chiếu", "Nhóm", "Nội dung nhiệm vụ", *columns]
    append_row(sheet, header)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    lead_fill = PatternFill("solid", fgColor="FDE9C9")
    for task in tasks:
        marks: dict[str, str] = {}
        for assignment in task.assignments.all():
            mark = "L" if assignment.role == Role.LEAD else "P"
            marks.setdefault(assignment.name_as_written, mark)
        row = [task.ref, task.group.ref, task.text, *[marks.get(c, "") for c in columns]]
        append_row(sheet, row)
        for offset, column in enumerate(columns):
            if marks.get(column) == "L":
                sheet.cell(row=sheet.max_row, column=4 + offset).fill = lead_fill
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 8
    sheet.column_dimensions["C"].width = 70
    for offset in range(len(columns)):
        sheet.column_dimensions[get_column_letter(4 + offset)].width = 14
    sheet.freeze_panes = "D2"
    legend = book.create_sheet("Chú giải")
    append_row(legend, ["Văn bản", f"{programme.code} ngày {programme.issue_date:%d/%m/%Y}"])
    append_row(legend, ["Trích yếu", programme.title])
    append_row(legend, ["L", "Chủ trì (lead)"])
    append_row(legend, ["P", "Phối hợp (coordinating)"])
    fit_columns(legend, freeze=None)  # name/value lines, no header row
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
