"""The public charts on a 390 px phone (noticed walking the portal, 2026-12-07): the
overview's one bar of all tasks filled a 520 px box (the phone rule for the progress
charts overrode the small chart's height), its label took a third of the width, and the
legend scrolled behind a "1/5" pager, naming two of the five statuses, the second cut
("Đang thực hiện đúng"). On the progress pages a name wrapped on five lines ran into the
next row's name. Each status is now named whole below a short chart, and each row is as
tall as its longest name."""

import re

import pytest

from lotrinh.portal import public

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXTS = "[...document.querySelectorAll('#portal-chart svg text')].map(t => t.textContent)"


def _open(page, server, lang: str, path: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": server.url}])
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server.url}{path}")
    page.wait_for_selector("#portal-chart[data-ready]", state="attached")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_overview_chart_names_every_status_in_a_short_box_on_a_phone(
    lang, page, seeded_live_server
) -> None:
    _open(page, seeded_live_server, lang, "/cong-khai/")
    texts = [t.strip() for t in page.evaluate(TEXTS)]
    statuses = page.evaluate(
        "JSON.parse(document.getElementById('portal-chart-data').textContent)"
        ".series.map(s => s.name)"
    )
    assert len(statuses) == len(public.SCALE)
    missing = [s for s in statuses if s not in texts]
    assert not missing, (missing, texts)
    assert not [t for t in texts if re.fullmatch(r"\d+/\d+", t)], texts  # no pager
    box = page.locator("#portal-chart").bounding_box()
    assert box is not None
    assert box["height"] <= 260, box
    # Every legend line is inside the box, not cut at its edge.
    legend = page.evaluate(
        "[...document.querySelectorAll('#portal-chart svg text')]"
        ".filter(t => !/^[0-9.,\\s]+$/.test(t.textContent))"
        ".map(t => t.getBoundingClientRect()).map(r => [r.top, r.bottom, r.right])"
    )
    assert all(box["y"] <= top and bottom <= box["y"] + box["height"] for top, bottom, _r in legend)
    assert all(right <= box["x"] + box["width"] + 1 for _t, _b, right in legend), legend
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("view", ["co-quan", "nhom", "muc-tieu"])
def test_the_progress_charts_names_do_not_run_into_each_other_on_a_phone(
    lang, view, page, seeded_live_server
) -> None:
    _open(page, seeded_live_server, lang, f"/cong-khai/tien-do/{view}/")
    rects = page.evaluate(
        "[...document.querySelectorAll('#portal-chart svg text')]"
        ".filter(t => t.textContent.trim())"
        ".map(t => { const r = t.getBoundingClientRect();"
        " return [t.textContent, r.left, r.top, r.right, r.bottom]; })"
    )
    overlaps = [
        (a[0], b[0])
        for i, a in enumerate(rects)
        for b in rects[i + 1 :]
        if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1
    ]
    assert not overlaps, overlaps
    statuses = page.evaluate(
        "JSON.parse(document.getElementById('portal-chart-data').textContent)"
        ".series.map(s => s.name)"
    )
    texts = [r[0].strip() for r in rects]
    assert not [s for s in statuses if s not in texts], texts
