"""The English of messages put in the catalogue for a test while it waits in
i18n-pending/NAME.json (dates.json by default; the lead compiles it; then this adds
nothing)."""

import json
from pathlib import Path
from typing import Any

from django.utils.translation import override, trans_real

PENDING = Path(__file__).parents[2] / "i18n-pending"


def add_pending_english(monkeypatch: Any, name: str = "dates") -> None:
    english = json.loads((PENDING / f"{name}.json").read_text(encoding="utf-8"))
    with override("en"):
        catalog = trans_real.translation("en")._catalog
    missing = {k: v for k, v in english.items() if k not in catalog}
    if missing:
        monkeypatch.setattr(catalog, "_catalogs", [*catalog._catalogs, missing])
        monkeypatch.setattr(catalog, "_plurals", [*catalog._plurals, catalog._plurals[-1]])
