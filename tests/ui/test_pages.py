"""Every main page (tests/ui/pages.py), per persona, in Vietnamese and English, at 1,366 and
390 px: no horizontal overflow, no text of the other language, no internal codes, and no
serious or critical WCAG 2.1 A/AA violation found by axe-core.

The pages are visited once (module fixture `audit`) and each check is a test per language
and width, listing every failing page with what failed.

The other-language check depends on the data being stored in both languages (issue 10
item 2, the `language` helper): data notes, definitions and units in English on
Vietnamese pages fail it until that lands. It is not expected to fail: each failing page
is listed with the text that failed.
"""

import time
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.ui.audit import CHARTS_DRAWN, PageResult, check, internal_codes, other_language
from tests.ui.conftest import UIWorld
from tests.ui.pages import LANGUAGES, PAGES, PERSONAS, WIDTHS, resolved

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

VARIANTS = [(lang, width) for lang in LANGUAGES for width in WIDTHS]
if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
    # The PostgreSQL pass of CI (.ci/run) checks every page of every persona on that
    # database's data, in each language and at each width, but not every pair of them:
    # what the pairs add (overflow, the other language, axe) is rendering, which the
    # database does not change, and the SQLite pass checks all four. It halves the
    # longest module of that pass (449 s of one worker in the last PostgreSQL run).
    VARIANTS = [("vi", "desk"), ("en", "phone")]
VARIANT_IDS = [f"{lang}-{width}" for lang, width in VARIANTS]


@pytest.fixture(scope="module")
def audit(ui_world: UIWorld) -> Iterator[dict[tuple[str, str], list[PageResult]]]:
    pages, skipped, absent = resolved(ui_world.objects)
    assert skipped == [], f"pages without their object in the test world: {skipped}"
    for page in absent:
        print(f"not checked (not on this branch yet): {page.persona}/{page.label} {page.url_name}")
    results: dict[tuple[str, str], list[PageResult]] = {variant: [] for variant in VARIANTS}
    started = time.monotonic()
    for persona in PERSONAS:
        mine = [(page, path) for page, path in pages if page.persona == persona]
        for lang, width_name in VARIANTS:
            width, height = WIDTHS[width_name]
            context = ui_world.context(persona, lang, width, height)
            browser_page = context.new_page()
            try:
                for page, path in mine:
                    result = PageResult(persona, page.label, lang, width_name, path)
                    response = browser_page.goto(ui_world.url + path)
                    result.status = response.status if response else 0
                    browser_page.wait_for_load_state("load")
                    if result.status == 200:
                        check(browser_page, result)
                    results[(lang, width_name)].append(result)
            finally:
                context.close()
    print(
        f"\nUI audit: {sum(map(len, results.values()))} page views in "
        f"{time.monotonic() - started:.0f} s"
    )
    yield results


def report(failures: list[str], what: str, note: str = "") -> str:
    return f"{len(failures)} page(s) with {what}{note}:\n" + "\n".join(failures)


def test_every_main_page_is_listed_for_every_persona_and_answers(audit: Any) -> None:
    personas = {page.persona for page in PAGES}
    assert personas == set(PERSONAS)
    broken = [f"{r.name}: HTTP {r.status}" for rs in audit.values() for r in rs if r.status != 200]
    assert broken == [], "\n".join(broken)


@pytest.mark.parametrize(("lang", "width"), VARIANTS, ids=VARIANT_IDS)
def test_no_page_is_wider_than_the_screen(audit: Any, lang: str, width: str) -> None:
    failures = [
        f"{r.name}: scrollWidth {r.scroll_width} > innerWidth {r.inner_width}"
        for r in audit[(lang, width)]
        if r.status == 200 and r.overflows
    ]
    assert failures == [], report(failures, "horizontal overflow")


@pytest.mark.parametrize(("lang", "width"), VARIANTS, ids=VARIANT_IDS)
def test_no_date_is_split_over_two_lines(audit: Any, lang: str, width: str) -> None:
    """A date is read as one word: a narrow column (the deadlines' "Hạn" at 1,366 px)
    broke "01/12/2026" after its month."""
    failures = [
        f"{r.name}:\n    " + "\n    ".join(r.broken_dates)
        for r in audit[(lang, width)]
        if r.broken_dates
    ]
    assert failures == [], report(failures, "a date split over two lines")


