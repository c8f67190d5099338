import datetime
import tempfile
from pathlib import Path
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.core import jobs
from lotrinh.core.prepared import Prepared
from lotrinh.core.uploads import UploadRefused, read_upload
from lotrinh.documents import services
from lotrinh.documents.models import DocumentKind, DocumentTemplate, GeneratedDocument
from lotrinh.documents.render import TemplateProblem, check_template
from lotrinh.programmes.services import current_programme


def _visible(request: HttpRequest) -> QuerySet[GeneratedDocument]:
    """Each document is visible to those who may read the report content it holds."""
    user = request.user
    if not perms.has_capability(user, perms.GENERATE_DOCUMENT) and not perms.has_capability(
        user, perms.VIEW_COMPLIANCE
    ):
        raise PermissionDenied
    return perms.readable_documents(
        user, GeneratedDocument.objects.select_related("agency", "requested_by", "programme")
    )


def _may_request(user: Any, kind: str, agency: Any) -> bool:
    if not perms.has_capability(user, perms.GENERATE_DOCUMENT):
        return False
    if kind == DocumentKind.CONSOLIDATED:
        return getattr(user, "role", "") in (Role.MOST_MONITOR, Role.ADMIN)
    return agency is not None and agency.pk == getattr(user, "agency_id", None)


def _worker_warning() -> str:
    """Say so when no background worker has been seen for more than a minute."""
    seen = jobs.last_worker_seen()  # one query: alive is "seen lately"
    if seen is not None and seen >= jobs.silent_since():
        return ""
    if seen is None:
        return _("Chưa thấy bộ xử lý nền hoạt động — văn bản sẽ được tạo khi bộ xử lý chạy lại.")
    return _(
        "Chưa thấy bộ xử lý nền hoạt động từ %(since)s — văn bản sẽ được tạo khi bộ xử lý chạy lại."
    ) % {"since": timezone.localtime(seen).strftime("%H:%M %d/%m/%Y")}


_templates = Prepared(lambda: DocumentTemplate.objects.select_related("uploaded_by")[:10], [], [])


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    _visible(request)  # the capability check
    documents = perms.latest_readable_documents(request.user)
    busy = any(d.shown_status in ("queued", "running") for d in documents)
    template = (
        "documents/_rows.html" if request.headers.get("HX-Request") else "documents/list.html"
    )
    user = request.user
    may_templates = perms.has_capability(user, perms.MANAGE_TEMPLATES)
    return render(
        request,
        template,
        {
            "documents": documents,
            "busy": busy,
            "may_consolidated": getattr(user, "role", "") in (Role.MOST_MONITOR, Role.ADMIN),
            "may_agency": perms.has_capability(user, perms.GENERATE_DOCUMENT)
            and getattr(user, "agency_id", None),
            "may_templates": may_templates,
            "templates": _templates.objects() if may_templates else [],
            "worker_warning": _worker_warning(),
            "this_year": timezone.localdate().year,
            "today": timezone.localdate().isoformat(),
        },
    )


@login_required
@require_POST
def request_document(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not perms.has_capability(user, perms.GENERATE_DOCUMENT):
        raise PermissionDenied
    kind = request.POST.get("kind", "")
    fmt = request.POST.get("fmt", "docx")
    try:
        year = int(request.POST.get("year", ""))
        cutoff = datetime.date.fromisoformat(request.POST.get("cutoff", ""))
    except ValueError:
        messages.error(request, _("Năm hoặc ngày chốt số liệu không hợp lệ."))
        return redirect("documents:list")
    if (
        fmt not in services.FORMATS
        or kind not in DocumentKind.values
        or not 2000 <= year <= timezone.localdate().year + 1
    ):
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return redirect("documents:list")
    agency = None
    if kind == DocumentKind.AGENCY:
        agency = getattr(user, "agency", None)
    if not _may_request(user, kind, agency):
        raise PermissionDenied
    services.request_document(
        user,
        kind=kind,
        programme=current_programme("50/NQ-CP"),
        year=year,
        cutoff=cutoff,
        fmt=fmt,
        agency=agency,
    )
    messages.success(
        request, _("Đã đưa yêu cầu vào hàng đợi; trang tự cập nhật khi văn bản được tạo xong.")
    )
    return redirect("documents:list")


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    """A new attempt at a failed or overdue document (the failed one stays listed)."""
    document = get_object_or_404(_visible(request), pk=pk)
    if not _may_request(request.user, document.kind, document.agency):
        raise PermissionDenied
    if not document.retryable:
        messages.error(request, _("Văn bản này không ở trạng thái lỗi nên không cần tạo lại."))
        return redirect("documents:list")
    services.retry_document(request.user, document)
    messages.success(request, _("Đã đưa yêu cầu tạo lại văn bản vào hàng đợi."))
    return redirect("documents:list")


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    # The content's visibility alone decides (an accepted report's document is as
    # readable as the accepted report); the list page is for those who make documents.
    document = get_object_or_404(
        perms.readable_documents(request.user, GeneratedDocument.objects), pk=pk
    )
    if not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=Path(document.file.name or "van-ban").name,
    )


@login_required
@require_POST
def upload_template(request: HttpRequest) -> HttpResponse:
    if not perms.has_capability(request.user, perms.MANAGE_TEMPLATES):
        raise PermissionDenied
    upload = request.FILES.get("template")
    try:
        # Size, zip directory and paragraph caps before the template is opened.
        data = read_upload(upload, "template")
    except UploadRefused as exc:
        messages.error(request, exc.message)
        return redirect("documents:list")
    assert upload is not None
    with tempfile.NamedTemporaryFile(suffix=".docx") as handle:
        handle.write(data)
        handle.flush()
        try:
            check_template(Path(handle.name))
        except TemplateProblem as exc:
            messages.error(
                request,
                _("Mẫu không được dùng (mẫu trước vẫn được áp dụng): %(problem)s")
                % {"problem": exc},
            )
            return redirect("documents:list")
    services.replace_template(cast(User, request.user), Path(upload.name or "mau.docx").name, data)
    messages.success(request, _("Đã áp dụng mẫu mới cho các văn bản tạo từ nay."))
    return redirect("documents:list")


@login_required
def download_template(request: HttpRequest, pk: int) -> FileResponse:
    """Every uploaded template stays available to those who manage templates."""
    if not perms.has_capability(request.user, perms.MANAGE_TEMPLATES):
        raise PermissionDenied
    template = get_object_or_404(DocumentTemplate, pk=pk)
    if not template.file:
        raise Http404
    return FileResponse(
        template.file.open("rb"), as_attachment=True, filename=template.note or "mau.docx"
    )
