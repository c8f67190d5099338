"""Sign in to a served Lộ trình as a person does, on the login page (its CSRF token, the
Referer a browser sends): for the scripts that drive a running demo through its pages or
its API with a session (scripts/fuzz_api.py, scripts/fuzz_importer_uploads.py)."""

import re

import requests

LOGIN = "/tai-khoan/dang-nhap/"


def sign_in(url: str, username: str, password: str) -> requests.Session:
    """A session signed in as `username`; exits naming the person when the server refuses."""
    browser = requests.Session()
    login = f"{url}{LOGIN}"
    page = browser.get(login, timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    answer = browser.post(
        login,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": token.group(1) if token else "",
        },
        headers={"Referer": login},
        timeout=30,
        allow_redirects=False,
    )
    if answer.status_code != 302 or "sessionid" not in browser.cookies:
        raise SystemExit(f"{username} could not sign in ({answer.status_code})")
    return browser
