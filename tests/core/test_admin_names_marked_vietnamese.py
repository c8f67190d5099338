"""The object's name on English admin pages: Django writes it (the object as stored, in
Vietnamese) in the breadcrumbs, under the change page's title, in the history's title and
in the delete confirmation, none of them marked `lang="vi"`: a screen reader read "Bộ Y
tế" with English sounds. The audit rule of `scripts/vietnamese_on_english_pages.py`
(visible text outside `lang="vi"` with Vietnamese in it) finds nothing on those pages now."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from lotrinh.agencies.models import Agency
from tests.core.test_page_language import VisibleText
from tests.ui.audit import other_language

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_user) -> Client:  # type: ignore[no-untyped-def]
    admin_user.full_name = "Nguyễn Văn Quản"
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    return client


def flagged(html: str) -> list[str]:
    """The audit script's rule on one English page: Vietnamese text left unmarked."""
    parser = VisibleText("en")
    parser.feed(html)
    return [text for text in parser.parts if other_language(text, "en", "en")]


def test_english_admin_pages_mark_the_objects_vietnamese_name(staff):
    agency = Agency.objects.get(code="bo-y-te")
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    pages = {
        name: staff.get(reverse(f"admin:agencies_agency_{name}", args=[agency.pk]))
        for name in ("change", "history", "delete")
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert f'<span lang="vi">{agency.name_vi}</span>' in html, name
        # Only the name is marked: the words of the interface around it stay English.
        assert f'<span lang="vi">{agency.name_vi}</span></a>\n&rsaquo;' in html or name == "change"
        breadcrumbs = html[html.index('<div class="breadcrumbs">') :]
        breadcrumbs = breadcrumbs[: breadcrumbs.index("</div>")]
        assert f'<span lang="vi">{agency.name_vi}</span>' in breadcrumbs, name
        # (The related objects a deletion lists, "Assignment: II.6.a lead Bộ Y tế", are
        # Django's sentences around the names: left as they are.)
        left = [t for t in flagged(html) if agency.name_vi in t and ": " not in t]
        assert not left, (name, left)
    change = pages["change"].content.decode()
    assert f'<h2><span lang="vi">{agency.name_vi}</span></h2>' in change
    assert (
        "Deleting the agency '<span lang=\"vi\">Bộ Y tế</span>'" in pages["delete"].content.decode()
    )
    history = pages["history"].content.decode()
    assert f'<h1>Change history: <span lang="vi">{agency.name_vi}</span></h1>' in history


def test_vietnamese_admin_pages_are_not_marked(staff):
    agency = Agency.objects.get(code="bo-y-te")
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    for name in ("change", "history", "delete"):
        html = staff.get(reverse(f"admin:agencies_agency_{name}", args=[agency.pk])).content
        assert f'<span lang="vi">{agency.name_vi}</span>' not in html.decode(), name
