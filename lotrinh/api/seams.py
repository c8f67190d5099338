"""An agency's units for the API's agency resource (docs/api.md, docs/cascade.md).

`agency_units`: the agency's confirmed units valid on a day, each with its kind and the
code of its parent unit (the tree), from `lotrinh.agencies.models.Unit`. Units the
importer proposed and the agency's administrator has not confirmed are not published.
"""

import datetime
from typing import Any


def agency_units(agency: Any, as_of: datetime.date) -> list[dict[str, Any]]:
    units = getattr(agency, "published_units", None)  # prefetched by the agency list
    if units is None:
        units = agency.units.filter(proposed=False).select_related("parent")
    rows = []
    for unit in units:
        if not unit.is_valid_on(as_of):
            continue
        rows.append(
            {
                "id": unit.pk,
                "code": unit.code,
                "name_vi": unit.name_vi,
                "name_en": unit.name_en,
                "kind": unit.kind,
                "parent": unit.parent.code if unit.parent else None,
            }
        )
    return rows
