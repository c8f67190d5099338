"""The report page and its writes: entry saves that answer in place, "save all", and the
workflow steps behind a confirmation page that summarises what is being sent."""

import copy
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.params import bounded_int
from lotrinh.core.replay_cache import replayed_page
from lotrinh.core.typed_back import typed_back_page, typed_texts
from lotrinh.reporting import accepted_copy, guidance, services, stale
from lotrinh.reporting.carry import TASKS_CHANGED
from lotrinh.reporting.entry_html import (
    TaskUrls,
    UrlPattern,
    contribution_fields_html,
    entry_card_html,
    entry_form_html,
)
from lotrinh.reporting.forms import (
    ENTRY_VALUES,
    ContributionForm,
    EntryForm,
    SectionsForm,
    fingerprint,
)
from lotrinh.reporting.models import (
    EDITABLE_STATUSES,
    AgencyReport,
    ContributionEntry,
    ReportEntry,
    ReportStatus,
    TaskStatus,
)
from lotrinh.reporting.report_events import ReportEvents
from lotrinh.reporting.rollup import beyond_to_show
from lotrinh.reporting.views import _report, _user


def _sections_form(report: AgencyReport) -> SectionsForm:
    values = {
        "general_assessment": report.general_assessment,
        "proposals_to_government": report.proposals_to_government,
    }
    return SectionsForm(
        initial={**values, "version": report.sections_version, "fingerprint": fingerprint(values)}
    )


def _signature_context(report: AgencyReport) -> dict[str, Any]:
    from lotrinh.signing.services import latest_check, latest_signed

    signed = latest_signed(report)
    # The body that checked the signature on receipt: the report's own receiver.
    return {
        "signed": signed,
        "signature_check": latest_check(signed),
        "signature_receiver": receiver_named(report) if signed else "",
    }


def _render_report(
    request: HttpRequest,
    report: AgencyReport,
    *,
    status: int = 200,
    sections_form: SectionsForm | None = None,
    entry_forms: dict[int, EntryForm] | None = None,
    contribution_forms: dict[int, ContributionForm] | None = None,
    conflicts: list[services.Conflict] | None = None,
    saved: set[str] | None = None,
    outcome: dict[str, Any] | None = None,
    unsaved: list[tuple[str, list[tuple[str, str]]]] | None = None,
    comment_typed: str = "",
    comment_error: str = "",
) -> HttpResponse:
    """The report page. After a refused save, the user's values stay in their forms
    (`*_forms`), beside the errors or the current values (`conflicts`), with the version
    moved so she can save the merge; `saved` marks the units just saved; a refused
    comment comes back in its box (`comment_typed`) with its message beside it."""
    user = request.user
    view = services.report_view(report, user)
    editable = report.is_editable and perms.can(user, perms.EDIT_REPORT, report)
    entry_overrides = entry_forms or {}
    overrides = contribution_forms or {}
    saved = saved or set()
    now = timezone.localtime()

    save_url = UrlPattern("reporting:save_entry", report.pk)
    evidence_url = UrlPattern("reporting:evidence", report.pk)

    task_url = TaskUrls()

    def entry_form(entry: ReportEntry) -> tuple[ReportEntry, str, Any, str]:
        """A form sent back (the user's values, errors, a conflict) is rendered by the
        form's template; a form as stored, directly (see `entry_html`)."""
        url = task_url(entry.task.programme.slug, entry.task.clause.anchor)
        form = entry_overrides.get(entry.pk)
        if form is not None:
            return (entry, url, form, "")
        html = entry_form_html(
            entry,
            save_url(entry.pk),
            evidence_url(entry.pk) if entry.evidence_file else "",
            saved_at=now if f"e{entry.pk}" in saved else None,
        )
        received = view.contributions_received.get(entry.task_id, [])
        return (entry, url, None, entry_card_html(entry, url, received, html))

    proposals_label = guidance.proposals_label(report, (get_language() or "").startswith("en"))
    events = ReportEvents(report)  # one query for the history and what it answers
    context = {
        "report": report,
        "today": timezone.localdate(),  # "Quá hạn" beside the deadline (_overdue.html)
        "offers_rollup": perms.may_read_rollup(user, report) and offers_rollup(report),
        "beyond": beyond_to_show(report) if editable else None,  # units' work with no entry
        "proposals_label": proposals_label,
        "view": view,
        "editable": editable,
        "next_step": guidance.next_step(report, user, events),
        "actions": available_actions(report, user, events),
        "leader_comment": services.leader_comment(report, events),
        "returned_by": receiver_named(report) if report.status == ReportStatus.RETURNED else "",
        "change_notes": events.of(TASKS_CHANGED),
        "entry_cards": [entry_form(e) for e in view.entries] if editable else [],
        "contribution_rows": [
            (c, overrides[c.pk], "")
            if c.pk in overrides
            else (c, None, contribution_fields_html(c))
            for c in view.contributions
        ]
        if editable
        else [],
        # Each unit with its form, for code that reads the page's forms (a form the page
        # wrote directly is only built if asked for).
        "entry_forms": [
            (e, entry_overrides.get(e.pk) or _unbound(EntryForm, e, f"e{e.pk}"))
            for e in view.entries
        ]
        if editable
        else [],
        "contribution_forms": [
            (c, overrides.get(c.pk) or _unbound(ContributionForm, c, f"c{c.pk}"))
            for c in view.contributions
        ]
        if editable
        else [],
        "sections_form": _labelled(sections_form or _sections_form(report), proposals_label),
        "sections_saved": "" in saved,
        "saved_keys": saved,
        "saved_at": now,
        "conflicts": conflicts or [],
        # Every conflict the person's own save elsewhere (stale.mark_own): the box says so.
        "conflicts_message": stale.own_message(conflicts)
        if conflicts and all(getattr(c, "by_self", False) for c in conflicts)
        else "",
        "outcome": outcome,
        "unsaved": unsaved or [],
        "evidence": [e for e in view.entries if e.evidence_file],
        "events": events.shown,
        "snapshots": snapshot_files(report),
        "comments": report.comments.select_related("author", "author__agency").all(),
        **_signature_context(report),
        # Not offered where the service would refuse it (a report read as published).
        "may_comment": perms.may_comment_on_report(user, report),
        "comment_typed": comment_typed,
        "comment_error": comment_error,
    }
    if comment_typed.strip() and not context["may_comment"]:
        # No box to put it back in (the report no longer takes her comments): read-only.
        context["comment_typed_back"] = [(_("Ý kiến của bạn"), comment_typed)]
    return render(request, "reporting/report.html", context, status=status)


