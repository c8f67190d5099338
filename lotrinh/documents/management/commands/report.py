import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lotrinh.agencies.services import resolve_agency
from lotrinh.documents import assemble, render
from lotrinh.documents.services import current_template, produce
from lotrinh.programmes.services import programme_for_command
from lotrinh.reporting.models import AgencyReport


class Command(BaseCommand):
    help = "Generate an official report: consolidated (MOST to the Government), agency, or review (sơ kết/tổng kết)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["consolidated", "agency", "review"])
        parser.add_argument("--programme", default="50/NQ-CP")
        parser.add_argument("--year", type=int, help="report year (consolidated, agency)")
        parser.add_argument("--from", dest="first", type=int, help="first year (review)")
        parser.add_argument("--to", dest="last", type=int, help="last year (review)")
        parser.add_argument("--agency", help='agency name, e.g. "Bộ Y tế"')
        parser.add_argument("--cutoff", help="YYYY-MM-DD (default: 31 December of the year)")
        parser.add_argument("--format", choices=["docx", "pdf", "xlsx"], default="docx")
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args: object, **o: object) -> None:
        programme = programme_for_command(str(o["programme"]))
        kind, fmt = str(o["kind"]), str(o["format"])
        last = o.get("last") or o.get("year")
        if not last:
            raise CommandError("Cần --year (hoặc --from/--to với review).")
        try:
            cutoff = (
                datetime.date.fromisoformat(str(o["cutoff"]))
                if o.get("cutoff")
                else datetime.date(int(str(last)), 12, 31)
            )  # type: ignore[call-overload]
        except ValueError as exc:
            raise CommandError(
                f"Ngày chốt số liệu không hợp lệ: {o['cutoff']!r} (YYYY-MM-DD)."
            ) from exc
        if kind == "review":
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
        self.stderr.write(f"Đã ghi {o['output']} ({len(output):,} byte).")
