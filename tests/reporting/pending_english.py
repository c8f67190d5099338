"""The English of this branch's new texts, waiting in i18n-pending/cycle.json until the
lead compiles it into the catalogue: put in the catalogue for a test (as
test_report_wording does), so notices are checked in both languages now."""

import json
from pathlib import Path

import pytest
from django.utils.translation import override, trans_real

PENDING = Path(__file__).parents[2] / "i18n-pending" / "cycle.json"


def use_pending_english(monkeypatch: pytest.MonkeyPatch) -> None:
    english = json.loads(PENDING.read_text(encoding="utf-8"))
    with override("en"):
        catalog = trans_real.translation("en")._catalog
    missing = {k: v for k, v in english.items() if k not in catalog}
    if missing:
        monkeypatch.setattr(catalog, "_catalogs", [*catalog._catalogs, missing])
        monkeypatch.setattr(catalog, "_plurals", [*catalog._plurals, catalog._plurals[-1]])
