"""The Fatherland Front's committee at a level, as plans shorten its name: "Mặt trận Tổ
quốc tỉnh (X)", "Ủy ban Mặt trận Tổ quốc xã (X)", without "Việt Nam" before the level
(docs/importer.md, "Local and regional levels of a national body"). As a heading per body
it leads the duty under it, with the class beside it; "… tỉnh, thành phố" is no level."""

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.importer.names import find_names
from tests.importer.test_bare_references import HEAD, TAIL, _tasks

# A level and the places written after it: a province's name after "tỉnh", a commune's
# or ward's after "xã"/"phường".
PLACES = {
    "tỉnh": ("", " Bắc Ninh", " Đồng Nai"),
    "thành phố": ("", " Hà Nội"),
    "xã": ("", " Đông Anh", " Tân Phú Đông"),
    "phường": ("", " Hoàn Kiếm"),
}


@settings(max_examples=40, deadline=None)
@given(
    committee=st.sampled_from(("Mặt trận Tổ quốc", "Ủy ban Mặt trận Tổ quốc")),
    level=st.sampled_from(sorted(PLACES)),
    place_index=st.integers(0, 2),
    with_class=st.booleans(),
    on_its_line=st.booleans(),
)
def test_the_fronts_committee_at_a_level_leads_its_duty(
    committee, level, place_index, with_class, on_its_line
) -> None:
    place = PLACES[level][place_index % len(PLACES[level])]
    front = f"{committee} {level}{place}"
    heading = front + (" và các tổ chức chính trị - xã hội" if with_class else "")
    duty = "Phát huy vai trò trong tuyên truyền, vận động Nhân dân, giám sát triển khai."
    body = f"2. {heading}: {duty}\n" if on_its_line else f"2. {heading}\n{duty}\n"
    task = next(t for t in _tasks(body) if "Phát huy vai trò" in t["text"])
    assert task["lead"] == [front]
    classes = [a["generic"] for a in task["addressees"] if a["role"] == "lead"]
    assert classes == (["socio_political_organisations"] if with_class else [])


def test_the_front_of_every_province_is_no_level() -> None:
    written = [m.written for m in find_names("Mặt trận Tổ quốc tỉnh, thành phố vận động")]
    assert "Mặt trận Tổ quốc tỉnh" not in written
    assert HEAD and TAIL  # the same plan as the bare references' tests
