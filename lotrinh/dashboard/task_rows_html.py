"""The agency dashboard's task rows, written directly as HTML.

A ministry's dashboard lists every task it leads or coordinates (about sixty), each with
a link, a cut text, its deadline and its latest status: through the template that was a
URL reversal, two filters and four translations a row. This writes the same markup with
the task URL reversed once.

`dashboard/_agency_task_rows.html` is the template loop it replaced; `tests/dashboard/
test_task_rows_html.py` checks that both give the same HTML in Vietnamese and English:
change them together.
"""

from typing import Any

from django.template.defaultfilters import date, truncatewords
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lotrinh.core.direct_html import value_html as _e
from lotrinh.reporting.entry_html import TaskUrls


def agency_task_rows(tasks: list[Any]) -> SafeString:
    """The `<tr>` of every row of `tasks` (`dashboard.queries.TaskRow`)."""
    w = {
        # As `{% translate %}` of a literal writes them: not escaped.
        "task": _("Nhiệm vụ"),
        "role": _("Vai trò"),
        "deadline": _("Thời hạn"),
        "late": _("Quá hạn"),
        "status": _("Tình trạng mới nhất"),
    }
    task_url = TaskUrls()
    out = []
    for t in tasks:
        task = t.task
        programme = task.programme
        if task.deadline:
            # Kept on one line, as the template keeps every date (site.css `.nowrap`).
            when = f'<span class="nowrap">{_e(date(task.deadline, "d/m/Y"))}</span>'
        else:
            when = f'<span lang="vi">{_e(task.deadline_text) if task.deadline_text else "—"}</span>'
        if t.overdue:
            when += f' <span class="badge badge-bad">{w["late"]}</span>'
        year = f" ({_e(t.year)})" if t.year else ""
        out.append(
            f'<tr class="{"dash-overdue" if t.overdue else ""}">'
            f'<td data-label="{w["task"]}"><a href="{_e(task_url(programme.slug, task.clause.anchor))}">'
            f'<span class="ref">{_e(programme.code)} {_e(task.ref)}</span></a>'
            f' <span lang="vi">{_e(truncatewords(task.text, 20))}</span></td>'
            f'<td data-label="{w["role"]}"><span class="badge badge-{_e(t.role)}">'
            f"{_e(t.role_label)}</span></td>"
            f'<td data-label="{w["deadline"]}">{when}</td>'
            f'<td data-label="{w["status"]}">{_e(t.status_label)}{year}</td></tr>'
        )
    return mark_safe("".join(out))  # noqa: S308 (every value escaped above)
