"""The schedule of a regime whose document states no period (docs/cascade.md).

52-NQ/TW section 4 makes the Party committees report "định kỳ" to the level above and
states no period; the receiving body (or a system administrator) sets the frequency and
deadline here, recorded in the audit; periods are then generated like any regime's.
"""

import copy
import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import record_event
from lotrinh.core.locale import format_datetime, localized_text
from lotrinh.reporting.models import Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.notices import notice, period_in, post
from lotrinh.reporting.services import (
    WorkflowError,
    generate_periods,
    period_specs,
    reporters_are_party,
    unsaved_period,
)

SCHEDULABLE = (Frequency.ANNUAL, Frequency.SEMIANNUAL, Frequency.QUARTERLY, Frequency.MONTHLY)


def check_schedule(
    frequency: str,
    *,
    deadline_day: int | None,
    deadline_month: int | None,
    first_year: int | None,
) -> dict[str, str]:
    """Field → message for what is wrong with a schedule (empty when it is valid)."""
    errors: dict[str, str] = {}
    if frequency not in SCHEDULABLE:
        errors["frequency"] = _("Chọn hằng năm, 6 tháng, hằng quý hoặc hằng tháng.")
    if deadline_day is not None and not 1 <= deadline_day <= 31:
        errors["deadline_day"] = _("Ngày hạn phải từ 1 đến 31.")
    if frequency == Frequency.ANNUAL:
        if deadline_month is None or not 1 <= deadline_month <= 12:
            errors["deadline_month"] = _("Báo cáo hằng năm cần tháng hạn (1 đến 12).")
        if deadline_day is None:
            errors["deadline_day"] = _("Báo cáo hằng năm cần ngày hạn.")
        elif deadline_month and 1 <= deadline_month <= 12:
            try:
                datetime.date(2024, deadline_month, deadline_day)
            except ValueError:
                errors["deadline_day"] = _("Ngày hạn không có trong tháng đã chọn.")
    if first_year is not None and not 2000 <= first_year <= 2100:
        errors["first_year"] = _("Năm đầu tiên không hợp lệ.")
    return errors


class ScheduleConflict(WorkflowError):
    """Another schedule was saved since the form was shown: nothing saved."""


@dataclass(frozen=True)
class ScheduleChange:
    """What saving a schedule would do to a regime's periods (read-only; the preview)."""

    kept: list[ReportingPeriod]  # stored periods left as they are
    removed: list[ReportingPeriod]  # stored, no report sent nor written, not yet due
    added: list[ReportingPeriod]  # unsaved: the new schedule's periods up to this year
    refusals: list[str]  # why it cannot be saved (empty: it can)


def _draft(
    regime: ReportingRegime,
    frequency: str,
    deadline_day: int | None,
    deadline_month: int | None,
    first_year: int | None,
) -> ReportingRegime:
    draft = copy.copy(regime)
    draft.scheduled_frequency = frequency
    draft.deadline_day = deadline_day
    draft.deadline_month = deadline_month if frequency == Frequency.ANNUAL else None
    draft.first_year = first_year
    return draft


def periods_with_reports(periods: list[ReportingPeriod]) -> set[int]:
    """The ids of those of `periods` that hold anything a person did: a report sent (or
    returned, approved, accepted), a report whose text was saved, a comment, a frozen
    copy, an upload, or a document or publication made for the period."""
    from django.db.models import Q

    from lotrinh.documents.models import GeneratedDocument
    from lotrinh.portal.models import Publication
    from lotrinh.reporting.models import AgencyReport

    ids = [p.pk for p in periods if p.pk]
    if not ids:
        return set()
    touched = (
        ~Q(status="draft")
        | Q(first_submitted_at__isnull=False)
        | Q(version__gt=1)
        | Q(sections_version__gt=1)
        | Q(entries__version__gt=1)
        | Q(contributions__version__gt=1)
        | Q(comments__isnull=False)
        | Q(snapshots__isnull=False)
        | Q(uploads__isnull=False)
    )
    found = set(
        AgencyReport.objects.filter(touched, period_id__in=ids).values_list("period_id", flat=True)
    )
    found |= set(
        GeneratedDocument.objects.filter(period_id__in=ids).values_list("period_id", flat=True)
    )
    found |= set(Publication.objects.filter(period_id__in=ids).values_list("period_id", flat=True))
    return found


def periods_reminded(periods: list[ReportingPeriod]) -> set[int]:
    """The ids of those of `periods` for which a reminder was sent: reporters were told
    of the period and its deadline, and the record of it is kept (removing the period
    would delete it)."""
    from lotrinh.reporting.models import ReminderSent

    ids = [p.pk for p in periods if p.pk]
    if not ids:
        return set()
    return set(ReminderSent.objects.filter(period_id__in=ids).values_list("period_id", flat=True))


