"""Browsers ask for /favicon.ico on every first visit: it answers the site's mark (an SVG,
cached a day) instead of a 404 in every log."""

from django.test import Client


def test_the_favicon_answers():
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert "max-age=86400" in response["Cache-Control"]
    assert Client().post("/favicon.ico").status_code == 405
