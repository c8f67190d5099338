# The reporting fixtures (a report of Bộ A in 2024) for the history and language tests.
from tests.reporting.conftest import agency_a, fill, period_2024, regime, report_a, report_b

__all__ = ["agency_a", "fill", "period_2024", "regime", "report_a", "report_b"]
