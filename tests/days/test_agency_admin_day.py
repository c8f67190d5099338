"""The agency administrator's day, in Vietnamese and in English (Chromium).

Hoa runs Bộ Y tế's accounts: she invites Lan, a new reporter; Lan opens the e-mailed
link, sets a password, signs in and lands on her reports. MOST's system administrator
invites the first person of Bộ Tài chính from the compliance page's link
(`?agency=<code>`). And an officer who forgot her password resets it by e-mail.

The e-mails are read from Django's in-memory outbox (the live server runs in this
process). Assertions use element ids and data, not interface text, so they hold in
both languages.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from lotrinh.accounts.models import Role, User
from tests.conftest import AGENCY_A, AGENCY_B, make_user, patient

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LANGUAGES = {"vi": "vi-VN", "en": "en-US"}
NEW_PASSWORD = "Mây-trắng-bay-2026"


@pytest.fixture
def site(settings, seeded_live_server):
    """E-mailed links lead to the live server."""
    settings.LOTRINH_SITE_URL = seeded_live_server.url
    return seeded_live_server


def open_page(browser, language: str, width: int = 1366):
    context = browser.new_context(
        locale=LANGUAGES[language], viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    patient(page)
    return page


def sign_in(page, site, username: str, password: str) -> None:
    """Sign in and wait for the overview, where sign-in lands: the sign-in page's own
    address ends with "/" too, so the old pattern (r"/$") matched before the answer came,
    and a `goto` right after could cancel the sign-in."""
    page.goto(f"{site.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form.card button.btn-primary")
    page.wait_for_url(site.url + reverse("dashboard:home"))


def emailed_link(to: str) -> str:
    [message] = [m for m in mail.outbox if to in m.to]
    links = re.findall(r"https?://\S+", message.body)
    assert links, message.body
    return links[0]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def accept_invitation(browser, language: str, site, email: str) -> object:
    """The invited person opens the link, sets a password and signs in."""
    link = emailed_link(email)
    assert link.startswith(site.url + "/tai-khoan/loi-moi/")
    page = open_page(browser, language, width=390)
    page.goto(link)
    assert page.locator("html").get_attribute("lang") == language
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    assert no_horizontal_scroll(page)
    page.click("form.card button.btn-primary")
    page.wait_for_url(re.compile(r"/tai-khoan/dang-nhap/\?next="))
    page.fill("#id_username", email)
    page.fill("#id_password", NEW_PASSWORD)
    page.click("form.card button.btn-primary")
    return page


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_agency_administrator_invites_a_reporter_who_sets_a_password_and_signs_in(
    browser, site, language
):
    hoa = make_user("hoa_quantri", AGENCY_A, Role.AGENCY_ADMIN)
    hoa.set_password("Hoa-quan-tri-2026")
    hoa.save()
    page = open_page(browser, language)
    sign_in(page, site, "hoa_quantri", "Hoa-quan-tri-2026")
    page.click("nav a[href='/tai-khoan/nguoi-dung/']")
    page.wait_for_url(re.compile(r"/tai-khoan/nguoi-dung/$"))
    assert page.locator("html").get_attribute("lang") == language
    page.click("#invite-link")
    page.fill("#id_email", "lan.nguyen@moh.gov.vn")
    page.fill("#id_full_name", "Nguyễn Thị Lan")
    page.fill("#id_position", "Chuyên viên Vụ Kế hoạch - Tài chính")
    page.select_option("#id_role", Role.REPORTER)
    # An agency administrator cannot give MOST's roles.
    assert page.locator("#id_role option[value='most_monitor']").count() == 0
    page.click("#invite-form button.btn-primary")
    page.wait_for_url(re.compile(r"/tai-khoan/nguoi-dung/$"))
    row = page.locator("table.user-list tr", has_text="lan.nguyen@moh.gov.vn")
    assert row.count() == 1
    assert row.locator(".badge").count() == 1  # waiting for a password

    lan_page = accept_invitation(browser, language, site, "lan.nguyen@moh.gov.vn")
    lan_page.wait_for_url(re.compile(r"/bao-cao/$"))  # a reporter lands on her reports
    assert "Nguyễn Thị Lan" in lan_page.locator(".whoami").inner_text()
    assert no_horizontal_scroll(lan_page)
    lan = User.objects.get(email="lan.nguyen@moh.gov.vn")
    assert lan.agency.code == AGENCY_A and lan.role == Role.REPORTER and lan.last_login

    # Back on Hoa's list, Lan is active; Hoa locks and reopens the account.
    page.reload()
    page.click(f"a[href='/tai-khoan/nguoi-dung/{lan.pk}/']")
    # Each answer comes back to the same address with a message, and the second click
    # starts from a page that already shows the first one's: wait for the form that
    # offers the opposite step (the account as stored now), not for a message.
    page.click("#active-form button")
    page.wait_for_selector("#active-form input[name=action][value=reactivate]", state="attached")
    page.wait_for_selector(".msg")
    lan.refresh_from_db()
    assert not lan.is_active
    page.click("#active-form button")
    page.wait_for_selector("#active-form input[name=action][value=deactivate]", state="attached")
    page.wait_for_selector(".msg")
    lan.refresh_from_db()
    assert lan.is_active


@pytest.mark.parametrize("language", ["vi", "en"])
def test_most_administrator_invites_for_an_agency_arriving_with_its_code(
    browser, site, admin_user, language
):
    admin_user.set_password("Quan-tri-he-thong-2026")
    admin_user.save()
    page = open_page(browser, language, width=390)
    sign_in(page, site, "admin_user", "Quan-tri-he-thong-2026")
    page.goto(f"{site.url}/tai-khoan/nguoi-dung/moi/?agency={AGENCY_B}")
    assert page.locator("#id_agency").input_value() == AGENCY_B
    assert no_horizontal_scroll(page)
    page.fill("#id_email", "an.tran@mof.gov.vn")
    page.fill("#id_full_name", "Trần Văn An")
    page.select_option("#id_role", Role.AGENCY_ADMIN)
    page.click("#invite-form button.btn-primary")
    page.wait_for_url(re.compile(rf"/tai-khoan/nguoi-dung/\?agency={AGENCY_B}$"))
    assert page.locator("table.user-list", has_text="an.tran@mof.gov.vn").count() == 1
    assert no_horizontal_scroll(page)

    an_page = accept_invitation(browser, language, site, "an.tran@mof.gov.vn")
    an_page.wait_for_url(re.compile(r"/tai-khoan/nguoi-dung/$"))  # an administrator's start
    assert an_page.locator("table.user-list", has_text="an.tran@mof.gov.vn").count() == 1


@pytest.mark.parametrize("language", ["vi", "en"])
def test_an_officer_who_forgot_her_password_resets_it_by_email(browser, site, language):
    make_user("chi_baocao", AGENCY_A, Role.REPORTER)
    page = open_page(browser, language, width=390)
    page.goto(f"{site.url}/tai-khoan/dang-nhap/")
    page.click("#forgot-password")
    page.fill("#id_email", "chi_baocao@example.test")
    page.click("form.card button.btn-primary")
    page.wait_for_selector("#reset-sent")
    link = emailed_link("chi_baocao@example.test")
    assert link.startswith(site.url + "/tai-khoan/dat-lai-mat-khau/")
    page.goto(link)
    page.fill("#id_new_password1", "ngan")
    page.fill("#id_new_password2", "ngan")
    page.click("form.card button.btn-primary")
    # The refusal comes back on the same address: wait for it, not for the URL.
    page.wait_for_selector(".errorlist")
    assert page.locator("#id_new_password1").input_value() == ""
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("form.card button.btn-primary")
    page.wait_for_selector("#reset-complete")
    page.click("#reset-complete a")
    page.fill("#id_username", "chi_baocao")
    page.fill("#id_password", NEW_PASSWORD)
    page.click("form.card button.btn-primary")
    page.wait_for_selector(".whoami", state="attached")  # in the folded menu on a phone
    # The link was for one use only.
    page.goto(link)
    assert page.locator("#link-invalid").count() == 1
