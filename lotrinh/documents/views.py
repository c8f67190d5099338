import datetime
import tempfile
from pathlib import Path
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User
from lotrinh.core.uploads import UploadRefused, read_upload
from lotrinh.documents import services
from lotrinh.documents.models import DocumentKind, DocumentTemplate, GeneratedDocument
from lotrinh.documents.render import TemplateProblem, check_template
from lotrinh.programmes.services import current_programme


def _visible(request: HttpRequest) -> QuerySet[GeneratedDocument]:
    """MOST and oversight see every document; an agency sees its own agency reports."""
    user = request.user
    if not perms.has_capability(user, perms.GENERATE_DOCUMENT) and not perms.has_capability(
        user, perms.VIEW_COMPLIANCE
    ):
        raise PermissionDenied
    documents = GeneratedDocument.objects.select_related("agency", "requested_by", "programme")
    if getattr(user, "role", "") in (Role.MOST_MONITOR, Role.OVERSIGHT, Role.ADMIN):
        return documents
    return documents.filter(Q(kind=DocumentKind.AGENCY, agency_id=getattr(user, "agency_id", None)))


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = list(_visible(request)[:50])
    busy = any(d.status in ("queued", "running") for d in documents)
    template = (
        "documents/_rows.html" if request.headers.get("HX-Request") else "documents/list.html"
    )
    user = request.user
    return render(
        request,
        template,
        {
            "documents": documents,
            "busy": busy,
            "may_consolidated": getattr(user, "role", "") in (Role.MOST_MONITOR, Role.ADMIN),
            "may_agency": perms.has_capability(user, perms.GENERATE_DOCUMENT)
            and getattr(user, "agency_id", None),
            "may_templates": perms.has_capability(user, perms.MANAGE_TEMPLATES),
            "templates": DocumentTemplate.objects.all()[:5],
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
    if kind == DocumentKind.CONSOLIDATED:
        if getattr(user, "role", "") not in (Role.MOST_MONITOR, Role.ADMIN):
            raise PermissionDenied
    else:
        agency = getattr(user, "agency", None)
        if agency is None:
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
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(_visible(request), pk=pk)
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
    from django.core.files.base import ContentFile

    template = DocumentTemplate(uploaded_by=cast(User, request.user), note=upload.name or "")
    template.file.save(upload.name or "mau.docx", ContentFile(data))
    messages.success(request, _("Đã áp dụng mẫu mới cho các văn bản tạo từ nay."))
    return redirect("documents:list")
