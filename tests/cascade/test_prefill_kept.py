"""A pre-fill that leaves entries alone because the agency wrote them says so (walk42:
byt-baocao pre-filled the returned 2026 report and read only "Đã điền sẵn 0 mục", though
a unit's accepted work was there for a task the agency had already written)."""

from django.urls import reverse

from lotrinh.reporting import rollup, services
from lotrinh.reporting.models import TaskStatus
from tests.cascade.conftest import YEAR
from tests.cascade.conftest import fill_unit_report as _fill
from tests.cascade.conftest import send_report as _send
from tests.conftest import client_for


def test_the_prefill_names_the_entries_it_kept(province) -> None:
    p = province
    first, _second = p["lead_tasks"]
    khcn = rollup.start_unit_report(p["khcn_reporter"], p["child"], YEAR)
    _fill(khcn, p["khcn_reporter"], TaskStatus.DONE_ON_TIME, "Sở KH&CN đã ban hành")
    services.accept_report(_send(khcn, p["khcn_reporter"], p["khcn_leader"]), p["monitor"])
    written = p["national"].entries.get(task__ref=first)
    services.save_entry(
        written,
        p["reporter"],
        {"status": TaskStatus.IN_PROGRESS, "result": "Viết trước"},
        written.version,
    )
    response = client_for(p["reporter"]).post(
        reverse("cascade:prefill", args=[p["national"].pk]), HTTP_ACCEPT_LANGUAGE="vi", follow=True
    )
    said = " ".join(str(m) for m in response.context["messages"])
    assert "Đã điền sẵn 1 mục" in said
    assert "1 mục có kết quả của các đơn vị được giữ nguyên vì cơ quan đã viết" in said
    assert p["national"].entries.get(task__ref=first).result == "Viết trước"
    again = rollup.prefill_report(p["national"], p["reporter"])
    # Its own earlier pre-fill is not counted as the agency's writing.
    assert (again.filled, again.kept) == (0, 1)
