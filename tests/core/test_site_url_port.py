"""E-mail links open the site where it runs: with no `LOTRINH_SITE_URL`, the local
address on `PORT` (a demo on port 8340 sent reminders linking to port 8000)."""

from lotrinh.core.mailconfig import site_url


def test_without_a_site_url_links_use_the_port_the_site_listens_on():
    assert site_url({"PORT": "8340"}) == "http://127.0.0.1:8340"
    assert site_url({}) == "http://127.0.0.1:8000"


def test_a_configured_site_url_wins_and_a_bad_port_is_ignored():
    assert site_url({"PORT": "8340", "LOTRINH_SITE_URL": "https://lotrinh.gov.vn"}) == (
        "https://lotrinh.gov.vn"
    )
    assert site_url({"PORT": "abc"}) == "http://127.0.0.1:8000"
