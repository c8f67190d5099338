"""Recording changes: one function, called by every service that changes state."""

from collections.abc import Callable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import override

from lotrinh.core.middleware import current_request_id
from lotrinh.core.models import AuditEvent

_OWN_UNIT = object()


def record_event(
    actor: Any,
    action: str,
    subject: models.Model,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
    unit: Any = _OWN_UNIT,
) -> AuditEvent:
    """Record that `actor` did `action` on `subject` (inside the caller's transaction).

    `unit`: the unit the event concerns when its object does not say it (a plan task
    given to a unit; a person taken out of one); by default the object's own
    (`unit_id_of`). The object's name is kept in Vietnamese whatever the page's language
    (`core/object_names` shows it in English)."""
    with override("vi"):
        name = str(subject)[:300]
    # The agency and the unit are often found through the same row (an entry's report).
    fetch = _memo(_fetch)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        object_repr=name,
        before=before,
        after=after,
        note=note,
        request_id=current_request_id(),
        agency_id=agency_id_of(subject, fetch),
        unit_id=unit_id_of(subject, fetch) if unit is _OWN_UNIT else getattr(unit, "pk", None),
    )


# Looks up one related row by model and id (the migration that filled the column for
# older events passes one that caches, since many events share a report or a programme).
Fetch = Callable[[type[models.Model], Any], models.Model | None]


def _fetch(model: type[models.Model], pk: Any) -> models.Model | None:
    return model._default_manager.filter(pk=pk).first()


def _memo(fetch: Fetch) -> Fetch:
    """`fetch`, each row read once."""
    seen: dict[tuple[Any, Any], models.Model | None] = {}

    def cached(model: type[models.Model], pk: Any) -> models.Model | None:
        if (model, pk) not in seen:
            seen[(model, pk)] = fetch(model, pk)
        return seen[(model, pk)]

    return cached


def _has_fk(obj: models.Model, name: str) -> bool:
    try:
        found = obj._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    # A foreign key or a one-to-one field of the object itself (a signing key's `user`).
    return bool(found.concrete and (found.many_to_one or found.one_to_one))


def _through(
    subject: models.Model,
    via: str,
    fetch: Fetch,
    rule: Callable[[models.Model, Fetch], int | None] | None = None,
) -> int | None:
    """`rule` (by default `agency_id_of`) applied to the row `subject`'s `via` names."""
    related_id = getattr(subject, f"{via}_id", None)
    if related_id is None:
        return None
    row = fetch(subject._meta.get_field(via).related_model, related_id)  # type: ignore[arg-type]
    return (rule or agency_id_of)(row, fetch) if row is not None else None


def agency_id_of(subject: models.Model, fetch: Fetch = _fetch) -> int | None:
    """The agency whose object `subject` is (an AuditEvent's `agency`): the agency
    itself, the `agency` of a report, account, unit, figure, token or document, the
    agency of the report a row belongs to, the issuer of an agency's own plan (and of its
    tasks, targets, regimes). None for programme-wide objects: a national programme and
    its tasks (MOST's), a publication of the consolidated report. Works on the migration
    state's models too (it reads fields, never methods)."""
    if subject._meta.model_name == "agency":
        return int(subject.pk)
    if _has_fk(subject, "agency"):
        return getattr(subject, "agency_id", None)
    for via in ("report", "user"):  # a comment, a signed document; a signing key, a token
        if _has_fk(subject, via):
            found = _through(subject, via, fetch)
            if found is not None:
                return found
    if subject._meta.model_name == "programme":
        # An agency's own plan (`permissions.is_agency_plan`) is its issuer's; a national
        # programme is no agency's, whoever issued it.
        plan = bool(getattr(subject, "is_agency_plan", False))
        return getattr(subject, "issuer_id", None) if plan else None
    for via in ("programme", "task"):
        if _has_fk(subject, via):
            found = _through(subject, via, fetch)
            if found is not None:
                return found
    return None


def unit_id_of(subject: Any, fetch: Fetch | None = None) -> int | None:
    """The unit whose object `subject` is: the unit itself, the `unit` of a report,
    person, document or assignment, the unit of the report, document or person a row
    belongs to (an entry, a comment, a register entry, a signing key). None for an
    agency's own objects and programme-wide ones.

    The one rule for the event's `unit` (`record_event`) and for who may act on the
    object (`permissions.can`: a unit's report is its unit's people's). `fetch` reads the
    related row (the migration's, on its state's models: fields, never methods); without
    it the relation is followed, from Django's cache when the caller selected it."""
    if subject is None:
        return None
    if not hasattr(subject, "_meta"):
        return getattr(subject, "unit_id", None)  # a row of a raw query, a stand-in
    if subject._meta.model_name == "unit":
        return int(subject.pk)
    if _has_fk(subject, "unit"):
        return getattr(subject, "unit_id", None)
    for via in ("report", "document", "user"):
        if _has_fk(subject, via):
            if fetch is None:
                found = unit_id_of(getattr(subject, via))
            else:
                found = _through(subject, via, fetch, unit_id_of)
            if found is not None:
                return found
    return None


def events_for(subject: models.Model) -> models.QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The keys whose values differ, as {key: [before, after]}."""
    keys = set(before) | set(after)
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}
