"""Seams to other apps being built at the same time (docs/api.md, "Seams").

`agency_units`: an agency's units as of a day. The agency registry holds no units yet
(issue 14 adds them); when it does, this is the one function to fill, and the API's
agency resource shows them with no other change.
"""

import datetime
from typing import Any


def agency_units(agency: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    related = getattr(agency, "units", None)
    if related is None or not hasattr(related, "all"):
        return []
    rows = []
    for unit in related.all():
        valid = getattr(unit, "is_valid_on", None)
        if callable(valid) and not valid(as_of):
            continue
        rows.append(
            {
                "id": unit.pk,
                "code": getattr(unit, "code", ""),
                "name_vi": getattr(unit, "name_vi", str(unit)),
                "name_en": getattr(unit, "name_en", ""),
            }
        )
    return rows
