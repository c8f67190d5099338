"""On a phone (390 px) the indicator's metadata sheet keeps its row headings whole:
"Phương pháp tính" / "Method of computation" sat in a squeezed first column, broken a
few letters a line ("Me / th / od / of / co / m / pu / tat / io / n"); each heading now
stands above its Vietnamese and English texts."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_metadata_headings_stay_whole_on_a_phone(page, seeded_live_server, language):
    base = seeded_live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page.goto(f"{base}/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/")
    headings = page.locator("table.metadata tbody th[scope=row]")
    assert headings.count() >= 5
    for i in range(headings.count()):
        heading = headings.nth(i)
        line = float(heading.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        # The words' own box (the cell may be as tall as its row's texts).
        text_height = float(
            heading.evaluate(
                "e => { const r = document.createRange(); r.selectNodeContents(e);"
                " return r.getBoundingClientRect().height; }"
            )
        )
        # One line (two at most for a long heading), never a letter-column.
        assert text_height <= 2 * line + 2, (heading.inner_text(), text_height)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
