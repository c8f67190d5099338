from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from lotrinh.accounts.demo import create_demo_accounts
from lotrinh.portal.demo import publish_demo_year
from lotrinh.reporting.demo import generate_demo_cycle
from lotrinh.reporting.demo_cascade import generate_cascade_demo
from lotrinh.reporting.demo_nq57 import ACCOUNTS as NQ57_ACCOUNTS
from lotrinh.reporting.demo_nq57 import PASSWORD as NQ57_PASSWORD
from lotrinh.reporting.demo_nq57 import generate_nq57_demo
from lotrinh.reporting.demo_party import generate_party_demo


class Command(BaseCommand):
    help = "Set up the demonstration: database, seed programme, demo data and one account per role; then serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="load the demo data without serving"
        )
        parser.add_argument(
            "--seed", type=int, default=2020, help="seed of the demo data generator"
        )

    def handle(self, *args: object, **options: object) -> None:
        call_command("init")
        accounts = create_demo_accounts()
        summary = generate_demo_cycle(seed=options["seed"])  # type: ignore[arg-type]
        self.stdout.write(f"Dữ liệu minh hoạ (đánh dấu DEMO): {summary}")
        self.stdout.write(f"Trang công khai (docs/portal.md): {publish_demo_year(2024)}")
        self.stdout.write(f"Phân cấp (docs/cascade.md): {generate_cascade_demo()}")
        self.stdout.write(f"Chuỗi của Đảng (docs/cascade.md): {generate_party_demo()}")
        from lotrinh.indicators.demo import propose_demo_figure

        self.stdout.write(f"Số liệu chờ duyệt (hai người): {propose_demo_figure()}")
        nq57 = generate_nq57_demo()
        self.stdout.write(f"Kế hoạch của Đảng đoàn Quốc hội (docs/cascade.md): {nq57}")
        self.stdout.write("")
        self.stdout.write("Tài khoản minh hoạ / Demo accounts:")
        width = max(len(a.username) for a in accounts)
        for account in accounts:
            self.stdout.write(
                f"  {account.username.ljust(width)}  mật khẩu: {account.password:<18} "
                f"{account.role:<13} {account.agency_name}"
            )
        if not nq57.startswith("bỏ qua"):
            for username, agency_name, role in NQ57_ACCOUNTS:
                self.stdout.write(
                    f"  {username.ljust(width)}  mật khẩu: {NQ57_PASSWORD:<18} {role:<13} "
                    f"{agency_name}"
                )
        from lotrinh.signing.demo import MOST_LEADER, create_demo_signers

        signers = create_demo_signers()
        self.stdout.write(
            f"  {MOST_LEADER[0].ljust(width)}  mật khẩu: {MOST_LEADER[1]:<18} approver      "
            "Bộ Khoa học và Công nghệ"
        )
        self.stdout.write("")
        self.stdout.write(
            "Chứng thư số MINH HOẠ (DEMO, không có giá trị pháp lý; chỉ tin cậy khi chạy cục bộ):"
        )
        for signer in signers:
            self.stdout.write(f"  {signer.username}: {signer.common_name} — {signer.pkcs12}")
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("serve")
