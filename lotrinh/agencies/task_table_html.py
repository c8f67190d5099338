"""An agency page's task tables, written directly as HTML.

The agency page lists every task the agency leads, coordinates or holds from a
predecessor (about sixty for a large ministry), each with two links and a cut text:
through the template that was two URL reversals, two filters and several translations a
row, most of the page's time. This writes the same markup with each URL reversed once.

`agencies/_task_table.html` is the template it replaced; `tests/agencies/
test_task_table_html.py` checks that both give the same HTML in Vietnamese and English:
change them together.
"""

from typing import Any

from django.template.defaultfilters import date, truncatewords
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from lotrinh.core.direct_html import value_html as _e
from lotrinh.core.locale import localized_text
from lotrinh.core.templatetags.lotrinh_tags import source_text
from lotrinh.reporting.entry_html import TaskUrls

_SLUG_MARK = "slug987654321"


def task_table(rows: list[Any], empty_text: str) -> SafeString:
    """`agencies/_task_table.html` for `rows` (`programmes.services.AgencyTaskRow`);
    `empty_text` is written as the template writes a translated literal (not escaped)."""
    lead = f'<span class="badge badge-lead">{_("Chủ trì")}</span>'
    coordinating = f'<span class="badge badge-coordinating">{_("Phối hợp")}</span>'
    overview = reverse("programmes:overview", args=[_SLUG_MARK])
    task_url = TaskUrls()
    out = [
        f"\n<table><thead><tr><th>{_('Văn bản')}</th><th>{_('Tham chiếu')}</th>"
        f"<th>{_('Nội dung')}</th><th>{_('Vai trò')}</th></tr></thead><tbody>\n"
    ]
    for row in rows:
        task = row.task
        programme = task.programme
        extra = ""
        if row.via == "inherited":
            name = _e(localized_text(row.held_from, "name") if row.held_from else "")
            extra = (
                '<div><span class="badge badge-inherited">'
                f"{_('Kế thừa từ %(n)s') % {'n': name}}</span>"
            )
            if row.since:
                extra += (
                    ' <span class="small muted">'
                    f"{_('từ %(d)s') % {'d': _e(date(row.since, 'd/m/Y'))}}</span>"
                )
            extra += "</div>"
        elif row.via == "generic":
            extra = f'<div><span class="badge badge-generic">{_e(row.generic_label)}</span></div>'
        out.append(
            "<tr>\n"
            f'<td class="ref"><a href="{_e(overview.replace(_SLUG_MARK, programme.slug))}">'
            f"{_e(programme.code)}</a></td>\n"
            f'<td class="ref"><a href="{_e(task_url(programme.slug, task.clause.anchor))}">'
            f"{_e(task.ref)}</a></td>\n"
            f"<td>{source_text(truncatewords(task.text, 35))}</td>\n"
            f"<td>{lead if row.role == 'lead' else coordinating}\n{extra}</td>\n</tr>"
        )
    if not rows:
        out.append(f'<tr><td colspan="4" class="muted">{empty_text}</td></tr>')
    out.append("\n</tbody></table>\n")
    return mark_safe("".join(out))  # noqa: S308 (every value escaped above)
