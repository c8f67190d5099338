"""Bad input on every upload and import path: a clear message, never a 500, nothing written.

Paths: the importer upload (/nhap-van-ban/), the XLSX report form upload, the indicator
CSV import and value form, the document template upload, the evidence file of an entry,
the plan and amendment forms' dates, and the compliance page's `stale_days`.

For every case: the answer is a 4xx with a page that says what is wrong, or a 200/302
that carries an error message; never a 500 (the test client re-raises a crash); every
table hashes the same before and after; no file appears under MEDIA_ROOT; and the
request finishes within a time bound (a zip bomb or a 10⁶-row sheet must be refused,
not parsed, on the web worker).
"""

import contextlib
import re
import signal
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.reporting import xlsx_form
from lotrinh.reporting.models import FormUpload
from tests.security import corpus
from tests.security.conftest import client_of
from tests.security.dbhash import WriteWatch
from tests.security.world import World, small_programme_docx
from tests.uploads.corpus import TCVN3_TEXT

pytestmark = pytest.mark.django_db

# A refused upload must come back well within a web worker's budget. Generous for a
# shared CI machine; the upload benchmark (bench/) holds the 1 s target.
SECONDS = 20


class TookTooLong(BaseException):
    """Not an Exception: a view's `except Exception` must not turn it into a refusal."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: Any) -> None:
        raise TookTooLong(f"the request took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> Any:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


ERROR_BLOCK = re.compile(
    r'<(div|ul|p|span)[^>]*class="[^"]*(?:msg-error|errorlist|upload-problems)[^"]*"[^>]*>(.*?)</\1>',
    re.DOTALL,
)


def error_text(response: Any) -> str:
    """What the person is told: error messages, and the page's error blocks.

    A redirect speaks through messages only; a 200 page must carry an error block; a
    4xx page without one (a plain 403/404 page) counts as a whole.
    """
    said = [
        str(m) for m in messages.get_messages(response.wsgi_request) if m.level >= messages.ERROR
    ]
    if response.status_code in (301, 302):
        return " ".join(said)
    page = response.content.decode("utf-8", "replace")
    blocks = [re.sub(r"<[^>]+>", " ", m.group(2)) for m in ERROR_BLOCK.finditer(page)]
    if not blocks and response.status_code >= 400:
        blocks = [re.sub(r"<[^>]+>", " ", page)]
    return " ".join([*said, *blocks])


@dataclass(frozen=True)
class Case:
    persona: str
    url: Callable[[World], str]
    data: Callable[[World], dict[str, Any]]
    keywords: tuple[str, ...] = ()  # the message names the problem (any of these words)
    method: str = "POST"
    extra: dict[str, Any] = field(default_factory=dict)
    # Refused by the worker, not the request (the XLSX form's rows): the request only
    # queues the file; the job runs (as the worker would), fails with the message on the
    # upload's page, and writes nothing but its own row, with the file's bytes dropped.
    on_worker: bool = False


# ---------------------------------------------------------------- the paths


def importer(name: str, data: Callable[[], bytes]) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"document": upload(name, data())}


def report_form(w: World) -> bytes:
    return xlsx_form.build_form(w.reports["a_draft"])


def form_parts(w: World) -> tuple[list[str], str, str]:
    """(header labels, first task reference, an allowed status label) of the form."""
    entry = w.reports["a_draft"].entries.select_related("task").order_by("task__position").first()
    assert entry is not None
    return [label for _key, label in xlsx_form.COLUMNS], entry.task.ref, IN_PROGRESS


IN_PROGRESS = "Đang thực hiện, trong hạn"


def form_upload(name: str, data: Callable[[World], bytes]) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"file": upload(name, data(w))}


def form_edit(edit: Callable[[World, Any], None]) -> Callable[[World], bytes]:
    return lambda w: corpus.edit_form(report_form(w), lambda book: edit(w, book))


def set_first_row(**values: Any) -> Callable[[World, Any], None]:
    """Fill the first task row of the form (columns by key, as in xlsx_form.COLUMNS)."""
    keys = [key for key, _label in xlsx_form.COLUMNS]

    def edit(w: World, book: Any) -> None:
        sheet = book[xlsx_form.SHEET]
        for key, value in values.items():
            sheet.cell(row=2, column=keys.index(key) + 1, value=value)

    return edit


def in_progress_row(**values: Any) -> Callable[[World, Any], None]:
    return set_first_row(status=IN_PROGRESS, **values)


def point_meta_at(label: str) -> Callable[[World, Any], None]:
    def edit(w: World, book: Any) -> None:
        for row in book[xlsx_form.META].iter_rows():
            if row[0].value == "report":
                row[1].value = w.reports[label].pk
        set_first_row(status="Đang thực hiện, trong hạn", result="Giả mạo")(w, book)

    return edit


def forged_future_version(w: World, book: Any) -> None:
    in_progress_row(result="Phiên bản giả")(w, book)
    corpus.forge_versions(book)


def csv_import(data: Callable[[], bytes], name: str = "so-lieu.csv") -> Callable[[World], dict]:
    return lambda w: {
        "csv": "1",
        "file": upload(name, data(), "text/csv"),
        "citation": "Tổng cục Thống kê",
    }


def value_form(**values: Any) -> Callable[[World], dict[str, Any]]:
    base = {"year": 2023, "value": "50", "status": "final", "citation": "Tổng cục Thống kê"}
    return lambda w: {**base, **values}


def template(name: str, data: Callable[[], bytes]) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"template": upload(name, data())}


def entry_url(report: str = "a_draft", entry_of: str = "a_draft") -> Callable[[World], str]:
    def url(w: World) -> str:
        entry = w.reports[entry_of].entries.order_by("pk").first()
        assert entry is not None
        return reverse("reporting:save_entry", args=[w.reports[report].pk, entry.pk])

    return url


def entry_post(
    file: Callable[[], Any] | None = None,
    version_shift: int = 0,
    entry_of: str = "a_draft",
    **values: Any,
) -> Callable[[World], dict[str, Any]]:
    def data(w: World) -> dict[str, Any]:
        entry = w.reports[entry_of].entries.order_by("pk").first()
        assert entry is not None
        entry.refresh_from_db()
        prefix = f"e{entry.pk}"
        body = {
            f"{prefix}-status": "in_progress",
            f"{prefix}-result": "Kết quả có minh chứng",
            f"{prefix}-version": entry.version + version_shift,
        }
        body.update({f"{prefix}-{k}": v for k, v in values.items()})
        if file is not None:
            body[f"{prefix}-evidence_file"] = file()
        return body

    return data


def evidence_limit() -> int:
    """The configured evidence size limit (issue 9), else the general upload limit."""
    return int(settings.LOTRINH_EVIDENCE_MAX_BYTES)


IMPORTER = lambda w: reverse("importer:upload")  # noqa: E731
FORM = lambda w: reverse("reporting:upload_form", args=[w.reports["a_draft"].pk])  # noqa: E731
ENTER = lambda w: reverse("indicators:enter", args=[w.indicator.code])  # noqa: E731
TEMPLATE = lambda w: reverse("documents:upload_template")  # noqa: E731
PLAN = lambda w: reverse("reporting:plan_save")  # noqa: E731
AMEND = lambda w: reverse("reporting:amendment_propose")  # noqa: E731

SIZE = ("lớn", "MB", "large", "giới hạn", "tối đa")
DATE = ("ngày", "date", "31/02", "2024-02-31")
BOUNDS = ("khoảng", "giới hạn", "range", "bound", "0–")
TEXT_ENCODING = ("UTF-8", "mã hoá", "encoding")
FORMULA = ("công thức", "formula", "=")
VERSION = ("cập nhật", "phiên bản", "version", "xung đột", "conflict")

VERIFY = lambda w: reverse("signing:verify")  # noqa: E731


def signed_pdf(name: str, data: Callable[[], bytes]) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"file": upload(name, data())}


CASES: dict[str, Case] = {
    # ------------------------------------------------------------ signature check
    "verify-empty": Case("most", VERIFY, signed_pdf("ky-so.pdf", lambda: b""), ("PDF",)),
    "verify-random-bytes": Case(
        "most", VERIFY, signed_pdf("ky-so.pdf", corpus.random_bytes), ("PDF",)
    ),
    "verify-no-file": Case("most", VERIFY, lambda w: {}, ("PDF",)),
    # ------------------------------------------------------------ importer upload
    "importer-empty": Case("most", IMPORTER, importer("rong.docx", lambda: b""), ("rỗng", "empty")),
    "importer-random-bytes": Case(
        "most", IMPORTER, importer("ngau-nhien.docx", corpus.random_bytes)
    ),
    "importer-random-pdf": Case(
        "most", IMPORTER, importer("quet.pdf", lambda: b"%PDF-1.4\n" + corpus.random_bytes())
    ),
    "importer-wrong-extension": Case(
        "most", IMPORTER, importer("chuong-trinh.exe", lambda: b"MZ" + corpus.random_bytes())
    ),
    "importer-zip-bomb-docx": Case("most", IMPORTER, importer("bom.docx", corpus.docx_bomb)),
    "importer-oversized": Case(
        "most",
        IMPORTER,
        importer("lon.txt", lambda: b"a" * (settings.LOTRINH_MAX_UPLOAD_BYTES + 1)),
        SIZE,
    ),
    # ------------------------------------------------------------ XLSX report form
    "form-empty": Case("reporter_a", FORM, form_upload("bao-cao.xlsx", lambda w: b"")),
    "form-random-bytes": Case(
        "reporter_a", FORM, form_upload("bao-cao.xlsx", lambda w: corpus.random_bytes())
    ),
    "form-wrong-extension": Case(
        "reporter_a", FORM, form_upload("bao-cao.docx", lambda w: small_programme_docx())
    ),
    "form-zip-bomb-xlsx": Case(
        "reporter_a",
        FORM,
        form_upload("bao-cao.xlsx", lambda w: corpus.xlsx_bomb(report_form(w), *form_parts(w))),
    ),
    "form-million-rows": Case(
        "reporter_a",
        FORM,
        form_upload(
            "bao-cao.xlsx", lambda w: corpus.xlsx_million_rows(report_form(w), *form_parts(w))
        ),
    ),
    "form-formula-cell": Case(
        "reporter_a",
        FORM,
        form_upload(
            "bao-cao.xlsx",
            form_edit(in_progress_row(result='=HYPERLINK("https://example.test/?x="&B3,"Bấm")')),
        ),
        FORMULA,
        on_worker=True,
    ),
    "form-31-02-date": Case(
        "reporter_a",
        FORM,
        form_upload("bao-cao.xlsx", form_edit(in_progress_row(evidence_date="31/02/2024"))),
        DATE,
        on_worker=True,
    ),
    "form-forged-other-report": Case(
        "reporter_a",
        FORM,
        form_upload("bao-cao.xlsx", form_edit(point_meta_at("b_draft"))),
        on_worker=True,
    ),
    "form-forged-future-version": Case(
        "reporter_a",
        FORM,
        form_upload("bao-cao.xlsx", form_edit(forged_future_version)),
        VERSION,
        on_worker=True,
    ),
    # ------------------------------------------------------------ indicator CSV import
    "csv-empty": Case("most", ENTER, csv_import(lambda: b"")),
    "csv-random-bytes": Case("most", ENTER, csv_import(corpus.random_bytes)),
    "csv-wrong-extension": Case(
        "most", ENTER, csv_import(lambda: small_programme_docx(), "so-lieu.docx")
    ),
    # Windows-1258 and UTF-16 with its mark are read (tests/indicators/test_validation.py);
    # a legacy font and UTF-16 without its mark are refused, never guessed.
    "csv-tcvn3": Case(
        "most",
        ENTER,
        csv_import(lambda: b"Year,Value,Source\n2023,50," + TCVN3_TEXT + b"\n"),
        ("TCVN3",),
    ),
    "csv-utf-16-without-bom": Case(
        "most",
        ENTER,
        csv_import(lambda: corpus.csv_rows("Year,Value", "2023,50", encoding="utf-16-le")),
        ("văn bản", "text"),
    ),
    "csv-inf": Case("most", ENTER, csv_import(lambda: corpus.csv_rows("Year,Value", "2023,inf"))),
    "csv-nan": Case("most", ENTER, csv_import(lambda: corpus.csv_rows("Year,Value", "2023,nan"))),
    "csv-below-bounds": Case(
        "most", ENTER, csv_import(lambda: corpus.csv_rows("Year,Value", "2023,-5")), BOUNDS
    ),
    "csv-above-bounds": Case(
        "most", ENTER, csv_import(lambda: corpus.csv_rows("Year,Value", "2023,150")), BOUNDS
    ),
    "csv-1e308": Case(
        "most", ENTER, csv_import(lambda: corpus.csv_rows("Year,Value", "2023,1e308")), BOUNDS
    ),
    "csv-formula-cell": Case(
        "most", ENTER, csv_import(lambda: corpus.csv_rows("Year,Value", "2023,=1+1"))
    ),
    "csv-oversized": Case(
        "most",
        ENTER,
        csv_import(
            lambda: corpus.csv_rows(
                "Year,Value", *["2023,50"] * ((settings.LOTRINH_MAX_UPLOAD_BYTES // 8) + 1)
            )
        ),
        SIZE,
    ),
    # ------------------------------------------------------------ indicator value form
    "value-inf": Case("most", ENTER, value_form(value="inf")),
    "value-nan": Case("most", ENTER, value_form(value="nan")),
    "value-below-bounds": Case("most", ENTER, value_form(value="-5"), BOUNDS),
    "value-above-bounds": Case("most", ENTER, value_form(value="150"), BOUNDS),
    "value-1e308": Case("most", ENTER, value_form(value="1e308"), BOUNDS),
    "value-31-02-published": Case("most", ENTER, value_form(published_on="2024-02-31")),
    "value-future-year": Case("most", ENTER, value_form(year=2999)),
    # ------------------------------------------------------------ document template
    "template-empty": Case("most", TEMPLATE, template("mau.docx", lambda: b"")),
    "template-random-bytes": Case("most", TEMPLATE, template("mau.docx", corpus.random_bytes)),
    "template-wrong-extension": Case(
        "most", TEMPLATE, template("mau.txt", lambda: b"{{ header.title }}")
    ),
    "template-zip-bomb-docx": Case("most", TEMPLATE, template("mau.docx", corpus.docx_bomb)),
    "template-oversized": Case(
        "most",
        TEMPLATE,
        template("mau.docx", lambda: corpus.small_docx() + b"\0" * (5 * 1024 * 1024)),
        SIZE,
    ),
    # ------------------------------------------------------------ evidence on an entry
    "evidence-oversized": Case(
        "reporter_a",
        entry_url(),
        entry_post(
            file=lambda: upload(
                "minh-chung.pdf", b"%PDF-1.4\n" + b"0" * evidence_limit(), "application/pdf"
            )
        ),
        SIZE,
    ),
    "evidence-html": Case(
        "reporter_a",
        entry_url(),
        entry_post(
            file=lambda: upload("evil<script>.html", b"<script>alert(1)</script>", "text/html")
        ),
    ),
    "evidence-empty": Case(
        "reporter_a",
        entry_url(),
        entry_post(file=lambda: upload("rong.pdf", b"", "application/pdf")),
    ),
    "evidence-31-02-date": Case("reporter_a", entry_url(), entry_post(evidence_date="2024-02-31")),
    "entry-forged-other-agency": Case(
        "reporter_a", entry_url("a_draft", "b_draft"), entry_post(entry_of="b_draft")
    ),
    "entry-forged-future-version": Case(
        "reporter_a", entry_url(), entry_post(version_shift=1000), VERSION
    ),
    # ------------------------------------------------------------ plan and amendment dates
    "plan-31-02-date": Case(
        "reporter_a", PLAN, lambda w: {"number": "", "date": "2024-02-31", "note": "Ghi chú"}, DATE
    ),
    "plan-record-31-02-date": Case(
        "reporter_a",
        PLAN,
        lambda w: {"number": "15/KH-SEC", "date": "2024-02-31", "note": ""},
        DATE,
    ),
    "plan-correct-a-plan-that-is-not-a-number": Case(
        "reporter_a",
        PLAN,
        lambda w: {"plan": "nhiều", "number": "15/KH-SEC", "date": "2024-02-01"},
    ),
    "amendment-31-02-deadline": Case(
        "reporter_a",
        AMEND,
        lambda w: {
            "kind": "deadline",
            "task_ref": w.task.ref,
            "reason": "Lùi thời hạn",
            "deadline": "2024-02-31",
        },
        DATE + ("thời hạn",),
    ),
    # ------------------------------------------------------------ query parameters
    "compliance-stale-days-not-a-number": Case(
        "most",
        lambda w: reverse("reporting:compliance") + "?stale_days=abc",
        lambda w: {},
        method="GET",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_a_clear_message_and_changes_nothing(
    name, world, django_capture_on_commit_callbacks
):
    case = CASES[name]
    client = client_of(world, case.persona)
    url = case.url(world)
    data = case.data(world)
    files_before = stored_files()
    uploads_before = set(FormUpload.objects.values_list("pk", flat=True))
    watch = WriteWatch()
    try:
        with time_limit(SECONDS):
            if case.method == "GET":
                response = client.get(url, data)
            elif case.on_worker:
                with django_capture_on_commit_callbacks(execute=True):
                    queued = client.post(url, data)
                assert queued.status_code == 302, f"{name}: not queued ({queued.status_code})"
                response = client.get(queued["Location"])
            else:
                response = client.post(url, data)
    except TookTooLong:
        pytest.fail(
            f"{name}: not refused within {SECONDS} s (it is being parsed on the web worker)"
        )
    allowed: set[str] = set()
    if case.on_worker:
        new = FormUpload.objects.exclude(pk__in=uploads_before)
        assert [(u.status, bytes(u.data)) for u in new] == [("failed", b"")], name
        allowed = {FormUpload._meta.db_table}
    status = response.status_code
    said = error_text(response)
    problems = []
    if status >= 500:
        problems.append(f"answered {status}")
    if 200 <= status < 400 and not said.strip():
        problems.append(f"answered {status} with no error message")
    if status >= 400 and not said.strip():
        problems.append(f"answered {status} with an empty page")
    if case.keywords and not any(k.lower() in said.lower() for k in case.keywords):
        problems.append(
            f"the message does not name the problem ({' / '.join(case.keywords)}): {said[:300]!r}"
        )
    new_files = stored_files() - files_before
    if new_files:
        problems.append(f"stored files {sorted(new_files)}")
    changed = [table for table in watch.changed() if table not in allowed]
    if changed:
        problems.append(f"changed {changed}")
    assert not problems, f"{name}: " + "; ".join(problems)
