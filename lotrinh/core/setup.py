"""Loading everything the project ships, in dependency order (idempotent)."""

from lotrinh.agencies.loader import load_reference_data as load_agencies
from lotrinh.indicators.loader import load_reference_data as load_indicators
from lotrinh.indicators.loader import load_task_links
from lotrinh.programmes.loader import load_bundled


def load_all() -> list[str]:
    lines = []
    counts = load_agencies()
    lines.append(f"Cơ quan: {counts['agencies']} (kế thừa: {counts['successions']})")
    counts = load_indicators()
    lines.append(f"Chỉ tiêu: {counts['indicators']} (số liệu mới: {counts['observations']})")
    for programme, created in load_bundled():
        state = "đã nạp" if created else "không đổi"
        lines.append(f"{programme.code} (phiên bản {programme.version}): {state}")
    lines.append(f"Liên kết nhiệm vụ – mục tiêu mới: {load_task_links()}")
    return lines
