"""Publishing an imported programme goes through a confirmation that summarises it; a
repeated or stale confirmation publishes nothing twice."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from lotrinh.core.models import AuditEvent
from lotrinh.importer import review
from lotrinh.programmes.models import Programme
from tests.conftest import client_for
from tests.importer.test_review import draft  # noqa: F401 - the fixture
from tests.security.dbhash import WriteWatch

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_confirmation_summarises_the_programme(draft, most_monitor):  # noqa: F811
    response = client_for(most_monitor).get(reverse("importer:confirm_publish", args=[draft.pk]))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary.tasks == len(draft.data["tasks"]) == 3
    assert summary.replaces_version is None
    assert f'value="{review.fingerprint(draft)}"' in response.content.decode()
    assert not Programme.objects.filter(code="12/KH-BYT").exists()


def test_publishing_without_confirmation_goes_to_the_confirmation(draft, most_monitor):  # noqa: F811
    response = client_for(most_monitor).post(reverse("importer:publish", args=[draft.pk]))
    assert response["Location"] == reverse("importer:confirm_publish", args=[draft.pk])
    assert not Programme.objects.filter(code="12/KH-BYT").exists()


def test_a_second_confirmation_publishes_nothing_more_and_is_no_refusal(draft, most_monitor):  # noqa: F811
    """A double click: the second click leads to the published programme, as the first
    did, writes and records nothing, and says no "already published" (it was the same
    person's own click, done)."""
    client = client_for(most_monitor)
    body = {"confirm": review.fingerprint(draft)}
    url = reverse("importer:publish", args=[draft.pk])
    first = client.post(url, body)
    programme = Programme.objects.get(code="12/KH-BYT")
    events = AuditEvent.objects.count()
    watch = WriteWatch()
    second = client.post(url, body)
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    said = [(m.level_tag, str(m)) for m in get_messages(second.wsgi_request)]
    # The first click's message is still queued (no page shown between the clicks).
    assert {level for level, _text in said} == {"success"}, said
    assert "12/KH-BYT" in said[-1][1]
    assert AuditEvent.objects.count() == events
    assert watch.changed() == []
    assert list(Programme.objects.filter(code="12/KH-BYT")) == [programme]


def test_a_stale_tab_confirmed_against_another_version_is_refused_once_published(
    draft,  # noqa: F811
    most_monitor,
):
    """Alice's tab confirmed the draft as a new programme; Bob published another draft of
    the number, Alice confirmed again and published as version 2. Her first tab, clicked
    now, is refused with the version in force: it is not the confirmation published."""
    before_bob = review.fingerprint(draft)
    data = {**draft.data, "tasks": [dict(t) for t in draft.data["tasks"]]}
    data["tasks"][0] = {**data["tasks"][0], "text": data["tasks"][0]["text"] + " (bản của Bob)"}
    other = review.create_draft(data, "ke-hoach-ban-khac.docx", most_monitor)
    review.publish(other, most_monitor, expected=review.fingerprint(other))
    review.publish(draft, most_monitor, expected=review.fingerprint(draft))
    with pytest.raises(review.AlreadyPublished, match="phiên bản 2"):
        review.publish(draft, most_monitor, expected=before_bob)
    response = client_for(most_monitor).post(
        reverse("importer:publish", args=[draft.pk]), {"confirm": before_bob}
    )
    said = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert said and said[0][0] == "error" and "phiên bản 2" in said[0][1], said
    assert Programme.objects.filter(code="12/KH-BYT").count() == 2


def test_a_draft_corrected_after_the_confirmation_is_not_published(draft, most_monitor):  # noqa: F811
    stale = review.fingerprint(draft)
    ref = draft.data["tasks"][0]["ref"]
    review.set_roles(draft, ref, lead=["Bộ Y tế"], coordinating=["Bộ Công an"], user=most_monitor)
    with pytest.raises(review.ReviewError, match="đã được sửa"):
        review.publish(draft, most_monitor, expected=stale)
    assert not Programme.objects.filter(code="12/KH-BYT").exists()


def test_a_confirmation_made_before_another_draft_was_published_publishes_nothing(
    draft,  # noqa: F811
    most_monitor,
):
    """Two officers import the same document: Alice's confirmation said "a new programme";
    Bob publishes his draft of the same number meanwhile. Alice's stale confirmation must
    not put a second version over Bob's without her seeing it."""
    data = {**draft.data, "tasks": [dict(t) for t in draft.data["tasks"]]}
    data["tasks"][0] = {**data["tasks"][0], "text": data["tasks"][0]["text"] + " (bản của Bob)"}
    other = review.create_draft(data, "ke-hoach-ban-khac.docx", most_monitor)
    alice_saw = review.fingerprint(draft)
    assert review.publish_summary(draft).replaces_version is None
    review.publish(other, most_monitor, expected=review.fingerprint(other))
    with pytest.raises(review.ReviewError, match="phiên bản 1"):
        review.publish(draft, most_monitor, expected=alice_saw)
    assert Programme.objects.filter(code="12/KH-BYT").count() == 1
    # Confirmed again, against what is published now, it goes through as version 2.
    assert review.publish_summary(draft).replaces_version == 1
    programme = review.publish(draft, most_monitor, expected=review.fingerprint(draft))
    assert programme.version == 2


def test_the_stale_confirmation_page_sends_the_officer_back_to_the_summary(
    draft,  # noqa: F811
    most_monitor,
):
    alice_saw = review.fingerprint(draft)
    data = {**draft.data, "tasks": [dict(t) for t in draft.data["tasks"]]}
    data["tasks"][0] = {**data["tasks"][0], "text": data["tasks"][0]["text"] + " (bản của Bob)"}
    other = review.create_draft(data, "ke-hoach-ban-khac.docx", most_monitor)
    review.publish(other, most_monitor, expected=review.fingerprint(other))
    response = client_for(most_monitor).post(
        reverse("importer:publish", args=[draft.pk]), {"confirm": alice_saw}
    )
    assert response.status_code == 302
    assert "phiên bản 1" in " ".join(messages_of(response))
    assert Programme.objects.filter(code="12/KH-BYT").count() == 1
