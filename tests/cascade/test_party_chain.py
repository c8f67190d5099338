"""The Party's chain (issue 14, item 6), as far as it is built: the Party bodies and their
2025 changes in the registry, and a Party body's plan as a child programme whose links
know the tasks the parent gives to Party committees."""

import datetime

from lotrinh.agencies.models import Agency, AgencyKind, AgencySuccession, SuccessionKind
from lotrinh.agencies.services import holder_at, resolve_agency
from lotrinh.programmes.linking import LinkSuggester, generic_addressees_of
from lotrinh.programmes.models import TaskAssignment
from lotrinh.programmes.services import current_programme


def test_the_central_economic_commission_became_the_policy_and_strategy_commission(
    seeded_db: None,
) -> None:
    old = Agency.objects.get(name_vi="Ban Kinh tế Trung ương")
    new = Agency.objects.get(name_vi="Ban Chính sách, chiến lược Trung ương")
    assert new.kind == AgencyKind.PARTY_BODY and new.valid_from == datetime.date(2025, 1, 24)
    assert old.valid_to == datetime.date(2025, 1, 23)
    succession = AgencySuccession.objects.get(predecessor=old)
    assert (succession.successor, succession.kind) == (new, SuccessionKind.RENAMED)
    assert holder_at(old, datetime.date(2024, 12, 31)) == old
    assert holder_at(old, datetime.date(2025, 6, 1)) == new
    # 52-NQ/TW names the old commission; on a 2025 date the name leads to it, and it is
    # followed by its successor.
    assert resolve_agency("Ban Kinh tế Trung ương", at=datetime.date(2025, 6, 1)) == old


def test_the_propaganda_and_mass_mobilisation_commissions_merged(seeded_db: None) -> None:
    merged = Agency.objects.get(name_vi="Ban Tuyên giáo và Dân vận Trung ương")
    for name in ("Ban Tuyên giáo Trung ương", "Ban Dân vận Trung ương"):
        old = Agency.objects.get(name_vi=name)
        assert old.kind == AgencyKind.PARTY_BODY
        assert holder_at(old, datetime.date(2025, 2, 3)) == merged
        assert holder_at(old, datetime.date(2025, 2, 2)) == old
    assert merged.name_en == "Central Propaganda and Mass Mobilisation Commission"


def test_a_party_bodys_plan_weighs_the_tasks_given_to_party_committees(seeded_db: None) -> None:
    delegation = Agency.objects.get(name_vi="Đảng đoàn Quốc hội")
    assert "party_committees" in generic_addressees_of(delegation)
    province = Agency.objects.get(code="thanh-pho-ha-noi")
    assert "party_committees" not in generic_addressees_of(province)
    resolution = current_programme("52-NQ/TW")
    for_party = set(
        TaskAssignment.objects.filter(
            task__programme=resolution, generic="party_committees"
        ).values_list("task_id", flat=True)
    )
    assert for_party  # 52-NQ/TW gives tasks to "các cấp uỷ, tổ chức đảng"
    suggester = LinkSuggester.for_programme(resolution, issuer=delegation)
    assert all(suggester.affinity.get(pk) == LinkSuggester.OWN_TASK for pk in for_party)
