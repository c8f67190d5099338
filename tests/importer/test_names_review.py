"""Names on the review screen: unknown names can be created as agencies, the database is
the gazetteer of the next parse, superseded bodies are flagged, units are marked."""

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.core.models import AuditEvent
from lotrinh.importer import review
from lotrinh.importer.parser import parse_blocks
from lotrinh.importer.reader import _text_blocks

PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH LAI CHÂU\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 12/KH-UBND\n"
    "Lai Châu, ngày 5 tháng 1 năm 2026\nKẾ HOẠCH\nTRIỂN KHAI LUẬT\nII. NHIỆM VỤ\n"
    "1. Tổ chức tập huấn.\n- Cơ quan chủ trì: Sở Tư pháp.\n"
    "- Cơ quan phối hợp: Bộ Kế hoạch và Đầu tư; Liên minh Hợp tác xã Việt Nam."
)


def parse(text: str):
    return parse_blocks(_text_blocks(text))


def test_units_of_the_issuer_and_superseded_bodies_are_marked():
    (task,) = parse(PLAN)["tasks"]
    assert task["unit_of"] == {"Sở Tư pháp": "Tỉnh Lai Châu"}
    assert task["superseded"] == [
        {"name": "Bộ Kế hoạch và Đầu tư", "successor": "Bộ Tài chính", "since": "2025-03-01"}
    ]


def test_an_earlier_document_names_the_body_without_a_flag():
    (task,) = parse(PLAN.replace("năm 2026", "năm 2024"))["tasks"]
    assert task["superseded"] == []


@pytest.mark.django_db
def test_an_unknown_name_is_offered_and_created_then_known_to_the_next_parse(django_user_model):
    user = django_user_model.objects.create_user(username="reviewer", password="x")
    parsed = parse(PLAN)
    assert "Liên minh Hợp tác xã Việt Nam" not in parsed["tasks"][0]["coordinating"]
    parsed["tasks"][0]["coordinating"].append("Liên minh Hợp tác xã Việt Nam")
    draft = review.create_draft(parsed, "kh12.txt", user)
    unknown = {u.name: u for u in review.unknown_names(draft)}
    assert "Liên minh Hợp tác xã Việt Nam" in unknown
    # No known body is close to it (`names.is_close`): "Thông tấn xã Việt Nam" and "Bảo
    # hiểm xã hội Việt Nam" share only "xã" and "Việt Nam", and are no longer offered.
    assert unknown["Liên minh Hợp tác xã Việt Nam"].suggestions == []
    review.create_agency(draft, "Liên minh Hợp tác xã Việt Nam", user)
    assert Agency.objects.filter(name_vi="Liên minh Hợp tác xã Việt Nam").exists()
    assert AuditEvent.objects.filter(action="import.agency_created").count() == 1
    assert "Liên minh Hợp tác xã Việt Nam" not in {u.name for u in review.unknown_names(draft)}
    # The database is the gazetteer: the next document's field list reads the new name.
    (task,) = parse(PLAN)["tasks"]
    assert "Liên minh Hợp tác xã Việt Nam" in task["coordinating"]
    with pytest.raises(review.ReviewError):
        review.create_agency(draft, "Liên minh Hợp tác xã Việt Nam", user)  # known now
    with pytest.raises(review.ReviewError):
        review.create_agency(draft, "Cơ quan không có trong văn bản", user)
    assert Agency.objects.filter(name_vi__startswith="Cơ quan không").count() == 0
