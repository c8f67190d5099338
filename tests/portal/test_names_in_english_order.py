"""Lists of agencies are in the order of the names the page shows: on an English page the
English alphabet of the English names (`core.text.en_sort_key`), not the Vietnamese order
of the Vietnamese names. The task page's "What agencies reported" put the Ministry of
Industry and Trade ("Bộ Công Thương") before the Ministry of Health ("Bộ Y tế")."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from lotrinh.accounts.models import Role
from lotrinh.core.text import en_sort_key, vi_sort_key
from lotrinh.portal.services import publish_period
from lotrinh.reporting.services import accepted_entries_for_task
from tests.conftest import AGENCY_A, make_user

pytestmark = pytest.mark.django_db
INDUSTRY = "bo-cong-thuong"  # C before Y in Vietnamese; "Industry" after "Health" in English


@pytest.fixture
def shared_task(cycle):  # type: ignore[no-untyped-def]
    """A task both ministries reported on, in reports accepted and published for 2023."""
    cycle.reporters[INDUSTRY] = make_user("p_reporter_i", INDUSTRY, Role.REPORTER)
    cycle.approvers[INDUSTRY] = make_user("p_approver_i", INDUSTRY, Role.APPROVER)
    reports = [cycle.accepted(code, 2023, code) for code in (AGENCY_A, INDUSTRY)]
    publish_period(cycle.most, reports[0].period)
    tasks = [{e.task for e in r.entries.select_related("task__clause")} for r in reports]
    common = tasks[0] & tasks[1]
    assert common, "the two ministries share no task in the demo programme"
    return min(common, key=lambda t: t.position)


def _shown(page: str, heading: str) -> list[str]:
    """The agencies of the section's rows, as the page names them."""
    section = page.split(f'<h2 class="flush">{heading}</h2>', 1)[1].split("</section>", 1)[0]
    rows = re.findall(r"<tr><td>\d{4}</td><td>(.*?)</td>", section)
    return [re.sub(r"<[^>]+>", "", row) for row in rows]


@pytest.mark.parametrize(
    ("language", "names", "key"),
    [
        ("en", ["Ministry of Health", "Ministry of Industry and Trade"], en_sort_key),
        ("vi", ["Bộ Công Thương", "Bộ Y tế"], vi_sort_key),
    ],
)
def test_the_task_pages_reports_are_in_the_order_of_the_names_shown(
    client, shared_task, language, names, key
):  # type: ignore[no-untyped-def]
    url = reverse("programmes:task", args=[shared_task.programme.slug, shared_task.clause.anchor])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    heading = "What agencies reported" if language == "en" else "Các cơ quan đã báo cáo"
    shown = [name for name in _shown(page, heading) if name in names]
    assert shown == sorted(shown, key=key) and set(shown) == set(names)
    assert shown == names
    with translation.override(language):
        found = accepted_entries_for_task(shared_task)
        name = "name_en" if language == "en" else "name_vi"
        assert [getattr(e.agency, name) for e in found] == sorted(
            (getattr(e.agency, name) for e in found), key=key
        )


def _in_order(names: list[str], key) -> bool:  # type: ignore[no-untyped-def]
    return names == sorted(names, key=key)


@pytest.mark.parametrize(("language", "key"), [("en", en_sort_key), ("vi", vi_sort_key)])
def test_the_timelines_agency_filter_is_in_the_order_of_the_names_shown(
    client, cycle, language, key
):  # type: ignore[no-untyped-def]
    page = client.get(
        reverse("programmes:timeline", args=[cycle.programme.slug]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    select = page.split('id="tl-agency"', 1)[1].split("</select>", 1)[0]
    names = re.findall(r'<option value="[^"]+"[^>]*>([^<]+)</option>', select)
    assert len(names) > 10 and _in_order(names, key)


@pytest.mark.parametrize(("language", "key"), [("en", en_sort_key), ("vi", vi_sort_key)])
def test_the_public_progress_by_agency_ranks_equal_totals_by_the_names_shown(
    client, shared_task, language, key
):  # type: ignore[no-untyped-def]
    page = client.get(
        reverse("portal:progress", args=["co-quan"]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', page)
    by_total: dict[str, list[str]] = {}
    for head, cells in rows:
        name = re.sub(r"<[^>]+>", "", head.split(" <span", 1)[0])
        total = re.findall(r'<td class="num">([^<]*)</td>', cells)[-2]
        by_total.setdefault(total, []).append(name)
    assert len(rows) > 10 and max(len(names) for names in by_total.values()) > 1
    assert all(_in_order(names, key) for names in by_total.values()), by_total


SHOWN = {
    "en": ["Ministry of Health", "Ministry of Industry and Trade"],
    "vi": ["Bộ Công Thương", "Bộ Y tế"],
}


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_public_task_pages_results_are_in_the_order_of_the_names_shown(
    client, shared_task, language
):  # type: ignore[no-untyped-def]
    """The public task page's "Published results" listed each year's agencies in the
    Vietnamese order on English pages too."""
    page = client.get(
        reverse("portal:task", args=[shared_task.pk]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    heading = "Agency" if language == "en" else "Cơ quan"
    cells = re.findall(rf'<td data-label="{heading}">(.*?)</td>', page)
    assert [re.sub(r"<[^>]+>", "", cell) for cell in cells] == SHOWN[language]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_the_reports_to_publish_are_in_the_order_of_the_names_shown(client, cycle, language):  # type: ignore[no-untyped-def]
    """MOST's publication page offered the accepted reports of a period in the Vietnamese
    order of their agencies on English pages too."""
    cycle.reporters[INDUSTRY] = make_user("p_reporter_i", INDUSTRY, Role.REPORTER)
    cycle.approvers[INDUSTRY] = make_user("p_approver_i", INDUSTRY, Role.APPROVER)
    for code in (AGENCY_A, INDUSTRY):
        cycle.accepted(code, 2023, code)
    client.force_login(cycle.most)
    client.cookies["django_language"] = language
    page = client.get(reverse("portal:manage")).content.decode()
    select = page.split('id="pub-report"', 1)[1].split("</select>", 1)[0]
    names = [o.split(" — ", 1)[0] for o in re.findall(r"<option [^>]*>([^<]*)</option>", select)]
    assert names == SHOWN[language]


@pytest.mark.parametrize("language", ["en", "vi"])
def test_a_document_not_to_publish_names_its_agencies_as_the_page_does(cycle, tmp_path, language):  # type: ignore[no-untyped-def]
    """The refusal to publish a consolidated document that quoted reports not accepted
    named the agencies in Vietnamese, in the Vietnamese order, in an English sentence."""
    from lotrinh.portal import services
    from tests.portal.test_publication import _consolidated_document

    cycle.reporters[INDUSTRY] = make_user("p_reporter_i", INDUSTRY, Role.REPORTER)
    cycle.approvers[INDUSTRY] = make_user("p_approver_i", INDUSTRY, Role.APPROVER)
    for code in (AGENCY_A, INDUSTRY):
        cycle.to_state(cycle.report(code, 2023, code), "submitted")
    document = _consolidated_document(cycle, tmp_path)
    with translation.override(language):
        assert services.unaccepted_content(document) == SHOWN[language]
        with pytest.raises(services.PublicationError) as refused:
            services.publish_document(cycle.most, document)
    assert ", ".join(SHOWN[language]) in str(refused.value)
