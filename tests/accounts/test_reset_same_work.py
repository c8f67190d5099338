"""A password-reset request does the same work whether or not the address has an
account: one queued task either way (the worker finds there is nobody to write to), so
neither the answer nor its time tells an account exists. With no task for an unknown
address, the request that had one to queue took measurably longer (a database insert)."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lotrinh.accounts import mail as account_mail

pytestmark = pytest.mark.django_db


def queued_after(email: str) -> list[list[object]]:
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    Client().post(reverse("accounts:password_reset"), {"email": email})
    return [r.args_kwargs["args"] for r in DBTaskResult.objects.all()]


def test_a_known_and_an_unknown_address_queue_one_task_each(officer_a, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    known = queued_after(officer_a.email)
    unknown = queued_after("nobody@example.test")
    assert len(known) == len(unknown) == 1
    assert known[0][0] == officer_a.pk
    assert unknown[0][0] is None  # nobody: no id, no address in the queue
    assert account_mail.send_password_reset.call(None, "vi") is False
    assert mail.outbox == []
