"""Benchmark: how long an upload holds a web worker, at the limits and beyond them.

Builds, at the caps of lotrinh/core/uploads.py, the largest XLSX report form that is
accepted (every row and every byte of XML the caps allow) and the largest DOCX programme
(paragraphs and XML at the caps), posts each through the Django test client as the web
server would receive it, and times the request: the web request only checks the file's
envelope and queues it. The XLSX form's processing and the DOCX parse run on the worker
(timed separately, for information; not part of `max_hold_ms`). Then posts the over-limit files (zip bombs, a
million-row sheet, an over-size body) and checks each is refused fast with a 4xx.
Target (issue 9, finding 8): no request holds a web worker for more than 1 s.

Run: .venv/bin/python bench/upload_bench.py
Last line: xlsx_ms=N docx_ms=N max_hold_ms=N, in CPU milliseconds of the request (the line
before gives the wall-clock times, which grow with the machine's load).
"""

import gc
import os
import random
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
workdir = tempfile.mkdtemp(prefix="lotrinh-upload-bench-")
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
os.environ["LOTRINH_VAR_DIR"] = workdir
os.environ["LOTRINH_MEDIA_ROOT"] = f"{workdir}/media"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from lotrinh.accounts.models import Role, User  # noqa: E402
from lotrinh.agencies.models import Agency  # noqa: E402
from lotrinh.core.setup import load_all  # noqa: E402
from lotrinh.core.uploads import UploadRefused, check_docx, check_xlsx, limit  # noqa: E402
from lotrinh.importer.models import ImportJob  # noqa: E402
from lotrinh.importer.service import run_import  # noqa: E402
from lotrinh.programmes.services import current_programme  # noqa: E402
from lotrinh.reporting import services, xlsx_form  # noqa: E402
from lotrinh.reporting.form_uploads import run_upload  # noqa: E402
from lotrinh.reporting.models import AgencyReport, FormUpload  # noqa: E402
from tests.uploads import corpus  # noqa: E402


def setup() -> tuple[AgencyReport, User, User]:
    call_command("migrate", verbosity=0)
    load_all()
    regime = current_programme("50/NQ-CP").reporting_regimes.get(code="annual-report")
    period = next(p for p in services.generate_periods(regime, 2024) if p.year == 2024)
    agency = Agency.objects.get(code="bo-y-te")
    officer = User.objects.create_user(
        username="officer", password="x", agency=agency, role=Role.REPORTER
    )
    monitor = User.objects.create_user(
        username="monitor",
        password="x",
        agency=Agency.objects.get(code="bo-khoa-hoc-va-cong-nghe"),
        role=Role.MOST_MONITOR,
    )
    return services.ensure_report(agency, period), officer, monitor


def xml_size(data: bytes) -> int:
    import zipfile

    return sum(
        i.file_size
        for i in zipfile.ZipFile(BytesIO(data)).infolist()
        if i.filename.endswith((".xml", ".rels"))
    )


EXCEL_CELL_MAX = 32767  # characters Excel keeps in one cell
WORDS = (
    "đã triển khai kế hoạch chuyển đổi số hồ sơ sức khoẻ điện tử bệnh viện tỉnh thành phố "
    "dữ liệu dân cư thanh toán không dùng tiền mặt đào tạo kỹ năng cán bộ y tế cơ sở năm "
    "quý hoàn thành đúng hạn vướng mắc kinh phí nhân lực hạ tầng mạng kiến nghị bổ sung"
).split()
_random = random.Random(9)


def prose(length: int) -> str:
    """Text that compresses like real text (not like one phrase repeated)."""
    words: list[str] = []
    size = 0
    while size < length:
        word = _random.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length]