@pytest.mark.parametrize(("lang", "width"), VARIANTS, ids=VARIANT_IDS)
def test_no_text_of_the_other_language(audit: Any, lang: str, width: str) -> None:
    """Depends on issue 10 item 2 (data in both languages, the `language` helper)."""
    failures = [
        f"{r.name}:\n    " + "\n    ".join(r.other_language)
        for r in audit[(lang, width)]
        if r.other_language
    ]
    assert failures == [], report(
        failures,
        "text of the other language",
        " (data notes wait for the data in both languages, issue 10 item 2)",
    )


@pytest.mark.parametrize(("lang", "width"), VARIANTS, ids=VARIANT_IDS)
def test_no_internal_code_is_shown(audit: Any, lang: str, width: str) -> None:
    failures = [
        f"{r.name}:\n    " + "\n    ".join(r.codes) for r in audit[(lang, width)] if r.codes
    ]
    assert failures == [], report(failures, "internal codes")


@pytest.mark.parametrize(("lang", "width"), VARIANTS, ids=VARIANT_IDS)
def test_axe_finds_no_serious_or_critical_violation(audit: Any, lang: str, width: str) -> None:
    failures = []
    for r in audit[(lang, width)]:
        for v in r.axe:
            nodes = "\n        ".join(v["nodes"])
            failures.append(
                f"{r.name}: {v['impact']} {v['id']} ({v['count']}×) — {v['help']}\n        {nodes}"
            )
    assert failures == [], report(failures, "axe violations (serious/critical)")


# ---------------------------------------------------------------- the checks can fail
def test_the_language_check_finds_each_language_out_of_place() -> None:
    assert other_language("Chưa nộp", "en", "en")
    assert other_language("Chưa nộp", "vi", "en") is None  # marked lang="vi"
    assert other_language("Lộ trình", "en", "en") is None  # the product's name
    assert other_language("II.3.đ.5", "en", "en") is None  # a clause reference
    assert other_language("Task II.3.đ.5: Chưa triển khai", "en", "en")
    assert other_language("Reports in the format of Decree 30/2020/NĐ-CP", "en", "en") is None
    assert other_language("Quyết định 16/QĐ-BCT đã ban hành", "en", "en")
    # The Party's numbers (Hướng dẫn 36-HD/VPTW) and bodies written with digits.
    assert other_language("Plan 3260-KH/ĐĐQH15 of the delegation", "en", "en") is None
    assert other_language("Decision 45-QĐ/TW, Law 93/2015/QH13", "en", "en") is None
    assert other_language("Kế hoạch 3260-KH/ĐĐQH15", "en", "en")
    assert other_language("Encoded from the study notes per NAMES source", "vi", "vi")
    assert other_language("Đã lưu", "vi", "vi") is None
    assert other_language("PDF", "vi", "vi") is None
    assert other_language("2024", "en", "en") is None


def test_the_code_check_finds_codes_and_paths() -> None:
    for text in (
        "GII_ASEAN_POSITION",
        "preamble.1",
        "2.general",
        "seed text in lotrinh/programmes/data/sources/x.txt",
        "report.entry_saved {'status': 'not_started'}",
        "loader.py",
        '<section class="card"><h2 class="flush">What agencies reported</h2>',
    ):
        assert internal_codes(text), text
    assert internal_codes("Nghị quyết 50/NQ-CP, mục II.1.b") == []


