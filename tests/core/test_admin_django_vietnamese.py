"""The admin in the site's words where Django's own Vietnamese or its greeting fall short:
the person greeted by her full name (Django built it from first and last names, which the
user model leaves empty, and fell back to the username), marked Vietnamese on English
pages; "Lịch sử" for Django's "Bản ghi nhớ" (a memorandum, for "History"); and the "delete
selected" message without Django's space before its full stop."""

import re

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.test import Client
from django.urls import reverse

from lotrinh.agencies.models import Agency
from tests.core.pending_english import add_pending_english
from tests.core.test_admin_actions_recorded import attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_user) -> Client:  # type: ignore[no-untyped-def]
    admin_user.full_name = "Nguyễn Văn Quản"
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    return client


def _user_tools(page: str) -> str:
    found = re.search(r'<div id="user-tools">(.*?)<form', page, re.S)
    assert found, page[:2000]
    return " ".join(found.group(1).split())


def test_the_admin_greets_by_full_name_marked_vietnamese_on_english_pages(staff, admin_user):
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    tools = _user_tools(staff.get(reverse("admin:index")).content.decode())
    assert "<strong>Nguyễn Văn Quản</strong>" in tools, tools
    assert admin_user.username not in tools
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    tools = _user_tools(staff.get(reverse("admin:index")).content.decode())
    assert 'Welcome, <strong><span lang="vi">Nguyễn Văn Quản</span></strong>' in tools, tools


def test_a_person_without_a_full_name_is_greeted_by_username(admin_user):
    admin_user.full_name = ""
    admin_user.save()
    client = Client()
    client.force_login(admin_user)
    tools = _user_tools(client.get(reverse("admin:index")).content.decode())
    assert f"<strong>{admin_user.username}</strong>" in tools, tools


@pytest.mark.parametrize(("language", "word"), [("vi", "Lịch sử"), ("en", "History")])
def test_the_history_is_called_history(staff, language, word, monkeypatch):
    add_pending_english(monkeypatch, "day45")
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    agency = Agency.objects.get(code="bo-y-te")
    change = staff.get(reverse("admin:agencies_agency_change", args=[agency.pk])).content
    history = staff.get(reverse("admin:agencies_agency_history", args=[agency.pk])).content
    for page in (change.decode(), history.decode()):
        assert "Bản ghi nhớ" not in page
    assert re.search(rf'class="historylink">{word}</a>', change.decode()), change.decode()[-6000:]
    assert re.search(rf"&rsaquo; {word}\s*</div>", history.decode())


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("vi", "Đã xoá 2 lần đăng nhập sai đang được đếm."),
        ("en", "Successfully deleted 2 failed sign-ins being counted."),
    ],
)
def test_delete_selected_says_what_it_deleted_in_one_sentence(staff, language, said, monkeypatch):
    add_pending_english(monkeypatch, "day45")
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    chosen = [str(attempt("mot", 1).pk), str(attempt("hai", 1).pk)]
    url = reverse("admin:axes_accessattempt_changelist")
    confirmation = staff.post(url, {"action": "delete_selected", "_selected_action": chosen})
    hidden = dict(
        re.findall(
            r'<input type="hidden" name="(seen_event_[^"]*)" value="([^"]*)"',
            confirmation.content.decode(),
        )
    )
    assert len(hidden) == 2, hidden
    done = staff.post(
        url, {"action": "delete_selected", "_selected_action": chosen, "post": "yes", **hidden}
    )
    assert done.status_code == 302
    assert not AccessAttempt.objects.filter(pk__in=chosen).exists()
    told = [str(m) for m in messages.get_messages(done.wsgi_request)]
    assert told == [said], told
