"""The agency administrator's units page: the tree, adding a unit, importing a CSV,
confirming units proposed from a plan, attaching people (docs/cascade.md)."""

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import User, system_accounts
from lotrinh.agencies import units as services
from lotrinh.agencies import units_file
from lotrinh.agencies.models import (
    MINISTRY_LEVEL_KINDS,
    PROVINCE_KINDS,
    Agency,
    AgencyKind,
    Unit,
    UnitKind,
)
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.dates import DayError, parse_day
from lotrinh.core.locale import localized_text

CSV_LIMIT = 512 * 1024


def _agency(request: HttpRequest, code: str) -> Agency:
    agency = get_object_or_404(Agency, code=code)
    if not perms.may_manage_units(request.user, agency):
        raise Http404
    return agency


def units_scope(agency: Agency) -> str:
    """Which units the agency has, for the page's intro: a Party committee's ("party": its
    boards, commission, office, the committees under it), a ministry's ("ministry": Vụ,
    Cục), a province's ("province": departments, communes), or any other body's ("")."""
    if agency.kind in (
        AgencyKind.PARTY_PROVINCIAL,
        AgencyKind.PARTY_CENTRAL,
        AgencyKind.PARTY_MINISTRY,
    ):
        return "party"
    if agency.kind in MINISTRY_LEVEL_KINDS:
        return "ministry"
    if agency.kind in PROVINCE_KINDS:
        return "province"
    return ""


