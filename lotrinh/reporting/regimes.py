"""Storing the reporting regimes of a programme file (see docs/programme-format.md)."""

import datetime
from typing import Any

from lotrinh.agencies.models import Agency
from lotrinh.reporting.models import ReportingRegime


def load_regimes(
    programme: Any, regimes: list[dict[str, Any]], agencies: dict[str, Agency]
) -> None:
    for item in regimes:
        reporters = item.get("reporters") or {}
        deadline = item.get("deadline") or {}
        cutoff = item.get("cutoff") or {}
        recipient = item.get("recipient")
        regime = ReportingRegime.objects.create(
            programme=programme,
            code=item["code"],
            name=item["name"],
            name_en=item.get("name_en") or "",
            clause_ref=item.get("clause") or "",
            reporters_generic=reporters.get("generic") or "",
            recipient=agencies.get(recipient) if recipient else None,
            recipient_text=item.get("recipient_text") or recipient or "",
            frequency=item.get("frequency") or "periodic",
            deadline_date=datetime.date.fromisoformat(deadline["date"])
            if deadline.get("date")
            else None,
            deadline_month=deadline.get("month"),
            deadline_day=deadline.get("day"),
            deadline_before=bool(deadline.get("before")),
            cutoff_start=cutoff.get("start") or "",
            cutoff_end=cutoff.get("end") or "",
            first_year=item.get("first_year"),
            outline=item.get("outline") or "",
        )
        regime.reporters.set([agencies[name] for name in reporters.get("agencies") or []])
