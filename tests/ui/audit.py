"""Page-wide checks of a rendered page, shared by tests/ui and scripts/screenshots.py.

In the browser (Playwright page) `collect()` reads the page's width and its visible text;
in Python the text is checked:

- overflow: `document.documentElement.scrollWidth <= innerWidth`;
- other language: on an English page, text outside `lang="vi"` that is a Vietnamese msgid
  of the catalogues (translated to something else) or contains letters only Vietnamese
  uses (ă â đ ê ô ơ ư and the tone-marked vowels); on a Vietnamese page, text outside
  `lang="en"` that is an English translation of the catalogues (long enough and not itself
  a msgid, so "PDF", numbers and document codes never count) or reads as an English
  sentence (two English function words such as "the", "from", "per": no Vietnamese
  syllable is spelt like them, so data notes in English are found without a list);
- dates: a date (dd/mm/yyyy) laid out over two lines;
- internal codes: constant-style codes, clause anchors, file paths, Python dicts;
- axe-core (vendored, tests/ui/vendor) with the WCAG 2.1 A/AA rules: serious and
  critical violations.

Proper nouns allowed in both languages: the product's name "Lộ trình" (kept as the brand
on English pages), clause references such as II.3.đ.5 (đ numbers items in Vietnamese
legal texts) and numbers of legal documents such as 30/2020/NĐ-CP. Everything else Vietnamese on an English page must sit in an element
marked `lang="vi"` (a legal text, a name with no English form), and the reverse.
"""

import gettext
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).with_name("vendor") / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

COLLECT = r"""
() => {
  const pageLang = (document.documentElement.getAttribute('lang') || '').slice(0, 2);
  const langOf = (el) => {
    const holder = el.closest('[lang]');
    return holder ? holder.getAttribute('lang').slice(0, 2).toLowerCase() : pageLang;
  };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 3; e = e.parentElement) {
      let part = e.tagName.toLowerCase();
      if (e.id) part += '#' + e.id;
      else if (e.classList.length) part += '.' + [...e.classList].slice(0, 2).join('.');
      parts.unshift(part);
    }
    return parts.join(' > ');
  };
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.nodeValue.replace(/\s+/g, ' ').trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('script, style, noscript, template')) continue;
    // An option is read when its list opens; other text only when it is shown.
    if (!el.closest('option') && !el.checkVisibility({visibilityProperty: true})) continue;
    texts.push({text, lang: langOf(el), where: where(el)});
  }
  const attributes = ['placeholder', 'aria-label', 'title', 'alt'];
  document.querySelectorAll('[placeholder], [aria-label], [title], img[alt], input[type=submit], input[type=button]').forEach((el) => {
    for (const name of attributes.concat(el.tagName === 'INPUT' ? ['value'] : [])) {
      const value = (el.getAttribute(name) || '').replace(/\s+/g, ' ').trim();
      if (value) texts.push({text: value, lang: langOf(el), where: where(el) + '[' + name + ']'});
    }
  });
  texts.push({text: document.title, lang: pageLang, where: 'title'});
  // A date shown over two lines ("01/12/" above "2026"): its characters' boxes on more
  // than one line. Text hidden from sight (a screen reader's hint) is not laid out as read.
  const brokenDates = [];
  const dates = /\b\d{1,2}\/\d{1,2}\/\d{4}\b/g;
  const dateWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (dateWalker.nextNode()) {
    const node = dateWalker.currentNode;
    const el = node.parentElement;
    if (!el || el.closest('script, style, noscript, template, option, .visually-hidden')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    for (const match of node.nodeValue.matchAll(dates)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) brokenDates.push(match[0] + ' (' + where(el) + ')');
    }
  }
  return {
    lang: pageLang,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    texts,
    brokenDates,
  };
}
"""

# A chart holder (`data-chart-holder`) is drawn when its script has set `data-ready="1"`
# and the chart's canvas or SVG has a size (`"empty"`: no data, nothing to draw). The
# checks wait for it, so axe and the text checks read the charts as a person sees them.
CHARTS_DRAWN = """
() => [...document.querySelectorAll('[data-chart-holder]')].every((holder) => {
  if (holder.dataset.ready === 'empty') return true;
  if (holder.dataset.ready !== '1') return false;
  const drawn = holder.querySelector('canvas, svg');
  const box = drawn ? drawn.getBoundingClientRect() : null;
  return !!box && box.width > 0 && box.height > 0;
})
"""

RUN_AXE = """
async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: 'tag', values: tags},
    resultTypes: ['violations'],
  });
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('')),
      count: v.nodes.length,
    }));
}
"""

