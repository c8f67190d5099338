"""Who may call each REST API route (lotrinh/api, docs/api.md), for the matrix.

API routes are tried by every persona of the pages and by agency A's systems: `token_a`
(a reporter's system account, read and write) and `token_a_read` (read only: any write
is denied, see matrix.expectation). The API never redirects to a login page: a caller
without the right answers 401, 403 or 404 (DENY). Lists are open to everyone and narrowed
by the one visibility rule; the matrix checks their bodies for markers of reports the
caller may not read.
"""

from typing import Any

from django.urls import reverse

from lotrinh.accounts import permissions as perms
from tests.security.policy import (
    ACTION_RULES,
    ALLOW,
    COMPLIANCE,
    DENY,
    DOCUMENTS,
    NO_WRITE,
    REFUSE,
    REPORT_OBJECTS,
    Outcome,
    RoutePolicy,
    Rule,
    UrlBuilder,
    World,
    document_reader,
    entry_of,
    own_agency,
    public,
    read_only,
    reads,
    report_step,
    state,
)

API_REPORTERS = {"reporter_a", "reporter_b", "token_a", "token_a_read"}
API_APPROVERS = {"approver_a"}


def api_read(
    objects: tuple[str, ...], url: UrlBuilder, get: Rule = public, post: Rule | None = None
) -> RoutePolicy:
    """A read route: POST answers 405 (or the caller's denial) and writes nothing."""
    return RoutePolicy(objects=objects, url=url, get=get, post=post, api=True)


def named(name: str, *args: Any) -> UrlBuilder:
    return lambda w, o: reverse(f"api:{name}", args=list(args))


def detail(name: str, key: Any) -> UrlBuilder:
    return lambda w, o: reverse(f"api:{name}", args=[key(w, o)])


def report_reader(w: World, persona: str, obj: str) -> Outcome:
    """The report rule of permissions.py; anonymous callers read accepted reports too."""
    return ALLOW if reads(w, persona, obj) else DENY


def comment_reader(w: World, persona: str, obj: str) -> Outcome:
    """Comments are for the cycle's people (VIEW_REPORT) who may read the report."""
    if persona == "anonymous" or not perms.has_capability(w.user(persona), perms.VIEW_REPORT):
        return DENY
    return report_reader(w, persona, obj)


def compliance_reader(w: World, persona: str, obj: str) -> Outcome:
    return ALLOW if persona in COMPLIANCE else DENY


def plan_reader(agency: str) -> Rule:
    def rule(w: World, persona: str, obj: str) -> Outcome:
        if persona in COMPLIANCE:
            return ALLOW
        return ALLOW if w.user(persona) is not None and own_agency(persona, f"{agency}_") else DENY

    return rule


def pending_value_reader(w: World, persona: str, obj: str) -> Outcome:
    """The pending value entered by agency A: MOST's reviewers and agency A's people."""
    if persona == "most":
        return ALLOW
    return ALLOW if w.user(persona) is not None and own_agency(persona, "a_") else DENY


def api_document_reader(w: World, persona: str, obj: str) -> Outcome:
    if persona == "anonymous":
        return DENY
    return document_reader(w, persona, obj)


def starter(w: World, persona: str, obj: str) -> Outcome:
    """Starting the own agency's report: its reporters and approvers."""
    return ALLOW if persona in API_REPORTERS | API_APPROVERS else DENY


def _with_api_reporters(rule_name: str) -> Rule:
    """The pages' step rule, with the agency's systems among the reporters."""
    page_rule = ACTION_RULES[rule_name]
    if rule_name in ("accept", "return"):
        return page_rule
    steps = {
        "request-approval": (API_REPORTERS, {"draft", "returned"}),
        "approve": (API_APPROVERS, {"draft", "returned"}),
        "send-back": (API_APPROVERS, {"draft", "approved"}),
        "submit": (API_REPORTERS | API_APPROVERS, {"approved"}),
    }
    who, states = steps[rule_name]
    base = report_step(who, states)

    def rule(w: World, persona: str, obj: str) -> Outcome:
        if persona == "anonymous":
            return DENY  # the API answers 403/404, never a login redirect
        if not reads(w, persona, obj):
            return DENY
        return base(w, persona, obj)

    return rule


