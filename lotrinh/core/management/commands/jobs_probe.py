"""`lotrinh jobs-probe`: queue probe jobs and report which workers ran them, and how often."""

import time
import uuid
from collections import Counter

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from lotrinh.core.models import JobProbe
from lotrinh.core.tasks import PROBE_MAX_SECONDS, probe


class Command(BaseCommand):
    help = (
        "Queue N probe jobs, wait until they are done, and say which worker ran each: "
        "checks that the workers run and that each job completes exactly once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--count", type=int, default=10, help="jobs to queue (1–1000)")
        parser.add_argument(
            "--seconds", type=float, default=0.2, help="how long each job lasts (0–60)"
        )
        parser.add_argument(
            "--timeout", type=float, default=120, help="seconds to wait for all of them"
        )
        parser.add_argument(
            "--prefix", default="", help="token prefix (to find these runs in JobProbe)"
        )

    def handle(self, *args: object, **options: object) -> None:
        count = int(options["count"])  # type: ignore[call-overload]
        seconds = float(options["seconds"])  # type: ignore[arg-type]
        timeout = float(options["timeout"])  # type: ignore[arg-type]
        if not 1 <= count <= 1000:
            raise CommandError("--count phải từ 1 đến 1000.")
        if not 0 <= seconds <= PROBE_MAX_SECONDS:
            raise CommandError(f"--seconds phải từ 0 đến {PROBE_MAX_SECONDS:.0f}.")
        prefix = str(options["prefix"]) or uuid.uuid4().hex[:8]
        tokens = [f"{prefix}-{i}" for i in range(count)]
        for token in tokens:
            probe.enqueue(token, seconds)
        deadline = time.monotonic() + timeout
        finished: dict[str, int] = {}
        while time.monotonic() < deadline:
            rows = (
                JobProbe.objects.filter(token__in=tokens)
                .values("token")
                .annotate(done=Count("id", filter=Q(finished_at__isnull=False)))
            )
            finished = {row["token"]: row["done"] for row in rows if row["done"]}
            if len(finished) == count:
                break
            time.sleep(0.5)
        runs = list(JobProbe.objects.filter(token__in=tokens).values_list("token", "worker_id"))
        by_worker = Counter(worker for _, worker in runs)
        starts = Counter(token for token, _ in runs)
        twice = sorted(t for t, n in finished.items() if n > 1)
        for worker, n in sorted(by_worker.items()):
            self.stdout.write(f"worker {worker}: {n} lượt chạy")
        restarted = sum(1 for n in starts.values() if n > 1)
        self.stdout.write(
            f"probes={count} finished={len(finished)} finished_twice={len(twice)} "
            f"restarted={restarted} workers={len(by_worker)}"
        )
        if len(finished) < count:
            raise CommandError(f"{count - len(finished)} việc chưa xong sau {timeout:.0f} giây.")
        if twice:
            raise CommandError(f"Việc chạy xong hai lần: {', '.join(twice)}")
