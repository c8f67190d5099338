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


def test_an_axis_tooltip_keeps_name_and_value_apart_and_its_decimals(
    browser, seeded_live_server, most_monitor
) -> None:
    """ECharts' own tooltip markup styles the value with an inline style, which the CSP
    refuses: the compliance chart read "Tỷ lệ báo cáo21%" (run together, and 21.1 cut to
    21: `percent` took the data index ECharts' valueFormatter passes for its digits). The
    shared formatter writes "name: value" with classes only, every text escaped."""
    from tests.conftest import login_page

    context = browser.new_context(locale="vi-VN")
    context.add_cookies([{"name": "django_language", "value": "vi", "url": seeded_live_server.url}])
    page = context.new_page()
    styles_refused: list[str] = []
    page.on("console", lambda m: "style-src" in m.text and styles_refused.append(m.text))
    login_page(page, seeded_live_server, most_monitor)
    page.goto(f"{seeded_live_server.url}/bao-cao/tinh-hinh/")
    page.wait_for_selector("#compliance-chart[data-ready='1']")
    written = page.evaluate(
        """() => lotrinhNumbers.axisTooltip(lotrinhNumbers.percent)([
              {axisValueLabel: '2026', seriesName: 'Tỷ lệ <i>báo cáo</i>', value: 21.1},
              {axisValueLabel: '2026', seriesName: 'Tỷ lệ đúng hạn', value: 10.5}])"""
    )
    assert "Tỷ lệ &lt;i&gt;báo cáo&lt;/i&gt;: <b>21,1%</b>" in written
    assert "Tỷ lệ đúng hạn: <b>10,5%</b>" in written and "style=" not in written
    page.evaluate(
        """() => echarts.getInstanceByDom(document.getElementById('compliance-chart'))
              .dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0})"""
    )
    tip = page.locator("#compliance-chart div", has_text=re.compile(r"Tỷ lệ báo cáo: "))
    tip.last.wait_for(state="visible")
    assert re.search(r"Tỷ lệ báo cáo: (\d+(,\d)?%|—)", tip.last.inner_text())
    assert not styles_refused, styles_refused[:1]