def _evidence_of(report: AgencyReport) -> list[ReportEntry]:
    """The report's entries with an evidence file, in the programme's order (the page's
    "Tệp minh chứng" list)."""
    return list(
        report.entries.exclude(evidence_file="")
        .exclude(evidence_file__isnull=True)
        .select_related("task")
        .order_by("task__position")
    )


def _labelled(form: SectionsForm, proposals_label: str) -> SectionsForm:
    """The sections form with its proposals field named after the report's receiver."""
    form.fields["proposals_to_government"].label = proposals_label
    return form


def offers_rollup(report: AgencyReport) -> bool:
    """An agency's report is drafted from its units' (the roll-up) only where the agency
    has published a plan of its own implementing the report's programme (a child
    programme with units): not a unit's report, a Party committee's with no plan, nor an
    agency that has none (one query)."""
    if report.unit_id is not None:
        return False
    from lotrinh.reporting.plans import issued_plans

    return bool(issued_plans(programme=report.period.regime.programme, agency=report.agency))


def _unbound(form_class: Any, instance: Any, prefix: str) -> Any:
    return SimpleLazyObject(lambda: form_class(instance=instance, prefix=prefix))


def snapshot_files(report: AgencyReport) -> list[tuple[Any, list[dict[str, Any]]]]:
    """Each frozen copy of the report with the evidence files it refers to (a file
    replaced or removed later stays readable from the copy that was sent)."""
    shown = []
    for snapshot in report.snapshots.select_related("created_by").all():
        files = []
        for index, item in enumerate(snapshot.data.get("entries", [])):
            stored = item.get("evidence_file") or ""
            if stored:
                files.append(
                    {
                        "index": index,
                        "task": item.get("task", ""),
                        "name": item.get("evidence_name") or stored.rsplit("/", 1)[-1],
                        "type": item.get("evidence_type", ""),
                        "size": item.get("evidence_size"),
                    }
                )
        shown.append((snapshot, files))
    return shown


