"""Bodies addressed as a class by their trade ("Các doanh nghiệp công nghệ số", "Các cơ sở
đào tạo đại học …") have partners as a named subject has: "… phối hợp với (đầu mối (của))
Y …" in their clause, or "Phối hợp với Y …" as a later sentence or paragraph of the same
duty (docs/importer.md, "Rules": enterprises, "phối hợp"). The focal points of bodies are
the bodies'. "mở thêm/mở rộng" is a predicate that ends the class."""

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.importer.test_bare_references import _tasks

CLASSES = (
    "Các doanh nghiệp công nghệ số",
    "Các doanh nghiệp viễn thông",
    "Các cơ sở đào tạo đại học",
    "Các trường đại học, cao đẳng",
)
PARTNERS = (
    ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ"),
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("các viện nghiên cứu", "các viện nghiên cứu"),
)
FOCAL = ("", "đầu mối ", "đầu mối của ")


@settings(max_examples=50, deadline=None)
@given(
    subject=st.sampled_from(CLASSES),
    partner=st.sampled_from(PARTNERS),
    focal=st.sampled_from(FOCAL),
    later=st.sampled_from(("", ".\n", ". ")),
)
def test_a_trade_class_names_its_partners(subject, partner, focal, later) -> None:
    written, name = partner
    if later:
        duty = (
            f"{subject} mở thêm chuyên ngành đào tạo về chuyển đổi số{later}"
            f"Phối hợp với {focal}{written} phát triển các công nghệ mới."
        )
    else:
        duty = f"{subject} phối hợp với {focal}{written} xây dựng chương trình đào tạo kỹ năng số."
    task = next(t for t in _tasks(f"2. {duty}\n") if t["text"].startswith(subject))
    assert task["lead"] == [subject]
    assert task["coordinating"] == [name]
