"""A pre-filled entry is one the officer can save: its text fits the form's limit
(texts.TEXT_MAX_CHARS), however many units report and however long their results, each
unit's result whole and every unit either written or named (rollup.RolledTask.prefill_text)."""

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from lotrinh.reporting.rollup import RolledTask, UnitContribution
from lotrinh.reporting.texts import TEXT_MAX_CHARS

words = st.text(alphabet="abcdeđêôơư ạắ", min_size=0, max_size=40)


@st.composite
def contributions(draw):
    n = draw(st.integers(0, 30))
    found = []
    for i in range(n):
        size = draw(st.sampled_from([0, 10, 500, 4_000, 12_000, TEXT_MAX_CHARS]))
        result = ("ý" * size) if size else ""
        evidence = draw(st.sampled_from(["", "12/QĐ-UBND ngày 01/6/2025", "x" * 300]))
        name = f"Sở số {i} " + draw(words)
        found.append(
            UnitContribution(
                unit=SimpleNamespace(name_vi=name),  # type: ignore[arg-type]
                task=SimpleNamespace(ref=f"{i}.1"),  # type: ignore[arg-type]
                status="in_progress",
                result=result,
                evidence=evidence,
                entry=None,  # type: ignore[arg-type]
            )
        )
    return found


@settings(max_examples=200, deadline=None)
@given(contributions(), st.booleans())
def test_the_prefill_fits_the_form_and_keeps_each_result_whole(units, with_evidence) -> None:
    item = RolledTask(task=None, status="in_progress", contributions=units)  # type: ignore[arg-type]
    text = item.prefill_text(with_evidence)
    assert len(text) <= TEXT_MAX_CHARS
    for c in units:
        if not (c.result or (with_evidence and c.evidence)):
            continue
        written = c.result and f"- {c.unit.name_vi} ({c.task.ref}): {c.result}" in text
        evidence_only = not c.result and f"{c.unit.name_vi}: {c.evidence}" in text
        named = f"{c.unit.name_vi} ({c.task.ref})" in text
        counted = "đơn vị khác" in text
        assert written or evidence_only or named or counted
    if "Không đủ chỗ" not in text:
        # Everything fitted: every result is there, whole, as before.
        for c in units:
            if c.result:
                assert f"- {c.unit.name_vi} ({c.task.ref}): {c.result}" in text


def test_results_that_fit_are_written_as_before() -> None:
    units = [
        UnitContribution(
            SimpleNamespace(name_vi="Sở Khoa học và Công nghệ"),  # type: ignore[arg-type]
            SimpleNamespace(ref="1"),  # type: ignore[arg-type]
            "done_on_time",
            "Đã ban hành",
            "12/QĐ-UBND",
            None,  # type: ignore[arg-type]
        )
    ]
    item = RolledTask(task=None, status="done_on_time", contributions=units)  # type: ignore[arg-type]
    assert item.prefill_text(with_evidence=True) == (
        "- Sở Khoa học và Công nghệ (1): Đã ban hành\nCăn cứ: Sở Khoa học và Công nghệ: 12/QĐ-UBND"
    )
    assert item.prefill_text(with_evidence=False) == "- Sở Khoa học và Công nghệ (1): Đã ban hành"


def test_two_long_results_do_not_make_an_entry_the_form_refuses() -> None:
    long = ("kết quả " * 1_500).strip()  # 12,000 characters each: two are over the limit
    units = [
        UnitContribution(
            SimpleNamespace(name_vi=name),  # type: ignore[arg-type]
            SimpleNamespace(ref=ref),  # type: ignore[arg-type]
            "in_progress",
            long,
            "",
            None,  # type: ignore[arg-type]
        )
        for name, ref in (("Sở Tài chính", "2"), ("Sở Nội vụ", "3"))
    ]
    item = RolledTask(task=None, status="in_progress", contributions=units)  # type: ignore[arg-type]
    text = item.prefill_text(with_evidence=True)
    assert len(text) <= TEXT_MAX_CHARS
    assert f"- Sở Tài chính (2): {long}" in text
    assert text.endswith(
        "(Không đủ chỗ cho kết quả của 1 đơn vị, xem báo cáo của đơn vị: Sở Nội vụ (3).)"
    )
