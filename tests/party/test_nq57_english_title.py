"""57-NQ/TW has an English title (2026-12-07): imported through the importer in the demo,
it had none, and the programme choice of /phan-cap/ showed it in Vietnamese on the English
page while 50/NQ-CP and 52-NQ/TW (bundled with theirs) were in English. A demo database
made before gets it when the demo runs again."""

import pytest
from django.urls import reverse

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import Agency
from lotrinh.programmes.models import Programme, ProgrammeStatus
from lotrinh.reporting import demo_nq57
from lotrinh.reporting.demo_cascade import corpus_dir
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.skipif(
    not all((corpus_dir() / f).exists() for f in (demo_nq57.PARENT_FILE, demo_nq57.CHILD_FILE)),
    reason="the corpus (setting LOTRINH_CORPUS_DIR) is not available",
)


@pytest.mark.django_db
def test_the_choice_list_names_57_nq_tw_in_english(seeded_db: None) -> None:
    demo_nq57.generate_nq57_demo()
    parent = Programme.objects.get(code="57-NQ/TW", status=ProgrammeStatus.PUBLISHED)
    assert parent.title_en == demo_nq57.PARENT_TITLE_EN
    committee = Agency.objects.get(name_vi="Thành ủy Hà Nội")
    client = client_for(make_user("tu_hn_en", committee.code, Role.REPORTER))
    client.cookies["django_language"] = "en"
    page = client.get(reverse("cascade:plans")).content.decode()
    assert f'<option value="{parent.pk}" lang="en">57-NQ/TW — On breakthroughs' in page
    # A database made before the title was given gets it on the next run.
    Programme.objects.filter(pk=parent.pk).update(title_en="")
    demo_nq57.generate_nq57_demo()
    parent.refresh_from_db()
    assert parent.title_en == demo_nq57.PARENT_TITLE_EN
