"""Loading everything the project ships, in dependency order (idempotent).

Safe to run at any time, on a new or an upgraded deployment: a programme that has moved
on from its bundled file (an accepted amendment, a file loaded by hand) is left alone.
"""

from lotrinh.agencies.loader import load_reference_data as load_agencies
from lotrinh.indicators.loader import load_reference_data as load_indicators
from lotrinh.indicators.loader import load_task_links
from lotrinh.programmes.loader import BundledState, load_bundled

BUNDLED_STATE_TEXT = {
    BundledState.LOADED: "đã nạp",
    BundledState.UNCHANGED: "không đổi",
    BundledState.UPGRADED: "đã nạp phiên bản mới của tệp kèm theo",
    BundledState.MOVED_ON: (
        "đã có phiên bản mới hơn tệp kèm theo (sửa đổi, nạp tay hoặc nhập): giữ nguyên"
    ),
}


def load_all() -> list[str]:
    lines = []
    counts = load_agencies()
    lines.append(f"Cơ quan: {counts['agencies']} (kế thừa: {counts['successions']})")
    counts = load_indicators()
    lines.append(f"Chỉ tiêu: {counts['indicators']} (số liệu mới: {counts['observations']})")
    for result in load_bundled():
        programme = result.programme
        state = BUNDLED_STATE_TEXT[result.state]
        lines.append(f"{programme.code} (phiên bản {programme.version}): {state}")
    lines.append(f"Liên kết nhiệm vụ – mục tiêu mới: {load_task_links()}")
    return lines
