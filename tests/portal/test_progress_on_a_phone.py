"""The public progress tables on a 390 px phone (found walking the portal, 2026-12-06):
the lead-agency table is a matrix in a scrolling box, but the rule that lets any phone
table squeeze its words (`overflow-wrap: anywhere`) let the auto layout shrink its row
headings to one letter a line ("M / in / is / tr / y …", a 1,300 px tall row) instead of
scrolling. Row headings must stay readable and the page must not scroll sideways."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", ["co-quan", "nhom", "muc-tieu"])
def test_the_progress_tables_row_headings_stay_readable_on_a_phone(
    lang, view, page, seeded_live_server
) -> None:
    page.context.add_cookies(
        [{"name": "django_language", "value": lang, "url": seeded_live_server.url}]
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{seeded_live_server.url}/cong-khai/tien-do/{view}/")
    headings = page.locator(".scale-table tbody th[scope=row]")
    assert headings.count() >= 1
    widths = headings.evaluate_all("els => els.map(e => e.getBoundingClientRect().width)")
    heights = headings.evaluate_all("els => els.map(e => e.getBoundingClientRect().height)")
    # At least about fourteen characters a line; a group's long name takes ten lines at
    # most (it took 1,300 px, a letter a line).
    assert min(widths) >= 120, widths
    assert max(heights) <= 300, heights
    # The matrix scrolls in its own box; the page itself does not scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("width", [390, 1366])
def test_the_progress_chart_names_every_agency_whole(lang, width, page, seeded_live_server):
    """The chart's agency names were cut to fit ("Ministry of Nat…" for Natural Resources
    and for National Defence alike, at 390 px): each is now wrapped, never cut."""
    page.context.add_cookies(
        [{"name": "django_language", "value": lang, "url": seeded_live_server.url}]
    )
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(f"{seeded_live_server.url}/cong-khai/tien-do/co-quan/")
    page.wait_for_selector("#portal-chart[data-ready]", state="attached")
    names = page.evaluate(
        "JSON.parse(document.getElementById('portal-chart-data').textContent).categories"
    )
    texts = page.evaluate(
        "[...document.querySelectorAll('#portal-chart svg text')].map(t => t.textContent)"
    )
    assert names and texts
    assert not [t for t in texts if "…" in t or "..." in t], texts
    # A wrapped name is several text lines in a row: read together, in order, every name.
    joined = "".join(texts).replace(" ", "")
    at = 0
    for name in names:
        found = joined.find(name.replace(" ", ""), at)
        assert found >= 0, (name, texts)
        at = found + len(name.replace(" ", ""))


def test_a_name_without_english_is_marked_vietnamese_in_the_chart(page, seeded_live_server):
    """With the names as text (SVG), a group name that has no English yet showed as
    unmarked Vietnamese on the English page; the table marks it, the chart now too. (A
    task group's name is the programme's own words: it has no English.)"""
    page.context.add_cookies(
        [{"name": "django_language", "value": "en", "url": seeded_live_server.url}]
    )
    page.goto(f"{seeded_live_server.url}/cong-khai/tien-do/nhom/")
    page.wait_for_selector("#portal-chart[data-ready]", state="attached")
    unmarked = page.evaluate(
        "[...document.querySelectorAll('#portal-chart svg text')]"
        ".filter(t => /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i.test(t.textContent)"
        " && !t.closest('[lang=vi]')).map(t => t.textContent)"
    )
    marked = page.evaluate("document.querySelectorAll('#portal-chart svg text[lang=vi]').length")
    assert marked and not unmarked, unmarked
