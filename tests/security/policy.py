"""Who may GET and POST every route: the declared policy the matrix checks.

One entry per named route (`namespace:name`). Each entry says which objects the route
is tried on (static labels, so every cell is its own test id), how to build the URL
of each from the world (tests/security/world.py), who may GET it, who may POST it,
and the minimal valid-looking body of a POST. A route that appears in the URL resolver
without an entry here fails the matrix with "route X has no declared policy".

Expected answers (`Outcome`):
- ALLOW: GET → 200; POST → 200, or a 302 that is not to a login page.
- DENY: 403 or 404 (404 for objects of another agency / not visible), nothing written.
- LOGIN: 302 to a login page (anonymous on a login-only route), nothing written.
- REFUSE: the persona may act on the object but not in its present state (a submitted
  report cannot be edited): any answer below 500 except a login redirect, and nothing
  written.
- NO_WRITE: POST of an invalid form by someone who may send it: 200 or 405, nothing
  written.
- NOT_ALLOWED: GET on a POST-only route, POST on a read-only page (`read_only`): 405,
  nothing written.

Report-derived routes follow `may_read_report` / `readable_report_states` in
lotrinh/accounts/permissions.py (own agency: every state; MOST monitor and admin:
submitted, returned, accepted; oversight: submitted, accepted; everyone else:
accepted and published by MOST only, lotrinh/portal). Documents made from a report are visible as that report is; the
consolidated report (built from every agency's submitted and accepted reports) is
visible to those who may read other agencies' submitted reports.

To cover a new route: add an entry here. The matrix test needs no change.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotrinh.accounts import permissions as perms
from tests.security.world import DOCUMENTS, REPORTS, SIGNED, World, small_programme_docx


class Outcome(StrEnum):
    ALLOW = "allow"
    DENY = "deny"
    LOGIN = "login"
    REFUSE = "refuse"
    NO_WRITE = "no_write"
    NOT_ALLOWED = "not_allowed"


ALLOW, DENY, LOGIN, REFUSE, NO_WRITE, NOT_ALLOWED = (
    Outcome.ALLOW,
    Outcome.DENY,
    Outcome.LOGIN,
    Outcome.REFUSE,
    Outcome.NO_WRITE,
    Outcome.NOT_ALLOWED,
)

Rule = Callable[[World, str, str], Outcome]
UrlBuilder = Callable[[World, str], str]
BodyBuilder = Callable[[World, str], dict[str, Any]]

# Which agency each persona belongs to ("a", "b", or another label).
PERSONA_AGENCY = {
    "token_a": "a",
    "token_a_read": "a",
    "reporter_a": "a",
    "approver_a": "a",
    "reporter_b": "b",
    "most": "most",
    "oversight": "oversight",
    "admin": "most",
}
REPORTERS = {"reporter_a", "reporter_b"}
APPROVERS = {"approver_a"}


@dataclass(frozen=True)
class RoutePolicy:
    objects: tuple[str, ...]
    url: UrlBuilder
    get: Rule | None  # None: POST-only route (GET must answer 405)
    post: Rule | None  # None: read-only route (POST must write nothing)
    body: BodyBuilder = field(default=lambda w, o: {})
    # API routes (tests/security/policy_api.py): tried also by the agency token personas,
    # with other write methods (PATCH, PUT) and request headers (If-Match).
    api: bool = False
    more: dict[str, Rule] = field(default_factory=dict)
    headers: Callable[[World, str], dict[str, str]] | None = None


# ---------------------------------------------------------------- rules


def public(w: World, persona: str, obj: str) -> Outcome:
    return ALLOW


def login_only(*allowed: str) -> Rule:
    """Anonymous → login; the listed personas may; everyone else is denied."""

    def rule(w: World, persona: str, obj: str) -> Outcome:
        if persona == "anonymous":
            return LOGIN
        return ALLOW if persona in allowed else DENY

    return rule


def any_user(w: World, persona: str, obj: str) -> Outcome:
    return LOGIN if persona == "anonymous" else ALLOW


def reads(w: World, persona: str, label: str) -> bool:
    """May the persona read report `label` (the one rule of permissions.py)?"""
    report = w.reports[label]
    return perms.may_read_report(
        w.user(persona), report.agency_id, report.status, published=perms.is_public_report(report)
    )


def report_reader(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    return ALLOW if reads(w, persona, obj) else DENY


def accepted_copy_reader(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    report = w.reports[obj]
    if not report.snapshots.filter(status="accepted").exists():
        return DENY
    return ALLOW if perms.may_read_report(w.user(persona), report.agency_id, "accepted") else DENY


def own_agency(persona: str, obj: str) -> bool:
    """Is report `obj` (label a_… or b_…) of the persona's agency?"""
    return PERSONA_AGENCY.get(persona) == obj.split("_", 1)[0]


def state(obj: str) -> str:
    return REPORTS[obj][2]


def report_step(who: set[str], states: set[str]) -> Rule:
    """A step on the persona's own agency's report, possible in `states` only."""

    def rule(w: World, persona: str, obj: str) -> Outcome:
        if persona == "anonymous":
            return LOGIN
        if persona in who and own_agency(persona, obj):
            return ALLOW if state(obj) in states else REFUSE
        return DENY

    return rule


def most_review(w: World, persona: str, obj: str) -> Outcome:
    """Accept or return: MOST only, on a report it may read, when submitted."""
    if persona == "anonymous":
        return LOGIN
    if persona == "most" and reads(w, persona, obj):
        return ALLOW if state(obj) == "submitted" else REFUSE
    return DENY


