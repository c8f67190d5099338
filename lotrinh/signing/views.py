"""Pages of signing: check a signed PDF made anywhere, download a signed document."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.views import capability_required
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.uploads import limit, sizes_text
from lotrinh.signing import services
from lotrinh.signing.models import SignedDocument


@capability_required(perms.VERIFY_SIGNATURE)
@writes(Write.READ)
def verify_upload(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: verify the uploaded PDF (the result is kept)."""
    context: dict[str, object] = {}
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            context["error"] = _("Hãy chọn tệp PDF đã ký số.")
        elif upload.size is not None and upload.size > limit("LOTRINH_DOCUMENT_MAX_BYTES"):
            # A signed PDF is a document: the importer's limit, named from the setting.
            context["error"] = _("Tệp quá lớn (%(size)s; tối đa %(limit)s).") % sizes_text(
                upload.size, limit("LOTRINH_DOCUMENT_MAX_BYTES")
            )
        else:
            data = upload.read()
            if not data.startswith(b"%PDF"):
                context["error"] = _("Tệp không phải là PDF.")
            else:
                verdict, check = services.check_upload(request.user, upload.name or "", data)
                context.update(verdict=verdict, check=check, file_name=upload.name)
    status = 400 if "error" in context else 200
    return render(request, "signing/verify.html", context, status=status)


@login_required
@require_safe
def download(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(SignedDocument.objects.select_related("report", "register"), pk=pk)
    if not perms.may_read_signed(request.user, document):
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.register.file_name,
        content_type="application/pdf",
    )
