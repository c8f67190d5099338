"""Demonstration data for the indicators: one figure typed by MOST's first monitor and
waiting for a second monitor's approval (the four-eyes rule: nobody approves a value they
entered), so the demo shows the approval as it happens."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts.models import User
from lotrinh.indicators import services
from lotrinh.indicators.models import Approval, Indicator, Observation
from lotrinh.indicators.validation import ObservationError

INDICATOR = "SMART_CITIES_COUNT"
TYPED_BY = "most"  # the first MOST monitor (accounts.demo); "most-duyet" approves
CITATION = "Bộ Xây dựng, báo cáo phát triển đô thị thông minh (số liệu minh hoạ — DEMO)"


@transaction.atomic
def propose_demo_figure() -> str:
    """The waiting figure (idempotent: one at a time); a sentence for the demo's output."""
    typist = User.objects.filter(username=TYPED_BY).first()
    indicator = Indicator.objects.filter(code=INDICATOR).first()
    if typist is None or indicator is None:
        return "bỏ qua (thiếu tài khoản hoặc chỉ tiêu)"
    waiting = Observation.objects.filter(
        indicator=indicator, recorded_by=typist, approval=Approval.PENDING
    ).first()
    if waiting is None:
        year = timezone.localdate().year - 1
        try:
            waiting = services.record_observation(
                indicator,
                year=year,
                value=6,
                citation=CITATION,
                note="Dữ liệu minh hoạ (DEMO).",
                user=typist,
            )
        except ObservationError as error:
            return f"bỏ qua ({'; '.join(str(p) for p in error.problems)})"
    return (
        f"{indicator.name_vi} năm {waiting.year} do {TYPED_BY} nhập, chờ cán bộ theo dõi "
        f"thứ hai duyệt (most-duyet): {reverse('indicators:indicator', args=[indicator.code])}"
    )
