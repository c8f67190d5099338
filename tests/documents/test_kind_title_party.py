"""The documents list names a Party committee's report as a committee's ("Báo cáo của cấp
ủy, tổ chức đảng — Thành ủy Hà Nội"), not as a "cơ quan"'s; the Party's own agencies and
the State's bodies keep "Báo cáo của cơ quan"."""

import pytest

from lotrinh.agencies.models import Agency
from lotrinh.documents.models import DocumentKind, GeneratedDocument

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "kind, title",
    [
        ("party_provincial", "Báo cáo của cấp ủy, tổ chức đảng"),
        ("party_board", "Báo cáo của cấp ủy, tổ chức đảng"),
        ("party_ministry", "Báo cáo của cấp ủy, tổ chức đảng"),
        ("party_body", "Báo cáo của cơ quan"),
        ("ministry", "Báo cáo của cơ quan"),
        ("province", "Báo cáo của cơ quan"),
    ],
)
def test_the_list_names_whose_report(kind, title):
    agency = Agency.objects.create(code=f"X-{kind}", name_vi="Thành ủy Thử", kind=kind)
    document = GeneratedDocument(kind=DocumentKind.AGENCY, agency=agency)
    assert document.kind_title == title