def commenter(w: World, persona: str, obj: str) -> Outcome:
    """A comment: by those of the cycle who read the report in the cycle; a report read
    only because it is published opens, but a comment on it is refused (400)."""
    if persona == "anonymous":
        return LOGIN
    user = w.user(persona)
    if not (reads(w, persona, obj) and perms.has_capability(user, perms.COMMENT)):
        return DENY
    report = w.reports[obj]
    in_cycle = perms.may_read_report(user, report.agency_id, report.status)
    return ALLOW if in_cycle else REFUSE


def document_reader(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    source = DOCUMENTS[obj]
    if source is not None:
        return ALLOW if reads(w, persona, source) else DENY
    states = perms.readable_report_states(w.user(persona))
    return ALLOW if {"submitted", "accepted"} <= states else DENY


def document_retry(w: World, persona: str, obj: str) -> Outcome:
    """A new attempt at a document: whoever may request that kind and read it; the
    world's documents are done, so an allowed persona is refused in this state."""
    if persona == "anonymous":
        return LOGIN
    requesters = DOCUMENT_REQUESTERS if DOCUMENTS[obj] is not None else PROGRAMME_MANAGERS
    own = DOCUMENTS[obj] is None or own_agency(persona, DOCUMENTS[obj])
    if persona in requesters and own and document_reader(w, persona, obj) == ALLOW:
        return REFUSE
    return DENY


def signed_reader(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    source = SIGNED[obj]
    if source is not None:
        return ALLOW if reads(w, persona, source) else DENY
    states = perms.readable_report_states(w.user(persona))
    return ALLOW if {"submitted", "accepted"} <= states else DENY


def post_only_get(w: World, persona: str, obj: str) -> Outcome:
    return LOGIN if persona == "anonymous" else NOT_ALLOWED


# ---------------------------------------------------------------- URLs and bodies


def entry_of(w: World, obj: str) -> Any:
    return w.reports[obj].entries.order_by("pk").first()


def contribution_of(w: World, obj: str) -> Any:
    contribution = w.reports[obj].contributions.order_by("pk").first()
    assert contribution is not None, f"report {obj} has no coordinated task in the world"
    return contribution


def entry_body(w: World, obj: str) -> dict[str, Any]:
    entry = entry_of(w, obj)
    entry.refresh_from_db()
    prefix = f"e{entry.pk}"
    return {
        f"{prefix}-status": "in_progress",
        f"{prefix}-result": "Sửa bởi ma trận quyền",
        f"{prefix}-version": entry.version,
    }


def contribution_body(w: World, obj: str) -> dict[str, Any]:
    contribution = contribution_of(w, obj)
    contribution.refresh_from_db()
    prefix = f"c{contribution.pk}"
    return {
        f"{prefix}-contribution": "Sửa bởi ma trận quyền",
        f"{prefix}-version": contribution.version,
    }


def sections_body(w: World, obj: str) -> dict[str, Any]:
    report = w.reports[obj]
    report.refresh_from_db()
    return {
        "general_assessment": "Sửa bởi ma trận quyền",
        "proposals_to_government": "",
        "version": report.sections_version,
    }


REPORT_OBJECTS = tuple(REPORTS)


def report_url(name: str) -> UrlBuilder:
    return lambda w, obj: reverse(name, args=[w.reports[obj].pk])


def action_url(action: str) -> UrlBuilder:
    return lambda w, obj: reverse("reporting:action", args=[w.reports[obj].pk, action])


def _read_only(get: Rule) -> Rule:
    """POST to a read-only page: whoever may read it gets 405 (NOT_ALLOWED); the rest as
    for GET, or 405 (the method is checked after signing in and the route's capability,
    before the object is looked up: check_answer)."""

    def rule(w: World, persona: str, obj: str) -> Outcome:
        outcome = get(w, persona, obj)
        return NOT_ALLOWED if outcome == ALLOW else outcome

    rule.read_only = True  # type: ignore[attr-defined]
    return rule


def _not_allowed(w: World, persona: str, obj: str) -> Outcome:
    """POST to a read-only route that no session opens (a secret address): 405 for all."""
    return NOT_ALLOWED


_not_allowed.read_only = True  # type: ignore[attr-defined]


def is_read_only(policy: "RoutePolicy") -> bool:
    """A route that offers no write: POST answers 405 (tests/security/test_read_only_methods.py)."""
    return policy.get is not None and (
        policy.post is None or getattr(policy.post, "read_only", False)
    )


def read_only(objects: tuple[str, ...], url: UrlBuilder, get: Rule) -> RoutePolicy:
    return RoutePolicy(objects=objects, url=url, get=get, post=_read_only(get))


def post_only(
    objects: tuple[str, ...], url: UrlBuilder, post: Rule, body: BodyBuilder | None = None
) -> RoutePolicy:
    return RoutePolicy(
        objects=objects, url=url, get=None, post=post, body=body or (lambda w, o: {})
    )


def static(name: str, **kwargs: Any) -> UrlBuilder:
    return lambda w, obj: reverse(name, kwargs=kwargs or None)


CYCLE = ("reporter_a", "approver_a", "reporter_b", "most", "oversight", "admin")
AGENCY_PEOPLE = ("reporter_a", "approver_a", "reporter_b")
WITH_AN_AGENCY = CYCLE
COMPLIANCE = ("most", "oversight", "admin")
PROGRAMME_MANAGERS = ("most", "admin")
COMMENTERS = ("reporter_a", "approver_a", "reporter_b", "most", "oversight")
DOCUMENT_REQUESTERS = ("reporter_a", "approver_a", "reporter_b", "most", "admin")
# National figures: MOST (and the administrator) or the producing agency's reporters
# (the world makes agency A the producer of its indicator).
# MOST monitors and the producing agency's reporters; a system administrator is not a
# data producer (permissions.ROLE_CAPABILITIES).
INDICATOR_ENTRY = ("reporter_a", "most")


ACTION_RULES: dict[str, Rule] = {
    "request-approval": report_step(REPORTERS, {"draft", "returned"}),
    "approve": report_step(APPROVERS, {"draft", "returned"}),
    "send-back": report_step(APPROVERS, {"draft", "approved"}),
    "sign": report_step(APPROVERS, {"approved"}),
    "submit": report_step(REPORTERS | APPROVERS, {"approved"}),
    "accept": most_review,
    "return": most_review,
    "revise": report_step(REPORTERS, {"accepted"}),
}
ACTION_OBJECTS = tuple(f"{action}-{label}" for action in ACTION_RULES for label in REPORT_OBJECTS)


def action_rule(w: World, persona: str, obj: str) -> Outcome:
    action, label = obj.rsplit("-", 1)
    return ACTION_RULES[action](w, persona, label)


def action_body(w: World, obj: str) -> dict[str, Any]:
    """A confirmed step: the version shown on the confirmation page, and its text."""
    report = w.reports[obj.rsplit("-", 1)[1]]
    report.refresh_from_db()
    return {
        "comment": "Bổ sung số liệu",
        "reason": "Điều chỉnh số liệu",
        "confirm": report.version,
    }


def snapshot_evidence_url(w: World, obj: str) -> str:
    """The first evidence file of the report's first frozen copy."""
    report = w.reports[obj]
    snapshot = report.snapshots.order_by("pk").first()
    assert snapshot is not None, f"report {obj} has no frozen copy in the world"
    index = next(i for i, e in enumerate(snapshot.data["entries"]) if e.get("evidence_file"))
    return reverse("reporting:snapshot_evidence", args=[report.pk, snapshot.pk, index])


def publish_fingerprint(w: World) -> str:
    from lotrinh.importer import review
    from lotrinh.importer.models import DraftImport

    return review.fingerprint(DraftImport.objects.get(pk=w.draft_import.pk))


POLICY: dict[str, RoutePolicy] = {
    # ------------------------------------------------------------ public pages
    "portal:home": read_only(("page",), static("portal:home"), public),
    # The public portal (docs/portal.md): public pages show published accepted reports only
    # (the matrix searches them for every other report's marker).
    "portal:overview": read_only(("page",), static("portal:overview"), public),
    "portal:tasks": read_only(("page",), static("portal:tasks"), public),
    "portal:task": read_only(
        ("task",), lambda w, o: reverse("portal:task", args=[w.task.pk]), public
    ),
    "portal:progress": read_only(
        ("nhom", "co-quan", "muc-tieu"), lambda w, o: reverse("portal:progress", args=[o]), public
    ),
    "portal:documents": read_only(("page",), static("portal:documents"), public),
    # The consolidated report of the world is not published: nobody downloads it here.
    "portal:document_download": read_only(
        ("doc_consolidated",),
        lambda w, o: reverse("portal:document_download", args=[w.documents[o].pk]),
        lambda w, p, o: DENY,
    ),
    "portal:data": read_only(("page",), static("portal:data"), public),
    "portal:download": read_only(
        ("nhiem-vu.csv", "ket-qua.json", "ket-qua.csv", "co-quan.xlsx", "chi-so.sdmx.csv"),
        lambda w, o: reverse("portal:download", args=o.split(".", 1)),
        public,
    ),
    "portal:feed": read_only(("page",), static("portal:feed"), public),
    "portal:manage": read_only(("page",), static("portal:manage"), login_only(*PROGRAMME_MANAGERS)),
    "portal:publish": post_only(
        ("a_accepted",),
        static("portal:publish"),
        login_only(*PROGRAMME_MANAGERS),
        lambda w, o: {"kind": "report", "report": w.reports[o].pk},
    ),
    "portal:withdraw": post_only(
        ("publication",),
        lambda w, o: reverse("portal:withdraw", args=[w.extra["publication"].pk]),
        login_only(*PROGRAMME_MANAGERS),
        lambda w, o: {
            "reason": "Số liệu cần kiểm tra lại",
            "version": w.extra["publication"].version,
        },
    ),
    # The load balancer's health check (docs/deployment.md): anyone, GET or HEAD only.
    "healthz": read_only(("page",), static("healthz"), public),
    # The site's mark: anyone, GET or HEAD only.
    "favicon": read_only(("page",), static("favicon"), public),
    "agencies:list": read_only(("page",), static("agencies:list"), public),
    "agencies:detail": read_only(
        ("agency_a",),
        lambda w, o: reverse("agencies:detail", args=[w.agencies["a"].code]),
        public,
    ),
    "programmes:overview": read_only(
        ("programme",), lambda w, o: reverse("programmes:overview", args=[w.programme.slug]), public
    ),
    "programmes:tasks": read_only(
        ("programme",), lambda w, o: reverse("programmes:tasks", args=[w.programme.slug]), public
    ),
    "programmes:timeline": read_only(
        ("programme",), lambda w, o: reverse("programmes:timeline", args=[w.programme.slug]), public
    ),
    "programmes:task": read_only(
        ("task",),
        lambda w, o: reverse("programmes:task", args=[w.programme.slug, w.task.clause.anchor]),
        public,
    ),
    "programmes:document": read_only(
        ("programme",),
        lambda w, o: reverse("programmes:document", args=[w.programme.slug]),
        public,
    ),
    "programmes:versions": read_only(
        ("programme",),
        lambda w, o: reverse("programmes:versions", args=[w.programme.slug]),
        public,
    ),
    "programmes:export": read_only(
        ("json", "xlsx"),
        lambda w, o: reverse("programmes:export", kwargs={"slug": w.programme.slug, "fmt": o}),
        public,
    ),
    "indicators:overview": read_only(("page",), static("indicators:overview"), public),
    "indicators:export_all": read_only(("page",), static("indicators:export_all"), public),
    "indicators:target": read_only(
        ("target",), lambda w, o: reverse("indicators:target", args=[w.target.pk]), public
    ),
    "indicators:indicator": read_only(
        ("indicator",),
        lambda w, o: reverse("indicators:indicator", args=[w.indicator.code]),
        public,
    ),
    "indicators:export": read_only(
        ("csv", "sdmx"),
        lambda w, o: reverse("indicators:export", kwargs={"code": w.indicator.code, "fmt": o}),
        public,
    ),
    # Approve or reject a pending value: a MOST monitor who did not enter it.
    "indicators:approve": post_only(
        ("observation",),
        lambda w, o: reverse(
            "indicators:approve", args=[w.indicator.code, w.extra["observation"].pk]
        ),
        login_only("most"),
    ),
    "indicators:reject": post_only(
        ("observation",),
        lambda w, o: reverse(
            "indicators:reject", args=[w.indicator.code, w.extra["observation"].pk]
        ),
        login_only("most"),
        lambda w, o: {"reason": "Số liệu chưa khớp với niên giám"},
    ),
    "indicators:enter": RoutePolicy(
        objects=("indicator",),
        url=lambda w, o: reverse("indicators:enter", args=[w.indicator.code]),
        get=login_only(*INDICATOR_ENTRY),
        post=login_only(*INDICATOR_ENTRY),
        body=lambda w, o: {
            "year": 2023,
            "value": (w.indicator.limit or 100) / 2,
            "status": "final",
            "citation": "Tổng cục Thống kê, Niên giám 2023",
        },
    ),
    # Data requests (lotrinh/indicators/requests.py): MOST sends; the agency asked answers;
    # MOST, oversight and admin (compliance readers) and the agency asked read.
    "indicators:requests": read_only(("page",), static("indicators:requests"), any_user),
    "indicators:request": RoutePolicy(
        objects=("data_request",),
        url=lambda w, o: reverse("indicators:request", args=[w.extra["data_request"].pk]),
        get=login_only("reporter_a", "approver_a", "most", "oversight", "admin"),
        post=login_only("reporter_a"),
        body=lambda w, o: {
            "value": (w.indicator.limit or 100) / 2,
            "citation": "Tổng cục Thống kê, Niên giám 2021",
            "version": w.extra["data_request"].version,
        },
    ),
    "indicators:request_new": RoutePolicy(
        objects=("indicator",),
        url=lambda w, o: reverse("indicators:request_new", args=[w.indicator.code]),
        get=login_only("most"),
        post=login_only("most"),
        body=lambda w, o: {
            "agency": w.agencies["a"].pk,
            "year": 2021,
            "what": "Tỷ lệ xã có Internet băng thông rộng",
            "definition": "Số xã có băng thông rộng cố định trên tổng số xã",
            "deadline": (datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        },
    ),
    # ------------------------------------------------------------ accounts and admin
    "accounts:login": RoutePolicy(
        objects=("page",),
        url=static("accounts:login"),
        get=public,
        post=public,  # a wrong password: the form again (200)
        body=lambda w, o: {"username": "sec_reporter_a", "password": "sai-mat-khau"},
    ),
    "accounts:logout": RoutePolicy(
        objects=("page",),
        url=static("accounts:logout"),
        get=lambda w, p, o: NOT_ALLOWED,  # Django's LogoutView is POST-only
        post=public,
    ),
    # Passwords (accounts helper): reset by e-mail for anyone (the same answer whether or
    # not the address has an account), change for whoever is signed in. The confirm and
    # invitation links are tried with a token that is not valid: the "link no longer
    # works" page, and nothing written.
    "accounts:password_reset": RoutePolicy(
        objects=("page",),
        url=static("accounts:password_reset"),
        get=public,
        post=public,
        body=lambda w, o: {"email": "sec_reporter_a@example.test"},
    ),
    "accounts:password_reset_done": read_only(
        ("page",), static("accounts:password_reset_done"), public
    ),
    "accounts:password_reset_confirm": RoutePolicy(
        objects=("bad_token",),
        url=lambda w, o: reverse(
            "accounts:password_reset_confirm", args=["MQ", "cz0000-0123456789abcdef"]
        ),
        get=public,
        post=lambda w, p, o: NO_WRITE,
        body=lambda w, o: {"new_password1": "mot-mat-khau-dai", "new_password2": "x"},
    ),
    "accounts:password_reset_complete": read_only(
        ("page",), static("accounts:password_reset_complete"), public
    ),
    "accounts:invitation": RoutePolicy(
        objects=("bad_token",),
        url=lambda w, o: reverse("accounts:invitation", args=["MQ", "cz0000-0123456789abcdef"]),
        get=public,
        post=lambda w, p, o: NO_WRITE,
        body=lambda w, o: {"new_password1": "mot-mat-khau-dai", "new_password2": "x"},
    ),
    # A wrong current password: the form again (200), nothing written.
    "accounts:password_change": RoutePolicy(
        objects=("page",),
        url=static("accounts:password_change"),
        get=any_user,
        post=lambda w, p, o: LOGIN if p == "anonymous" else NO_WRITE,
        body=lambda w, o: {
            "old_password": "sai-mat-khau",
            "new_password1": "mot-mat-khau-moi-dai",
            "new_password2": "mot-mat-khau-moi-dai",
        },
    ),
    "accounts:password_change_done": read_only(
        ("page",), static("accounts:password_change_done"), any_user
    ),
    # An agency's people: agency administrators (their own agency) and system
    # administrators (any agency); the world has no agency administrator persona, so
    # tests/accounts/test_permissions.py covers that role's cells.
    "accounts:users": read_only(
        ("own", "agency_b"),
        lambda w, o: (
            reverse("accounts:users")
            + ("?agency=" + w.agencies["b"].code if o == "agency_b" else "")
        ),
        login_only("admin"),
    ),
    # The activity log and its spreadsheet (permissions.readable_events): MOST and system
    # administrators, an agency's leaders (and administrator, and a unit's leader for her
    # unit's events: tests/core/test_activity_log.py, whose world has units).
    # Reports' content in it follows may_read_report: the markers check that.
    "core:activity": read_only(
        ("page",), static("core:activity"), login_only("most", "admin", "approver_a")
    ),
    "core:activity_xlsx": read_only(
        ("page",), static("core:activity_xlsx"), login_only("most", "admin", "approver_a")
    ),
    "accounts:invite": RoutePolicy(
        objects=("agency_b",),
        url=lambda w, o: reverse("accounts:invite") + "?agency=" + w.agencies["b"].code,
        get=login_only("admin"),
        post=login_only("admin"),
        body=lambda w, o: {
            "email": "moi.nguoi.dung@example.test",
            "full_name": "Người Được Mời",
            "position": "Chuyên viên",
            "role": "reporter",
        },
    ),
    "accounts:user": RoutePolicy(
        objects=("reporter_a", "reporter_b"),
        url=lambda w, o: reverse("accounts:user", args=[w.user(o).pk]),  # type: ignore[union-attr]
        get=login_only("admin"),
        post=login_only("admin"),
        body=lambda w, o: {
            "action": "role",
            "role": "approver",
            "version": type(w.user(o)).objects.get(pk=w.user(o).pk).version,  # type: ignore[union-attr]
        },
    ),
    # The Django admin: only its index is in the matrix (its own pages are Django's,
    # checked by Django's own tests); non-staff are sent to the admin's login page.
    # Django's own page: it answers a POST as a GET (200), writing nothing.
    "admin:index": RoutePolicy(
        objects=("page",),
        url=static("admin:index"),
        get=lambda w, p, o: ALLOW if p == "admin" else LOGIN,
        post=lambda w, p, o: NO_WRITE if p == "admin" else LOGIN,
    ),
    # ------------------------------------------------------------ reporting cycle
    "reporting:my_reports": read_only(
        ("page",), static("reporting:my_reports"), login_only(*CYCLE)
    ),
    "reporting:notifications": read_only(("page",), static("reporting:notifications"), any_user),
    # Marks the user's own notifications read (nobody else's): any signed-in user.
    "reporting:notifications_read": post_only(
        ("page",), static("reporting:notifications_read"), any_user, lambda w, o: {"all": "1"}
    ),
    # Opens one of the user's own notifications (marks it read): the owner only.
    "reporting:notification_open": post_only(
        ("reporter_a_notification",),
        lambda w, o: reverse("reporting:notification_open", args=[w.extra["notification"].pk]),
        login_only("reporter_a"),
    ),
    # Opens the agency's own report for a year: people of an agency that reports.
    "reporting:start": post_only(
        ("page",),
        static("reporting:start"),
        login_only("reporter_a", "approver_a", "reporter_b"),
        lambda w, o: {"year": str(w.period.year + 2)},
    ),
    "reporting:evidence": read_only(
        REPORT_OBJECTS,
        lambda w, o: reverse("reporting:evidence", args=[w.reports[o].pk, entry_of(w, o).pk]),
        report_reader,
    ),
    "reporting:plan": read_only(("page",), static("reporting:plan"), login_only(*WITH_AN_AGENCY)),
    "reporting:plan_of": read_only(
        ("agency_a", "agency_b"),
        lambda w, o: reverse("reporting:plan_of", args=[w.agencies[o[-1]].code]),
        lambda w, p, o: (
            LOGIN
            if p == "anonymous"
            else ALLOW
            if p in COMPLIANCE or PERSONA_AGENCY.get(p) == o[-1]
            else DENY
        ),
    ),
    "reporting:plan_save": post_only(
        ("own_plan",),
        static("reporting:plan_save"),
        login_only("reporter_a", "approver_a", "reporter_b"),
        lambda w, o: {"number": "15/KH-SEC", "date": "2024-03-01", "note": "Kế hoạch thử"},
    ),
    "reporting:amendments": read_only(
        ("page",), static("reporting:amendments"), login_only(*CYCLE)
    ),
    "reporting:amendment_propose": post_only(
        ("page",),
        static("reporting:amendment_propose"),
        login_only("reporter_a", "approver_a", "reporter_b"),
        lambda w, o: {
            "kind": "text",
            "task_ref": w.task.ref,
            "reason": "Cần cập nhật",
            "text": "Nội dung mới",
        },
    ),
    "reporting:amendment_decide": post_only(
        ("proposal_a",),
        lambda w, o: reverse("reporting:amendment_decide", args=[w.proposal.pk]),
        login_only("most"),
        lambda w, o: {"step": "consolidate"},
    ),
    "reporting:compliance": read_only(
        ("page",), static("reporting:compliance"), login_only(*COMPLIANCE)
    ),
    "reporting:compliance_xlsx": read_only(
        ("page",), static("reporting:compliance_xlsx"), login_only(*COMPLIANCE)
    ),
    "reporting:compliance_json": read_only(
        ("page",), static("reporting:compliance_json"), login_only(*COMPLIANCE)
    ),
    "reporting:remind": post_only(
        ("agency_a",),
        lambda w, o: reverse("reporting:remind", args=[w.agencies["a"].pk, w.period.pk]),
        login_only("most"),
    ),
    "reporting:remind_all": RoutePolicy(
        objects=("page",),
        url=static("reporting:remind_all"),
        get=login_only("most"),
        post=login_only("most"),
        body=lambda w, o: {"period": str(w.period.pk), "agency": str(w.agencies["a"].pk)},
    ),
    "reporting:report": read_only(REPORT_OBJECTS, report_url("reporting:report"), report_reader),
    # A report's accepted copy (read while its agency revises it): whoever reads an
    # accepted report of its agency, signed in (published or not: the copy is not the
    # public's page); 404 for a report never accepted.
    "reporting:accepted_copy": read_only(
        REPORT_OBJECTS, report_url("reporting:accepted_copy"), accepted_copy_reader
    ),
    "reporting:save_entry": post_only(
        REPORT_OBJECTS,
        lambda w, o: reverse("reporting:save_entry", args=[w.reports[o].pk, entry_of(w, o).pk]),
        report_step(REPORTERS, {"draft", "returned"}),
        entry_body,
    ),
    "reporting:save_contribution": post_only(
        REPORT_OBJECTS,
        lambda w, o: reverse(
            "reporting:save_contribution", args=[w.reports[o].pk, contribution_of(w, o).pk]
        ),
        report_step(REPORTERS, {"draft", "returned"}),
        contribution_body,
    ),
    "reporting:save_sections": post_only(
        REPORT_OBJECTS,
        report_url("reporting:save_sections"),
        report_step(REPORTERS, {"draft", "returned"}),
        sections_body,
    ),
    "reporting:comment": post_only(
        REPORT_OBJECTS,
        report_url("reporting:comment"),
        commenter,
        lambda w, o: {"text": "Ý kiến của ma trận quyền"},
    ),
    "reporting:task_comment": post_only(
        ("task",),
        lambda w, o: reverse("reporting:task_comment", args=[w.task.pk]),
        login_only(*COMMENTERS),
        lambda w, o: {"text": "Ý kiến về nhiệm vụ"},
    ),
    # The XLSX form: own agency's editors only (every state: it is their own data).
    "reporting:download_form": read_only(
        REPORT_OBJECTS,
        report_url("reporting:download_form"),
        report_step(REPORTERS, set(s for _a, _y, s in REPORTS.values())),
    ),
    "reporting:upload_form": post_only(
        REPORT_OBJECTS,
        report_url("reporting:upload_form"),
        report_step(REPORTERS, {"draft", "returned"}),
    ),
    # An uploaded form's processing page: the same people as the form itself.
    "reporting:upload_page": read_only(
        REPORT_OBJECTS,
        lambda w, o: reverse(
            "reporting:upload_page",
            args=[w.reports[o].pk, w.extra["form_uploads"][o].pk],
        ),
        report_step(REPORTERS, set(s for _a, _y, s in REPORTS.values())),
    ),
    "reporting:action": RoutePolicy(
        objects=ACTION_OBJECTS,
        url=lambda w, o: reverse(
            "reporting:action", args=[w.reports[o.rsplit("-", 1)[1]].pk, o.rsplit("-", 1)[0]]
        ),
        get=None,
        post=action_rule,
        body=action_body,
    ),
    # The confirmation page of each step: read only, for whoever may take the step (in
    # another state it says the step is not possible).
    "reporting:confirm": read_only(
        ACTION_OBJECTS,
        lambda w, o: reverse(
            "reporting:confirm", args=[w.reports[o.rsplit("-", 1)[1]].pk, o.rsplit("-", 1)[0]]
        ),
        action_rule,
    ),
    # An evidence file as a frozen copy (submitted, returned, accepted) refers to it:
    # whoever may read the report.
    "reporting:snapshot_evidence": read_only(
        tuple(
            label for label, (_a, _y, st) in REPORTS.items() if st != "draft" and st != "approved"
        ),
        snapshot_evidence_url,
        report_reader,
    ),
    # Every changed form of the report in one POST: the own agency's reporters, while
    # the report is editable.
    "reporting:save_all": post_only(
        REPORT_OBJECTS,
        report_url("reporting:save_all"),
        report_step(REPORTERS, {"draft", "returned"}),
        lambda w, o: {**entry_body(w, o), **sections_body(w, o)},
    ),
    # ------------------------------------------------------------ documents
    "documents:list": read_only(("page",), static("documents:list"), login_only(*CYCLE)),
    "documents:request": post_only(
        ("agency_kind", "consolidated_kind"),
        static("documents:request"),
        lambda w, p, o: (
            # MOST's own agency report (most, admin) is refused with its form and a
            # message (400): MOST does not report to itself on 50/NQ-CP in this world.
            (REFUSE if p in ("most", "admin") else login_only(*DOCUMENT_REQUESTERS)(w, p, o))
            if o == "agency_kind"
            else login_only(*PROGRAMME_MANAGERS)(w, p, o)
        ),
        lambda w, o: {
            "kind": "agency" if o == "agency_kind" else "consolidated",
            "fmt": "docx",
            "year": 2024,
            "cutoff": "2024-12-31",
        },
    ),
    "documents:upload_template": post_only(
        ("page",), static("documents:upload_template"), login_only(*PROGRAMME_MANAGERS)
    ),
    "documents:download": read_only(
        tuple(DOCUMENTS),
        lambda w, o: reverse("documents:download", args=[w.documents[o].pk]),
        document_reader,
    ),
    "documents:retry": post_only(
        tuple(DOCUMENTS),
        lambda w, o: reverse("documents:retry", args=[w.documents[o].pk]),
        document_retry,
    ),
    "documents:download_template": read_only(
        ("template",),
        lambda w, o: reverse("documents:download_template", args=[w.extra["template"].pk]),
        login_only(*PROGRAMME_MANAGERS),
    ),
    # ------------------------------------------------------------ signatures
    # Anyone signed in with a role checks a signed PDF (the result is kept).
    "signing:verify": RoutePolicy(
        objects=("page",),
        url=static("signing:verify"),
        get=login_only(*CYCLE),
        post=login_only(*CYCLE),
        body=lambda w, o: {
            "file": SimpleUploadedFile("ky-so.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
        },
    ),
    # A signed PDF is read as the report it carries; the consolidated one as documents.
    "signing:download": read_only(
        tuple(SIGNED),
        lambda w, o: reverse("signing:download", args=[w.extra["signed"][o].pk]),
        signed_reader,
    ),
    # ------------------------------------------------------------ overviews (dashboard)
    # Everyone signed in has an overview (MOST's page, the reading list, the agency's
    # page, or a note for an account without agency or role).
    "dashboard:home": read_only(("page",), static("dashboard:home"), any_user),
    "dashboard:reading": read_only(("page",), static("dashboard:reading"), login_only(*COMPLIANCE)),
    # An agency's obligations (and its .ics): its own people, and MOST, oversight, admin.
    "dashboard:agency": read_only(
        ("agency_a", "agency_b"),
        lambda w, o: reverse("dashboard:agency", args=[w.agencies[o[-1]].code]),
        lambda w, p, o: (
            LOGIN
            if p == "anonymous"
            else ALLOW
            if p in COMPLIANCE or PERSONA_AGENCY.get(p) == o[-1]
            else DENY
        ),
    ),
    "dashboard:agency_ics": read_only(
        ("agency_a", "agency_b"),
        lambda w, o: reverse("dashboard:agency_ics", args=[w.agencies[o[-1]].code]),
        lambda w, p, o: (
            LOGIN
            if p == "anonymous"
            else ALLOW
            if p in COMPLIANCE or PERSONA_AGENCY.get(p) == o[-1]
            else DENY
        ),
    ),
    # The person's secret calendar address: anyone with an agency's deadlines to follow.
    "dashboard:calendar": RoutePolicy(
        objects=("page",),
        url=static("dashboard:calendar"),
        get=login_only(*CYCLE),
        post=login_only(*CYCLE),
        body=lambda w, o: {"step": "issue"},
    ),
    # The feed calendar apps fetch without a session: the secret decides, not the
    # session (reporter A's secret opens agency A, not agency B; a wrong secret nothing).
    "dashboard:calendar_feed": RoutePolicy(
        objects=("own_agency", "other_agency", "wrong_token"),
        url=lambda w, o: reverse(
            "dashboard:calendar_feed",
            args=[
                "x" * 43 if o == "wrong_token" else w.extra["calendar_token"],
                w.agencies["b" if o == "other_agency" else "a"].code,
            ],
        ),
        get=lambda w, p, o: ALLOW if o == "own_agency" else DENY,
        post=_not_allowed,  # GET and HEAD only: no write (test_read_only_methods)
    ),
    # ------------------------------------------------------------ importer
    "importer:job": read_only(
        ("import_job",),
        lambda w, o: reverse("importer:job", args=[w.extra["import_job"].pk]),
        login_only(*PROGRAMME_MANAGERS),
    ),
    "importer:retry": post_only(
        ("import_job",),
        lambda w, o: reverse("importer:retry", args=[w.extra["import_job"].pk]),
        login_only(*PROGRAMME_MANAGERS),
    ),
    "importer:upload": RoutePolicy(
        objects=("page",),
        url=static("importer:upload"),
        get=login_only(*PROGRAMME_MANAGERS),
        post=login_only(*PROGRAMME_MANAGERS),
        body=lambda w, o: {
            "document": SimpleUploadedFile("ke-hoach-78.docx", small_programme_docx())
        },
    ),
    "importer:review": read_only(
        ("draft_import",),
        lambda w, o: reverse("importer:review", args=[w.draft_import.pk]),
        login_only(*PROGRAMME_MANAGERS),
    ),
    "importer:correct": post_only(
        ("draft_import",),
        lambda w, o: reverse("importer:correct", args=[w.draft_import.pk]),
        login_only(*PROGRAMME_MANAGERS),
        lambda w, o: {
            "action": "roles",
            "ref": w.draft_import.data["tasks"][0]["ref"],
            "lead": "Bộ Y tế",
            "coordinating": "",
        },
    ),
    "importer:publish": post_only(
        ("draft_import",),
        lambda w, o: reverse("importer:publish", args=[w.draft_import.pk]),
        login_only(*PROGRAMME_MANAGERS),
        lambda w, o: {"confirm": publish_fingerprint(w)},
    ),
    "importer:confirm_publish": read_only(
        ("draft_import",),
        lambda w, o: reverse("importer:confirm_publish", args=[w.draft_import.pk]),
        login_only(*PROGRAMME_MANAGERS),
    ),
}


# The REST API's routes (their own module, merged here so the matrix reads one policy).
from tests.security.policy_api import API_POLICY  # noqa: E402

POLICY.update(API_POLICY)

# ---------------------------------------------------------------- the cascade (docs/cascade.md)


def _child_plan_url(name: str) -> UrlBuilder:
    return lambda w, o: reverse(name, args=[w.extra["cascade"]["plans"][o].pk])


def child_plan_reader(w: World, persona: str, obj: str) -> Outcome:
    """A draft plan: its agency's people only; a published one: also those who follow
    compliance (permissions.may_read_child_programme)."""
    if persona == "anonymous":
        return LOGIN
    own = PERSONA_AGENCY.get(persona) == obj[0]
    if obj.endswith("draft_plan"):
        return ALLOW if own else DENY
    return ALLOW if own or persona in COMPLIANCE else DENY


def child_plan_editor(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    own = PERSONA_AGENCY.get(persona) == obj[0]
    return ALLOW if own and persona in ("reporter_a", "approver_a", "reporter_b") else DENY


def prefill_rule(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    if persona in REPORTERS and own_agency(persona, obj):
        return ALLOW if state(obj) in ("draft", "returned") else REFUSE
    return DENY


CASCADE_POLICY: dict[str, RoutePolicy] = {
    "agencies:units": read_only(
        ("agency_a",),
        lambda w, o: reverse("agencies:units", args=[w.agencies["a"].code]),
        login_only("admin"),
    ),
    # The units as a file to edit and import again: whoever may open the units page.
    "agencies:units_csv": read_only(
        ("agency_a",),
        lambda w, o: reverse("agencies:units_csv", args=[w.agencies["a"].code]),
        login_only("admin"),
    ),
    "agencies:units_xlsx": read_only(
        ("agency_a",),
        lambda w, o: reverse("agencies:units_xlsx", args=[w.agencies["a"].code]),
        login_only("admin"),
    ),
    "agencies:units_save": post_only(
        ("agency_a",),
        lambda w, o: reverse("agencies:units_save", args=[w.agencies["a"].code]),
        login_only("admin"),
        lambda w, o: {"what": "create", "name": "Vụ Pháp chế"},
    ),
    "cascade:plans": read_only(("page",), static("cascade:plans"), any_user),
    "cascade:import": post_only(
        ("page",), static("cascade:import"), login_only("reporter_a", "approver_a", "reporter_b")
    ),
    "cascade:import_job": read_only(
        ("page",),
        lambda w, o: reverse("cascade:import_job", args=[w.extra["plan_import_job"].pk]),
        login_only("reporter_a", "approver_a"),
    ),
    "cascade:import_retry": post_only(
        ("page",),
        lambda w, o: reverse("cascade:import_retry", args=[w.extra["plan_import_job"].pk]),
        login_only("reporter_a", "approver_a"),
    ),
    "cascade:plan": read_only(
        ("a_draft_plan", "b_draft_plan", "a_published_plan"),
        _child_plan_url("cascade:plan"),
        child_plan_reader,
    ),
    "cascade:plan_save": post_only(
        ("a_draft_plan", "b_draft_plan", "a_published_plan"),
        _child_plan_url("cascade:plan_save"),
        child_plan_editor,
        lambda w, o: {"what": "publish"},
    ),
    # Only the agency's monitoring staff remind its units (no persona of the matrix is one:
    # tests/cascade/test_unit_reminders.py tries them).
    "cascade:remind_unit": post_only(
        ("a_published_plan",),
        lambda w, o: reverse(
            "cascade:remind_unit",
            args=[w.extra["cascade"]["plans"][o].pk, w.extra["cascade"]["unit_a"].pk],
        ),
        login_only(),
        lambda w, o: {"year": "2025"},
    ),
    "cascade:rollup": read_only(
        ("a_draft", "a_accepted", "b_draft"),
        lambda w, o: reverse("cascade:rollup", args=[w.reports[o].pk]),
        report_reader,
    ),
    "cascade:prefill": post_only(
        ("a_draft", "a_accepted", "b_draft"),
        lambda w, o: reverse("cascade:prefill", args=[w.reports[o].pk]),
        prefill_rule,
    ),
}
POLICY.update(CASCADE_POLICY)

# ---------------------------------------------------------------- regimes' own pages
# (docs/cascade.md, the Party's chain): the schedule of a regime whose document states no
# period, set by its receiving body's monitor or a system administrator (where the
# document names no receiving body, as 52-NQ/TW 4.3: a system administrator only); one
# period's compliance of any regime: the receiving body's monitor, and those who follow
# compliance.


def _regime_of(w: World, obj: str) -> Any:
    from lotrinh.programmes.services import current_programme

    if obj == "annual_regime":
        return w.period.regime
    return current_programme("52-NQ/TW").reporting_regimes.get(code="party-committee-report")


def _regime_url(name: str) -> UrlBuilder:
    return lambda w, o: reverse(name, args=[_regime_of(w, o).pk])


def schedule_reader(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    if obj == "annual_regime":  # received by MOST: its monitors see it (stated, not set)
        return ALLOW if persona in PROGRAMME_MANAGERS else DENY
    return ALLOW if persona == "admin" else DENY  # no receiving body named


def schedule_setter(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return LOGIN
    # The annual regime's document states its period: nobody sets it.
    return ALLOW if persona == "admin" and obj == "party_regime" else DENY


def _schedule_body(w: World, obj: str) -> dict[str, Any]:
    from lotrinh.agencies.models import Agency

    # A body existing today (Ban Kinh tế Trung ương's successor since 24 January 2025).
    commission = Agency.objects.get(code="ban-chinh-sach-chien-luoc-trung-uong")
    return {
        "frequency": "semiannual",
        "deadline_day": "20",
        "first_year": "2025",
        "recipient": str(commission.pk),
    }


REGIME_POLICY: dict[str, RoutePolicy] = {
    "reporting:regime_schedule": RoutePolicy(
        objects=("annual_regime", "party_regime"),
        url=_regime_url("reporting:regime_schedule"),
        get=schedule_reader,
        post=schedule_setter,
        body=_schedule_body,
    ),
    "reporting:regime_compliance": read_only(
        ("annual_regime", "party_regime"),
        _regime_url("reporting:regime_compliance"),
        login_only(*COMPLIANCE),
    ),
    # Reminders by hand from a period page: the body receiving the regime's reports
    # (`may_remind_regime_reporters`): MOST's monitors for a regime MOST receives (the
    # annual one, and 52-NQ/TW 4.3 in this world, which names no receiving body yet).
    "reporting:regime_remind": post_only(
        ("annual_regime", "party_regime"),
        _regime_url("reporting:regime_remind"),
        login_only("most"),
        lambda w, o: {"ky": str(w.period.year), "agency": str(w.agencies["a"].pk)},
    ),
    "reporting:regime_remind_all": post_only(
        ("annual_regime", "party_regime"),
        _regime_url("reporting:regime_remind_all"),
        login_only("most"),
        lambda w, o: {"ky": str(w.period.year), "agency": str(w.agencies["a"].pk)},
    ),
    # (A regime with no period yet sends back to its page: tried on one with periods.)
    "reporting:regime_compliance_xlsx": read_only(
        ("annual_regime",),
        _regime_url("reporting:regime_compliance_xlsx"),
        login_only(*COMPLIANCE),
    ),
}
POLICY.update(REGIME_POLICY)