def _units_page(
    request: HttpRequest,
    agency: Agency,
    *,
    posted: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = services.tree(agency)
    return render(
        request,
        "agencies/units.html",
        {
            "agency": agency,
            "scope": units_scope(agency),
            "rows": rows,
            "kinds": UnitKind.choices,
            "people": agency.users.filter(is_active=True)
            .exclude(pk__in=system_accounts())
            .select_related("unit")
            .order_by("full_name_sort", "username"),
            "columns": ", ".join(units_file.HEADERS.values()),
            "posted": posted or {},
            "errors": errors or {},
        },
        status=status,
    )


def _preview_page(
    request: HttpRequest,
    agency: Agency,
    preview: services.CsvPreview,
    data: bytes | str,
    base: dict[str, int] | None = None,
    status: int = 200,
) -> HttpResponse:
    """What the file would do, before anything is written: the rows that would overwrite
    a change made since (who, what, when), to confirm one by one or leave. `base`: the
    versions the first preview showed, kept while the page is shown again."""
    text = data if isinstance(data, str) else services.decode_csv(data)
    return render(
        request,
        "agencies/units_preview.html",
        {
            "agency": agency,
            "preview": preview,
            "csv_text": text,
            "base": {**preview.updated, **(base or {})},
        },
        status=status,
    )


def _versions(request: HttpRequest, prefix: str) -> dict[str, int]:
    """The units' versions the preview carried (`seen-<code>`, `base-<code>`)."""
    return {
        key[len(prefix) :]: int(request.POST.get(key, ""))
        for key in request.POST
        if key.startswith(prefix)
    }


@login_required
@require_safe
def units_page(request: HttpRequest, code: str) -> HttpResponse:
    return _units_page(request, _agency(request, code))


@login_required
@require_safe
def units_download(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """The agency's units as a file to edit and import again (`units_file`): whoever may
    manage the units, as the page; reads only."""
    agency = _agency(request, code)
    name = f"don-vi-{agency.code}"
    if fmt == "xlsx":
        response = HttpResponse(
            units_file.as_xlsx(agency),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(
            units_file.as_csv(agency).encode("utf-8"), content_type="text/csv; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


# The new unit's fields, given back as typed when it is refused.
CREATE_FIELDS = ("name", "name_en", "kind", "parent", "valid_from")


@login_required
@require_POST
@writes(Write.CREATE, Write.EDIT, version="version")
# A CSV confirmed after its preview carries the versions it showed ("seen-<code>").
def units_save(request: HttpRequest, code: str) -> HttpResponse:
    agency = _agency(request, code)
    user = cast(User, request.user)
    what = request.POST.get("what", "")
    try:
        if what == "create":
            parent_id = request.POST.get("parent", "")
            parent = (
                get_object_or_404(Unit, pk=int(parent_id), agency=agency)
                if parent_id.isdigit()
                else None
            )
            # Nothing is added on a refusal; the form again with what was typed.
            posted = {f: request.POST.get(f, "").replace("\x00", "") for f in CREATE_FIELDS}
            try:
                valid_from = parse_day(request.POST.get("valid_from", ""))
            except DayError as exc:
                return _units_page(
                    request, agency, posted=posted, errors={"valid_from": str(exc)}, status=400
                )
            try:
                unit = services.create_unit(
                    user,
                    agency,
                    name=request.POST.get("name", ""),
                    kind=request.POST.get("kind", ""),
                    parent=parent,
                    name_en=request.POST.get("name_en", ""),
                    valid_from=valid_from,
                )
            except services.UnitError as exc:
                messages.error(request, str(exc))
                return _units_page(request, agency, posted=posted, status=400)
            messages.success(
                request, _("Đã thêm đơn vị “%(name)s”.") % {"name": localized_text(unit, "name")}
            )
        elif what in ("csv", "csv_confirm"):
            if what == "csv":
                upload = request.FILES.get("file")
                if upload is None or upload.size is None or upload.size > CSV_LIMIT:
                    raise services.UnitError(_("Hãy chọn một tệp CSV hoặc Excel (tối đa 512 KB)."))
                # Decoded by the service: UTF-8, UTF-16 (Excel's "Unicode text"), 1258.
                data: bytes | str = upload.read()
                # The downloaded Excel file: its sheet as the CSV text the preview carries.
                if (upload.name or "").lower().endswith(".xlsx") or (
                    isinstance(data, bytes) and data.startswith(b"PK\x03\x04")
                ):
                    data = units_file.xlsx_as_csv(cast(bytes, data))
                preview = services.preview_units_csv(user, agency, data)
                # An old file (no version column) changing units: shown first, with the
                # versions it would overwrite; a file whose versions are out of date too.
                if preview.overwrites or (preview.updated and not preview.versioned):
                    return _preview_page(request, agency, preview, data)
                seen = base = None
                overwrite: list[str] = []
            else:
                # The preview's confirm form: the file's text and the versions it showed.
                data = request.POST.get("csv_text", "")
                if not data or len(data) > CSV_LIMIT:
                    raise services.UnitError(_("Hãy chọn một tệp CSV (tối đa 512 KB)."))
                seen = _versions(request, "seen-")
                base = _versions(request, "base-")
                overwrite = request.POST.getlist("overwrite")
            try:
                result = services.import_units_csv(
                    user, agency, data, seen=seen, base=base, overwrite=overwrite
                )
            except services.StaleImport as exc:
                messages.error(request, str(exc))
                return _preview_page(request, agency, exc.preview, data, base, status=409)
            if result.created or result.updated or result.successions:
                messages.success(
                    request,
                    _("Đã nhập: %(created)s đơn vị mới, %(updated)s đơn vị cập nhật.")
                    % {"created": result.created, "updated": result.updated},
                )
            else:
                messages.info(request, _("Tệp không có gì mới: các đơn vị đã đúng như trong tệp."))
        elif what == "confirm":
            unit = get_object_or_404(
                Unit, pk=int(request.POST.get("unit", "0") or 0), agency=agency
            )
            services.confirm_unit(user, unit, int(request.POST.get("version", "0") or 0))
            messages.success(request, _("Đã xác nhận đơn vị."))
        elif what == "attach":
            person = get_object_or_404(
                User, pk=int(request.POST.get("person", "0") or 0), agency=agency
            )
            unit_id = request.POST.get("unit", "")
            target: Unit | None = (
                get_object_or_404(Unit, pk=int(unit_id), agency=agency)
                if unit_id.isdigit()
                else None
            )
            # The person's version the page showed: a tab opened before a colleague
            # moved her changes nothing (`attach_user`). Without one, a crafted post.
            services.attach_user(user, person, target, int(request.POST.get("version", "")))
            messages.success(request, _("Đã cập nhật đơn vị của người dùng."))
        else:
            raise services.UnitError(_("Yêu cầu không hợp lệ."))
    except services.UnitError as exc:
        messages.error(request, str(exc))
    except ValueError:  # a number in the form that is not one (a crafted or broken post)
        messages.error(request, _("Yêu cầu không hợp lệ."))
    return redirect("agencies:units", code=agency.code)
