"""Mutation fuzz of every upload path's parser, seeded from real files: byte flips,
truncations, text in the encodings an office saves. Whatever the bytes, a path answers
with its own refusal (a message for the person) or reads the file; never another
exception (a 500 on the web, an "unexpected error" on the worker).

Bounded for the suite: derandomised, a few examples per path (all together well under
60 s; docs/uploads.md). `bench/fuzz_uploads.py` runs the same properties for longer.
"""

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotrinh.core.uploads import UploadRefused, check_bytes
from lotrinh.documents.templating import TemplateProblem, check_template
from lotrinh.importer.reader import ReadError
from lotrinh.importer.service import parse_bytes
from tests.uploads import corpus, hostile

CORPUS = Path("/work/shared/corpus")
TEMPLATE = Path(__file__).resolve().parents[2] / "lotrinh/documents/templates_docx/bao-cao.docx"
SUITE = settings(
    max_examples=100,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    """`seed` with a few bytes flipped, a slice dropped, or cut short."""
    data = bytearray(seed)
    for _ in range(draw(st.integers(0, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        start = draw(st.integers(0, len(data) - 1))
        del data[start : start + draw(st.integers(1, 64))]
    if draw(st.booleans()):
        data = data[: draw(st.integers(1, len(data)))]
    return bytes(data)


def small_programme() -> bytes:
    return corpus.docx(hostile.BODY.replace("&xx;", ""))


def text_seed() -> bytes:
    path = CORPUS / "kh310_ubnd_hanoi_2025_5g_iot.txt"
    tasks = "II. NHIỆM VỤ\n1. Nhóm nhiệm vụ\na) Bộ Y tế nghiên cứu.\n"
    text = path.read_text()[:2000] if path.exists() else ""
    return (tasks + text).encode()


def _parse(data: bytes, name: str) -> None:
    try:
        parse_bytes(data, name)
    except ReadError as exc:
        assert exc.message


# ---------------------------------------------------------------- programmes to import
@SUITE
@given(mutated(small_programme()))
def test_a_mutated_word_programme_is_read_or_refused_with_a_message(data):
    _parse(data, "ke-hoach.docx")


@SUITE
@given(mutated(hostile.pdf_count_lies(1)))
def test_a_mutated_pdf_programme_is_read_or_refused_with_a_message(data):
    _parse(data, "ke-hoach.pdf")


@SUITE
@given(
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258-combining"]).flatmap(
        lambda encoding: mutated(
            corpus.to_cp1258(text_seed().decode())
            if encoding == "cp1258-combining"
            else text_seed().decode().encode(encoding)
        )
    )
)
def test_a_mutated_text_programme_in_any_office_encoding_is_read_or_refused(data):
    _parse(data, "ke-hoach.txt")


# ---------------------------------------------------------------- Word templates
@SUITE
@given(mutated(TEMPLATE.read_bytes()))
def test_a_mutated_word_template_is_accepted_or_refused_with_a_message(data):
    try:
        check_bytes(data, "mau.docx", "template")
        with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
            handle.write(data)
            handle.flush()
            check_template(Path(handle.name))
    except (UploadRefused, TemplateProblem) as exc:
        assert str(exc)


# ---------------------------------------------------------------- the report form (XLSX)
@pytest.fixture
def form(report_a):
    from lotrinh.reporting import xlsx_form

    return report_a, xlsx_form.build_form(report_a)


@pytest.mark.django_db
def test_a_mutated_report_form_is_read_or_refused_with_every_problem(form):
    from lotrinh.reporting import xlsx_form

    report, seed = form

    @SUITE
    @given(mutated(seed))
    def check(data):
        try:
            xlsx_form.parse_form(report, data)
        except xlsx_form.FormErrors as exc:
            assert exc.problems and all(str(p) for p in exc.problems)

    check()


# ---------------------------------------------------------------- CSV files
CSV_TEXT = (
    "Year,Value,Source\n2023,12.5,Tổng cục Thống kê\n2024,13.1,Bộ Thông tin và Truyền thông\n"
)
UNITS_TEXT = (
    "code,name_vi,parent\nso-khcn,Sở Khoa học và Công nghệ,\n"
    "phong-qlcn,Phòng Quản lý Công nghệ,so-khcn\n"
)


def office_csv(text: str) -> st.SearchStrategy[bytes]:
    """`text` saved as Excel saves it in a Vietnamese office, then mutated."""

    def save(choice: tuple[str, str, str]) -> bytes:
        encoding, separator, newline = choice
        shaped = text.replace(",", separator).replace("\n", newline)
        if encoding == "cp1258":
            return corpus.to_cp1258(shaped)
        return shaped.encode(encoding)

    return st.tuples(
        st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
        st.sampled_from([",", ";", "\t"]),
        st.sampled_from(["\n", "\r\n"]),
    ).flatmap(lambda choice: mutated(save(choice)))


@pytest.mark.django_db
def test_a_mutated_indicator_csv_is_read_or_refused_with_its_problems():
    from lotrinh.indicators.models import Indicator
    from lotrinh.indicators.validation import ObservationError, parse_open_sdg_csv

    indicator = Indicator.objects.get(code="DIGITAL_ECONOMY_SHARE_GDP")

    @SUITE
    @given(office_csv(CSV_TEXT))
    def check(data):
        try:
            rows = parse_open_sdg_csv(data, 2026, indicator)
        except ObservationError as exc:
            assert exc.problems and all(exc.problems)
        else:
            assert all(0 <= r.value <= 100 for r in rows)

    check()


@pytest.mark.django_db
def test_a_mutated_sdmx_csv_is_read_or_refused_with_its_problems(most_monitor):
    from lotrinh.indicators import sdmx

    seed = sdmx.export_csv()[:4000].rsplit("\n", 1)[0] + "\n"

    @SUITE
    @given(office_csv(seed))
    def check(data):
        try:
            sdmx.parse_csv(data, most_monitor, "thử")
        except sdmx.SdmxInvalid as exc:
            assert exc.problems and all(exc.problems)

    check()


@pytest.mark.django_db
def test_a_mutated_units_csv_is_read_or_refused_and_a_refusal_writes_nothing(seeded_db):
    from django.db import transaction

    from lotrinh.accounts.models import Role
    from lotrinh.agencies import units as services
    from lotrinh.agencies.models import Agency
    from tests.cascade.conftest import person

    hanoi = Agency.objects.get(code="thanh-pho-ha-noi")
    admin = person("admin_hn", hanoi, Role.AGENCY_ADMIN)

    @SUITE
    @given(office_csv(UNITS_TEXT))
    def check(data):
        before = sorted(hanoi.units.values_list("code", "name_vi", "parent__code"))
        with transaction.atomic():  # each example from the same units
            try:
                services.import_units_csv(admin, hanoi, data)
            except services.UnitError as exc:
                assert str(exc)
                after = sorted(hanoi.units.values_list("code", "name_vi", "parent__code"))
                assert after == before
            transaction.set_rollback(True)

    check()


def test_the_seeds_are_read_unmutated():
    """The properties above start from files each path accepts."""
    assert parse_bytes(small_programme(), "a.docx")["tasks"]
    assert parse_bytes(text_seed(), "a.txt")["tasks"]
    check_bytes(TEMPLATE.read_bytes(), "mau.docx", "template")
    check_template(TEMPLATE)
    assert io.BytesIO(hostile.pdf_count_lies(1)).read(5) == b"%PDF-"
