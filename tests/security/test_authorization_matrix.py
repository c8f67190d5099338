"""Every route × every persona × GET/POST × object, against the declared policy.

The routes come from Django's URL resolver, so a new route is in the matrix the day it
is added: without an entry in tests/security/policy.py it fails with "route X has no
declared policy". Each cell is its own test (id persona-route-method-object).

Beyond the status code, every cell that must not change anything (denied, login,
refused, POST to a read-only page, GET on a POST-only route) compares a hash of every
table before and after, and every page a persona reads is searched for the markers of
reports that persona may not read (drafts leaking through lists, fragments, task pages,
documents and downloads).
"""

import json

import pytest

from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role
from tests.security.conftest import client_of
from tests.security.dbhash import WriteWatch
from tests.security.matrix import (
    cells,
    check_answer,
    expectation,
    leaked_markers,
    response_text,
)
from tests.security.policy import ALLOW, POLICY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("route", "persona", "method", "obj"), cells())
def test_cell(route, persona, method, obj, world):
    if method == "gone":
        pytest.fail(f"route {route} has a declared policy but no longer exists")
    if not persona:
        pytest.fail(f"route {route} has no declared policy (tests/security/policy.py)")
    policy = POLICY[route]
    outcome = expectation(policy, method, world, persona, obj)
    client = client_of(world, persona)
    url = policy.url(world, obj)
    headers = policy.headers(world, obj) if policy.headers else {}
    watch = WriteWatch()
    if method == "GET":
        response = client.get(url)
    elif method == "POST":
        response = client.post(url, policy.body(world, obj), headers=headers)
    else:
        body = json.dumps(policy.body(world, obj))
        send = client.patch if method == "PATCH" else client.put
        response = send(url, body, content_type="application/json", headers=headers)
    problems = []
    problem = check_answer(outcome, method, policy, response)
    if problem:
        problems.append(problem)
    # (No response.close() here: it sends request_finished, which closes a PostgreSQL
    # connection inside a transaction; the test client closes responses itself.)
    if method == "GET" and response.status_code == 200:
        leaked = leaked_markers(world, persona, response_text(response))
        if leaked:
            problems.append(f"shows reports it may not read: {leaked}")
    # Safe methods are safe: no GET writes, whoever asks. Nor does anything refused.
    if method == "GET" or outcome != ALLOW:
        changed = watch.changed()
        if changed:
            why = "a GET must not write" if method == "GET" else f"{outcome.value} must not write"
            problems.append(f"{why}, but it changed {changed}")
    assert not problems, f"{persona} {method} {url} ({obj}): " + "; ".join(problems)


# The rule the matrix applies to reports, pinned as the issue states it, so that the
# matrix cannot drift with a change of permissions.py.
VISIBILITY = {
    # role: states of another agency's report it may read (published or not)
    Role.MOST_MONITOR: {"submitted", "returned", "accepted"},
    Role.ADMIN: {"submitted", "returned", "accepted"},
    Role.OVERSIGHT: {"submitted", "accepted"},
    Role.REPORTER: set(),
    Role.APPROVER: set(),
    "": set(),
}
# Beyond those, everyone (the public too) reads a report accepted AND published by MOST.
PUBLIC = {"accepted"}
STATES = ("draft", "approved", "submitted", "returned", "accepted")


@pytest.mark.parametrize("role", list(VISIBILITY))
def test_the_visibility_rule_is_the_one_the_issue_states(role, world):
    from lotrinh.accounts.models import User

    agency_a, agency_b = world.agencies["a"], world.agencies["b"]
    user = User(username="r", role=role, agency=agency_a, is_superuser=role == Role.ADMIN)
    for state in STATES:
        for published in (False, True):
            public = published and state in PUBLIC
            own = role != "" or public
            assert perms.may_read_report(user, agency_a.pk, state, published=published) is own, (
                role,
                state,
                published,
            )
            other = state in VISIBILITY[role] or public
            assert perms.may_read_report(user, agency_b.pk, state, published=published) is other, (
                role,
                state,
                published,
            )
    for state in STATES:
        assert perms.may_read_report(None, agency_a.pk, state) is False
        assert perms.may_read_report(None, agency_a.pk, state, published=True) is (state in PUBLIC)
