"""A closest known name is offered only for a body of a compatible kind: "Phòng Kinh tế"
(a commune's or district's division) shares "Kinh tế" with "Ủy ban Kinh tế", a committee
of the National Assembly, but a division is not a committee of the Assembly, and was
offered it. The administration's line (Bộ, Sở, Phòng, Vụ, Cục) stays one family: "Phòng
Tài chính - Kế hoạch" is still offered "Bộ Tài chính"."""

import csv
import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.names import AGENCY_DATA, _distinctive, closest_names, is_close

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 1, 1)


def _assembly_committees() -> list[str]:
    with open(AGENCY_DATA / "extra_bodies.csv", encoding="utf-8", newline="") as handle:
        return [
            row["name_vi"]
            for row in csv.DictReader(handle)
            if row["name_vi"].startswith(("Ủy ban ", "Hội đồng "))
            and "of the National Assembly" in row["name_en"]
            and _distinctive(row["name_vi"])
        ]


COMMITTEES = _assembly_committees()


def test_a_division_is_not_offered_the_assemblys_committee(seeded_db: None) -> None:
    assert not is_close("Phòng Kinh tế", "Ủy ban Kinh tế")
    assert "Ủy ban Kinh tế" not in closest_names("Phòng Kinh tế", 3, DAY)


@pytest.mark.parametrize(
    ("written", "offered"),
    [
        ("Phòng Tài chính - Kế hoạch", "Bộ Tài chính"),
        ("Sở Tài chính", "Bộ Tài chính"),
        ("Sở Công an", "Bộ Công an"),
    ],
)
def test_the_administrations_line_is_still_offered(
    seeded_db: None, written: str, offered: str
) -> None:
    """Guard (passes before the change too): Bộ, Sở and Phòng of one field stay close."""
    assert offered in closest_names(written, 3, DAY)


@settings(max_examples=60, deadline=None)
@given(
    head=st.sampled_from(("Phòng", "Chi cục", "Sở", "Vụ", "Cục", "Tổng cục")),
    committee=st.sampled_from(COMMITTEES),
    tail=st.sampled_from(("", " tỉnh", " huyện", " xã", " thành phố")),
)
def test_no_unit_of_the_administration_is_close_to_a_committee_of_the_assembly(
    head: str, committee: str, tail: str
) -> None:
    """Whatever words it shares with the committee (all of its distinctive ones here), a
    unit of the administration is never offered a committee of the Assembly."""
    words = " ".join(w.title() for w in _distinctive(committee))
    written = f"{head} {words}{tail}"
    assert not is_close(written, committee), (written, committee)


def test_an_unknown_name_with_nothing_close_shows_no_empty_closest_list(
    seeded_db: None, most_monitor
) -> None:
    """The review page said "“Phòng Kinh tế” — gần nhất: " with nothing after it once
    nothing close was left to offer: the words "gần nhất" only come with names."""
    from django.urls import reverse

    from lotrinh.importer import review
    from lotrinh.importer.service import parse_bytes
    from tests.conftest import client_for
    from tests.importer.test_review import plan_docx

    draft = review.create_draft(
        parse_bytes(plan_docx(), "ke-hoach.docx"), "ke-hoach.docx", most_monitor
    )
    draft.data["tasks"][0]["lead"] = ["Phòng Kinh tế"]
    draft.data["tasks"][1]["lead"] = ["Phòng Tài chính - Kế hoạch"]
    draft.save(update_fields=["data"])
    html = client_for(most_monitor).get(reverse("importer:review", args=[draft.pk])).content
    page = " ".join(html.decode().split())
    assert "Phòng Kinh tế" in page
    assert 'gần nhất: <span lang="vi"></span>' not in page
    assert 'gần nhất: <span lang="vi">Bộ Tài chính' in page
