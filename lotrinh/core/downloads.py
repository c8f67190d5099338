"""File downloads: one place for content types and the attachment header."""

from typing import Any

from django.http import FileResponse, Http404, HttpResponse

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def attachment(content: bytes | str, filename: str) -> HttpResponse:
    """A response that downloads `content` as `filename` (type from the extension)."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[filename.rsplit(".", 1)[-1]])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def stored_file(document: Any) -> FileResponse:
    """A generated document's stored file as a download under its own name (404 when it
    has none): the web page's, the public portal's and the API's download of the same
    document. The name says what the document is (`download_name`), not what the storage
    called the file."""
    if not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.download_name
    )