CODE_PATTERNS = [
    re.compile(r"\b[A-Z][A-Z0-9]+(_[A-Z0-9]+)+\b"),
    re.compile(r"\bpreamble\.\d"),
    re.compile(r"\b\d+\.general\b"),
    re.compile(r"lotrinh/"),
    re.compile(r"\.py\b"),
    re.compile(r"\{'"),
    # markup shown as text (an HTML fragment escaped twice)
    re.compile(r"</?(section|div|span|p|h[1-6]|a|ul|ol|li|table|tr|td|th|strong|em|br)\b[^<>]*>"),
]
# Letters written only in Vietnamese (among the languages of this site): the breve, circumflex
# and horn vowels, đ, and vowels carrying a tone mark (grave, acute, hook, tilde, dot).
VIETNAMESE_LETTERS = re.compile("[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9àáãèéìíòóõùúýỳĩũÀÁÃÈÉÌÍÒÓÕÙÚÝỲĨŨ]")
# English words no Vietnamese syllable is spelt like (so no false alarm on Vietnamese text).
ENGLISH_WORDS = re.compile(
    r"\b(the|of|and|from|with|per|for|is|are|was|were|been|by|or|not|this|that|which|has|have|into|than|its|their)\b",
    re.IGNORECASE,
)
BRAND = "Lộ trình"
# A clause reference of a legal text (II.3.đ.5): "đ" is a letter of the Vietnamese
# enumeration (a, b, c, d, đ, e), kept as written in both languages like any reference.
CLAUSE_REF = re.compile(r"\b[IVX]+(\.[0-9]+|\.[a-zđ])+\b")
# The number of a legal document is its name in every language: the State's number/year/
# kind-body (Decree 30: 30/2020/NĐ-CP, 16/QĐ-BCT, 93/2015/QH13) and the Party's
# number-kind/body (Hướng dẫn 36-HD/VPTW: 52-NQ/TW, 3260-KH/ĐĐQH15, 12-BC/TU).
_SYMBOL = r"[A-ZĐ][A-ZĐ0-9]*(-[A-ZĐ][A-ZĐ0-9]*)*"
DOCUMENT_NUMBER = re.compile(rf"\b\d+((/\d{{4}})?/|-[A-ZĐ]+/){_SYMBOL}")
EDGE_PUNCTUATION = " \t:;,.!?()[]«»“”\"'‹›·—–-…*"


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", " ", text)).strip(EDGE_PUNCTUATION)


@dataclass(frozen=True)
class Catalogue:
    vietnamese: frozenset[str]  # msgids whose English differs (must not show on English pages)
    english: frozenset[str]  # their English, casefolded (must not show on Vietnamese pages)


@cache
def catalogue() -> Catalogue:
    """Every app's English catalogue (compiled .mo; msgids are Vietnamese)."""
    vietnamese: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for mo in sorted(ROOT.glob("lotrinh/*/locale/en/LC_MESSAGES/django.mo")):
        with mo.open("rb") as handle:
            entries = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        for key, value in entries.items():
            msgid = (key[0] if isinstance(key, tuple) else key).split("\x04", 1)[-1]
            if not msgid or not value:
                continue
            pairs.append((normalise(msgid), normalise(value)))
    folded_msgids = {msgid.casefold() for msgid, _ in pairs}
    english: set[str] = set()
    for msgid, msgstr in pairs:
        if msgid == msgstr:
            continue
        if "%(" not in msgid and len(msgid) >= 2:
            vietnamese.add(msgid)
        # Short or code-like English ("PDF", "DOCX (Word)", "No.") and English that is also
        # a Vietnamese msgid are ambiguous: they are left to the sentence rule.
        if (
            len(msgstr) >= 4
            and re.search(r"[a-z]{3}", msgstr)
            and msgstr.casefold() not in folded_msgids
            and "%(" not in msgstr
        ):
            english.add(msgstr.casefold())
    return Catalogue(frozenset(vietnamese), frozenset(english))


def other_language(text: str, lang: str, page_lang: str) -> str | None:
    """Why `text` is in the other language than the page's, or None."""
    if lang != page_lang:
        return None  # marked as the other language on purpose (lang="vi" / lang="en")
    value = normalise(text)
    if not value:
        return None
    books = catalogue()
    if page_lang == "en":
        value = normalise(DOCUMENT_NUMBER.sub("", CLAUSE_REF.sub("", value.replace(BRAND, ""))))
        if not value:
            return None
        if value in books.vietnamese:
            return "Vietnamese msgid of the catalogue"
        if VIETNAMESE_LETTERS.search(value):
            return "Vietnamese letters"
        return None
    if VIETNAMESE_LETTERS.search(value):
        return None
    if value.casefold() in books.english:
        return "English msgstr of the catalogue"
    if len(set(word.lower() for word in ENGLISH_WORDS.findall(value))) >= 2:
        return "an English sentence"
    return None


def internal_codes(text: str) -> list[str]:
    return [m.group(0) for pattern in CODE_PATTERNS for m in pattern.finditer(text)]


@dataclass
class PageResult:
    persona: str
    label: str
    lang: str
    width: str
    path: str
    status: int = 0
    scroll_width: int = 0
    inner_width: int = 0
    other_language: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    broken_dates: list[str] = field(default_factory=list)
    axe: list[dict[str, Any]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.persona}/{self.label} [{self.lang} {self.width}] {self.path}"

    @property
    def overflows(self) -> bool:
        return self.scroll_width > self.inner_width


def check(page: Any, result: PageResult, with_axe: bool = True) -> PageResult:
    """Fill `result` from the page currently loaded in the Playwright `page`, once its
    charts are drawn."""
    page.wait_for_function(CHARTS_DRAWN)
    data = page.evaluate(COLLECT)
    result.scroll_width = data["scrollWidth"]
    result.inner_width = data["innerWidth"]
    result.broken_dates = list(dict.fromkeys(data["brokenDates"]))
    seen: set[tuple[str, str]] = set()
    for item in data["texts"]:
        reason = other_language(item["text"], item["lang"], data["lang"])
        if reason and (item["text"], reason) not in seen:
            seen.add((item["text"], reason))
            result.other_language.append(f"{item['text'][:120]!r} ({reason}; {item['where']})")
        for code in internal_codes(item["text"]):
            if (code, "code") not in seen:
                seen.add((code, "code"))
                result.codes.append(f"{code!r} in {item['text'][:100]!r} ({item['where']})")
    if with_axe:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated through the DevTools protocol, which the page's CSP does not govern.
            page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        result.axe = page.evaluate(RUN_AXE, AXE_TAGS)
    return result