def test_the_page_checks_see_an_overflow_and_a_violation(ui_world: UIWorld) -> None:
    context = ui_world.context("anonymous", "en", 390, 844)
    try:
        page = context.new_page()
        page.goto(ui_world.url + "/co-quan/")
        page.evaluate(
            "document.querySelector('main').insertAdjacentHTML('beforeend',"
            ' \'<div class="x"><img src="/x.png"><p>Chưa nộp</p><p>AB_CD</p></div>\');'
            " document.querySelector('.x').style.width = '900px';"
            # A date in a column too narrow for it, as the deadlines' was; and the same
            # date kept whole (the site's `nowrap`), which the check lets pass.
            " document.querySelector('main').insertAdjacentHTML('beforeend',"
            ' \'<table class="dash-table probe-dates"><tr><td>01/12/2026</td>'
            '<td><span class="nowrap">02/12/2026</span></td></tr></table>\');'
            # (Set by script: the site's CSP refuses a style attribute.)
            " document.querySelector('.probe-dates').style.width = '3rem'"
        )
        result = check(page, PageResult("anonymous", "probe", "en", "phone", "/co-quan/"))
    finally:
        context.close()
    assert result.overflows
    assert any("Chưa nộp" in line for line in result.other_language)
    assert any("AB_CD" in line for line in result.codes)
    assert [line.split()[0] for line in result.broken_dates] == ["01/12/2026"]
    assert any(v["id"] == "image-alt" for v in result.axe)


def test_the_page_checks_wait_for_the_charts_to_be_drawn(ui_world: UIWorld) -> None:
    """axe ran as soon as the page had loaded, whether its charts were drawn or not: the
    checks now wait for every chart holder to be drawn (or said empty) first."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = ui_world.context("anonymous", "en", 390, 844)
    try:
        page = context.new_page()
        page.goto(ui_world.url + "/co-quan/")
        page.evaluate(
            "document.querySelector('main').insertAdjacentHTML('beforeend',"
            ' \'<div id="probe" data-chart-holder role="img"></div>\')'
        )
        page.set_default_timeout(2_000)  # the chart is never drawn: no need to wait long
        with pytest.raises(PlaywrightTimeout):
            check(page, PageResult("anonymous", "probe", "en", "phone", "/co-quan/"))
        # Drawn (an SVG with a size): the checks run and axe reads the chart, here a
        # chart with no accessible name.
        page.evaluate(
            "const holder = document.getElementById('probe');"
            ' holder.innerHTML = \'<svg width="120" height="60"></svg>\';'
            " holder.dataset.ready = '1'"
        )
        result = check(page, PageResult("anonymous", "probe", "en", "phone", "/co-quan/"))
    finally:
        context.close()
    assert any(v["id"] == "role-img-alt" for v in result.axe), result.axe


def test_each_chart_of_the_overview_is_named_by_what_it_shows(ui_world: UIWorld) -> None:
    """The overview's three charts were all named "Chart; the table beside holds the same
    figures": a screen reader could not tell them apart. Each is named by its heading."""
    context = ui_world.context("most", "vi", 1366, 900)
    try:
        page = context.new_page()
        page.goto(ui_world.url + "/tong-quan/")
        page.wait_for_function(CHARTS_DRAWN)
        names = page.locator("main").aria_snapshot()
    finally:
        context.close()
    charts = [line.strip() for line in names.splitlines() if line.strip().startswith("- img ")]
    assert len(charts) >= 2, names
    assert len(set(charts)) == len(charts), charts
    assert any("Nhiệm vụ theo tình trạng" in name for name in charts), charts


# ---------------------------------------------------------------- navigation, cards, print
def test_on_a_phone_the_menu_is_collapsed_and_opens_and_closes_by_keyboard(
    ui_world: UIWorld,
) -> None:
    context = ui_world.context("most", "en", 390, 844)
    try:
        page = context.new_page()
        page.goto(ui_world.url + "/bao-cao/")
        header = page.locator("header.topbar").bounding_box()
        assert header is not None and header["height"] <= 100, header  # not the first screen
        toggle = page.locator(".menu-toggle")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert toggle.get_attribute("aria-controls") == "site-menu"
        assert not page.locator(".mainnav").is_visible()
        assert not page.locator(".whoami").is_visible()  # the user's line is in the menu
        toggle.focus()
        page.keyboard.press("Enter")
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.locator(".mainnav a").first.is_visible()
        assert page.locator(".mainnav a[aria-current='page']").count() == 1
        page.keyboard.press("Escape")
        assert toggle.get_attribute("aria-expanded") == "false"
        assert not page.locator(".mainnav").is_visible()
        assert page.evaluate("document.activeElement.classList.contains('menu-toggle')")
    finally:
        context.close()