def form_with(report: AgencyReport, rows: int, length: int) -> bytes:
    """The report's form: every entry's texts `length` long, filler rows up to `rows`."""
    book = load_workbook(BytesIO(xlsx_form.build_form(report)))
    sheet = book[xlsx_form.SHEET]
    entries = sheet.max_row
    for row in range(2, max(entries, rows) + 1):
        if row > entries:
            sheet.cell(row, 1).value = sheet.cell(2, 1).value
        sheet.cell(row, 3).value = "Đang thực hiện, trong hạn"
        for column in (4, 8, 9):  # result, difficulties, proposals
            sheet.cell(row, column).value = prose(length)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def largest_form(report: AgencyReport, fill_rows: bool) -> bytes:
    """The report's own form at the caps: its entries' texts as long as the XML cap allows
    (at most Excel's cell size), or every row the row cap allows."""
    entries = report.entries.count() + 1
    rows = limit("LOTRINH_XLSX_MAX_ROWS") if fill_rows else 0
    # Three texts per row share the XML budget (Vietnamese: ~1.3 bytes per character).
    budget = limit("LOTRINH_XLSX_MAX_XML_BYTES")
    length = min(EXCEL_CELL_MAX, int(budget / max(rows, entries) / 3 / 1.3))
    for _attempt in range(40):
        data = form_with(report, rows, length)
        try:
            check_xlsx(data)
            return data
        except UploadRefused:
            length = int(length * 0.95)
    raise SystemExit("could not build a form at the caps")


