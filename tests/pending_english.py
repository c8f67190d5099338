"""English of msgids waiting in `i18n-pending/<name>.json` for the lead to compile them.

Until the catalogue has them, English pages show their Vietnamese msgid. The fixture
`pending_english(name)` adds the pending English of the msgids the compiled catalogue
does not have yet to the English catalogue for one test (removed after it); once the
catalogue has them, it adds nothing and the tests read the compiled English."""

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.utils.translation import trans_real

PENDING = Path(__file__).resolve().parent.parent / "i18n-pending"


def _entries(name: str) -> dict[Any, str]:
    """Catalogue keys (a msgid, or (msgid, form) for a plural) → English."""
    found: dict[Any, str] = {}
    for msgid, english in json.loads((PENDING / f"{name}.json").read_text("utf-8")).items():
        if msgid.startswith("_"):
            continue
        if isinstance(english, list):
            for form, text in enumerate(english):
                found[(msgid, form)] = text
        else:
            found[msgid] = english
    return found


@pytest.fixture
def pending_english() -> Iterator[Callable[[str], None]]:
    catalogue = trans_real.translation("en")._catalog  # type: ignore[attr-defined]
    added: list[Any] = []

    def add(name: str) -> None:
        for key, english in _entries(name).items():
            if key not in catalogue:
                catalogue[key] = english
                added.append(key)

    yield add
    for key in added:
        catalogue._catalogs[0].pop(key, None)
