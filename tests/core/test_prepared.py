"""A query compiled once per connection (lotrinh/core/prepared.py) gives what the
queryset it is built from gives: the same rows, field values and related objects."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from lotrinh.accounts.models import User
from lotrinh.core.prepared import Prepared
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

people = Prepared(
    lambda pk: User.objects.select_related("agency").filter(pk=pk), [User._meta.pk], [987_654]
)


def test_it_loads_the_person_with_their_agency_as_the_queryset_does(
    officer_a: User, django_assert_num_queries: object
) -> None:
    expected = User.objects.select_related("agency").get(pk=officer_a.pk)
    for _ in range(2):  # compiled, then from the compiled form
        (found,) = people.objects(officer_a.pk)
        assert found.pk == expected.pk
        for field in User._meta.concrete_fields:
            assert getattr(found, field.attname) == getattr(expected, field.attname), field
        assert found.date_joined == expected.date_joined and timezone.is_aware(found.date_joined)
        assert found._state.adding is False and found._state.db == "default"
    with django_assert_num_queries(1):  # type: ignore[operator]
        (found,) = people.objects(officer_a.pk)
        assert found.agency.code == expected.agency.code


def test_it_finds_nothing_for_an_unknown_key(db: None) -> None:
    assert people.objects(123_456_789) == []


def test_sessions_are_read_with_their_expiry(officer_a: User) -> None:
    client_for(officer_a)
    session = Session.objects.get()
    read = Prepared(
        lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
        [Session._meta.get_field("session_key"), Session._meta.get_field("expire_date")],
        ["sample-key", datetime.datetime(1999, 1, 1, tzinfo=datetime.UTC)],
    )
    (found,) = read.objects(session.session_key, timezone.now())
    assert found.session_data == session.session_data
    assert read.objects(session.session_key, session.expire_date) == []
    assert read.objects("nope", timezone.now()) == []


def test_a_placeholder_that_is_not_in_the_sql_is_refused(db: None) -> None:
    wrong = Prepared(lambda pk: User.objects.filter(pk=1), [User._meta.pk], [987_654])
    with pytest.raises(ValueError):
        wrong.objects(1)


def test_the_current_programme_is_found_by_slug_or_code(seeded_db: None) -> None:
    from django.db.models import Q
    from django.http import Http404

    from lotrinh.programmes.services import current_programme, published_programmes

    for key in ("50-nq-cp", "50/NQ-CP"):
        expected = (
            published_programmes().filter(Q(slug=key) | Q(code=key)).order_by("-version").first()
        )
        assert expected is not None
        found = current_programme(key)
        assert (found.pk, found.version, found.title) == (
            expected.pk,
            expected.version,
            expected.title,
        )
        assert found.implements_id == expected.implements_id
        if expected.implements_id:
            assert found.implements.code == expected.implements.code
    with pytest.raises(Http404):
        current_programme("no-such-programme")
