"""The main pages pass the Content-Security-Policy in a real browser, chart included."""

import pytest

from tests.conftest import login_page, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def regime(seeded_live_server):
    from lotrinh.programmes.models import Programme

    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    return programme.reporting_regimes.get(code="annual-report")


WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
});
"""


@pytest.fixture
def contexts(browser):
    """Browser contexts opened by a test, closed after it (no live-server thread left)."""
    opened: list = []
    yield opened
    for context in opened:
        context.close()


def watched(browser, live_server, contexts, user=None):
    context = browser.new_context(locale="vi-VN")
    contexts.append(context)
    context.add_init_script(WATCH)
    page = context.new_page()
    patient(page)
    errors: list[str] = []
    # Failed loads are checked per resource in visit() (the favicon is not the page's).
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "Failed to load resource" not in m.text
            else None
        ),
    )
    if user is not None:
        login_page(page, live_server, user)
    return page, errors


def visit(page, errors, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "object-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    page.wait_for_load_state("networkidle")
    broken = page.evaluate(
        "performance.getEntriesByType('resource')"
        ".filter(r => r.responseStatus >= 400 && !r.name.endsWith('/favicon.ico'))"
        ".map(r => r.name)"
    )
    assert broken == [], (url, broken)  # every script and stylesheet loaded
    violations = page.evaluate("window.__csp")
    assert violations == [], (url, violations)
    assert [e for e in errors if "Content Security Policy" in e or "Refused" in e] == [], url
    assert errors == [], (url, errors)


def test_the_main_pages_raise_no_csp_violation_and_the_chart_renders(
    browser, seeded_live_server, officer_a, most_monitor, regime, contexts
):
    from lotrinh.programmes.models import Programme
    from lotrinh.reporting import services

    base = seeded_live_server.url
    programme = Programme.objects.get(code="50/NQ-CP", status="published")
    task = programme.tasks.select_related("clause").order_by("position").first()
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    report = services.ensure_report(officer_a.agency, period)

    page, errors = watched(browser, seeded_live_server, contexts)
    for url in (
        f"{base}/",
        f"{base}/chuong-trinh/{programme.slug}/",
        f"{base}/chuong-trinh/{programme.slug}/nhiem-vu/",
        f"{base}/chuong-trinh/{programme.slug}/nhiem-vu/{task.clause.anchor}/",
        f"{base}/chi-tieu/",
        f"{base}/tai-khoan/dang-nhap/",
    ):
        visit(page, errors, url)
    visit(page, errors, f"{base}/chi-tieu/DIGITAL_ECONOMY_SHARE_GDP/")
    page.wait_for_selector("#indicator-chart[data-ready='1']")
    assert page.locator("#indicator-chart svg").count() >= 1
    box = page.locator("#indicator-chart").bounding_box()
    assert box and box["height"] >= 300  # the height now comes from the stylesheet
    assert page.evaluate("window.__csp") == []

    reporter, reporter_errors = watched(browser, seeded_live_server, contexts, officer_a)
    visit(reporter, reporter_errors, f"{base}/bao-cao/{report.pk}/")
    most, most_errors = watched(browser, seeded_live_server, contexts, most_monitor)
    visit(most, most_errors, f"{base}/bao-cao/tinh-hinh/?year=2024")
    visit(most, most_errors, f"{base}/tong-quan/")  # MOST's overview and its charts
    most.wait_for_selector(".dash-chart[data-ready='1']")
    assert most.evaluate("window.__csp") == []


def test_the_watch_sees_a_violation_when_there_is_one(browser, seeded_live_server, contexts):
    """The check above can fail: an inline style on a page is reported."""
    page, _errors = watched(browser, seeded_live_server, contexts)
    page.goto(f"{seeded_live_server.url}/chi-tieu/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("window.__csp.length > 0")
    assert any("style-src" in v for v in page.evaluate("window.__csp"))


def test_the_api_documentation_renders_under_the_csp(browser, live_server, contexts):
    """Swagger UI (drf-spectacular, vendored by its sidecar): the page's own style comes
    from a stylesheet, its script from a separate address; nothing is blocked."""
    page, errors = watched(browser, live_server, contexts)
    patient(page)  # a 1.5 MB script bundle, on a loaded machine
    visit(page, errors, f"{live_server.url}/api/v1/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Lộ trình API" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".swagger-ui .opblock").count() > 10  # the operations are listed
    # The page's style (drf-spectacular's inline <style>) now applies from a stylesheet.
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(250, 250, 250)"
    assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px"
    assert page.evaluate("window.__csp") == []


def test_the_redoc_documentation_renders_under_the_csp_without_the_network(
    browser, live_server, contexts
):
    """Redoc (drf-spectacular's page, vendored by its sidecar) renders the operations, and
    no request leaves the server (no Google Fonts, no search worker)."""
    page, errors = watched(browser, live_server, contexts)
    patient(page)
    outside: list[str] = []
    page.on(
        "requestfinished",  # answered; a request the policy blocks fails instead
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith((live_server.url, "data:", "blob:"))
            else None
        ),
    )
    response = page.goto(f"{live_server.url}/api/v1/redoc/")
    assert response.status == 200
    page.wait_for_selector("h1")
    assert "Lộ trình API" in page.locator("h1").first.inner_text()
    assert page.locator("[data-section-id^='tag/'], [data-section-id^='operation/']").count() > 10
    # The bundle's footer shows Redocly's logo from its CDN: the policy blocks it (the
    # component then hides it), which is the one violation, and no request leaves.
    violations = page.evaluate("window.__csp")
    assert all(v.startswith("img-src https://cdn.redoc.ly/") for v in violations), violations
    assert outside == []
    assert [e for e in errors if "cdn.redoc.ly" not in e] == []
