"""Recording changes: one function, called by every service that changes state."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from lotrinh.core.middleware import current_request_id
from lotrinh.core.models import AuditEvent


def record_event(
    actor: Any,
    action: str,
    subject: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Record that `actor` did `action` on `subject` (inside the caller's transaction)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        object_repr=str(subject)[:300],
        before=before,
        after=after,
        note=note,
        request_id=current_request_id(),
    )


def events_for(subject: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The keys whose values differ, as {key: [before, after]}."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}