def plan_schedule_change(
    regime: ReportingRegime,
    *,
    frequency: str,
    deadline_day: int | None,
    deadline_month: int | None,
    first_year: int | None,
    today: datetime.date,
) -> ScheduleChange:
    """Which periods a new schedule keeps, removes and adds, and why it cannot be saved.

    A stored period the new schedule gives unchanged is kept. One with a report sent or
    written (`periods_with_reports`), one whose reporters were reminded
    (`periods_reminded`), or whose deadline has passed, is kept as it is: the
    schedule is refused if it would change it, or add a period overlapping it. Any other
    stored period (no report sent, not yet due) is removed when the new schedule does
    not give it unchanged, and the new schedule's periods take its place."""
    specs = {
        s.key: s
        for s in period_specs(
            _draft(regime, frequency, deadline_day, deadline_month, first_year), today.year
        )
    }
    stored = sorted(regime.periods.all(), key=lambda p: p.sort_key)
    touched = periods_with_reports(stored)
    reminded = periods_reminded(stored)
    kept: list[ReportingPeriod] = []
    removed: list[ReportingPeriod] = []
    refusals: list[str] = []
    for period in stored:
        spec = specs.get(period.sort_key)
        same = spec is not None and (spec.label, spec.start, spec.end, spec.due_date) == (
            period.label,
            period.start,
            period.end,
            period.due_date,
        )
        fixed = period.pk in touched or period.pk in reminded or period.due_date < today
        if same or not fixed:
            (kept if same else removed).append(period)
            continue
        kept.append(period)
        if spec is None:
            continue  # not given by the new schedule: kept as the record of what was asked
        if period.pk in touched:
            reason = _("Kỳ %(period)s đã có báo cáo được gửi hoặc đang soạn")
        elif period.pk in reminded and reporters_are_party(regime):
            reason = _("Kỳ %(period)s đã có nhắc nhở gửi tới cấp ủy, tổ chức đảng báo cáo")
        elif period.pk in reminded:
            reason = _("Kỳ %(period)s đã có nhắc nhở gửi tới cơ quan báo cáo")
        else:
            reason = _("Kỳ %(period)s đã quá hạn nộp")
        refusals.append(
            (reason + _("; lịch mới sẽ đổi kỳ này thành %(new)s (hạn %(due)s)."))
            % {
                "period": period.title_in_sentence,
                "new": unsaved_period(regime, spec).title_in_sentence,
                "due": f"{spec.due_date:%d/%m/%Y}",
            }
        )
    taken = {p.sort_key for p in kept}
    added = [unsaved_period(regime, s) for key, s in sorted(specs.items()) if key not in taken]
    for new in added:
        clash = next((k for k in kept if new.start <= k.end and k.start <= new.end), None)
        if clash is not None:
            refusals.append(
                _("Kỳ mới %(new)s trùng thời gian với kỳ %(period)s được giữ lại.")
                % {"new": new.title_in_sentence, "period": clash.title_in_sentence}
            )
    return ScheduleChange(kept, removed, added, refusals)


@transaction.atomic
def set_regime_schedule(
    user: Any,
    regime: ReportingRegime,
    *,
    frequency: str,
    deadline_day: int | None = None,
    deadline_month: int | None = None,
    first_year: int | None = None,
    recipient: Agency | None = None,
    today: datetime.date | None = None,
    version: int | None = None,
) -> list[ReportingPeriod]:
    """Set or change the schedule of a regime whose document states no period, then
    generate its periods up to this year. `recipient` names the receiving body where the
    document names none ("cấp uỷ cấp trên"): a system administrator's decision only.

    A change once periods exist follows `plan_schedule_change` (periods with reports or
    past their deadline are kept; refused when it would change one). `version` is the
    regime's `schedule_version` the form was shown with: if another schedule was saved
    since, this one is refused (the same schedule again changes nothing)."""
    day = today or timezone.localdate()
    regime = ReportingRegime.objects.select_for_update().get(pk=regime.pk)
    if recipient is not None and regime.recipient_id is None:
        if not perms.is_system_admin(user):
            raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))
        regime.recipient = recipient
    if not perms.may_set_regime_schedule(user, regime, day):
        raise WorkflowError(_("Bạn không có quyền thực hiện thao tác này với báo cáo này."))
    if regime.frequency != Frequency.PERIODIC:
        raise WorkflowError(_("Văn bản đã quy định kỳ báo cáo của chế độ này."))
    if regime.scheduled_frequency and _same_schedule(
        regime, frequency, deadline_day, deadline_month, first_year, recipient
    ):
        # The same schedule again (a form sent twice): nothing changes, nothing recorded.
        return list(regime.periods.order_by("year", "part"))
    if version is not None and version != regime.schedule_version:
        raise ScheduleConflict(
            _(
                "Lịch báo cáo vừa được người khác thay đổi (lúc %(when)s) trong khi bạn soạn: "
                "chưa lưu gì. Hãy xem lịch đang áp dụng rồi quyết định lại."
            )
            % {"when": format_datetime(regime.scheduled_at) if regime.scheduled_at else "—"}
        )
    errors = check_schedule(
        frequency, deadline_day=deadline_day, deadline_month=deadline_month, first_year=first_year
    )
    if errors:
        raise WorkflowError(" ".join(errors.values()))
    # The periods' rows too, before reading their reminders: a reminder recorded after
    # this (the daily job, a monitor's "Nhắc") needs its period's row to commit (its
    # foreign key), so it waits and, its period removed, records nothing (`deliver`);
    # one committed before is seen by the plan, which keeps its period.
    list(ReportingPeriod.objects.select_for_update().filter(regime=regime).values_list("pk"))
    change = plan_schedule_change(
        regime,
        frequency=frequency,
        deadline_day=deadline_day,
        deadline_month=deadline_month,
        first_year=first_year,
        today=day,
    )
    if change.refusals:
        raise WorkflowError(" ".join([str(_("Không thể đổi lịch báo cáo:")), *change.refusals]))
    before = {
        "scheduled_frequency": regime.scheduled_frequency,
        "deadline_day": regime.deadline_day,
        "deadline_month": regime.deadline_month,
        "first_year": regime.first_year,
        "recipient": regime.recipient_id,
    }
    if change.removed:
        from lotrinh.reporting.models import AgencyReport

        gone = [p.pk for p in change.removed]
        # Drafts nobody wrote in (periods_with_reports): their entries go with them.
        AgencyReport.objects.filter(period_id__in=gone).delete()
        ReportingPeriod.objects.filter(pk__in=gone).delete()
    changed = bool(regime.scheduled_frequency)
    regime.scheduled_frequency = frequency
    regime.deadline_day = deadline_day
    regime.deadline_month = deadline_month if frequency == Frequency.ANNUAL else None
    regime.first_year = first_year
    regime.scheduled_at = timezone.now()
    regime.schedule_version += 1
    regime.save()
    record_event(
        user,
        "regime.rescheduled" if changed else "regime.scheduled",
        regime,
        before=before,
        after={
            "scheduled_frequency": frequency,
            "deadline_day": deadline_day,
            "deadline_month": regime.deadline_month,
            "first_year": first_year,
            "recipient": regime.recipient_id,
            "kept": [p.label for p in change.kept],
            "removed": [p.label for p in change.removed],
            "added": [p.label for p in change.added],
        },
    )
    periods = generate_periods(regime, day.year)
    if changed:
        transaction.on_commit(lambda: _notify_change(regime.pk, user.pk, change))
    return periods


