"""The administrator's user list: a search (name, username, e-mail, position, unit, agency;
diacritics and case ignored) and a role filter, kept in the URL, one page at a time, in a
number of queries that does not grow with the accounts listed.

Brief (officer, 06/12/2026): 101 accounts on one page, 27,188 px tall at 390 px, no search.
"""

import re

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from lotrinh.accounts.views import USERS_PER_PAGE
from lotrinh.agencies.models import Agency, Unit
from tests.conftest import AGENCY_A, AGENCY_B, client_for, make_user

pytestmark = pytest.mark.django_db


def _names(html: str) -> list[str]:
    table = (
        html.split('<table class="user-list">')[1].split("</table>")[0]
        if "user-list" in html
        else ""
    )
    return re.findall(r'data-label="Thư điện tử" class="break">([^<]+)<', table)


def _list(user, **params) -> str:
    response = client_for(user).get(reverse("accounts:users"), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def people_a(db) -> dict[str, User]:
    agency = Agency.objects.get(code=AGENCY_A)
    unit = Unit.objects.create(
        agency=agency, code="vu-khcn", name_vi="Vụ Khoa học, Công nghệ và Đào tạo"
    )
    nguyet = make_user("nguyet", AGENCY_A, Role.REPORTER)
    nguyet.full_name, nguyet.position = "Đặng Thị Nguyệt", "Chuyên viên chính"
    nguyet.save(update_fields=["full_name", "position"])  # the search text follows
    duc = make_user("duc_lanhdao", AGENCY_A, Role.APPROVER)
    duc.full_name, duc.unit = "Trần Minh Đức", unit
    duc.save()
    return {"nguyet": nguyet, "duc": duc}


def test_the_search_ignores_diacritics_and_case_and_reads_every_field(admin_user, people_a):
    assert _names(_list(admin_user, q="dang thi nguyet")) == ["nguyet@example.test"]
    assert _names(_list(admin_user, q="NGUYỆT")) == ["nguyet@example.test"]
    assert _names(_list(admin_user, q="chuyen vien")) == ["nguyet@example.test"]  # position
    assert _names(_list(admin_user, q="duc_lanh")) == ["duc_lanhdao@example.test"]  # username
    assert _names(_list(admin_user, q="duc_lanhdao@example")) == ["duc_lanhdao@example.test"]
    assert _names(_list(admin_user, q="vu khoa hoc")) == ["duc_lanhdao@example.test"]  # unit
    # A phrase, in one of the texts: "bo y te" is Bộ Y tế's people, not every account
    # whose agency's English name has a "y" and a "te" (Ministry of Science and Technology).
    make_user("most_x", "bo-khoa-hoc-va-cong-nghe", Role.MOST_MONITOR)
    found = _names(_list(admin_user, q="bo y te"))
    assert "nguyet@example.test" in found and "most_x@example.test" not in found


def test_the_role_filter_and_the_agency_search(admin_user, people_a, officer_b):
    found = _names(_list(admin_user, role=Role.APPROVER, agency=AGENCY_A))
    assert found == ["duc_lanhdao@example.test"]
    # An agency's name (diacritics ignored) finds its people on the all-agency list.
    b_name = Agency.objects.get(code=AGENCY_B).name_vi
    from lotrinh.core.text import fold

    found = _names(_list(admin_user, q=fold(b_name)))
    assert "officer_b@example.test" in found and "nguyet@example.test" not in found
    # A role that is none is no filter, not an error.
    assert "nguyet@example.test" in _names(_list(admin_user, role="khong-co", agency=AGENCY_A))


def test_an_agency_administrators_search_stays_in_her_agency(agency_admin_a, people_a, officer_b):
    assert _names(_list(agency_admin_a, q="officer")) == []  # officer_b is another agency's
    assert _names(_list(agency_admin_a, q="nguyet")) == ["nguyet@example.test"]
    page = _list(agency_admin_a, q="khong ai ca")
    assert "Không có tài khoản nào khớp với điều kiện lọc." in page


def test_the_list_is_paged_and_the_pages_keep_the_filters(admin_user):
    for i in range(USERS_PER_PAGE + 3):
        make_user(f"canbo_{i:02d}", AGENCY_A, Role.REPORTER)
    first = _list(admin_user, q="canbo", role=Role.REPORTER)
    assert len(_names(first)) == USERS_PER_PAGE
    assert f"{USERS_PER_PAGE + 3} tài khoản" in first
    nav = first.split('id="user-pages"')[1].split("</nav>")[0]
    link = re.search(r'href="\?([^"]+)"', nav).group(1).replace("&amp;", "&")
    assert "q=canbo" in link and f"role={Role.REPORTER}" in link and "page=2" in link
    second = client_for(admin_user).get(reverse("accounts:users") + "?" + link).content.decode()
    assert len(_names(second)) == 3
    assert not set(_names(first)) & set(_names(second))


def test_the_lists_queries_do_not_grow_with_its_accounts(
    admin_user, agency_admin_a, django_assert_max_num_queries
):
    for i in range(60):
        make_user(f"nguoi_{i:02d}", AGENCY_A, Role.REPORTER)
    for viewer in (admin_user, agency_admin_a):
        client = client_for(viewer)
        client.get(reverse("accounts:users"))  # the session's first request
        with django_assert_max_num_queries(8):
            page = client.get(reverse("accounts:users"), {"q": "nguoi", "page": "2"})
        assert len(_names(page.content.decode())) == USERS_PER_PAGE


def test_the_search_text_follows_every_way_a_name_is_written(officer_a) -> None:
    from lotrinh.core.fields import refill_sort_keys

    officer_a.full_name = "Lê Thị Hồng Nhung"
    officer_a.save(update_fields=["full_name"])
    officer_a.refresh_from_db()
    assert "le thi hong nhung" in officer_a.search_text
    # A name changed by update() (which skips save) is caught up by the refill, as the
    # sort keys are (`lotrinh restore` and the migration call it).
    User.objects.filter(pk=officer_a.pk).update(position="Phó Vụ trưởng")
    assert refill_sort_keys(User) >= 1
    officer_a.refresh_from_db()
    assert "pho vu truong" in officer_a.search_text


def test_the_pages_of_the_list_are_named_pagination_in_english(admin_user, monkeypatch):
    # "Trang" was one msgid for a page ("Trang 2/3") and the list of pages ("Pages").
    from django.utils import translation

    from tests.core.pending_english import add_pending_english

    add_pending_english(monkeypatch, "forms2")
    for i in range(USERS_PER_PAGE + 1):
        make_user(f"canbo_{i:02d}", AGENCY_A, Role.REPORTER)
    client = client_for(admin_user)
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        page = client.get(reverse("accounts:users"), {"q": "canbo"}).content.decode()
    nav = page.split('<nav class="toolbar"', 1)[1].split("</nav>")[0]
    assert 'aria-label="Pagination" id="user-pages"' in nav
    assert "Page 1 of 2" in nav
    vi = client_for(admin_user).get(reverse("accounts:users"), {"q": "canbo"}).content.decode()
    assert 'aria-label="Phân trang" id="user-pages"' in vi and "Trang 1/2" in vi
