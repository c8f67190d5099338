"""The English of messages put in the catalogue for a test while it waits in
i18n-pending/NAME.json (dates.json by default; the lead compiles it; then this adds
nothing)."""

import json
from pathlib import Path
from typing import Any

from django.utils.translation import override, trans_real

PENDING = Path(__file__).parents[2] / "i18n-pending"


def add_pending_english(monkeypatch: Any, name: str = "dates") -> None:
    english = {
        _catalog_key(key): value
        for key, value in json.loads((PENDING / f"{name}.json").read_text(encoding="utf-8")).items()
    }
    with override("en"):
        catalog = trans_real.translation("en")._catalog
    missing = {k: v for k, v in english.items() if k not in catalog}
    if missing:
        monkeypatch.setattr(catalog, "_catalogs", [*catalog._catalogs, missing])
        monkeypatch.setattr(catalog, "_plurals", [*catalog._plurals, catalog._plurals[-1]])


def _catalog_key(key: str) -> str:
    """A "msgid [context: CTX]" key as gettext's catalogue keys it ("CTX\\x04msgid")."""
    if key.endswith("]") and " [context: " in key:
        msgid, context = key[:-1].rsplit(" [context: ", 1)
        return f"{context}\x04{msgid}"
    return key
