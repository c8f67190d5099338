"""A target met by evidence (a milestone such as "Mạng di động 5G phủ sóng toàn quốc")
has no figures to draw: its card on the national scoreboard shows "có bằng chứng năm …"
and no sparkline. It drew a flat line at 0 (its text evidence carries no value), which a
reader took for a measured zero."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_milestone_card_has_no_sparkline_and_a_figure_card_has_one(client):
    response = client.get(reverse("indicators:overview"))
    cards = {c["status"].indicator.code: c for c in response.context["cards"]}
    milestone = cards["MOBILE_5G_NATIONWIDE"]
    assert len(milestone["status"].points) >= 2, "the seed's evidence of 2024 and 2025"
    assert not milestone["sparkline"]
    assert "<svg" in cards["DIGITAL_ECONOMY_SHARE_GDP"]["sparkline"]
