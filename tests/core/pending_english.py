"""The English of the date messages, put in the catalogue for a test while it waits in
i18n-pending/dates.json (the lead compiles it; then this adds nothing)."""

import json
from pathlib import Path
from typing import Any

from django.utils.translation import override, trans_real

PENDING = Path(__file__).parents[2] / "i18n-pending" / "dates.json"


def add_pending_english(monkeypatch: Any) -> None:
    english = json.loads(PENDING.read_text(encoding="utf-8"))
    with override("en"):
        catalog = trans_real.translation("en")._catalog
    missing = {k: v for k, v in english.items() if k not in catalog}
    if missing:
        monkeypatch.setattr(catalog, "_catalogs", [*catalog._catalogs, missing])
        monkeypatch.setattr(catalog, "_plurals", [*catalog._plurals, catalog._plurals[-1]])