API_STEPS = ("request-approval", "approve", "send-back", "submit", "accept", "return")
STEP_RULES = {step: _with_api_reporters(step) for step in API_STEPS}
STEP_OBJECTS = tuple(f"{step}-{label}" for step in API_STEPS for label in REPORT_OBJECTS)


def step_rule(w: World, persona: str, obj: str) -> Outcome:
    step, label = obj.rsplit("-", 1)
    outcome = STEP_RULES[step](w, persona, label)
    if step in ("accept", "return") and outcome not in (ALLOW, REFUSE):
        return DENY
    return outcome


def step_url(w: World, obj: str) -> str:
    step, label = obj.rsplit("-", 1)
    return reverse("api:report-step", args=[w.reports[label].pk, step])


def report_version(w: World, label: str) -> dict[str, str]:
    report = w.reports[label]
    report.refresh_from_db()
    return {"if-match": f'"v{report.version}"'}


def entry_editor(w: World, persona: str, obj: str) -> Outcome:
    if not reads(w, persona, obj):
        return DENY
    if persona in API_REPORTERS and own_agency(persona, obj):
        return ALLOW if state(obj) in ("draft", "returned") else REFUSE
    return DENY


def entry_version(w: World, obj: str) -> dict[str, str]:
    entry = entry_of(w, obj)
    entry.refresh_from_db()
    return {"if-match": f'"v{entry.version}"'}


def sections_version(w: World, obj: str) -> dict[str, str]:
    report = w.reports[obj]
    report.refresh_from_db()
    return {"if-match": f'"v{report.sections_version}"'}


def _first(model: Any) -> Any:
    return lambda w, o: model.objects.order_by("pk").first().pk


def _pk_of(get: Any) -> Any:
    return lambda w, o: get(w).pk


def _read_only_post(w: World, persona: str, obj: str) -> Outcome:
    return NO_WRITE


def value_enterer(w: World, persona: str, obj: str) -> Outcome:
    """SDMX import: whoever may enter indicator values; the matrix sends no file (refused)."""
    if persona != "anonymous" and perms.has_capability(w.user(persona), perms.ENTER_OBSERVATION):
        return REFUSE
    return DENY


