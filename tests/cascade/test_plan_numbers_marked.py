"""A plan's number is a Vietnamese document's ("308/KH-UBND (minh hoạ)"): on English pages
it is marked lang="vi", as the compliance page marks it (scripts/vietnamese_on_english_
pages.py found it unmarked on the national programme's page, "Implemented by: …", and on
the reports page, beside the regimes a monitor follows)."""

import pytest
from django.urls import reverse

from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_plans_implementing_a_programme_are_marked_as_vietnamese_numbers(
    province, language
) -> None:
    p = province
    child = p["child"]
    client = client_for(p["monitor"])
    client.cookies["django_language"] = language
    national = child.implements
    page = client.get(reverse("programmes:overview", args=[national.slug])).content.decode()
    link = reverse("programmes:overview", args=[child.slug])
    # The link names the plan with its issuer (plan_code); the number marked Vietnamese
    # where the page is not.
    shown = page.split(f'<a href="{link}"', 1)[1].split("</a>", 1)[0]
    marked = f'<span lang="vi">{child.code}</span>' in shown
    assert marked if language == "en" else f">{child.code} " in shown, shown
    reports = client.get(reverse("reporting:my_reports")).content.decode()
    followed = reports.split('id="followed-regimes"', 1)[1].split("</ul>", 1)[0]
    assert f'(<span lang="vi">{child.code}</span>)' in followed


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_unit_report_choices_mark_the_plans_number(province, language) -> None:
    from lotrinh.reporting import rollup
    from tests.cascade.conftest import YEAR

    p = province
    rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    client = client_for(p["khcn_reporter"])
    client.cookies["django_language"] = language
    page = client.get(reverse("documents:list")).content.decode()
    select = page.split('id="unit-report"', 1)[1].split("</select>", 1)[0]
    assert f' — <span lang="vi">{p["child"].code}</span> — ' in select
