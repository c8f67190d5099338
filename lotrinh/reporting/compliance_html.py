"""The rows of the compliance page's league (danh sách đôn đốc), written directly as HTML.

The league has a row per agency that reports (about a hundred), each with nine cells whose
`data-label` is translated, a plural, a number and a date filter: through the template that
was over a thousand translations and several thousand variable lookups per page, the
largest part of its rendering. This writes the same markup; the words that are the same in
every row are translated once per page.

`reporting/_league_rows.html` is the template loop it replaced; `tests/reporting/
test_compliance_html.py` checks that both give the same HTML in Vietnamese and English
(every plan state, cell state, reminder count, link and button): change them together.
"""

from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import floatformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lotrinh.core.direct_html import value_html as _e


def _words(year: Any, years: str = "") -> dict[str, str]:
    """The fixed words of a row, as `{% translate %}` of a literal writes them (unescaped).
    `years`: the years the counts cover, when not every year ("2024, 2026"), said beside
    each count's label as the table's header says it."""
    counted = f" ({_e(years)})" if years else ""
    return {
        "agency": _("Cơ quan"),
        "plan": _("Kế hoạch"),
        "late_word": _("muộn"),
        "no_plan": _("Chưa ban hành"),
        "year": _("Báo cáo năm %(y)s") % {"y": _e(year)},
        "remind": _("Nhắc"),
        "not_expected": _("Không phải báo cáo"),
        "late": _("Nộp muộn") + counted,
        "missing": _("Chưa nộp") + counted,
        "returned": _("Bị trả lại") + counted,
        "days": _("Tổng số ngày muộn") + counted,
        "reminded": _("Nhắc gần nhất"),
        "account": _("Tài khoản"),
        "has_account": _("Có tài khoản"),
        "no_account": _("Chưa có tài khoản"),
        "invite": _("Mời tạo tài khoản"),
    }


def _row(item: dict[str, Any], w: dict[str, str], invite_url: str) -> str:
    row, cell = item["row"], item["cell"]
    code = _e(row.agency.code)
    lang = f' lang="{_e(item["lang"])}"' if item["lang"] else ""
    # A document's number is written as issued ("395/KH-BTC (minh hoạ)"): Vietnamese.
    number = f'<span lang="vi">{_e(row.plan.document_number)}</span>' if row.plan else ""
    if row.plan_state == "on_time":
        plan = f'<span class="badge badge-ok">{number}</span>'
    elif row.plan_state == "late":
        plan = f'<span class="badge badge-warn">{number} ({w["late_word"]})</span>'
    else:
        plan = f'<span class="badge badge-bad">{w["no_plan"]}</span>'
    if cell:
        label = _e(item["label"])
        report = f'<a href="{_e(item["report_url"])}">{label}</a>' if item["report_url"] else label
        if cell.reminders:
            n = len(cell.reminders)
            said = ngettext("đã nhắc %(n)s lần", "đã nhắc %(n)s lần", n) % {"n": _e(n)}
            report += f' <span class="small muted">· {said}</span>'
        if item["remind_url"]:
            report += (
                f' <button class="btn small remind" hx-post="{_e(item["remind_url"])}"'
                f' hx-swap="outerHTML">{w["remind"]}</button>'
            )
    else:
        report = f'<span class="muted">{w["not_expected"]}</span>'
    state = _e((cell.state if cell else "") or "none")
    if row.has_account:
        account = f'<span class="muted small">{w["has_account"]}</span>'
    else:
        account = f'<span class="badge badge-warn">{w["no_account"]}</span>'
        if invite_url:
            account += f' <a class="invite" href="{_e(invite_url)}?agency={code}">{w["invite"]}</a>'
    # Kept on one line, as the template keeps its dates.
    reminded = f'<span class="nowrap">{_e(date_filter(row.last_reminder, "d/m/Y") or "—")}</span>'
    units = ""
    if item.get("units_url"):
        n, late = item["units"].units, item["units"].late
        said = ngettext(
            "%(n)s đơn vị, %(late)s chậm báo cáo", "%(n)s đơn vị, %(late)s chậm báo cáo", n
        ) % {"n": _e(n), "late": _e(late)}
        units = (
            f'<div class="small"><a class="units-link" href="{_e(item["units_url"])}">'
            f"{said}</a></div>"
        )
    return (
        f'<tr data-agency="{code}">\n'
        f'<td data-label="{w["agency"]}"><a href="{_e(item["url"])}"{lang}>'
        f"{_e(item['name'])}</a>{units}</td>\n"
        f'<td data-label="{w["plan"]}">{plan}</td>\n'
        f'<td data-label="{w["year"]}" class="cell-{state}">{report}</td>\n'
        f'<td class="num" data-label="{w["late"]}">{_e(row.late)}</td>\n'
        f'<td class="num" data-label="{w["missing"]}">{_e(row.missing)}</td>\n'
        f'<td class="num" data-label="{w["returned"]}">{_e(row.returned)}</td>\n'
        f'<td class="num" data-label="{w["days"]}">'
        f"{conditional_escape(floatformat(row.days_late, '0g'))}</td>\n"
        f'<td data-label="{w["reminded"]}">{reminded}</td>\n'
        f'<td data-label="{w["account"]}" class="account-cell">{account}</td>\n</tr>'
    )


def league_rows(
    league: list[dict[str, Any]], year: Any, invite_url: str | None, years: str = ""
) -> SafeString:
    """The `<tr>` of every league item (`views_compliance.compliance_page` builds them);
    `years`: the years the counts cover, when not every year."""
    if not league:
        return mark_safe(
            f'<tr><td colspan="9" class="muted">{_("Không có cơ quan nào phải báo cáo.")}</td></tr>'
        )
    words = _words(year, years)
    return mark_safe("".join(_row(item, words, invite_url or "") for item in league))
