"""makemessages (xgettext) reads no expression inside an f-string: a text translated there
must be marked elsewhere too (a `gettext_noop` list), or `make messages` drops it from the
catalogue and English pages show it in Vietnamese (found when the frame was written
directly)."""

import gettext
import io
import re
import tokenize
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2] / "lotrinh"
CALL = re.compile(r"""(?<![\w.])(?:gettext|_)\(\s*(["'])(.+?)\1\s*\)""")


def _fstring_texts() -> dict[str, str]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type != tokenize.STRING:
                continue
            prefix = re.match(r"[a-zA-Z]*", token.string).group(0).lower()  # type: ignore[union-attr]
            if "f" not in prefix:
                continue
            for _quote, text in CALL.findall(token.string):
                found[text] = f"{path.relative_to(ROOT)}:{token.start[0]}"
    return found


def test_every_text_translated_inside_an_fstring_is_in_a_catalogue() -> None:
    msgids: set[str] = set()
    for mo in ROOT.glob("*/locale/en/LC_MESSAGES/django.mo"):
        with mo.open("rb") as file:
            msgids.update(k for k in gettext.GNUTranslations(file)._catalog if isinstance(k, str))
    texts = _fstring_texts()
    assert texts, "the scan finds the frame's texts"
    missing = {text: where for text, where in texts.items() if text not in msgids}
    assert not missing, missing
