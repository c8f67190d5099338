"""The "latest reports" section of a task page: what the agencies reported on it.

The task page is public: it shows only accepted content, taken from the accepted frozen
copies (never a live draft, even of a report reopened for revision).
"""

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from lotrinh.programmes.models import Task
from lotrinh.programmes.services import task_lineage
from lotrinh.reporting.models import Comment
from lotrinh.reporting.services import accepted_entries_for_task


def render_task_section(
    request: HttpRequest,
    task: Task,
    copies: list[Any] | None = None,
    refused_comment: tuple[str, str] | None = None,
) -> str:
    """`copies`: the programme's `accepted_copies`, when the task page has read them;
    `refused_comment`: (what was typed, the message) of a comment just refused."""
    reports = _reports_section(request, task, copies)
    # Both parts are rendered templates or empty; a plain "" added to one would make the
    # sum an unsafe str, and the page would show the section's HTML as text.
    return mark_safe(reports + _comments_section(request, task, refused_comment))


def _comments_section(
    request: HttpRequest, task: Task, refused_comment: tuple[str, str] | None = None
) -> str:
    """Comments on the task, for the people of the cycle (not the public); a refused
    comment back in its box, its message beside it."""
    from lotrinh.accounts.permissions import COMMENT, VIEW_REPORT, has_capability

    if not has_capability(request.user, VIEW_REPORT):
        return ""
    comments = list(
        Comment.objects.filter(task__in=task_lineage(task)).select_related(
            "author", "author__agency"
        )
    )
    typed, error = refused_comment or ("", "")
    return render_to_string(
        "reporting/_task_comments.html",
        {
            "task": task,
            "comments": comments,
            "may_comment": has_capability(request.user, COMMENT),
            "comment_typed": typed,
            "comment_error": error,
        },
        request=request,
    )


def _reports_section(request: HttpRequest, task: Task, copies: list[Any] | None) -> str:
    found = accepted_entries_for_task(task, copies)
    entries = [e for e in found if not e.is_contribution][:20]
    contributions = [e for e in found if e.is_contribution][:20]
    if not entries and not contributions:
        return ""
    return render_to_string(
        "reporting/_task_reports.html",
        {"entries": entries, "contributions": contributions},
        request=request,
    )
