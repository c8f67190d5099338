"""The documents page names the rule its documents follow: a Party body's documents are
drafted under Hướng dẫn 36-HD/VPTW, a State agency's under Decree 30/2020/NĐ-CP."""

import pytest
from django.test import Client
from django.urls import reverse

from lotrinh.accounts.models import Role, User


def _heading(client: Client, user: User, language: str = "vi") -> str:
    client.force_login(user)
    client.cookies["django_language"] = language
    html = client.get(reverse("documents:list")).content.decode()
    return html.split("<h1>", 1)[1].split("</h1>", 1)[0]


@pytest.mark.django_db
def test_party_bodies_read_the_party_rule(regime, people) -> None:
    client = Client()
    heading = _heading(client, people["reporter"])
    assert "Hướng dẫn 36-HD/VPTW" in heading, heading
    assert "Nghị định 30" not in heading, heading
    assert "Guidance 36-HD/VPTW" in _heading(client, people["reporter"], "en")


@pytest.mark.django_db
def test_state_agencies_read_decree_30(regime, people) -> None:
    client = Client()
    for who in ("most", "other_reporter"):
        heading = _heading(client, people[who])
        assert "Nghị định 30/2020/NĐ-CP" in heading, (who, heading)
        assert "36-HD/VPTW" not in heading, (who, heading)


@pytest.mark.django_db
def test_a_reader_who_drafts_nothing_reads_no_rule(regime, people) -> None:
    """The oversight body sits in a Party commission but drafts nothing: the page lists
    others' documents (MOST's, under Decree 30), and said "theo Hướng dẫn 36-HD/VPTW"."""
    from tests.conftest import make_user
    from tests.party.conftest import SUCCESSOR

    reader = make_user("oversight_reader", SUCCESSOR, Role.OVERSIGHT)
    heading = _heading(Client(), reader)
    assert heading.strip() == "Văn bản báo cáo", heading
