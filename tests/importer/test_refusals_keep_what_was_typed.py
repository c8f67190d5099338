"""A correction refused on a draft's review page comes back with what was typed (the
roles, the split position, the header's number and title), the message beside its form:
it used to be a redirect that showed the stored values again. A form made stale by a
colleague's correction shows what is stored, and what was typed beside it to copy."""

import re

import pytest
from django.urls import reverse

from lotrinh.importer import review
from lotrinh.importer.models import DraftImport
from tests.conftest import client_for
from tests.importer.test_review import draft  # noqa: F401 - the fixture
from tests.importer.test_stale_review import shown_form

pytestmark = pytest.mark.django_db


def _task_form(html: str, ref: str) -> str:
    section = html.split(f'id="task-{ref}"', 1)[1]
    return section.split('class="grid-2 roles-form"', 1)[1].split("</form>", 1)[0]


def test_a_split_refused_keeps_the_roles_and_position_typed(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    before = DraftImport.objects.get(pk=draft.pk).data["tasks"]
    body = {
        **shown_form(client, draft, ref),
        "action": "split",
        "position": "99999",
        "lead": "Bộ Y tế\r\nBộ Tài chính",
        "coordinating": "Bộ Nội vụ",
    }
    response = client.post(reverse("importer:correct", args=[draft.pk]), body)
    assert response.status_code == 400
    assert DraftImport.objects.get(pk=draft.pk).data["tasks"] == before
    form = _task_form(response.content.decode(), ref)
    assert f'id="task-{ref}_error" role="alert">Vị trí tách phải nằm bên trong' in form
    assert "Bộ Y tế\r\nBộ Tài chính</textarea>" in form and "Bộ Nội vụ</textarea>" in form
    assert re.search(r'name="position"[^>]*value="99999"', form)


def test_a_stale_roles_form_shows_what_is_stored_and_what_was_typed(
    draft,  # noqa: F811
    most_monitor,
):
    client = client_for(most_monitor)
    ref = draft.data["tasks"][0]["ref"]
    alice = shown_form(client, draft, ref)
    review.set_roles(draft, ref, lead=["Bộ Công an"], coordinating=[], user=most_monitor)
    response = client.post(
        reverse("importer:correct", args=[draft.pk]),
        {**alice, "action": "roles", "lead": "Bộ Y tế", "coordinating": "Bộ Tài chính"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    form = _task_form(html, ref)
    assert "Bộ Công an</textarea>" in form and "đã được sửa từ lúc bạn mở trang" in form
    typed = html.split('id="task-typed"', 1)[1].split("</section>", 1)[0]
    assert "Bộ Y tế" in typed and "Bộ Tài chính" in typed
    assert DraftImport.objects.get(pk=draft.pk).data["tasks"][0]["lead"] == ["Bộ Công an"]


def test_a_header_without_a_title_keeps_its_number(draft, most_monitor):  # noqa: F811
    client = client_for(most_monitor)
    page = client.get(reverse("importer:review", args=[draft.pk]))
    body = {
        "action": "header",
        "seen": page.context["header_seen"],
        "code": "12b/KH-BYT",
        "title": "  ",
        "issue_date": "05/03/2021",
        "implements": "",
    }
    response = client.post(reverse("importer:correct", args=[draft.pk]), body)
    assert response.status_code == 400
    assert DraftImport.objects.get(pk=draft.pk).code != "12b/KH-BYT"
    form = response.content.decode().split('id="header-form"', 1)[1].split("</form>", 1)[0]
    assert 'id="header-form_error" role="alert">Cần có số, ký hiệu và trích yếu' in form
    assert 'value="12b/KH-BYT"' in form and 'value="05/03/2021"' in form
