"""Positions within a group ("top N of ASEAN") computed from the members' world ranks.

For an edition (year), Viet Nam's position is 1 + the members ranked above it. A member
without a rank is stated with what is known of it and whether it could change the
position: not covered by the edition, or known to rank below a rank at or after Viet
Nam's, it cannot; otherwise it could be ahead, and the position is a range. A position
copied from a source is kept only as a cross-check; a disagreement is flagged.
"""

from dataclasses import dataclass, field
from typing import Any

from lotrinh.indicators.models import BACKING_STRENGTH, GapKind, Indicator, MemberGap, Observation
from lotrinh.indicators.primary import COUNTRY_NAMES, GROUP_MEMBERS

HOME = "VNM"


@dataclass
class MemberRank:
    country: str
    rank: float | None
    observation: Observation | None = None
    gap: MemberGap | None = None
    could_change: bool = False

    @property
    def name_vi(self) -> str:
        return COUNTRY_NAMES.get(self.country, (self.country, self.country))[0]

    @property
    def name_en(self) -> str:
        return COUNTRY_NAMES.get(self.country, (self.country, self.country))[1]

    @property
    def reason_vi(self) -> str:
        return self.reason("vi")

    @property
    def reason_en(self) -> str:
        return self.reason("en")

    def reason(self, lang: str = "en") -> str:
        if self.rank is not None or self.gap is None:
            return ""
        if self.gap.kind == GapKind.NOT_COVERED:
            return (
                "không được xếp hạng ở kỳ này: không thể làm đổi vị trí"
                if lang == "vi"
                else "not covered by this edition: cannot change the position"
            )
        if self.gap.kind == GapKind.BELOW and not self.could_change:
            return (
                f"nếu được xếp hạng thì sau hạng {self.gap.below_rank}, tức sau Việt Nam: không thể làm đổi vị trí"
                if lang == "vi"
                else f"if ranked, below {self.gap.below_rank}, i.e. below Viet Nam: cannot change the position"
            )
        return (
            "không rõ thứ hạng: có thể xếp trên Việt Nam, vị trí có thể kém hơn"
            if lang == "vi"
            else "rank unknown: could rank above Viet Nam, so the position could be worse"
        )


@dataclass
class GroupPosition:
    year: int
    group: str
    home_rank: float | None
    position: int | None  # best case (members known ahead + 1)
    worst: int | None  # when unknown members are ahead too
    members: list[MemberRank] = field(default_factory=list)
    copied: Observation | None = None

    @property
    def exact(self) -> bool:
        return self.position is not None and self.position == self.worst

    @property
    def missing(self) -> list[MemberRank]:
        return [m for m in self.members if m.rank is None]

    @property
    def cross_check(self) -> str:
        """agrees / disagrees / consistent (within the range) / none (nothing copied)."""
        if self.copied is None or self.copied.value is None or self.position is None:
            return "none"
        copied = int(self.copied.value)
        if self.exact:
            return "agrees" if copied == self.position else "disagrees"
        assert self.worst is not None
        return "consistent" if self.position <= copied <= self.worst else "disagrees"

    @property
    def used(self) -> int | None:
        """The position the status uses: the computed one; for a range, a copied position
        within it (a source that saw the whole table), else the worst case."""
        if self.position is None:
            return None
        if self.exact:
            return self.position
        if self.cross_check == "consistent":
            assert self.copied is not None and self.copied.value is not None
            return int(self.copied.value)
        return self.worst

    def weakest_backing(self) -> str:
        """The weakest backing of the ranks the position rests on (Viet Nam's and those ahead)."""
        used = [
            m.observation.backing
            for m in self.members
            if m.observation is not None
            and (
                m.country == HOME
                or (m.rank is not None and self.home_rank is not None and m.rank < self.home_rank)
            )
        ]
        return min(used, key=lambda b: BACKING_STRENGTH.get(b, 0)) if used else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "group": self.group,
            "computed_position": self.position,
            "worst_position": self.worst,
            "exact": self.exact,
            "position_used": self.used,
            "copied_position": int(self.copied.value)
            if self.copied is not None and self.copied.value is not None
            else None,
            "cross_check": self.cross_check,
            "members": [
                {
                    "country": m.country,
                    "name": m.name_en,
                    "rank": m.rank,
                    "source": m.observation.source_url
                    if m.observation
                    else (m.gap.source_url if m.gap else ""),
                    "publisher": m.observation.publisher
                    if m.observation
                    else (m.gap.publisher if m.gap else ""),
                    "published": (
                        m.observation.published_text or str(m.observation.published_on or "")
                    )
                    if m.observation
                    else "",
                    "backing": m.observation.backing if m.observation else "",
                    "missing_reason": m.reason("en") or None,
                    "could_change_position": m.could_change if m.rank is None else None,
                }
                for m in self.members
            ],
        }


def compute(
    year: int,
    group: str,
    ranks: dict[str, Observation],
    gaps: dict[str, MemberGap],
    copied: Observation | None = None,
) -> GroupPosition:
    """Viet Nam's position in `group` for one edition from the members' rank observations."""
    home = ranks.get(HOME)
    home_rank = home.value if home is not None else None
    members: list[MemberRank] = []
    for country in GROUP_MEMBERS[group]:
        o = ranks.get(country)
        if o is not None and o.value is not None:
            members.append(MemberRank(country, o.value, o))
            continue
        gap = gaps.get(country)
        could = True
        if gap is not None and gap.kind == GapKind.NOT_COVERED:
            could = False
        elif gap is not None and gap.kind == GapKind.BELOW and home_rank is not None:
            could = gap.below_rank is None or gap.below_rank < home_rank
        members.append(MemberRank(country, None, None, gap, could))
    if home_rank is None:
        return GroupPosition(year, group, None, None, None, members, copied)
    ahead = sum(1 for m in members if m.rank is not None and m.rank < home_rank)
    unknown = sum(1 for m in members if m.rank is None and m.could_change)
    members.sort(key=lambda m: (m.rank is None, m.rank or 0, m.country))
    return GroupPosition(year, group, home_rank, ahead + 1, ahead + 1 + unknown, members, copied)


def group_positions(
    indicator: Indicator, in_effect: list[Observation], preloaded: list[MemberGap] | None = None
) -> dict[int, GroupPosition]:
    """Every edition's computed position for a group indicator with `computed_from`.

    `in_effect`: the observations in effect (services.known_observations) of both the
    world-rank indicator (members) and the group indicator (copied positions).
    """
    source = indicator.computed_from
    assert source is not None
    group = indicator.group or "ASEAN"
    by_year: dict[int, dict[str, Observation]] = {}
    copied: dict[int, Observation] = {}
    for o in in_effect:
        if o.indicator_id == source.pk and o.country in GROUP_MEMBERS[group]:
            by_year.setdefault(o.year, {})[o.country] = o
        elif o.indicator_id == indicator.pk and o.country == HOME and o.value is not None:
            copied[o.year] = o
    gaps: dict[int, dict[str, MemberGap]] = {}
    found = (
        [g for g in preloaded if g.indicator_id == source.pk]
        if preloaded is not None
        else MemberGap.objects.filter(indicator=source)
    )
    for gap in found:
        gaps.setdefault(gap.year, {})[gap.country] = gap
    # An edition counts once Viet Nam's rank of it is known.
    return {
        year: compute(year, group, ranks, gaps.get(year, {}), copied.get(year))
        for year, ranks in sorted(by_year.items())
        if HOME in ranks
    }