def _api() -> dict[str, RoutePolicy]:
    from lotrinh.agencies.models import AgencySuccession

    list_names = (
        "programme-list",
        "clause-list",
        "taskgroup-list",
        "task-list",
        "assignment-list",
        "agency-list",
        "succession-list",
        "regime-list",
        "period-list",
        "plan-list",
        "plantask-list",
        "entry-list",
        "indicator-list",
        "observation-list",
        "document-list",
    )
    policies: dict[str, RoutePolicy] = {
        f"api:{name}": api_read(("list",), named(name)) for name in list_names
    }
    policies.update(
        {
            "api:schema": api_read(("json",), lambda w, o: reverse("api:schema") + "?format=json"),
            "api:docs": api_read(("page",), named("docs")),
            "api:redoc": api_read(("page",), named("redoc")),
            "api:targets": api_read(("list",), named("targets")),
            "api:sdmx_structure": api_read(("xml",), named("sdmx_structure")),
            "api:sdmx_data": api_read(("csv",), named("sdmx_data"), post=value_enterer),
            "api:compliance": api_read(
                ("table",), lambda w, o: reverse("api:compliance") + "?year=2022", compliance_reader
            ),
            "api:programme-detail": api_read(
                ("programme",), detail("programme-detail", lambda w, o: w.programme.pk)
            ),
            "api:clause-detail": api_read(
                ("clause",), detail("clause-detail", lambda w, o: w.task.clause_id)
            ),
            "api:taskgroup-detail": api_read(
                ("group",), detail("taskgroup-detail", lambda w, o: w.task.group_id)
            ),
            "api:task-detail": api_read(("task",), detail("task-detail", lambda w, o: w.task.pk)),
            "api:assignment-detail": api_read(
                ("assignment",),
                detail("assignment-detail", lambda w, o: w.task.assignments.first().pk),
            ),
            "api:agency-detail": api_read(
                ("agency_a",), detail("agency-detail", lambda w, o: w.agencies["a"].code)
            ),
            "api:succession-detail": api_read(
                ("succession",), detail("succession-detail", _first(AgencySuccession))
            ),
            "api:regime-detail": api_read(
                ("regime",), detail("regime-detail", lambda w, o: w.period.regime_id)
            ),
            "api:period-detail": api_read(
                ("period",), detail("period-detail", lambda w, o: w.period.pk)
            ),
            "api:plan-detail": api_read(
                ("plan_a",),
                detail("plan-detail", lambda w, o: w.extra["plan_task"].programme_id),
                plan_reader("a"),
            ),
            "api:plantask-detail": api_read(
                ("task_a",),
                detail("plantask-detail", lambda w, o: w.extra["plan_task"].pk),
                plan_reader("a"),
            ),
            "api:indicator-detail": api_read(
                ("indicator",), detail("indicator-detail", lambda w, o: w.indicator.code)
            ),
            "api:observation-detail": api_read(
                ("pending",),
                detail("observation-detail", lambda w, o: w.extra["observation"].pk),
                pending_value_reader,
            ),
            "api:document-detail": api_read(
                tuple(DOCUMENTS),
                lambda w, o: reverse("api:document-detail", args=[w.documents[o].pk]),
                api_document_reader,
            ),
            # The file itself: the same rule as the document it belongs to.
            "api:document-file": api_read(
                tuple(DOCUMENTS),
                lambda w, o: reverse("api:document-file", args=[w.documents[o].pk]),
                api_document_reader,
            ),
            # ------------------------------------------------ reports
            "api:report-list": RoutePolicy(
                objects=("list",),
                url=named("report-list"),
                get=public,
                post=starter,
                body=lambda w, o: {"regime": w.period.regime_id, "year": w.period.year},
                api=True,
            ),
            "api:report-detail": api_read(
                REPORT_OBJECTS,
                lambda w, o: reverse("api:report-detail", args=[w.reports[o].pk]),
                report_reader,
            ),
            "api:report-comments": api_read(
                REPORT_OBJECTS,
                lambda w, o: reverse("api:report-comments", args=[w.reports[o].pk]),
                comment_reader,
            ),
            "api:report-sections": RoutePolicy(
                objects=REPORT_OBJECTS,
                url=lambda w, o: reverse("api:report-sections", args=[w.reports[o].pk]),
                get=report_reader,
                post=None,
                more={"PUT": entry_editor},
                body=lambda w, o: {
                    "general_assessment": "Sửa qua API",
                    "proposals_to_government": "",
                },
                headers=sections_version,
                api=True,
            ),
            "api:report-step": RoutePolicy(
                objects=STEP_OBJECTS,
                url=step_url,
                get=None,
                post=step_rule,
                body=lambda w, o: {"comment": "Bổ sung số liệu"},
                headers=lambda w, o: report_version(w, o.rsplit("-", 1)[1]),
                api=True,
            ),
            "api:entry-detail": RoutePolicy(
                objects=REPORT_OBJECTS,
                url=lambda w, o: reverse("api:entry-detail", args=[entry_of(w, o).pk]),
                get=report_reader,
                post=None,
                more={"PATCH": entry_editor},
                body=lambda w, o: {"status": "in_progress", "result": "Sửa qua API"},
                headers=entry_version,
                api=True,
            ),
        }
    )
    return policies


def token_admin(w: World, persona: str, obj: str) -> Outcome:
    """The tokens screen: whoever runs the agency's accounts (here: the system admin)."""
    from tests.security.policy import LOGIN

    if persona == "anonymous":
        return LOGIN
    return ALLOW if persona == "admin" else DENY


PAGES: dict[str, RoutePolicy] = {
    # The list only: issuing and revoking are their own routes (a POST here is a 405).
    "api_tokens:list": read_only(
        ("agency_a",),
        lambda w, o: reverse("api_tokens:list") + f"?agency={w.agencies['a'].code}",
        token_admin,
    ),
    "api_tokens:issue": RoutePolicy(
        objects=("agency_a",),
        url=lambda w, o: reverse("api_tokens:issue"),
        get=None,
        post=token_admin,
        body=lambda w, o: {
            "agency": w.agencies["a"].code,
            "name": "Hệ thống mới",
            "role": "reporter",
            "scopes": "read",
        },
    ),
    "api_tokens:revoke": RoutePolicy(
        objects=("token_a",),
        url=lambda w, o: reverse(
            "api_tokens:revoke",
            args=[w.users["token_a"].api_token.pk],  # type: ignore[union-attr]
        ),
        get=None,
        post=token_admin,
    ),
}

API_POLICY: dict[str, RoutePolicy] = {**_api(), **PAGES}
