"""Agency registry rules: resolving names, and who holds a responsibility on a date."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from lotrinh.agencies.models import (
    MINISTRY_LEVEL_KINDS,
    PARTY_COMMITTEE_KINDS,
    PROVINCE_KINDS,
    Agency,
    AgencyAlias,
    AgencySuccession,
)
from lotrinh.core.text import normalise_name

# Generic addressees and the kinds of agency each one covers. "Related …" names
# nobody yet: the lead agency decides whom to involve.
GENERIC_SCOPE: dict[str, tuple[str, ...]] = {
    "all_ministries_agencies_provinces": (*MINISTRY_LEVEL_KINDS, *PROVINCE_KINDS),
    "all_ministries_agencies": MINISTRY_LEVEL_KINDS,
    "all_provinces": PROVINCE_KINDS,
    "related_agencies": (),
    "related_provinces": (),
    "related_agencies_provinces": (),
    "related_bodies": (),
    "party_committees": PARTY_COMMITTEE_KINDS,
    "socio_political_organisations": (),
    # The issuer's own committees: no body of the registry, whoever the issuer is.
    "subordinate_party_committees": (),
}


def valid_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def agencies_for_generic(code: str, at: datetime.date) -> QuerySet[Agency]:
    """The agencies a generic addressee covers on a date (none for "related …")."""
    if code not in GENERIC_SCOPE:
        raise KeyError(code)
    kinds = GENERIC_SCOPE[code]
    return Agency.objects.filter(valid_on(at), kind__in=kinds)


def generic_codes_covering(agency: Agency) -> list[str]:
    return [code for code, kinds in GENERIC_SCOPE.items() if agency.kind in kinds]


def resolve_agency(name: str, at: datetime.date | None = None) -> Agency | None:
    """The registry agency a name as written refers to, preferring one valid on `at`."""
    key = normalise_name(name)
    candidates = list(
        Agency.objects.filter(Q(aliases__normalised=key)).distinct().order_by("valid_from")
    )
    if not candidates:
        return None
    if at is not None:
        valid = [a for a in candidates if a.is_valid_on(at)]
        if valid:
            return valid[0]
    return candidates[-1]


@dataclass(frozen=True)
class Transfer:
    predecessor: Agency
    successor: Agency
    effective_date: datetime.date


class SuccessionGraph:
    """All successions in memory (there are about a hundred), for date questions."""

    def __init__(self, successions: Iterable[AgencySuccession]) -> None:
        self.out: dict[int, list[AgencySuccession]] = {}
        for succession in successions:
            self.out.setdefault(succession.predecessor_id, []).append(succession)
        for items in self.out.values():
            items.sort(key=lambda s: s.effective_date)

    @classmethod
    def load(cls) -> "SuccessionGraph":
        return cls(AgencySuccession.objects.select_related("predecessor", "successor"))

    def holder_at(self, agency: Agency, day: datetime.date) -> Agency:
        """Who holds `agency`'s responsibilities on `day` (itself until it is succeeded)."""
        current = agency
        seen = {current.pk}
        while True:
            step = next(
                (
                    s
                    for s in self.out.get(current.pk, [])
                    if s.effective_date <= day and s.successor_id is not None
                ),
                None,
            )
            if step is None or step.successor is None or step.successor_id in seen:
                return current
            current = step.successor
            seen.add(current.pk)

    def chain(self, agency: Agency, day: datetime.date) -> list[Transfer]:
        """The transfers from `agency` to its holder on `day`, in order."""
        transfers: list[Transfer] = []
        current = agency
        seen = {current.pk}
        while True:
            step = next(
                (
                    s
                    for s in self.out.get(current.pk, [])
                    if s.effective_date <= day and s.successor_id is not None
                ),
                None,
            )
            if step is None or step.successor is None or step.successor_id in seen:
                return transfers
            transfers.append(Transfer(current, step.successor, step.effective_date))
            current = step.successor
            seen.add(current.pk)

    def predecessors_held_by(
        self, agency: Agency, day: datetime.date, agencies: Iterable[Agency]
    ) -> list[Agency]:
        """Among `agencies`, those whose responsibilities `agency` holds on `day`."""
        return [
            other
            for other in agencies
            if other.pk != agency.pk and self.holder_at(other, day).pk == agency.pk
        ]


def holder_at(agency: Agency, day: datetime.date) -> Agency:
    return SuccessionGraph.load().holder_at(agency, day)


def add_alias(agency: Agency, alias: str, source: str = "") -> None:
    AgencyAlias.objects.get_or_create(
        agency=agency,
        normalised=normalise_name(alias),
        defaults={"alias": alias, "source": source},
    )
