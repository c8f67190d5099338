"""Charts print numbers as the page's language writes them: a Vietnamese page's axis
reads "12.000" and its tooltip "12,66"; an English page's "12,000" and "12.66" (one shared
formatter, core/static/js/numbers.js, used by every chart)."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _chart_texts(page, url: str) -> list[str]:
    page.goto(url)
    page.wait_for_selector("#indicator-chart[data-ready='1']")
    texts = page.locator("#indicator-chart svg text").evaluate_all(
        "nodes => nodes.map(n => n.textContent.trim())"
    )
    return list(texts)


def _tooltip(page, url: str) -> str:
    page.goto(url)
    page.wait_for_selector("#indicator-chart[data-ready='1']")
    holder = page.locator("#indicator-chart")
    # The first observed point's tooltip, as a pointer over it shows it.
    page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById('indicator-chart'))
              .dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})"""
    )
    tip = holder.locator("div", has_text=re.compile(r"\d{4}:"))
    tip.last.wait_for(state="visible")
    return tip.last.inner_text()


@pytest.mark.parametrize(
    ("language", "thousands", "decimal"),
    [
        ("vi", r"^\d{1,3}(\.\d{3})+$", r": \d+,\d{2}\b"),
        ("en", r"^\d{1,3}(,\d{3})+$", r": \d+\.\d{2}\b"),
    ],
)
def test_a_chart_axis_and_tooltip_write_numbers_in_the_page_language(
    browser, seeded_live_server, language, thousands, decimal
) -> None:
    context = browser.new_context(locale="vi-VN")
    context.add_cookies(
        [{"name": "django_language", "value": language, "url": seeded_live_server.url}]
    )
    page = context.new_page()
    base = seeded_live_server.url
    labels = _chart_texts(page, f"{base}/chi-tieu/MOBILE_5G_STATIONS/")
    figures = [t for t in labels if re.fullmatch(r"[\d.,]+", t) and len(t) > 4]
    assert figures, labels  # the value axis of a figure in thousands
    years = [t for t in labels if re.fullmatch(r"[\d.,]+", t) and t not in figures]
    assert years and all(re.fullmatch(r"20\d\d", t) for t in years), years  # one year alone
    assert all(re.fullmatch(thousands, t) for t in figures), " ".join(figures)
    tip = _tooltip(page, f"{base}/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/")
    assert re.search(decimal, tip.strip()), tip