@login_required
@require_safe
def snapshot_evidence(request: HttpRequest, pk: int, snapshot_pk: int, index: int) -> Any:
    """An evidence file as a frozen copy of the report refers to it, to those who may
    read the report; only a file stored under the evidence folder is served."""
    from django.core.files.storage import default_storage
    from django.http import FileResponse

    from lotrinh.reporting import evidence

    snapshot = accepted_copy.readable_snapshot(_user(request), pk, snapshot_pk)
    if snapshot is None:
        raise Http404
    entries = snapshot.data.get("entries", [])
    if index >= len(entries):
        raise Http404
    item = entries[index]
    stored = str(item.get("evidence_file") or "")
    if not stored.startswith("evidence/") or ".." in stored or "\\" in stored:
        raise Http404
    try:
        handle = default_storage.open(stored, "rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    extension = item.get("evidence_type") or stored.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.get("evidence_name") or stored.rsplit("/", 1)[-1],
        content_type=evidence.CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@replayed_page
@login_required
@require_safe
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = services.reports_for_user(_user(request)).filter(pk=pk).first()
    if report is None:
        # A report reopened for a revision after acceptance: those who read it accepted
        # (MOST, oversight) land on its accepted copy, from any link they hold.
        if accepted_copy.is_readable(_user(request), pk):
            return redirect("reporting:accepted_copy", pk=pk)
        raise Http404
    return _render_report(request, report)


@login_required
@require_safe
def accepted_copy_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as it was accepted, read-only, while its agency revises it."""
    copy = accepted_copy.readable(_user(request), pk)
    if copy is None:
        raise Http404
    english = (get_language() or "").startswith("en")
    return render(
        request,
        "reporting/accepted_copy.html",
        {
            "copy": copy,
            "report": copy.report,
            "proposals_label": guidance.proposals_label(copy.report, english),
        },
    )


def _with_version(form: Any, field: str, version: int) -> None:
    """Move a bound form's hidden version to the current one (after a conflict)."""
    data = form.data.copy()
    data[field] = str(version)
    form.data = data


def _taken(request: HttpRequest, prefix: str, name: str) -> bool:
    """Did she choose "take theirs" for this field when merging a conflict?"""
    key = f"{prefix}-take-{name}" if prefix else f"take-{name}"
    return request.POST.get(key) == "theirs"


def _entry_data(request: HttpRequest, form: EntryForm, entry: ReportEntry) -> dict[str, Any]:
    """What to save from a valid entry form; fields merged as "take theirs" get the
    stored value (`entry` is as read from the database)."""
    prefix = form.prefix or ""
    data = {f: form.cleaned_data.get(f) for f in ENTRY_VALUES}
    for name in ENTRY_VALUES:
        if _taken(request, prefix, name):
            data[name] = getattr(entry, name)
    upload = request.FILES.get(form.add_prefix("evidence_file"))
    if upload:
        data["evidence_file"] = upload
    data["evidence_remove"] = bool(form.cleaned_data.get("evidence_remove"))
    return data


def _conflicted(form: Any, field: str, current_version: int, conflicts: list[Any]) -> None:
    _with_version(form, field, current_version)
    form.conflict = conflicts  # type: ignore[attr-defined]


def _refused(form: Any, problems: dict[str, str] | None, message: str) -> None:
    if problems:
        for name, text in problems.items():
            form.add_error(name if name in form.fields else None, text)
    elif message:
        form.add_error(None, message)


@login_required
@require_POST
@writes(Write.EDIT, version="version")
def save_entry(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    """One task's entry. With htmx the form is answered in place (saved at hh:mm, the
    field errors, or the conflict to merge); without, the page (or a redirect)."""
    report = _report(request, pk, perms.EDIT_REPORT)
    entry = get_object_or_404(
        ReportEntry.objects.select_related("task"), pk=entry_pk, report=report
    )
    entry.report = report  # as read for this user (the service locks it again)
    prefix = f"e{entry.pk}"
    form = EntryForm(request.POST, request.FILES, instance=copy.copy(entry), prefix=prefix)
    status = 200
    if form.is_valid():
        try:
            entry = services.save_entry(
                entry,
                request.user,
                _entry_data(request, form, entry),
                expected_version=form.cleaned_data["version"],
            )
            if request.headers.get("HX-Request"):
                # The form as stored, "saved at hh:mm", in place (see `entry_html`), and
                # the report's list of evidence files, which a file added or taken away
                # changes (out of band).
                return HttpResponse(
                    entry_form_html(
                        entry,
                        reverse("reporting:save_entry", args=[report.pk, entry.pk]),
                        reverse("reporting:evidence", args=[report.pk, entry.pk])
                        if entry.evidence_file
                        else "",
                        saved_at=timezone.localtime(),
                    )
                    + render_to_string(
                        "reporting/_evidence_list.html",
                        {"report": report, "evidence": _evidence_of(report), "oob": True},
                        request,
                    )
                )
        except services.ConflictError as exc:
            entry.refresh_from_db()
            for conflict in exc.conflicts:
                conflict.key = prefix
            _conflicted(form, f"{prefix}-version", entry.version, exc.conflicts)
            own = stale.mark_own(exc.conflicts, report, request.user, "report.entry_saved", True)
            form.conflict_message = stale.own_message(exc.conflicts) if own else str(exc)  # type: ignore[attr-defined]
            status = 409
        except services.EntryInvalid as exc:
            _refused(form, exc.problems, "")
            status = 400
        except services.WorkflowError as exc:
            if not request.headers.get("HX-Request"):
                # The page has no form for it once the report is closed: what was typed
                # comes back to be copied, as for the other parts of the report.
                return _refused_save(request, report, exc, prefix, form, entry, None)
            _refused(form, None, str(exc))
            status = 400
    else:
        status = 400
    if request.headers.get("HX-Request"):
        return render(
            request,
            "reporting/_entry_form.html",
            {"report": report, "entry": entry, "form": form},
            status=status,
        )
    if status == 200:
        messages.success(request, _("Đã lưu nhiệm vụ %(ref)s.") % {"ref": entry.task.ref})
        return redirect(f"{reverse('reporting:report', args=[report.pk])}#task-{entry.task.ref}")
    return _render_report(request, report, status=status, entry_forms={entry.pk: form})


@login_required
@require_POST
@writes(Write.EDIT, version="version")
def save_contribution(request: HttpRequest, pk: int, contribution_pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    contribution = get_object_or_404(ContributionEntry, pk=contribution_pk, report=report)
    form = ContributionForm(request.POST, instance=contribution, prefix=f"c{contribution.pk}")
    if not form.is_valid():
        return _render_report(
            request, report, status=400, contribution_forms={contribution.pk: form}
        )
    try:
        services.save_contribution(
            contribution,
            request.user,
            form.cleaned_data["contribution"],
            form.cleaned_data["version"],
        )
    except services.ConflictError as exc:
        contribution.refresh_from_db()
        _with_version(form, f"c{contribution.pk}-version", contribution.version)
        for conflict in exc.conflicts:
            conflict.key = f"c{contribution.pk}"
        own = stale.mark_own(exc.conflicts, report, request.user, "report.contribution_saved", True)
        messages.error(request, stale.own_message(exc.conflicts) if own else str(exc))
        return _render_report(
            request,
            report,
            status=409,
            contribution_forms={contribution.pk: form},
            conflicts=exc.conflicts,
        )
    except services.WorkflowError as exc:
        return _refused_save(
            request, report, exc, f"c{contribution.pk}", form, contribution, "contribution"
        )
    messages.success(request, _("Đã lưu nội dung phối hợp."))
    return redirect("reporting:report", pk=report.pk)


@login_required
@require_POST
@writes(Write.EDIT, version="version")
def save_sections(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk, perms.EDIT_REPORT)
    form = SectionsForm(request.POST)
    if not form.is_valid():
        return _render_report(request, report, status=400, sections_form=form)
    try:
        services.save_sections(
            report,
            request.user,
            general_assessment=form.cleaned_data["general_assessment"],
            proposals_to_government=form.cleaned_data["proposals_to_government"],
            expected_version=form.cleaned_data["version"],
        )
    except services.ConflictError as exc:
        report.refresh_from_db()
        _with_version(form, "version", report.sections_version)
        own = stale.mark_own(exc.conflicts, report, request.user, "report.sections_saved", False)
        messages.error(request, stale.own_message(exc.conflicts) if own else str(exc))
        return _render_report(
            request, report, status=409, sections_form=form, conflicts=exc.conflicts
        )
    except services.WorkflowError as exc:
        return _refused_save(request, report, exc, "", form, report, None)
    messages.success(request, _("Đã lưu phần đánh giá chung và kiến nghị."))
    return redirect("reporting:report", pk=report.pk)


def _refused_save(
    request: HttpRequest,
    report: AgencyReport,
    exc: Exception,
    key: str,
    form: Any,
    obj: Any,
    field: str | None,
) -> HttpResponse:
    """An entry (`key` "e<pk>"), a contribution ("c<pk>") or the sections ("") refused by
    the service: nothing is written and what was typed is never dropped by a redirect.
    While the report can still be edited, the form comes back with the message beside it
    (400); once sent or otherwise closed, what was typed is shown to be copied (409, as
    "save all" does)."""
    report.refresh_from_db()
    if report.is_editable and perms.can(request.user, perms.EDIT_REPORT, report):
        form.add_error(field, str(exc))
        forms: dict[str, Any] = (
            {"sections_form": form}
            if key == ""
            else {"entry_forms": {obj.pk: form}}
            if key.startswith("e")
            else {"contribution_forms": {obj.pk: form}}
        )
        return _render_report(request, report, status=400, **forms)
    messages.error(request, str(exc))
    return _render_report(request, report, status=409, unsaved=_typed_values({key: (form, obj)}))


# ---------------------------------------------------------------- save all


@login_required
@require_POST
@writes(Write.EDIT, version="version")
def save_all(request: HttpRequest, pk: int) -> HttpResponse:
    """Every changed form of the report in one POST (the page is one form).

    Forms whose values are those the page showed are not saved (no new version). Each
    changed unit is checked against its own version: conflicts and refusals are shown
    in place with the user's values kept, the others are saved. `only` (the per-unit
    buttons without JavaScript) saves one unit and keeps the other changes on the page.
    """
    report = _report(request, pk, perms.EDIT_REPORT)
    user = _user(request)
    only = request.POST.get("only", "").strip()
    view = services.report_view(report, user)
    post = request.POST
    entry_forms: dict[int, EntryForm] = {}
    contribution_forms: dict[int, ContributionForm] = {}
    sections_form: SectionsForm | None = None
    changes: list[services.EntryChange | services.ContributionChange | services.SectionsChange] = []
    outcomes: list[services.Outcome] = []
    pending: list[tuple[str, str]] = []
    by_key: dict[str, Any] = {}

    for entry in view.entries:
        prefix = f"e{entry.pk}"
        if f"{prefix}-version" not in post:
            continue
        form = EntryForm(post, request.FILES, instance=copy.copy(entry), prefix=prefix)
        if form.is_unchanged():
            continue
        entry_forms[entry.pk] = form
        by_key[prefix] = (form, entry)
        if only and only != prefix:
            pending.append((prefix, entry.task.ref))
        elif not form.is_valid():
            outcomes.append(
                services.Outcome(
                    prefix, entry.task.ref, services.REFUSED, _("Có ô chưa hợp lệ, xem bên dưới.")
                )
            )
        else:
            changes.append(
                services.EntryChange(
                    entry, _entry_data(request, form, entry), form.cleaned_data["version"]
                )
            )
    for contribution in view.contributions:
        prefix = f"c{contribution.pk}"
        if f"{prefix}-version" not in post:
            continue
        cform = ContributionForm(post, instance=copy.copy(contribution), prefix=prefix)
        if cform.is_unchanged():
            continue
        contribution_forms[contribution.pk] = cform
        by_key[prefix] = (cform, contribution)
        if only and only != prefix:
            pending.append((prefix, contribution.task.ref))
        elif not cform.is_valid():
            outcomes.append(
                services.Outcome(
                    prefix, contribution.task.ref, services.REFUSED, _("Ô chưa hợp lệ.")
                )
            )
        else:
            text = cform.cleaned_data["contribution"]
            if _taken(request, prefix, "contribution"):
                text = contribution.contribution
            changes.append(
                services.ContributionChange(contribution, text, cform.cleaned_data["version"])
            )
    if "version" in post:
        sform = SectionsForm(post)
        if not sform.is_unchanged():
            sections_form = sform
            by_key[""] = (sform, report)
            label = _("Đánh giá chung và kiến nghị")
            if only and only != "sections":
                pending.append(("", label))
            elif not sform.is_valid():
                outcomes.append(services.Outcome("", label, services.REFUSED, _("Ô chưa hợp lệ.")))
            else:
                values = {
                    name: getattr(report, name)
                    if _taken(request, "", name)
                    else sform.cleaned_data[name]
                    for name in ("general_assessment", "proposals_to_government")
                }
                changes.append(
                    services.SectionsChange(
                        values["general_assessment"],
                        values["proposals_to_government"],
                        sform.cleaned_data["version"],
                    )
                )

    if any(stale.forged(form) for form, _obj in by_key.values()):
        # A hidden version the page did not write: nothing of this request is saved.
        messages.error(request, str(stale.FORGED_MESSAGE))
        return _render_report(
            request,
            report,
            status=400,
            entry_forms=entry_forms,
            contribution_forms=contribution_forms,
            sections_form=sections_form,
        )
    try:
        outcomes += services.save_all(report, user, changes) if changes else []
    except services.WorkflowError as exc:
        messages.error(request, str(exc))
        # Sent (or otherwise closed) since the page was shown: nothing is written, and
        # what was typed comes back to be copied, never dropped by a redirect.
        unsaved = _typed_values(by_key)
        if unsaved:
            return _render_report(request, report, status=409, unsaved=unsaved)
        return redirect("reporting:report", pk=report.pk)

    conflicts: list[services.Conflict] = []
    saved: set[str] = set()
    for outcome in outcomes:
        form, obj = by_key[outcome.key]
        if outcome.result in (services.SAVED, services.UNCHANGED):
            saved.add(outcome.key)
            _forget(outcome.key, entry_forms, contribution_forms)
            if outcome.key == "":
                sections_form = None
        elif outcome.result == services.CONFLICT:
            obj.refresh_from_db()
            field = f"{outcome.key}-version" if outcome.key else "version"
            version = obj.sections_version if outcome.key == "" else obj.version
            found = [outcome.conflict] if outcome.conflict else []
            _conflicted(form, field, version, found)
            # The same person's stale save says so, as a single save does (stale.py).
            if stale.mark_own_by_key(found, outcome.key, report, user):
                form.conflict_message = stale.own_message(found)
            outcome.message = stale.summary_line(outcome.conflict)
            if not outcome.key.startswith("e"):
                conflicts += found  # entries show theirs inside their own form
        else:
            _refused(form, outcome.problems, outcome.message if outcome.key else "")
    saved_labels = [o.label for o in outcomes if o.result == services.SAVED]
    summary: dict[str, Any] = {
        "saved": saved_labels,
        "refused": [o for o in outcomes if o.result == services.REFUSED],
        "conflicts": [o for o in outcomes if o.result == services.CONFLICT],
        "pending": pending,
    }
    report.refresh_from_db()
    if not (summary["refused"] or summary["conflicts"] or pending):
        if saved_labels:
            messages.success(
                request,
                _("Đã lưu %(count)s mục: %(labels)s.")
                % {"count": len(saved_labels), "labels": ", ".join(saved_labels)},
            )
        else:
            messages.info(request, _("Không có thay đổi nào cần lưu."))
        return redirect("reporting:report", pk=report.pk)
    status = 409 if summary["conflicts"] else 400 if summary["refused"] else 200
    return _render_report(
        request,
        report,
        status=status,
        entry_forms=entry_forms,
        contribution_forms=contribution_forms,
        sections_form=sections_form,
        conflicts=conflicts,
        saved=saved,
        outcome=summary,
    )


def _typed_values(by_key: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """What the person typed in each changed unit of a "save all": (unit, [(label, text)])."""
    statuses = dict(TaskStatus.choices)
    typed = []
    for key, (form, obj) in by_key.items():
        rows = []
        for name, field in form.fields.items():
            if name in ("version", "fingerprint", "evidence_file", "evidence_remove"):
                continue
            value = form[name].value()
            if name == "status":
                value = statuses.get(value, value)
            if value not in (None, ""):
                rows.append((str(field.label), str(value)))
        if rows:
            title = obj.task.ref if key else str(_("Đánh giá chung và kiến nghị"))
            typed.append((title, rows))
    return typed


def _forget(key: str, entry_forms: dict[int, Any], contribution_forms: dict[int, Any]) -> None:
    if key.startswith("e"):
        entry_forms.pop(int(key[1:]), None)
    elif key.startswith("c"):
        contribution_forms.pop(int(key[1:]), None)


# ---------------------------------------------------------------- workflow steps


def _approve(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.approve_report(r, u, expected_version=v)


def _submit(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.submit_report(r, u, expected_version=v)


def _accept(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.accept_report(r, u, expected_version=v)


def _return(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.return_report(r, u, p.get("comment", ""), expected_version=v)


def _revise(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.revise_accepted_report(r, u, p.get("reason", ""), expected_version=v)


def _request_approval(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.request_approval(r, u, expected_version=v)


def _send_back(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    return services.return_to_drafter(r, u, p.get("comment", ""), expected_version=v)


def _sign(r: AgencyReport, u: Any, p: Any, v: int) -> Any:
    from lotrinh.signing.services import sign_and_submit

    return sign_and_submit(r, u, expected_version=v)


# action → (capability, step, states it starts from, done message, text field asked)
ACTIONS: dict[str, tuple[str, Any, tuple[str, ...], Any, str]] = {
    "request-approval": (
        perms.EDIT_REPORT,
        _request_approval,
        EDITABLE_STATUSES,
        gettext_lazy("Đã đề nghị lãnh đạo duyệt báo cáo."),
        "",
    ),
    "approve": (
        perms.APPROVE_REPORT,
        _approve,
        EDITABLE_STATUSES,
        gettext_lazy("Đã duyệt báo cáo."),
        "",
    ),
    "send-back": (
        perms.APPROVE_REPORT,
        _send_back,
        (ReportStatus.DRAFT, ReportStatus.APPROVED),
        gettext_lazy("Đã trả lại báo cáo cho người soạn kèm ý kiến."),
        "comment",
    ),
    "sign": (
        perms.APPROVE_REPORT,
        _sign,
        (ReportStatus.APPROVED,),
        gettext_lazy("Đã ký số và gửi báo cáo tới %(recipient)s."),
        "",
    ),
    "submit": (
        perms.SUBMIT_REPORT,
        _submit,
        (ReportStatus.APPROVED,),
        gettext_lazy("Đã gửi báo cáo tới %(recipient)s."),
        "",
    ),
    "accept": (
        perms.REVIEW_REPORT,
        _accept,
        (ReportStatus.SUBMITTED,),
        gettext_lazy("Đã tiếp nhận báo cáo."),
        "",
    ),
    "return": (
        perms.REVIEW_REPORT,
        _return,
        (ReportStatus.SUBMITTED,),
        gettext_lazy("Đã trả lại báo cáo kèm ý kiến."),
        "comment",
    ),
    "revise": (
        perms.EDIT_REPORT,
        _revise,
        (ReportStatus.ACCEPTED,),
        gettext_lazy("Đã mở lần điều chỉnh mới của báo cáo."),
        "reason",
    ),
}

# The state each step with a text ends in: a refusal for a changed version leaves the
# report elsewhere when the step was not done (its text is then kept, not dropped).
_STEP_ENDS_IN = {
    "send-back": ReportStatus.DRAFT,
    "return": ReportStatus.RETURNED,
    "revise": ReportStatus.DRAFT,
}

ACTION_TITLES = {
    "request-approval": gettext_lazy("Đề nghị lãnh đạo duyệt"),
    "approve": gettext_lazy("Lãnh đạo duyệt báo cáo"),
    "send-back": gettext_lazy("Trả lại người soạn"),
    "sign": gettext_lazy("Ký số và gửi %(recipient)s"),
    "submit": gettext_lazy("Gửi %(recipient)s"),
    "accept": gettext_lazy("Tiếp nhận báo cáo"),
    "return": gettext_lazy("Trả lại báo cáo kèm ý kiến"),
    "revise": gettext_lazy("Điều chỉnh báo cáo đã tiếp nhận"),
}
ACTION_EXPLAINED = {
    "request-approval": gettext_lazy(
        "Lãnh đạo của cơ quan nhận được thông báo để xem và duyệt; báo cáo vẫn sửa được cho đến khi được duyệt."
    ),
    "approve": gettext_lazy(
        "Sau khi duyệt, báo cáo không sửa được nữa và sẵn sàng gửi %(recipient)s (lãnh đạo vẫn có thể trả lại người soạn trước khi gửi)."
    ),
    "send-back": gettext_lazy(
        "Báo cáo trở về bản nháp; cán bộ soạn thảo nhận được thông báo kèm ý kiến của bạn."
    ),
    "sign": gettext_lazy(
        "Báo cáo được vào sổ văn bản đi (lấy số và ngày), kết xuất PDF theo thể thức Nghị định 30/2020/NĐ-CP và ký số bằng khoá đã cấu hình của bạn; chính bản PDF đã ký được gửi tới %(recipient)s và được kiểm tra chữ ký khi nhận."
    ),
    # A Party body's report follows Hướng dẫn 36-HD/VPTW, not the State's decree.
    "sign-party": gettext_lazy(
        "Báo cáo được vào sổ văn bản đi (lấy số và ngày), kết xuất PDF theo thể thức Hướng dẫn 36-HD/VPTW và ký số bằng khoá đã cấu hình của bạn; chính bản PDF đã ký được gửi tới %(recipient)s và được kiểm tra chữ ký khi nhận."
    ),
    "submit": gettext_lazy(
        "Báo cáo được gửi chính thức tới %(recipient)s và được lưu một bản; sau khi gửi không sửa được nữa, trừ khi %(recipient)s trả lại."
    ),
    "accept": gettext_lazy(
        "Báo cáo được tiếp nhận và lưu một bản; nội dung chỉ được công khai khi Bộ KH&CN công bố trên trang công khai."
    ),
    # A unit's report never reaches the public: it counts in its agency's own report.
    "accept-unit": gettext_lazy(
        "Báo cáo được tiếp nhận và lưu một bản; từ đó được dùng khi %(recipient)s điền sẵn báo cáo của mình."
    ),
    "return": gettext_lazy(
        "Báo cáo được trả lại cơ quan để chỉnh sửa; cơ quan nhận được ý kiến của bạn."
    ),
    # A unit's report goes to its unit's leaders and back to the unit, not the agency.
    "request-approval-unit": gettext_lazy(
        "Lãnh đạo của đơn vị nhận được thông báo để xem và duyệt; báo cáo vẫn sửa được cho đến khi được duyệt."
    ),
    "return-unit": gettext_lazy(
        "Báo cáo được trả lại đơn vị để chỉnh sửa; đơn vị nhận được ý kiến của bạn."
    ),
    "revise": gettext_lazy(
        "Một lần điều chỉnh mới được mở; bản đã tiếp nhận vẫn được giữ và vẫn đọc được."
    ),
}


def receiver_named(report: AgencyReport) -> str:
    """The body that receives `report` (and returns it), named in a sentence of the page's
    language: Bộ Khoa học và Công nghệ, the province for its units' reports, the
    Commission for a Party committee's; "the …" in English (`notices.body_in`)."""
    return guidance.receiver_in(report, "en" if (get_language() or "").startswith("en") else "vi")


def action_text(table: dict[str, Any], action: str, report: AgencyReport) -> str:
    """A step's title or explanation with the report's real recipient named in it."""
    if table is ACTION_EXPLAINED and report.unit_id is not None:
        if action in ("accept", "request-approval", "return"):
            action = f"{action}-unit"
    if table is ACTION_EXPLAINED and action == "sign" and report.agency.kind.startswith("party"):
        action = "sign-party"
    english = (get_language() or "").startswith("en")
    _sender, recipient = guidance.parties(report, english)
    return str(table[action]) % {"recipient": recipient}


def available_actions(report: AgencyReport, user: Any, events: Any = None) -> list[tuple[str, Any]]:
    """The steps this user may take on the report in its present state (for its buttons);
    not a second request for approval while the first waits for the leader."""
    shown = []
    for action, (capability, _step, states, _done, _field) in ACTIONS.items():
        if report.status in states and perms.can(user, capability, report):
            if action == "sign" and not perms.may_sign_report(user, report):
                continue
            if action == "request-approval" and guidance.approval_requested_at(report, events):
                continue
            shown.append((action, action_text(ACTION_TITLES, action, report)))
    return shown


def _action_report(
    request: HttpRequest, pk: int, action: str
) -> tuple[AgencyReport, tuple[Any, ...]]:
    if action not in ACTIONS:
        raise Http404
    spec = ACTIONS[action]
    capability = spec[0]
    report = _report(
        request, pk, capability if capability in perms.OWN_AGENCY_ONLY else perms.VIEW_REPORT
    )
    if not perms.may_take_step(request.user, capability, report):
        raise PermissionDenied  # the step is not this role's, whatever the report's state
    if action == "sign" and not perms.may_sign_report(request.user, report):
        raise PermissionDenied  # a unit's report is sent, not signed
    return report, spec


@login_required
@require_safe
def confirm_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The confirmation step: what is being sent, and the button that carries the
    report's version (so a second click or a stale page cannot act twice). Never writes."""
    report, _spec = _action_report(request, pk, action)
    return _confirm_page(request, report, action)


def _confirm_page(
    request: HttpRequest,
    report: AgencyReport,
    action: str,
    *,
    status: int = 200,
    typed: str = "",
    error: str = "",
) -> HttpResponse:
    """The confirmation page; after a refused step, what was typed in its box (`typed`)
    and the refusal beside it (`error`)."""
    _capability, _step, states, _done, text_field = ACTIONS[action]
    return render(
        request,
        "reporting/confirm.html",
        {
            "report": report,
            "action": action,
            "title": action_text(ACTION_TITLES, action, report),
            "explained": action_text(ACTION_EXPLAINED, action, report),
            "possible": report.status in states,
            "summary": guidance.summary(report),
            "text_field": text_field,
            "next_step": guidance.next_step(report, request.user),
            "held_back": guidance.held_back(report, action),
            "typed": typed,
            "error": error,
        },
        status=status,
    )


@login_required
@require_POST
@writes(Write.STEP, Write.EDIT, version="confirm")
def report_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    try:
        report, (_capability, step, _states, done, text_field) = _action_report(request, pk, action)
    except Http404:
        field = ACTIONS[action][4] if action in ACTIONS else ""
        kept = typed_texts(request, [(field, str(ACTION_TITLES[action]))]) if field else []
        if not kept:
            raise
        # No longer readable by her (reopened by its agency…) or never there: the same
        # 404, naming no state, with the reason she typed to copy.
        return typed_back_page(
            request,
            kept,
            _("Bước này không còn thực hiện được trên báo cáo này."),
            back_url=reverse("reporting:my_reports"),
            back_label=_("Về danh sách báo cáo"),
        )
    expected = bounded_int(request.POST.get("confirm", ""), 0, 2**31 - 1)
    if expected is None:
        messages.info(request, _("Hãy xem tóm tắt và xác nhận trước khi thực hiện."))
        return redirect("reporting:confirm", pk=report.pk, action=action)
    typed = request.POST.get(text_field, "").replace("\x00", "") if text_field else ""
    try:
        step(report, request.user, request.POST, expected)
        messages.success(request, str(done) % {"recipient": receiver_named(report)})
    except services.AlreadyDone as exc:
        report.refresh_from_db()
        if typed.strip() and report.version != expected:
            if report.status != _STEP_ENDS_IN.get(action):
                # Changed by someone else, not done: the page as it is now, with the
                # reason still in its box, to be read again before confirming.
                messages.info(request, str(exc))
                return _confirm_page(request, report, action, status=409, typed=typed)
        messages.info(request, str(exc))
    except services.WorkflowError as exc:
        if text_field:
            # Nothing is done; the confirmation again with what was typed, the message
            # beside its box.
            report.refresh_from_db()
            return _confirm_page(request, report, action, status=400, typed=typed, error=str(exc))
        messages.error(request, str(exc))
    return redirect("reporting:report", pk=report.pk)
