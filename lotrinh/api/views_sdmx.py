"""SDMX for the programme's indicators: the structure (DSD and dataflow), data out, data in."""

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.parsers import BaseParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from lotrinh.accounts import permissions as perms
from lotrinh.api import params
from lotrinh.api.errors import ApiError
from lotrinh.core.concurrency import Write
from lotrinh.core.uploads import TYPE_REFUSALS, UploadRefused, check_csv_body, read_upload
from lotrinh.indicators import sdmx
from lotrinh.indicators.models import Indicator

CSV_TYPE = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"
STRUCTURE_TYPE = "application/vnd.sdmx.structure+xml; version=2.1; charset=utf-8"


class CsvParser(BaseParser):
    media_type = "text/csv"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return {"file_bytes": stream.read()}


class SdmxCsvParser(CsvParser):
    media_type = "application/vnd.sdmx.data+csv"


CSV_BODY_TYPES = frozenset({CsvParser.media_type, SdmxCsvParser.media_type})


def _download(content: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content.encode("utf-8"), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Generated-At"] = timezone.now().isoformat(timespec="seconds")
    return response


class StructureView(APIView):
    @extend_schema(
        summary="The SDMX-ML 2.1 structure: codelists, concepts, DSD_NQ52 and dataflow DF_NQ52",
        # The media types served, as the schema's (a client picks its reader by them).
        responses={(200, STRUCTURE_TYPE.split(";")[0]): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> HttpResponse:
        return _download(
            sdmx.structure_xml(),
            STRUCTURE_TYPE,
            "lotrinh-nq52-structure.xml",
        )


class DataView(APIView):
    # A POST adds observations (lotrinh/core/concurrency.py).
    concurrency = {"post": {"kinds": frozenset({Write.CREATE}), "version": ""}}
    parser_classes = [MultiPartParser, CsvParser, SdmxCsvParser]

    @extend_schema(
        summary="Approved values in effect as SDMX-CSV (dataflow DF_NQ52)",
        parameters=[
            OpenApiParameter("indicator", OpenApiTypes.STR, description="One indicator's code.")
        ],
        responses={(200, CSV_TYPE.split(";")[0]): OpenApiTypes.STR},
    )
    def get(self, request: Request) -> HttpResponse:
        code = params.text(request, "indicator")
        indicators = None
        if code:
            indicators = Indicator.objects.filter(code=code)
            if not indicators.exists():
                raise ApiError(404, "not_found", _("Không có chỉ tiêu này."))
        return _download(sdmx.export_csv(indicators), CSV_TYPE, "lotrinh-nq52-sdmx.csv")

    @extend_schema(
        summary="Propose values from an SDMX-CSV file (each waits for MOST's approval)",
        description=(
            "The file is checked against DSD_NQ52 and the value rules first: any problem "
            "refuses the whole file (422, every problem in `error.fields.file`), nothing "
            "written. Send it as `multipart/form-data` (field `file`, optional `citation`) "
            "or as the body with `Content-Type: text/csv`."
        ),
        request={
            "multipart/form-data": inline_serializer(
                "SdmxUpload",
                {
                    "file": serializers.FileField(),
                    "citation": serializers.CharField(required=False),
                },
            ),
            "text/csv": OpenApiTypes.STR,
        },
        responses={
            200: inline_serializer(
                "SdmxImported",
                {"entered": serializers.IntegerField(), "unchanged": serializers.IntegerField()},
            ),
            403: OpenApiResponse(description="Error (docs/api.md)"),
            422: OpenApiResponse(description="Error (docs/api.md)"),
        },
    )
    def post(self, request: Request) -> Response:
        if not perms.has_capability(request.user, perms.ENTER_OBSERVATION):
            raise ApiError(403, "permission_denied", _("Bạn không có quyền nhập số liệu chỉ tiêu."))
        data = request.data
        upload = data.get("file") if hasattr(data, "get") else None
        content = b"" if isinstance(upload, UploadedFile) else data.get("file_bytes", b"")
        citation = str(data.get("citation", "") or "")
        # A CSV body with nothing in it is an empty file (400, as a 0-byte file), not a
        # missing one: the parser is not called for an empty body, so its type tells.
        csv_body = request.content_type.split(";")[0].strip().lower() in CSV_BODY_TYPES
        if not isinstance(upload, UploadedFile) and not content and not csv_body:
            raise ApiError(
                422, "invalid", _("Cần gửi một tệp SDMX-CSV."), fields={"file": [_("Thiếu tệp.")]}
            )
        try:
            # Before a row is checked (every row is validated and written on the web
            # worker): a form's file gets the web upload's checks and words (empty, its
            # name's type, its content's type, size, rows); a body the same, naming no file.
            if isinstance(upload, UploadedFile):
                content = read_upload(upload, "csv")
            else:
                check_csv_body(content)
        except UploadRefused as exc:
            # A Word file, a PDF, a zip where CSV is expected: 415; empty, rows: 400;
            # size: 413.
            status = 415 if exc.code in TYPE_REFUSALS else exc.status
            raise ApiError(status, exc.code, exc.message) from None
        try:
            outcome = sdmx.import_csv(content, request.user, citation)
        except sdmx.SdmxInvalid as exc:
            raise ApiError(
                422,
                "invalid",
                _("Tệp không đúng cấu trúc %(dsd)s hoặc quy tắc số liệu: không ghi gì.")
                % {"dsd": sdmx.DSD_ID},
                fields={"file": exc.problems},
            ) from None
        return Response({"entered": outcome.entered, "unchanged": outcome.unchanged})