def _notify_change(regime_pk: int, actor_pk: int, change: ScheduleChange) -> None:
    """After a changed schedule is saved: the receiving body's other monitors and the
    reporters' people of the periods removed or added are told, in the application."""
    from lotrinh.accounts.models import Role, User
    from lotrinh.reporting.services import expected_reporters

    regime = ReportingRegime.objects.select_related("programme", "recipient").get(pk=regime_pk)
    stored = {p.sort_key: p for p in regime.periods.all()}
    periods = [stored[p.sort_key] for p in change.added if p.sort_key in stored]
    agencies: set[int] = set()
    for period in periods[:1] or change.removed[:1]:
        agencies |= set(expected_reporters(regime, period).values_list("pk", flat=True))
    people = User.objects.people().filter(
        agency_id__in=agencies, role__in=(Role.REPORTER, Role.APPROVER), unit__isnull=True
    )
    monitors = (
        User.objects.people().filter(
            agency_id=regime.recipient_id, role=Role.AGENCY_MONITOR, unit__isnull=True
        )
        if regime.recipient_id
        else User.objects.none()
    )
    link = reverse("reporting:regime_schedule", args=[regime.pk])
    post(
        (u for u in {*people, *monitors} if u.pk != actor_pk),
        notice(lambda lang: _schedule_text(change) % _schedule_names(regime, change, lang)),
        link,
    )


def _schedule_text(change: ScheduleChange) -> str:
    """The notice of a changed schedule, after what it adds and drops."""
    if change.added and change.removed:
        return _(
            "Lịch báo cáo %(programme)s (%(regime)s) đã thay đổi: các kỳ mới %(added)s; bỏ %(removed)s."
        )
    if change.added:
        return _("Lịch báo cáo %(programme)s (%(regime)s) đã thay đổi: các kỳ mới %(added)s.")
    if change.removed:
        return _("Lịch báo cáo %(programme)s (%(regime)s) đã thay đổi; bỏ %(removed)s.")
    return _("Lịch báo cáo %(programme)s (%(regime)s) đã thay đổi.")


def _schedule_names(regime: ReportingRegime, change: ScheduleChange, lang: str) -> dict[str, str]:
    return {
        "programme": regime.programme.code,
        "regime": localized_text(regime, "name", lang),
        "added": ", ".join(period_in(p, lang) for p in change.added),
        "removed": ", ".join(period_in(p, lang) for p in change.removed),
    }


def _same_schedule(
    regime: ReportingRegime,
    frequency: str,
    deadline_day: int | None,
    deadline_month: int | None,
    first_year: int | None,
    recipient: Agency | None,
) -> bool:
    return (
        regime.scheduled_frequency == frequency
        and regime.deadline_day == deadline_day
        and regime.deadline_month == (deadline_month if frequency == Frequency.ANNUAL else None)
        and regime.first_year == first_year
        and (recipient is None or regime.recipient_id == recipient.pk)
    )
