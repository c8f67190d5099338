from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from lotrinh.core.dates import DayError, parse_day, show_day
from lotrinh.reporting.notices import report_of_period
from lotrinh.reporting.reminders import run_reminders


def days_said(days: int) -> str:
    """The days to the deadline as an officer reads them (the command writes Vietnamese)."""
    if days > 0:
        return f"còn {days} ngày"
    if days == 0:
        return "đến hạn hôm nay"
    return f"quá hạn {-days} ngày"


class Command(BaseCommand):
    help = (
        "Run the reminder rules for a date (what the worker does each day); --dry-run lists "
        "what it would send. A day not yet come (Asia/Ho_Chi_Minh) is previewed only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="dd/mm/yyyy or YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: object, **options: object) -> None:
        try:
            day = parse_day(options.get("date")) or timezone.localdate()
        except DayError as exc:
            raise CommandError(f"{exc} (định dạng dd/mm/yyyy hoặc YYYY-MM-DD)") from exc
        if day > timezone.localdate() and not options["dry_run"]:
            # Sent now, its texts would count the days from a day not come ("14 days
            # left" while 15 are) and the pages would show reminders dated ahead.
            raise CommandError(
                f"Ngày {day:%d/%m/%Y} chưa đến (hôm nay {timezone.localdate():%d/%m/%Y}, "
                "giờ Hà Nội): chưa gửi gì. Dùng --dry-run để xem trước."
            )
        planned = run_reminders(day, dry_run=bool(options["dry_run"]))
        verb = "Sẽ gửi" if options["dry_run"] else "Đã gửi"
        for item in planned:
            people = ", ".join(u.username for u in item.recipients) or "(chưa có tài khoản)"
            report = report_of_period(item.period.regime.programme.code, item.period, "vi")
            self.stdout.write(
                f"{verb}: {item.unit.name_vi + ' — ' if item.unit else ''}{item.agency.name_vi} "
                f"— báo cáo {report}, {days_said(item.days)} → {people}"
            )
        self.stdout.write(f"{len(planned)} lời nhắc cho ngày {show_day(day)}.")
        from lotrinh.indicators.requests import run_request_reminders

        count = run_request_reminders(day, dry_run=bool(options["dry_run"]))
        self.stdout.write(f"{count} lời nhắc yêu cầu số liệu cho ngày {show_day(day)}.")
