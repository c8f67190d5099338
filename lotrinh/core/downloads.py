"""File downloads: one place for content types and the attachment header."""

from django.http import HttpResponse

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