def largest_docx() -> bytes:
    paragraphs = limit("LOTRINH_DOCX_MAX_PARAGRAPHS")
    # Text at the character cap, XML within its cap (a run's markup is ~60 bytes).
    budget = min(
        limit("LOTRINH_ZIP_MAX_XML_BYTES"), int(limit("LOTRINH_DOCUMENT_MAX_CHARS") * 0.95)
    )
    heading = [
        "Số: 12/KH-BYT",
        "KẾ HOẠCH",
        "Thực hiện Nghị quyết số 50/NQ-CP của Chính phủ",
        "II. NHIỆM VỤ",
    ]
    fixed = "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in heading)
    per = budget // paragraphs
    text = ""
    n = 0
    body = [fixed]
    while n < paragraphs - len(heading):
        n += 1
        line = f"{n}. Bộ Y tế chủ trì, phối hợp với Bộ Công an xây dựng hồ sơ sức khoẻ điện tử, hoàn thành năm 2025"
        text = (line + " " + prose(max(0, per - len(line.encode())) * 3 // 4))[:per]
        body.append(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
    data = corpus.docx("".join(body))
    while True:
        try:
            check_docx(data)
            return data
        except UploadRefused:
            body = body[:-50]
            data = corpus.docx("".join(body))


def post(client: Client, url: str, field: str, name: str, data: bytes) -> tuple[float, float, int]:
    """Wall-clock and CPU milliseconds of one request, and its status.

    The CPU time is the work the request makes the web worker do; the wall time adds the
    waiting for a processor, which depends on whatever else the machine is running.
    """
    upload = SimpleUploadedFile(name, data)
    gc.collect()  # the web worker does not carry the bench's (or the parse's) garbage
    cpu, wall = time.thread_time(), time.perf_counter()
    response = client.post(url, {field: upload})
    return (
        (time.perf_counter() - wall) * 1000,
        (time.thread_time() - cpu) * 1000,
        response.status_code,
    )


def main() -> None:
    report, officer, monitor = setup()
    as_officer, as_monitor = Client(), Client()
    as_officer.force_login(officer)
    as_monitor.force_login(monitor)
    form_url = reverse("reporting:upload_form", args=[report.pk])
    import_url = reverse("importer:upload")

    print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} processors")
    print("accepted files at the caps (how long the web request holds a worker):")
    xlsx_cpu, xlsx_wall = [], []
    for label, fill_rows in (("long texts", False), ("every row", True)):
        data = largest_form(report, fill_rows)  # built fresh: it carries the report's version
        wall, cpu, status = post(as_officer, form_url, "file", "bao-cao.xlsx", data)
        xlsx_cpu.append(cpu)
        xlsx_wall.append(wall)
        print(
            f"  xlsx form ({label}): {len(data) / 1e6:.2f} MB, {xml_size(data) / 1e6:.2f} MB XML,"
            f" HTTP {status} (queued), {cpu:.0f} ms CPU, {wall:.0f} ms wall"
        )
        # The form is read, validated and saved on the worker: timed for information.
        upload = FormUpload.objects.latest("pk")
        cpu0, wall0 = time.process_time(), time.perf_counter()
        upload = run_upload(upload.pk)
        print(
            f"  (then on the worker, not the web: processed in"
            f" {(time.process_time() - cpu0) * 1000:.0f} ms CPU,"
            f" {(time.perf_counter() - wall0) * 1000:.0f} ms wall: {upload.status},"
            f" {upload.saved} entries saved{'; ' if upload.message else ''}{upload.message}"
            f"{' ' + str(upload.problems[:2]) if upload.problems else ''})"
        )
    docx = largest_docx()
    docx_wall, docx_cpu, status = post(as_monitor, import_url, "document", "ke-hoach.docx", docx)
    print(
        f"  docx programme: {len(docx) / 1e6:.2f} MB, {xml_size(docx) / 1e6:.1f} MB XML,"
        f" HTTP {status} (queued), {docx_cpu:.0f} ms CPU, {docx_wall:.0f} ms wall"
    )
    job = ImportJob.objects.latest("pk")
    cpu, wall = time.process_time(), time.perf_counter()
    job = run_import(job.pk)
    print(
        f"  (then on the worker, not the web: parsed in {(time.process_time() - cpu) * 1000:.0f} ms"
        f" CPU, {(time.perf_counter() - wall) * 1000:.0f} ms wall: {job.status})"
    )
    holds = [*xlsx_cpu, docx_cpu]
    walls = [*xlsx_wall, docx_wall]

    print("over-limit files (refused before any parser):")
    over = [
        ("docx zip bomb (52 MB inflated)", import_url, "document", "bom.docx", corpus.docx_bomb()),
        ("xlsx zip bomb", form_url, "file", "bom.xlsx", corpus.xlsx_bomb()),
        ("xlsx 10^6 rows", form_url, "file", "trieu-dong.xlsx", corpus.xlsx_million_rows()),
        ("xlsx a cell on row 10^6", form_url, "file", "xa.xlsx", corpus.xlsx_far_row()),
        (
            "docx beyond the paragraph cap (queued; the worker refuses it unparsed)",
            import_url,
            "document",
            "dai.docx",
            corpus.docx_paragraphs(limit("LOTRINH_DOCX_MAX_PARAGRAPHS") + 1),
        ),
        (
            "body over LOTRINH_MAX_UPLOAD_BYTES",
            import_url,
            "document",
            "lon.txt",
            b"a" * (limit("LOTRINH_MAX_UPLOAD_BYTES") + 1),
        ),
    ]
    for label, url, field, name, data in over:
        client = as_monitor if url == import_url else as_officer
        wall, cpu, status = post(client, url, field, name, data)
        assert 400 <= status < 500 or label.startswith("docx beyond") and status == 302, (
            label,
            status,
        )
        holds.append(cpu)
        walls.append(wall)
        print(
            f"  {label}: {len(data) / 1e6:.2f} MB, HTTP {status}, {cpu:.0f} ms CPU, {wall:.0f} ms wall"
        )
    print(
        f"wall-clock: xlsx_ms={max(xlsx_wall):.0f} docx_ms={docx_wall:.0f} max_hold_ms={max(walls):.0f}"
    )
    print(f"xlsx_ms={max(xlsx_cpu):.0f} docx_ms={docx_cpu:.0f} max_hold_ms={max(holds):.0f}")


if __name__ == "__main__":
    main()