@pytest.mark.parametrize("persona", ["most", "admin"])
def test_on_a_desk_the_english_menu_is_one_row_and_no_button(
    ui_world: UIWorld, persona: str
) -> None:
    context = ui_world.context(persona, "en", 1366, 900)
    try:
        page = context.new_page()
        page.goto(ui_world.url + "/bao-cao/")
        expect(page.locator(".whoami")).to_be_visible()  # the page's header is there
        assert not page.locator(".menu-toggle").is_visible()
        rows = page.evaluate(
            "new Set([...document.querySelectorAll('.mainnav a')]"
            ".map(a => Math.round(a.getBoundingClientRect().top))).size"
        )
        assert rows <= 2, f"the menu wraps into {rows} rows"
    finally:
        context.close()


def test_on_a_phone_a_table_becomes_cards_labelled_by_its_columns(ui_world: UIWorld) -> None:
    context = ui_world.context("anonymous", "vi", 390, 844)
    try:
        page = context.new_page()
        page.goto(ui_world.url + "/co-quan/")
        cell = page.locator("main table tbody tr").first.locator("td").first
        assert cell.evaluate("td => getComputedStyle(td).display") == "block"
        assert cell.get_attribute("data-label") == "Cơ quan"
        assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Cơ quan"'
        assert page.evaluate(
            "document.querySelector('main table thead').getBoundingClientRect().height <= 1"
        )
        # A sheet of facts (row headings in the body) stays a sheet, not cards.
        page.goto(ui_world.url + "/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/")
        facts = page.locator("main table.card td").first
        assert facts.get_attribute("data-label") is None
    finally:
        context.close()
    desk = ui_world.context("anonymous", "vi", 1366, 900)
    try:
        page = desk.new_page()
        page.goto(ui_world.url + "/co-quan/")
        cell = page.locator("main table tbody td").first
        assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
    finally:
        desk.close()


@pytest.mark.parametrize(
    ("persona", "label"),
    [("most", "report"), ("reporter", "report"), ("most", "compliance"), ("anonymous", "task")],
)
def test_printing_shows_the_content_only(ui_world: UIWorld, persona: str, label: str) -> None:
    page_spec = next(p for p in PAGES if p.persona == persona and p.label == label)
    path = page_spec.path(ui_world.objects)
    assert path is not None
    context = ui_world.context(persona, "vi", 1000, 1400)
    try:
        page = context.new_page()
        page.goto(ui_world.url + path)
        page.emulate_media(media="print")
        # The print styles apply (a positive sign) before what they hide is counted.
        page.wait_for_function("matchMedia('print').matches")
        shown = page.evaluate(
            "[...document.querySelectorAll('header, footer, nav, button, .btn, input[type=file],"
            " form.filters')].filter(e => e.checkVisibility()).map(e => e.outerHTML.slice(0, 80))"
        )
        assert shown == []
        main = page.locator("main").bounding_box()
        assert main is not None and main["width"] >= 990  # the full width of the paper
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") in (
            "rgb(255, 255, 255)",
            "rgba(0, 0, 0, 0)",
        )
        assert page.evaluate("getComputedStyle(document.querySelector('h1')).color") == (
            "rgb(0, 0, 0)"
        )
        assert page.locator("main").inner_text().strip()  # the content is still there
    finally:
        context.close()


def test_an_anonymous_visitor_sees_the_task_page_sections_as_a_page_not_as_html(
    ui_world: UIWorld,
) -> None:
    """The reports section used to be escaped for visitors (str + SafeString is a str)."""
    context = ui_world.context("anonymous", "en", 1366, 900)
    try:
        page = context.new_page()
        page.goto(ui_world.url + f"/chuong-trinh/50-nq-cp/nhiem-vu/{ui_world.objects.task_anchor}/")
        text = page.inner_text("main")
        assert "<section" not in text and "<h2" not in text
        assert page.locator("main section.card h2").count() >= 1
    finally:
        context.close()
