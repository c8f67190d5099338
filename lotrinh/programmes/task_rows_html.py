"""The rows of a programme's task list, written directly as HTML.

The task list shows fifty tasks a page, each with two links to the task, its deadline, its
latest reported status and the agencies that lead and coordinate it (a link each): through
the template that was about 200 URL reversals and 1,500 variable lookups and translations
a page. This writes the same markup, with each URL reversed once per page and filled in.

`programmes/_task_row_items.html` is the template loop it replaced; `tests/timeline/
test_task_rows_html.py` checks that both give the same HTML in Vietnamese and English:
change them together.
"""

from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotrinh.core.direct_html import value_html as _e
from lotrinh.core.templatetags.lotrinh_tags import excerpt
from lotrinh.programmes.templatetags.timeline_tags import day
from lotrinh.reporting.entry_html import TaskUrls

_AGENCY_MARK = "agency987654321"


def _agencies(assignments: list[Any], role: str, agency_url: str, units: list[Any]) -> str:
    """The agencies given the task in `role`, then the units (an agency's plan), by their
    registry names."""
    out = []
    for a in assignments:
        if a.role != role:
            continue
        name = _e(a.name_as_written)
        if a.agency:
            url = _e(agency_url.replace(_AGENCY_MARK, a.agency.code))
            out.append(f'<div><a href="{url}" lang="vi">{name}</a></div>')
        else:
            out.append(f'<div><span class="badge badge-generic" lang="vi">{name}</span></div>')
    for u in units:
        if u.role == role:
            out.append(f'<div lang="vi">{_e(u.unit.name_vi)}</div>')
    return "".join(out)


def task_rows(tasks: Any, states: dict[str, Any], programme: Any, query: str = "") -> SafeString:
    """The `<tr>` of every task of `tasks` (the page), as `_task_row_items.html` writes them;
    `states` maps task references to their `task_status.TaskState`."""
    w = {
        # As `{% translate %}` of a literal writes them: not escaped.
        "ref": _("Tham chiếu"),
        "text": _("Nội dung"),
        "deadline": _("Thời hạn"),
        "none": _("Không nêu"),
        "status": _("Tình trạng"),
        "unaccepted": _("theo báo cáo chưa được tiếp nhận"),
        "no_report": _("Chưa có báo cáo"),
        "lead": _("Chủ trì"),
        "coordinating": _("Phối hợp"),
    }
    english = get_language() == "en"
    # An agency's plan gives its tasks to its own units (prefetched by the view); a
    # national programme's tasks have none.
    plan = programme.is_agency_plan
    task_url = TaskUrls()
    agency_url = reverse("agencies:detail", args=[_AGENCY_MARK])
    rows = []
    for task in tasks:
        state = states.get(task.ref) if states else None
        url = _e(task_url(programme.slug, task.clause.anchor))
        when = ""
        if task.deadline:
            when += f'<span class="tl-when">{_e(day(task.deadline))}</span>'
        if task.recurrence:
            when += f' <span class="badge">{_e(task.get_recurrence_display())}</span>'
        if task.deadline_text:
            lang = ' lang="vi"' if english else ""
            when += f'<div class="small muted"{lang}>{_e(task.deadline_text)}</div>'
        elif not task.deadline and not task.recurrence:
            when += f'<span class="muted">{w["none"]}</span>'
        if state:
            status = (
                f'<span class="badge st-{_e(state.tone)}">{_e(state.label)}</span>'
                f' <span class="small muted">{_e(state.year)}</span>'
            )
            if not state.accepted:
                status += f'<div class="small muted">{w["unaccepted"]}</div>'
        else:
            status = f'<span class="badge st-none">{w["no_report"]}</span>'
        assignments = list(task.assignments.all())
        units = list(task.unit_assignments.all()) if plan else []
        rows.append(
            f'\n<tr data-status="{_e(state.status) if state else "none"}">\n'
            f'  <td class="ref" data-label="{w["ref"]}"><a href="{url}">{_e(task.ref)}</a></td>\n'
            f'  <td data-label="{w["text"]}"><a href="{url}" class="task-link" lang="vi">'
            f"{_e(excerpt(task.text, query))}</a></td>\n"
            f'  <td class="task-deadline" data-label="{w["deadline"]}">{when}</td>\n'
            f'  <td class="task-status" data-label="{w["status"]}">{status}</td>\n'
            f'  <td data-label="{w["lead"]}">{_agencies(assignments, "lead", agency_url, units)}</td>\n'
            f'  <td data-label="{w["coordinating"]}">'
            f"{_agencies(assignments, 'coordinating', agency_url, units)}</td>\n</tr>\n"
        )
    if not rows:
        return mark_safe(
            f'<tr><td colspan="6">{_("Không có nhiệm vụ nào khớp điều kiện lọc.")}</td></tr>'
        )
    return mark_safe("".join(rows))
