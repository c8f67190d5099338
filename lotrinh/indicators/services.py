"""Indicator registry services. (Foundation version: the indicators work extends it.)"""

from typing import Any

from lotrinh.indicators.models import Indicator, Target


def load_targets(programme: Any, targets: list[dict[str, Any]], source_name: str) -> None:
    for item in targets:
        indicator, _ = Indicator.objects.get_or_create(
            code=item["indicator"],
            defaults={"name_vi": item["indicator"], "unit": item.get("unit", "")},
        )
        Target.objects.create(
            programme=programme,
            code=item["code"],
            indicator=indicator,
            clause_ref=item.get("clause") or "",
            comparator=item.get("comparator") or "",
            value=item.get("value"),
            unit=item.get("unit") or "",
            year=item["year"],
            group=item.get("group") or "",
            text=item.get("text") or "",
        )
