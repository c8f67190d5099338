import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.agencies.services import resolve_agency
from lotrinh.core.locale import format_number
from lotrinh.documents import assemble, render
from lotrinh.documents.services import (
    current_template,
    cutoff_problem,
    document_period,
    produce,
)
from lotrinh.programmes.services import programme_for_command
from lotrinh.reporting.models import AgencyReport


class Command(BaseCommand):
    help = "Generate an official report: consolidated (MOST to the Government), agency, or review (sơ kết/tổng kết)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["consolidated", "agency", "review"])
        parser.add_argument("--programme", default="50/NQ-CP")
        parser.add_argument(
            "--issuer",
            default="",
            help="the issuing agency's code, when agencies' plans share the number "
            "(lotrinh programmes --format json lists issuer_code)",
        )
        parser.add_argument("--year", type=int, help="report year (consolidated, agency)")
        parser.add_argument("--from", dest="first", type=int, help="first year (review)")
        parser.add_argument("--to", dest="last", type=int, help="last year (review)")
        parser.add_argument("--agency", help='agency name, e.g. "Bộ Y tế"')
        parser.add_argument(
            "--regime",
            help="consolidated report of another regime's receiving body, e.g. "
            "party-committee-report of 52-NQ/TW (the Commission's report)",
        )
        parser.add_argument(
            "--part", type=int, default=0, help="part of the year: 1-2 halves, 1-4 quarters, …"
        )
        parser.add_argument(
            "--cutoff",
            help="YYYY-MM-DD, not after today (default: 31 December of the year, or today "
            "in Hà Nội when the year has not ended)",
        )
        parser.add_argument("--format", choices=["docx", "pdf", "xlsx"], default="docx")
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument(
            "--sign",
            action="store_true",
            help="number the report in the register and sign it (PDF only) with the configured "
            "key of the agency's approver (MOST's leader for the consolidated report)",
        )
        parser.add_argument("--signer", help="username of the signer (default: the approver)")

    def handle(self, *args: object, **o: object) -> None:
        programme = programme_for_command(str(o["programme"]), str(o.get("issuer") or ""))
        kind, fmt = str(o["kind"]), str(o["format"])
        last = o.get("last") or o.get("year")
        if not last:
            raise CommandError("Cần --year (hoặc --from/--to với review).")
        # The draft is dated its cut-off: a year not over yet is read as of today (Hà
        # Nội's day, the project's time zone), never dated in the future.
        today = timezone.localdate()
        try:
            cutoff = (
                datetime.date.fromisoformat(str(o["cutoff"]))
                if o.get("cutoff")
                else min(datetime.date(int(str(last)), 12, 31), today)
            )
        except ValueError as exc:
            raise CommandError(
                f"Ngày chốt số liệu không hợp lệ: {o['cutoff']!r} (YYYY-MM-DD)."
            ) from exc
        # The page's rule (services.request_document): not after today, nor before the
        # first day of the period the document is made for.
        period = None
        if kind == "consolidated" and o.get("regime"):
            period = self._regime_period(programme, str(o["regime"]), int(str(last)), o)
        elif kind != "review":
            period = document_period(kind, programme, int(str(last)))
        problem = cutoff_problem(cutoff, period, today)
        if problem:
            raise CommandError(problem)
        if o.get("sign"):
            output = self._signed(kind, fmt, programme, int(str(last)), cutoff, o)
            Path(str(o["output"])).write_bytes(output)
            self.stderr.write(
                f"Đã ký và ghi {o['output']} ({format_number(len(output), 0, 'vi')} byte)."
            )
            return
        if period is not None and o.get("regime"):
            data = assemble.consolidated_of_period(period, cutoff)
            output = render.render("consolidated", fmt, data, current_template(), cutoff)
        elif kind == "review":
            first = int(str(o.get("first") or programme.issue_date.year))
            data = assemble.multi_year_review(programme, first, int(str(last)), cutoff)
            output = render.render("review", fmt, data, current_template(), cutoff)
        else:
            agency = None
            if kind == "agency":
                agency = resolve_agency(str(o.get("agency") or ""), at=cutoff)
                if agency is None:
                    raise CommandError(
                        f"Không tìm thấy cơ quan {o.get('agency')!r} trong danh mục."
                    )
            try:
                output = produce(kind, fmt, programme, int(last), cutoff, agency)  # type: ignore[call-overload]
            except AgencyReport.DoesNotExist as exc:
                raise CommandError(f"{agency} chưa có báo cáo năm {last}.") from exc
        Path(str(o["output"])).write_bytes(output)
        self.stderr.write(f"Đã ghi {o['output']} ({format_number(len(output), 0, 'vi')} byte).")

    def _regime_period(self, programme: Any, code: str, year: int, o: Any) -> Any:
        """The period of a regime whose receiving body's consolidated report is asked."""
        from lotrinh.reporting.models import ReportingPeriod

        period = (
            ReportingPeriod.objects.filter(
                regime__programme=programme, regime__code=code, year=year, part=int(o["part"] or 0)
            )
            .select_related("regime__programme", "regime__recipient")
            .first()
        )
        if period is None:
            raise CommandError(
                f"{programme.code}: chế độ {code!r} chưa có kỳ {year}"
                + (f" (phần {o['part']})" if o.get("part") else "")
                + "."
            )
        return period

    def _signed(
        self, kind: str, fmt: str, programme: Any, year: int, cutoff: datetime.date, o: Any
    ) -> bytes:
        """Numbered in the register and signed with the approver's configured key."""
        from lotrinh.accounts.models import User
        from lotrinh.signing import services as signing

        if fmt != "pdf" or kind == "review":
            raise CommandError("--sign ký báo cáo của cơ quan hoặc báo cáo tổng hợp, dạng PDF.")
        if kind == "agency":
            agency = resolve_agency(str(o.get("agency") or ""), at=cutoff)
            if agency is None:
                raise CommandError(f"Không tìm thấy cơ quan {o.get('agency')!r} trong danh mục.")
        else:
            agency = signing.most_agency()
        signer = (
            User.objects.filter(username=str(o["signer"])).first()
            if o.get("signer")
            else signing.signing_approver(agency)
        )
        if signer is None:
            raise CommandError(
                f"{agency}: không có lãnh đạo phê duyệt nào đã cấu hình khoá ký (lotrinh signer set)."
            )
        try:
            if kind == "consolidated":
                document = signing.sign_consolidated(signer, programme, year, cutoff)
            else:
                report = AgencyReport.objects.filter(
                    agency=agency,
                    period__regime__programme=programme,
                    period__year=year,
                    period__regime__code="annual-report",
                ).first()
                if report is None:
                    raise CommandError(f"{agency} chưa có báo cáo năm {year}.")
                if not perms.can(signer, perms.APPROVE_REPORT, agency):
                    raise CommandError(f"{signer} không phải lãnh đạo phê duyệt của {agency}.")
                document = signing.sign_agency_report(report, signer, cutoff)
        except signing.SigningError as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write(f"{document.register.label}, ký bởi {signer}.")
        with document.file.open("rb") as handle:
            return handle.read()
