"""The schedule of a regime whose document states no period (docs/cascade.md).

52-NQ/TW section 4 makes the Party committees report "định kỳ" to the level above and
states no period; the receiving body (or a system administrator) sets the frequency and
deadline here, recorded in the audit; periods are then generated like any regime's.
"""

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.models import Agency
from lotrinh.core.audit import record_event
from lotrinh.reporting.models import Frequency, ReportingPeriod, ReportingRegime
from lotrinh.reporting.services import WorkflowError, generate_periods

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
) -> list[ReportingPeriod]:
    """Set the schedule of a regime whose document states no period, then generate its
    periods up to this year. `recipient` names the receiving body where the document
    names none ("cấp uỷ cấp trên"): a system administrator's decision only."""
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
    if regime.periods.exists():
        raise WorkflowError(_("Kỳ báo cáo đã được lập; không thể thay đổi lịch báo cáo."))
    errors = check_schedule(
        frequency, deadline_day=deadline_day, deadline_month=deadline_month, first_year=first_year
    )
    if errors:
        raise WorkflowError(" ".join(errors.values()))
    before = {
        "scheduled_frequency": regime.scheduled_frequency,
        "deadline_day": regime.deadline_day,
        "deadline_month": regime.deadline_month,
        "first_year": regime.first_year,
        "recipient": regime.recipient_id,
    }
    regime.scheduled_frequency = frequency
    regime.deadline_day = deadline_day
    regime.deadline_month = deadline_month if frequency == Frequency.ANNUAL else None
    regime.first_year = first_year
    regime.scheduled_at = timezone.now()
    regime.save()
    record_event(
        user,
        "regime.scheduled",
        regime,
        before=before,
        after={
            "scheduled_frequency": frequency,
            "deadline_day": deadline_day,
            "deadline_month": regime.deadline_month,
            "first_year": first_year,
            "recipient": regime.recipient_id,
        },
    )
    return generate_periods(regime, day.year)


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
