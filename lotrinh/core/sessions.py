"""Django's database sessions, the session read on each request compiled once per
connection (`core/prepared.py`): every signed-in request reads its session, and building
that query through the ORM cost ten times the query. Same table, same data, same rules
(an expired session is not read): `SESSION_ENGINE = "lotrinh.core.sessions"`, and the
sessions written before it stay valid."""

import datetime
import logging
from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from lotrinh.core.prepared import Prepared

_read = Prepared(
    lambda key, now: Session.objects.filter(session_key=key, expire_date__gt=now),
    [Session._meta.get_field("session_key"), Session._meta.get_field("expire_date")],
    [
        "lotrinh-prepared-session-key",
        datetime.datetime(1999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC),
    ],
)


# Sessions opened before the person was loaded with their agency name Django's model
# backend; read as ours, so that deploying this does not sign everybody out.
_LEGACY_BACKEND = "django.contrib.auth.backends.ModelBackend"
_BACKEND = "lotrinh.accounts.backends.AccountBackend"


class SessionStore(DbSessionStore):
    def load(self) -> dict[str, Any]:
        data: dict[str, Any] = super().load()
        if data.get(BACKEND_SESSION_KEY) == _LEGACY_BACKEND:
            data[BACKEND_SESSION_KEY] = _BACKEND
        return data

    def _get_session_from_db(self) -> Any:
        try:
            found = _read.objects(self.session_key, timezone.now())
            if found:
                return found[0]
            raise Session.DoesNotExist
        except (Session.DoesNotExist, SuspiciousOperation) as e:
            if isinstance(e, SuspiciousOperation):
                logger = logging.getLogger(f"django.security.{e.__class__.__name__}")
                logger.warning(str(e))
            self._session_key = None
            return None
