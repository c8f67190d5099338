"""A button the page disables (the importer's "Xác nhận công bố" while tasks lack a known
lead or name the issuer's own units; a report's confirmation) must look unavailable: before
walk 39 the site's style had no rule for it, and a disabled primary button was the same
solid blue as an active one, so a clerk clicked it and nothing happened."""

import re
from pathlib import Path

import lotrinh

SITE_CSS = Path(lotrinh.__file__).parent / "core" / "static" / "css" / "site.css"


def _rules(css: str) -> list[tuple[str, str]]:
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [(sel.strip(), body) for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)]


def test_a_disabled_button_looks_unavailable():
    rules = [
        body
        for selector, body in _rules(SITE_CSS.read_text(encoding="utf-8"))
        if any(s.strip() in (".btn:disabled", ".btn[disabled]") for s in selector.split(","))
    ]
    assert rules, "no style for a disabled .btn"
    body = " ".join(rules)
    assert "cursor: not-allowed" in body
    assert re.search(r"opacity:\s*0?\.\d", body), body


def test_a_disabled_button_does_not_light_up_on_hover():
    css = SITE_CSS.read_text(encoding="utf-8")
    hover = [b for s, b in _rules(css) if ".btn:disabled:hover" in s]
    assert hover and "border-color" in hover[0]
