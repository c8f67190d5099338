"""The one place that decides who may do what.

Roles and their capabilities are declared here (reviewable in one screen). Object
rules ("only your own agency's report") are functions below, and every view loads
objects through a `for_user(user, capability)` queryset so that an outsider gets a 404,
never another agency's data. The test suite checks this as a matrix
(role × own/other agency × capability).
"""

from typing import Any, cast

from django.utils import timezone

from lotrinh.accounts.models import Role
from lotrinh.agencies.models import PARTY_KINDS
from lotrinh.agencies.services import SuccessionGraph
from lotrinh.core.audit import unit_id_of

# Capabilities. Public reading of published programmes, targets and indicators needs none.
VIEW_PROGRAMME = "view_programme"
MANAGE_PROGRAMME = "manage_programme"
IMPORT_PROGRAMME = "import_programme"
VIEW_REPORT = "view_report"
EDIT_REPORT = "edit_report"
APPROVE_REPORT = "approve_report"
SUBMIT_REPORT = "submit_report"
REVIEW_REPORT = "review_report"
EDIT_PLAN = "edit_plan"
COMMENT = "comment"
VIEW_COMPLIANCE = "view_compliance"
SEND_REMINDER = "send_reminder"
PROPOSE_AMENDMENT = "propose_amendment"
DECIDE_AMENDMENT = "decide_amendment"
ENTER_OBSERVATION = "enter_observation"
APPROVE_OBSERVATION = "approve_observation"
GENERATE_DOCUMENT = "generate_document"
MANAGE_TEMPLATES = "manage_templates"
ADMINISTER = "administer"
# Invite people, deactivate and reactivate them, set their roles: an agency administrator
# for the own agency's people, a system administrator for any agency (see manageable_users).
MANAGE_USERS = "manage_users"
INVITE_FIRST_USER = "invite_first_user"
# Check a signed PDF (a report received, or a file made anywhere): docs/signing.md.
VERIFY_SIGNATURE = "verify_signature"
# Decide what the public portal shows and when (publish accepted reports' data and
# consolidated documents, withdraw them with a reason): docs/portal.md.
MANAGE_PUBLICATION = "manage_publication"

# The cascade (docs/cascade.md): an agency's units, its own plan (a child programme) and
# its units' reports to it.
MANAGE_UNITS = "manage_units"
REVIEW_UNIT_REPORT = "review_unit_report"
VIEW_UNIT_COMPLIANCE = "view_unit_compliance"
# Set the schedule of a regime whose document states no period (docs/cascade.md, the
# Party's chain): the receiving body's monitoring staff, or a system administrator.
SET_REGIME_SCHEDULE = "set_regime_schedule"

ROLE_CAPABILITIES: dict[str, frozenset[str]] = {
    Role.MOST_MONITOR: frozenset(
        {
            VERIFY_SIGNATURE,
            VIEW_PROGRAMME,
            MANAGE_PROGRAMME,
            IMPORT_PROGRAMME,
            VIEW_REPORT,
            REVIEW_REPORT,
            COMMENT,
            VIEW_COMPLIANCE,
            SEND_REMINDER,
            DECIDE_AMENDMENT,
            ENTER_OBSERVATION,
            APPROVE_OBSERVATION,
            GENERATE_DOCUMENT,
            MANAGE_TEMPLATES,
            INVITE_FIRST_USER,
            MANAGE_PUBLICATION,
            SET_REGIME_SCHEDULE,
        }
    ),
    Role.REPORTER: frozenset(
        {
            VERIFY_SIGNATURE,
            VIEW_PROGRAMME,
            VIEW_REPORT,
            EDIT_REPORT,
            SUBMIT_REPORT,
            EDIT_PLAN,
            COMMENT,
            PROPOSE_AMENDMENT,
            ENTER_OBSERVATION,
            GENERATE_DOCUMENT,
        }
    ),
    Role.APPROVER: frozenset(
        {
            VERIFY_SIGNATURE,
            VIEW_PROGRAMME,
            VIEW_REPORT,
            APPROVE_REPORT,
            SUBMIT_REPORT,
            EDIT_PLAN,
            COMMENT,
            PROPOSE_AMENDMENT,
            GENERATE_DOCUMENT,
        }
    ),
    Role.OVERSIGHT: frozenset(
        {VIEW_PROGRAMME, VIEW_REPORT, COMMENT, VIEW_COMPLIANCE, VERIFY_SIGNATURE}
    ),
    Role.ADMIN: frozenset(
        {
            VERIFY_SIGNATURE,
            VIEW_PROGRAMME,
            MANAGE_PROGRAMME,
            IMPORT_PROGRAMME,
            VIEW_REPORT,
            VIEW_COMPLIANCE,
            GENERATE_DOCUMENT,
            MANAGE_TEMPLATES,
            ADMINISTER,
            MANAGE_USERS,
            MANAGE_UNITS,
            MANAGE_PUBLICATION,
            SET_REGIME_SCHEDULE,
        }
    ),
    # An agency's own administrator runs its accounts and nothing else: reports are the
    # reporters' and the leaders' (one person may hold one role; docs/security.md).
    Role.AGENCY_ADMIN: frozenset({VIEW_PROGRAMME, MANAGE_USERS, MANAGE_UNITS}),
    # An agency's monitoring staff run its own plan's cycle: they read the units' reports
    # once sent, accept or return them, and follow the units' compliance (own agency only).
    Role.AGENCY_MONITOR: frozenset(
        {
            VIEW_PROGRAMME,
            VIEW_REPORT,
            REVIEW_UNIT_REPORT,
            VIEW_UNIT_COMPLIANCE,
            COMMENT,
            SET_REGIME_SCHEDULE,
        }
    ),
}

# Capabilities whose object must belong to the user's own agency.
OWN_AGENCY_ONLY = frozenset(
    {
        EDIT_REPORT,
        APPROVE_REPORT,
        SUBMIT_REPORT,
        EDIT_PLAN,
        PROPOSE_AMENDMENT,
        REVIEW_UNIT_REPORT,
        VIEW_UNIT_COMPLIANCE,
    }
)
# Of those, the capabilities a unit's people hold on their own unit's objects only (a
# department edits its own report, never its agency's nor another department's).
UNIT_SCOPED = frozenset({EDIT_REPORT, APPROVE_REPORT, SUBMIT_REPORT, EDIT_PLAN, PROPOSE_AMENDMENT})


def capabilities_of(user: Any) -> frozenset[str]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    caps = ROLE_CAPABILITIES.get(user.role, frozenset())
    if user.is_superuser:
        caps = caps | ROLE_CAPABILITIES[Role.ADMIN]
    return caps


def has_capability(user: Any, capability: str) -> bool:
    return capability in capabilities_of(user)


def agency_of(obj: Any) -> Any:
    """The agency an object belongs to (the object itself for an Agency)."""
    if obj is None:
        return None
    if obj.__class__.__name__ == "Agency":
        return obj
    if hasattr(obj, "agency_id"):
        return obj.agency
    if hasattr(obj, "report"):
        return agency_of(obj.report)
    return None


def can(user: Any, capability: str, obj: Any = None) -> bool:
    """May `user` do `capability`, on `obj` if given?"""
    if capability == REVIEW_REPORT and obj is not None and unit_id_of(obj) is not None:
        # A unit's report is received by its agency, not by MOST (docs/cascade.md).
        return may_review_unit_reports(user, obj)
    if capability == REVIEW_REPORT and obj is not None:
        receiver = receiving_body(obj)
        if receiver is not None:
            # A Party committee's report is received by the Commission, not by MOST.
            return may_review_as_receiving_body(user, receiver)
    if not has_capability(user, capability):
        return False
    if obj is not None and capability == MANAGE_UNITS:
        owner = agency_of(obj)
        return owner is not None and (is_system_admin(user) or owner.pk == user.agency_id)
    if obj is not None and capability in OWN_AGENCY_ONLY:
        owner = agency_of(obj)
        if owner is None or owner.pk != user.agency_id:
            return False
        if capability in UNIT_SCOPED:
            # A unit's object (a unit's report) is its unit's people's; an agency's own
            # object is the agency's staff's (people attached to no unit).
            return unit_id_of(obj) == getattr(user, "unit_id", None)
        if capability == REVIEW_UNIT_REPORT:
            return unit_id_of(obj) is not None and getattr(user, "unit_id", None) is None
        return True
    if obj is not None and capability == ENTER_OBSERVATION:
        return may_enter_observation(user, obj)
    return True


def own_reports(user: Any, capability: str, queryset: Any) -> Any:
    """The reports of `queryset` on which `user` may do `capability`, one of
    OWN_AGENCY_ONLY: the queryset form of `can(user, capability, report)`'s ownership
    rule (the own agency; for UNIT_SCOPED capabilities, the own unit's reports for a
    unit's people and the agency's own reports for its staff; REVIEW_UNIT_REPORT: the
    agency's units' reports, for its staff). Without the capability: none."""
    if not has_capability(user, capability) or user.agency_id is None:
        return queryset.none()
    queryset = queryset.filter(agency_id=user.agency_id)
    unit_id = getattr(user, "unit_id", None)
    if capability in UNIT_SCOPED:
        if unit_id is None:
            return queryset.filter(unit__isnull=True)
        return queryset.filter(unit_id=unit_id)
    if capability == REVIEW_UNIT_REPORT:
        return queryset.none() if unit_id is not None else queryset.filter(unit__isnull=False)
    return queryset


def may_take_step(user: Any, capability: str, report: Any) -> bool:
    """Is the workflow step `capability` (approve, submit, accept, …) one this user's role
    takes on `report`, whatever the report's state? A unit's report is received by its
    agency's monitoring staff (whose role receives no agency's report to MOST), and not
    by MOST."""
    if capability == REVIEW_REPORT and unit_id_of(report) is not None:
        return may_review_unit_reports(user, report)
    if capability == REVIEW_REPORT:
        receiver = receiving_body(report)
        if receiver is not None:
            return may_review_as_receiving_body(user, receiver)
    return has_capability(user, capability)


def may_sign_report(user: Any, report: Any) -> bool:
    """Does this user sign `report` with the agency's key and send it (Decree 30's signed
    document)? The agency's leader, who both approves and sends, on the agency's own report;
    a unit's report goes to its agency inside the system and is sent, not signed."""
    return (
        unit_id_of(report) is None
        and can(user, APPROVE_REPORT, report.agency)
        and can(user, SUBMIT_REPORT, report.agency)
    )


def is_most(user: Any) -> bool:
    return getattr(user, "role", None) == Role.MOST_MONITOR


def may_propose_amendment(user: Any) -> bool:
    """An agency's reporter or leader proposes amendments to the Government's programme
    in the agency's name (50/NQ-CP, section III): not a unit's people (a department
    speaks to its province, not for it to MOST), nor a Party body (52-NQ/TW's chain
    reports to the Commission and has no such step)."""
    agency = getattr(user, "agency", None)
    return (
        has_capability(user, PROPOSE_AMENDMENT)
        and agency is not None
        and getattr(user, "unit_id", None) is None
        and agency.kind not in PARTY_KINDS
    )


def may_list_amendments(user: Any) -> bool:
    """MOST and the oversight bodies read every proposal; an agency that may propose reads
    its own."""
    return (
        has_capability(user, DECIDE_AMENDMENT)
        or has_capability(user, VIEW_COMPLIANCE)
        or may_propose_amendment(user)
    )


# ---------------------------------------------------------------- accounts
# Who runs whose accounts. A system administrator (Role.ADMIN or superuser) manages the
# people of every agency and may give MOST's and oversight's roles too; an agency
# administrator manages the people of the own agency, in the agency roles only. Nobody
# manages a system administrator here (that is the Django admin's, for superusers).


def is_system_admin(user: Any) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.role == Role.ADMIN)
    )


def may_read_data_notes(user: Any) -> bool:
    """May `user` read the reference data's working notes (an agency's `source`: English
    notes with file names and "VERIFY" marks, lotrinh/agencies/data)? MOST's monitors and
    system administrators, who keep that data; everyone else, the public first, reads the
    sources named in them (`agencies.sources.public_sources`). A default chosen by the
    team while the product decision waits (docs/security.md)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active) and (
        is_most(user) or is_system_admin(user)
    )


def may_use_django_admin(user: Any) -> bool:
    """The Django admin (/quan-tri/): system administrators who are also staff."""
    return is_system_admin(user) and bool(user.is_staff)


def may_grant_django_admin_powers(user: Any) -> bool:
    """In the Django admin, may `user` make superusers, grant Django permissions and
    groups, and change a superuser's account (its password included)? Only a superuser:
    a system administrator edits what her Django permissions allow, never more than
    them (Django lets anyone who may change users do all of it)."""
    return may_use_django_admin(user) and bool(user.is_superuser)


def may_change_account_in_django_admin(user: Any, account: Any) -> bool:
    """A superuser's account is changed by superusers only."""
    return account is None or not account.is_superuser or may_grant_django_admin_powers(user)


# Records the Django admin never deletes, whoever asks: the login logs (who signed in,
# who failed, from where) are evidence, like the audit trail (read-only there).
KEPT_IN_DJANGO_ADMIN = frozenset({"axes.accesslog", "axes.accessfailurelog"})
# A programme's parts, whose programme decides (docs/architecture.md, "What the admin
# may delete").
PROGRAMME_PARTS = frozenset({"programmes.task", "programmes.taskgroup", "programmes.goal"})


def may_delete_in_django_admin(user: Any, model: Any, obj: Any = None) -> bool:
    """May the Django admin delete `obj` (of `model`; None: the model's list, whether it
    offers deleting at all)? Never a record whose loss breaks trust: a login log, or a
    programme once published (its superseded versions stay readable) and its tasks,
    groups and goals, which agencies' plans, reports and the public portal cite. A draft
    programme, an import not yet published, may be deleted with its parts. The audit
    trail is read-only in the admin (core/admin.py); reports are not in it at all."""
    label = model._meta.label_lower
    if not may_use_django_admin(user) or label in KEPT_IN_DJANGO_ADMIN:
        return False
    if obj is None:
        return True
    from lotrinh.programmes.models import ProgrammeStatus

    if label == "programmes.programme":
        return bool(obj.status == ProgrammeStatus.DRAFT)
    if label in PROGRAMME_PARTS:
        return bool(obj.programme.status == ProgrammeStatus.DRAFT)
    return True


def manages_agency(user: Any, agency_id: int | None) -> bool:
    """May `user` run the accounts of the agency `agency_id`?"""
    if not has_capability(user, MANAGE_USERS) or agency_id is None:
        return False
    return is_system_admin(user) or agency_id == user.agency_id


def may_invite_to(user: Any, agency: Any) -> bool:
    """May `user` invite someone into `agency`? Whoever runs its accounts; and MOST's
    monitors for an agency nobody uses yet: its first person, an agency administrator who
    then runs the rest (the follow-up the compliance page offers, instead of reminding an
    agency nobody would read)."""
    if agency is None:
        return False
    if manages_agency(user, agency.pk):
        return True
    return (
        has_capability(user, INVITE_FIRST_USER) and not agency.users.filter(is_active=True).exists()
    )


def invitable_roles(user: Any, agency: Any) -> tuple[str, ...]:
    """The roles `user` may give to a person invited into `agency`."""
    if agency is not None and manages_agency(user, agency.pk):
        return assignable_roles(user)
    if may_invite_to(user, agency):
        return (Role.AGENCY_ADMIN,)
    return ()


def assignable_roles(user: Any) -> tuple[str, ...]:
    """The roles `user` may give (to people of an agency `user` manages)."""
    from lotrinh.accounts.models import AGENCY_ROLES, SYSTEM_ROLES

    if not has_capability(user, MANAGE_USERS):
        return ()
    if is_system_admin(user):
        return (*AGENCY_ROLES, *SYSTEM_ROLES)
    return AGENCY_ROLES


def manageable_users(user: Any, queryset: Any = None) -> Any:
    """The accounts `user` may change (a queryset): others' accounts give a 404."""
    from lotrinh.accounts.models import User, system_accounts

    queryset = User.objects.all() if queryset is None else queryset
    if not has_capability(user, MANAGE_USERS):
        return queryset.none()
    # A token's system account is managed on the tokens page (issued, revoked), not here.
    queryset = (
        queryset.exclude(is_superuser=True)
        .exclude(role=Role.ADMIN)
        .exclude(pk__in=system_accounts())
    )
    if is_system_admin(user):
        return queryset.filter(agency__isnull=False)
    if user.agency_id is None:
        return queryset.none()
    return queryset.filter(agency_id=user.agency_id, role__in=(*assignable_roles(user), ""))


# ---------------------------------------------------------------- national figures
# Values of an indicator are entered by MOST monitors, or by reporters of the agency that
# produces it (its successor after a merger: the 2025 reorganisation moved MIC's figures
# to MOST, GSO's with the Ministry of Planning and Investment to Finance). Indicators
# produced outside Viet Nam's administration (WIPO, UN…) have no producing agency: MOST
# only. Every entered value waits for a MOST monitor's approval, never the enterer's own.


def may_enter_observation(user: Any, indicator: Any) -> bool:
    """May `user` propose a value of `indicator`?"""
    if not has_capability(user, ENTER_OBSERVATION):
        return False
    if is_most(user):
        return True
    if indicator.producer_agency_id is None or user.agency_id is None:
        return False
    holder = SuccessionGraph.load().holder_at(indicator.producer_agency, timezone.localdate())
    return bool(holder.pk == user.agency_id)


def may_review_observation(user: Any, observation: Any) -> bool:
    """May `user` approve or reject a pending value? A MOST monitor, not its own entry."""
    return has_capability(user, APPROVE_OBSERVATION) and observation.recorded_by_id != user.pk


def reviewable_observations(user: Any, queryset: Any) -> Any:
    """`may_review_observation` as a queryset filter: the values `user` may approve or
    reject (a MOST monitor's to-do: not the ones she typed herself)."""
    if not has_capability(user, APPROVE_OBSERVATION):
        return queryset.none()
    return queryset.exclude(recorded_by_id=user.pk)


# Data requests (docs/progress-method.md): MOST monitors send them; the reporters of the
# agency asked answer them; MOST and oversight read all, an agency its own.


def may_send_data_request(user: Any) -> bool:
    return has_capability(user, APPROVE_OBSERVATION)


def may_answer_data_request(user: Any, request: Any) -> bool:
    """The agency asked, when its reporters may enter the indicator's values (the answer
    is an entered value): never a form that can only be refused."""
    return (
        has_capability(user, ENTER_OBSERVATION)
        and not is_most(user)
        and user.agency_id is not None
        and user.agency_id == request.agency_id
        and may_enter_observation(user, request.indicator)
    )


def may_view_data_request(user: Any, request: Any) -> bool:
    if has_capability(user, VIEW_COMPLIANCE):
        return True
    return (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.agency_id is not None
        and user.agency_id == request.agency_id
    )


def visible_data_requests(user: Any, queryset: Any) -> Any:
    if has_capability(user, VIEW_COMPLIANCE):
        return queryset
    if not getattr(user, "is_authenticated", False) or user.agency_id is None:
        return queryset.none()
    return queryset.filter(agency_id=user.agency_id)


def may_see_pending_observations(user: Any, agency_id: int | None) -> bool:
    """May `user` see values entered by `agency_id` that are pending or rejected?"""
    if has_capability(user, APPROVE_OBSERVATION):
        return True
    return (
        agency_id is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and agency_id == user.agency_id
    )


def may_see_who_recorded(user: Any) -> bool:
    """May `user` see which person entered and which approved a value (their names)? The
    people of the cycle (agencies, MOST, oversight); the public reads the agency that
    published it, never the officials' names or logins."""
    return has_capability(user, VIEW_REPORT)


# ---------------------------------------------------------------- report visibility
# The one rule for who may read a report (and anything made from it: its page, its
# fragments, documents generated from it, downloads, public pages, search, the API),
# by the report's state. An agency reads all of its own reports; beyond it, each
# audience reads only the states listed here (docs/security.md). Documents inherit the
# state of the content they were made from.
DRAFT_STATES = frozenset({"draft", "approved"})
REPORT_STATES_BEYOND_AGENCY: dict[str, frozenset[str]] = {
    Role.MOST_MONITOR: frozenset({"submitted", "returned", "accepted"}),
    Role.ADMIN: frozenset({"submitted", "returned", "accepted"}),
    Role.OVERSIGHT: frozenset({"submitted", "accepted"}),
}
# What anonymous visitors and public pages show (and what anyone reads of an agency
# without a role that reads more): a report that is accepted AND published by MOST at its
# current revision, in a publication not withdrawn (lotrinh/portal, docs/portal.md).
# Accepted alone is not public: a report reopened for a revision (draft, new revision)
# or accepted again after one leaves the public until MOST publishes it again.
PUBLIC_REPORT_STATES = frozenset({"accepted"})


def readable_report_states(user: Any) -> frozenset[str]:
    """The states of other agencies' reports that `user` may read whether or not they
    are published (empty for the public and the agencies' own roles: they read other
    agencies' reports only once published, `public_report_rule`)."""
    if not has_capability(user, VIEW_REPORT):
        return frozenset()
    states = REPORT_STATES_BEYOND_AGENCY.get(user.role, frozenset())
    if user.is_superuser:
        states = states | REPORT_STATES_BEYOND_AGENCY[Role.ADMIN]
    return states


def public_report_rule(prefix: str = "") -> Any:
    """The condition (a Q) of a public report: accepted, an agency's own report (not a
    unit's), published at its current revision by a publication not withdrawn. With
    `prefix="report__"` it narrows rows of reports (entries, contributions, copies)."""
    from django.db.models import F, Q

    from lotrinh.portal.models import PublishedReport

    published = PublishedReport.objects.filter(
        publication__withdrawn_at__isnull=True, revision=F("report__revision")
    ).values("report_id")
    return Q(
        **{
            f"{prefix}status__in": sorted(PUBLIC_REPORT_STATES),
            f"{prefix}unit__isnull": True,
            f"{prefix}pk__in": published,
        }
    )


def public_reports(queryset: Any, prefix: str = "") -> Any:
    """Narrow a queryset of reports (or of rows of reports) to what the public reads."""
    return queryset.filter(public_report_rule(prefix))


_public_copies: Any = None


def public_copy_rows(programme_code: str) -> list[tuple[int, int]]:
    """(copy id, report id) of every frozen copy in a public state of a programme's public
    reports (`public_report_rule` on copies), newest first. The public pages read it on
    every request: compiled once per connection (core/prepared.py) from `public_reports`,
    so the rule is still decided here (tests/accounts/test_public_copy_rows.py compares
    it with the queryset)."""
    global _public_copies
    if _public_copies is None:
        from lotrinh.core.prepared import Prepared
        from lotrinh.programmes.models import Programme

        _public_copies = Prepared(
            lambda code: public_copies_queryset(code),
            [Programme._meta.get_field("code")],
            ["lotrinh-prepared-programme-code"],
        )
    return cast(list[tuple[int, int]], _public_copies.rows(programme_code))


def public_copies_queryset(programme_code: str) -> Any:
    """The queryset `public_copy_rows` is compiled from."""
    from lotrinh.reporting.models import ReportSnapshot

    return (
        public_reports(
            ReportSnapshot.objects.filter(
                status__in=PUBLIC_REPORT_STATES,
                report__period__regime__programme__code=programme_code,
            ),
            prefix="report__",
        )
        .order_by("-created_at", "-id")
        .values_list("id", "report_id")
    )


def is_public_report(report: Any) -> bool:
    """Is this report public now (`public_report_rule`)?"""
    from lotrinh.reporting.models import AgencyReport

    return bool(public_reports(AgencyReport.objects.filter(pk=report.pk)).exists())


def may_manage_publications(user: Any) -> bool:
    """May `user` publish and withdraw what the public portal shows? MOST's monitors and
    system administrators."""
    return has_capability(user, MANAGE_PUBLICATION)


# A unit's report to its agency (docs/cascade.md) is read by the unit's own people in every
# state, by the agency's staff (people attached to no unit) once sent to the agency, and
# beyond the agency only once accepted, by those who follow compliance; never by the
# public, another unit or another agency.
UNIT_REPORT_SENT_STATES = frozenset({"submitted", "returned", "accepted"})
# A report sent to its receiver (MOST, a receiving body), whoever sent it: what a receiving
# body and an agency's successor read of others' reports (never a draft).
REPORT_SENT_STATES = UNIT_REPORT_SENT_STATES


def _reads_by_succession(user: Any) -> bool:
    """Do the successions add to what `user` reads (a receiving body's monitor; a person
    of an agency who does not read every agency's sent reports anyway)? Those who do
    (MOST, administrators) are spared the query."""
    if getattr(user, "agency_id", None) is None:
        return False
    return _monitor_agency_id(user) is not None or not (
        REPORT_SENT_STATES <= readable_report_states(user)
    )


def predecessor_ids(user: Any, rows: Any = None) -> frozenset[int]:
    """The bodies whose sent reports `user` reads as her agency's history: those her
    agency succeeded, through the whole chain, by successions in effect today (Bộ Tài
    chính holds Bộ Kế hoạch và Đầu tư's work since 01/03/2025; Tỉnh ủy Bắc Ninh, Tỉnh ủy
    Bắc Giang's). Read-only and never a draft (`may_read_report`, `visible_reports`):
    the successor answers for its predecessor's tasks and must read what was reported.
    People of the agency who read reports (not a unit's report, not its administrator)."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None or not has_capability(user, VIEW_REPORT):
        return frozenset()
    day = timezone.localdate()
    if rows is not None:
        return succeeded_ids(agency_id, day=day, rows=rows)
    # Asked per cell of a list (the compliance page, an agency's reports): the
    # successions are read once per request, the walk made once (`_memo`).
    return cast(
        frozenset[int],
        _remembered(
            user,
            "predecessors",
            day,
            lambda: succeeded_ids(agency_id, day=day, rows=_successions(user)),
        ),
    )


def may_read_report(
    user: Any,
    agency_id: int | None,
    status: str,
    unit_id: int | None = None,
    published: bool = False,
) -> bool:
    """May `user` read a report (or content made from it) of `agency_id` (of its unit
    `unit_id`, for a unit's report) in `status`? `published`: the report is public
    (`public_report_rule`; pass `is_public_report(report)` when it may matter)."""
    own_agency = (
        has_capability(user, VIEW_REPORT)
        and agency_id is not None
        and agency_id == getattr(user, "agency_id", None)
    )
    if unit_id is not None:
        if own_agency:
            user_unit = getattr(user, "unit_id", None)
            return user_unit == unit_id or (user_unit is None and status in UNIT_REPORT_SENT_STATES)
        return status == "accepted" and has_capability(user, VIEW_COMPLIANCE)
    if own_agency:
        return True
    if status in readable_report_states(user) or (published and status in PUBLIC_REPORT_STATES):
        return True
    # A body the user's agency succeeded: what it sent (asked only here, one query).
    return (
        status in REPORT_SENT_STATES
        and agency_id is not None
        and agency_id in predecessor_ids(user)
    )


def may_read_accepted_copy(user: Any, report: Any) -> bool:
    """May `user` read the copy of `report` as it was accepted (its last accepted
    `ReportSnapshot`), which its agency may since have reopened for a revision
    (`services.revise_accepted_report`)? The copy is read as the accepted report it was:
    by whoever reads an accepted report of its agency (and unit), and by the receiving
    body's monitors for a report sent to that body; signed-in people only, the public
    never (a report reopened for a revision leaves the public: `public_report_rule`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if may_read_report(user, report.agency_id, "accepted", report.unit_id):
        return True
    received, until = received_scope(user) if report.unit_id is None else (frozenset(), None)
    if until is not None and (report.submitted_at is None or report.submitted_at >= until):
        return False  # an ended body's history: sent to it before its end only
    return bool(received) and report.period.regime.recipient_id in received


def visible_accepted_copies(user: Any, queryset: Any) -> Any:
    """`may_read_accepted_copy` as a queryset filter: the reports reopened for a revision
    after acceptance (a draft or approved again, not sent) whose accepted copy `user`
    may read (the reading list keeps them, linked to that copy)."""
    from django.db.models import Q

    from lotrinh.reporting.rules import REVISING_STATUSES

    revising = queryset.filter(status__in=REVISING_STATUSES, accepted_at__isnull=False)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return revising.none()
    agency_level = Q(unit__isnull=True)
    condition = Q(pk__in=[])
    if "accepted" in readable_report_states(user):
        condition |= agency_level
    if has_capability(user, VIEW_COMPLIANCE):
        condition |= Q(unit__isnull=False)
    rows = _successions(user) if _reads_by_succession(user) else None
    recipients, until = received_scope(user) if rows is not None else (frozenset(), None)
    if recipients:
        received = agency_level & Q(period__regime__recipient_id__in=sorted(recipients))
        if until is not None:
            received &= Q(submitted_at__lt=until)
        condition |= received
    predecessors = predecessor_ids(user) if rows is not None else frozenset()
    if predecessors:
        condition |= agency_level & Q(agency_id__in=sorted(predecessors))
    agency_id = getattr(user, "agency_id", None)
    if has_capability(user, VIEW_REPORT) and agency_id is not None:
        unit_id = getattr(user, "unit_id", None)
        own = agency_level | (Q(unit_id=unit_id) if unit_id is not None else Q(unit__isnull=False))
        condition |= Q(agency_id=agency_id) & own
    return revising.filter(condition)


def may_read_report_comments(user: Any) -> bool:
    """May `user` read the comments on a report it may read (the thread, the leader's and
    MOST's return comment)? The people of the cycle (agencies, MOST, oversight), never
    the public: a report public once accepted and published keeps its return comment."""
    return has_capability(user, VIEW_REPORT)


def may_read_signed(user: Any, document: Any) -> bool:
    """A signed PDF is read as the report it carries (its agency, the report's state);
    the signed consolidated report as the consolidated report (submitted and accepted
    reports of every agency)."""
    if not getattr(user, "is_authenticated", False):
        return False
    report = document.report
    if report is not None:
        # The report's own rule, the bodies its agency succeeded included.
        return may_read_report(user, report.agency_id, report.status, report.unit_id)
    return {"submitted", "accepted"} <= readable_report_states(user)


def readable_documents(user: Any, documents: Any) -> Any:
    """The generated documents `user` may list and download (a queryset filter).

    A document inherits the visibility of the report content it was made from: its
    agency and `content_status` go through the same rule as `may_read_report`. The
    consolidated report (no agency, made from submitted/accepted copies) is thus read by
    MOST monitors, admins and oversight; a document whose content state is unknown ("")
    only by its own agency. A consolidated report MOST published (and has not withdrawn)
    is read by everyone, the public included (`public_documents`). A unit's report
    document is read as the unit's report: the unit's people, the agency's staff once
    sent, beyond the agency once accepted by those who follow compliance; never another
    unit or another agency.
    """
    shape = _document_rule_shape(user)
    own, in_unit = shape[2], shape[3]
    return documents.filter(
        _document_rule(
            *shape,
            agency_id=user.agency_id if own else None,
            unit_id=user.unit_id if own and in_unit else None,
            predecessors=_document_predecessors(user, shape),
        )
    )


def _document_rule_shape(user: Any) -> tuple[bool, tuple[str, ...], bool, bool, bool, int]:
    """What `readable_documents` depends on: signed in, the report states read beyond
    the person's agency, whether the person reads their own agency's documents, whether
    the person is attached to a unit, whether they follow compliance (units' accepted
    reports beyond the agency), and how many bodies their agency succeeded
    (`predecessor_ids`: their sent reports' documents; the bodies themselves are values
    of the rule, not of its shape)."""
    if not getattr(user, "is_authenticated", False):
        return False, (), False, False, False, 0
    own = has_capability(user, VIEW_REPORT) and getattr(user, "agency_id", None) is not None
    in_unit = getattr(user, "unit_id", None) is not None
    compliance = has_capability(user, VIEW_COMPLIANCE)
    states = tuple(sorted(readable_report_states(user)))
    successor = own and not set(REPORT_SENT_STATES) <= set(states)
    predecessors = len(predecessor_ids(user)) if successor else 0
    return True, states, own, in_unit, compliance, predecessors


def _document_predecessors(user: Any, shape: tuple[Any, ...]) -> tuple[int, ...]:
    """The bodies of `predecessor_ids` the rule of `shape` names (none when its shape
    counts none: those who read every sent report anyway are spared the query)."""
    return tuple(sorted(predecessor_ids(user))) if shape[5] else ()


def _document_rule(
    authenticated: bool,
    states: tuple[str, ...],
    own: bool,
    in_unit: bool,
    compliance: bool,
    successions: int = 0,
    *,
    agency_id: Any = None,
    unit_id: Any = None,
    predecessors: Any = (),
) -> Any:
    from django.db.models import Q

    agency_level = Q(unit__isnull=True)
    rule = agency_level & Q(pk__in=_published_document_ids())
    if not authenticated:
        return rule
    rule |= agency_level & Q(content_status__in=states)
    if compliance:
        rule |= Q(unit__isnull=False, content_status="accepted")
    if agency_id is not None:
        # As `may_read_report` reads a unit's report within its agency.
        if unit_id is not None:
            unit_level = Q(unit_id=unit_id)
        else:
            unit_level = Q(content_status__in=sorted(UNIT_REPORT_SENT_STATES))
        rule |= Q(agency_id=agency_id) & (agency_level | unit_level)
    if predecessors:
        # As `may_read_report` reads the bodies the agency succeeded: what they sent,
        # never a draft nor a unit's report (`predecessor_ids`).
        rule |= agency_level & Q(
            agency_id__in=list(predecessors), content_status__in=sorted(REPORT_SENT_STATES)
        )
    return rule


_document_lists: dict[tuple[Any, ...], Any] = {}


def latest_readable_documents(user: Any) -> list[Any]:
    """The fifty latest generated documents `user` may list (`readable_documents`), with
    their agency, unit, requester, programme and period: the documents page reads it on
    every visit (and every two seconds while one is being made), so it is compiled once
    per connection and shape of the rule (core/prepared.py);
    tests/documents/test_document_list_compiled.py compares it with the queryset."""
    from lotrinh.agencies.models import Agency, Unit
    from lotrinh.core.prepared import Prepared
    from lotrinh.documents.models import GeneratedDocument

    shape = _document_rule_shape(user)
    own, in_unit, successions = shape[2], shape[3], shape[5]
    prepared = _document_lists.get(shape)
    if prepared is None:
        ones = (1 if own else 0) + (1 if own and in_unit else 0)

        def build(*ids: Any) -> Any:
            return GeneratedDocument.objects.select_related(
                "agency", "unit", "requested_by", "programme", "period"
            ).filter(
                _document_rule(
                    *shape,
                    agency_id=ids[0] if own else None,
                    unit_id=ids[1] if own and in_unit else None,
                    predecessors=ids[ones:],
                )
            )[:50]

        fields: list[Any] = [Agency._meta.pk] if own else []
        samples: list[Any] = [987_654_324] if own else []
        if own and in_unit:
            fields.append(Unit._meta.pk)
            samples.append(987_654_325)
        # One placeholder per body succeeded (the shape counts them).
        fields += [Agency._meta.pk] * successions
        samples += [987_654_330 + i for i in range(successions)]
        prepared = _document_lists[shape] = Prepared(build, fields, samples)
    values = ([user.agency_id] if own else []) + ([user.unit_id] if own and in_unit else [])
    values += list(_document_predecessors(user, shape))
    return cast(list[Any], prepared.objects(*values))


def _live_document_publications() -> Any:
    from lotrinh.portal.models import Publication

    return Publication.objects.filter(withdrawn_at__isnull=True, document__isnull=False)


def _published_document_ids() -> Any:
    return _live_document_publications().values("document_id")


def public_documents(documents: Any) -> Any:
    """The generated documents the public reads: those of a publication not withdrawn."""
    return documents.filter(pk__in=_published_document_ids())


def with_public_flag(documents: Any) -> Any:
    """Mark each document with `is_public` (`public_documents` would keep it), computed
    in the same query (a list stays one query however long)."""
    from django.db.models import Exists, OuterRef

    return documents.annotate(
        is_public=Exists(_live_document_publications().filter(document=OuterRef("pk")))
    )


def gets_public_download(user: Any, by_session: bool, is_public: bool) -> bool:
    """Is the public portal's download the one to give this caller for a document it may
    list? For a published document, when the caller is not signed in with a session: the
    public, and an agency system's token, which the internal download (login required)
    would send to the login page. A person signed in keeps the internal download, which
    follows `readable_documents`."""
    signed_in = bool(getattr(user, "is_authenticated", False)) and by_session
    return is_public and not signed_in


def visible_reports(user: Any, queryset: Any, prefix: str = "") -> Any:
    """Narrow a queryset of reports (or of rows of reports, with `prefix="report__"`) to
    those `user` may read: the own agency's in every state, others' in readable states."""
    from django.db.models import Q

    agency_level = Q(**{f"{prefix}unit__isnull": True})
    condition = agency_level & Q(**{f"{prefix}status__in": sorted(readable_report_states(user))})
    condition |= public_report_rule(prefix)
    if has_capability(user, VIEW_COMPLIANCE):
        condition |= Q(**{f"{prefix}unit__isnull": False, f"{prefix}status": "accepted"})
    # The successions, read once per request for both rules below (one query at most).
    succession = _reads_by_succession(user)
    received = received_rule(user, prefix) if succession else None
    if received is not None:
        # The receiving body's monitoring staff read the reports sent to it (an ended
        # body's, those sent before its end).
        condition |= received
    predecessors = predecessor_ids(user) if succession else frozenset()
    if predecessors:
        # What the bodies the user's agency succeeded sent (`predecessor_ids`).
        condition |= agency_level & Q(
            **{
                f"{prefix}agency_id__in": sorted(predecessors),
                f"{prefix}status__in": sorted(REPORT_SENT_STATES),
            }
        )
    agency_id = getattr(user, "agency_id", None)
    if has_capability(user, VIEW_REPORT) and agency_id is not None:
        unit_id = getattr(user, "unit_id", None)
        if unit_id is not None:
            own = agency_level | Q(**{f"{prefix}unit_id": unit_id})
        else:
            own = agency_level | Q(**{f"{prefix}status__in": sorted(UNIT_REPORT_SENT_STATES)})
        condition |= Q(**{f"{prefix}agency_id": agency_id}) & own
    return queryset.filter(condition)


def visible_contributions(user: Any, queryset: Any, lead_agency_id: int) -> Any:
    """Contributions (rows of coordinating agencies' reports) that `user` may read on the
    lead agency's report. A contribution is written for the lead agency, so the lead
    agency's people read it in every state; anyone else follows the report rule."""
    if has_capability(user, VIEW_REPORT) and getattr(user, "agency_id", None) == lead_agency_id:
        return queryset
    return visible_reports(user, queryset, prefix="report__")


# ---------------------------------------------------------------- overviews (dashboard)
# MOST's front page: MOST monitors and system administrators. An agency's "what we owe"
# page: the agency's own people, and those who follow every agency's compliance (MOST,
# oversight, administrators). Reports listed there follow `may_read_report`: a report the
# viewer may not read shows only its deadline and "not sent", never its state or link.


def may_view_most_dashboard(user: Any) -> bool:
    return is_most(user) or has_capability(user, ADMINISTER)


def may_view_agency_obligations(user: Any, agency: Any) -> bool:
    """The agency's "what we owe" page (and its deadlines' calendar): those who follow
    compliance; the agency's own people who read reports; and, read-only, those same
    people of its successor (`predecessor_ids`: the successor answers for what the body
    owed; its reports show as `may_read_report` reads them, never a draft)."""
    if agency is None:
        return False
    if has_capability(user, VIEW_COMPLIANCE):
        return True
    if not has_capability(user, VIEW_REPORT) or getattr(user, "agency_id", None) is None:
        return False
    return user.agency_id == agency.pk or agency.pk in predecessor_ids(user)


def may_read_reading_list(user: Any) -> bool:
    """The list of other agencies' submitted and accepted reports (oversight, MOST, admin)."""
    return has_capability(user, VIEW_COMPLIANCE)


def may_subscribe_calendar(user: Any) -> bool:
    """May `user` hold a secret calendar-feed address (for some agency's deadlines)?"""
    return has_capability(user, VIEW_COMPLIANCE) or (
        has_capability(user, VIEW_REPORT) and getattr(user, "agency_id", None) is not None
    )


# ---------------------------------------------------------------- implementation plans
# An agency's implementation plan (its actions, deadlines, progress) is read by the
# agency's own people and by those who follow compliance (MOST, oversight, admins);
# it is not public (the plan page, the timeline and dashboards follow this rule).


def may_read_plan(user: Any, agency_id: int | None) -> bool:
    """May `user` read the implementation plan of `agency_id`? MOST and those who follow
    compliance; the agency's own people; the monitors of a receiving body, for the
    bodies that report to it (the Commission reads a provincial Party committee's
    programme for 52-NQ/TW, as it reads its reports); and the people of a successor who
    read reports, for the bodies it succeeded (`predecessor_ids`), as they open its
    obligations page: the page shows them its published plans only
    (`visible_child_programmes`), to read."""
    if has_capability(user, VIEW_COMPLIANCE):
        return True
    if agency_id is None:
        return False
    own = (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and agency_id == getattr(user, "agency_id", None)
    )
    return (
        bool(own)
        or agency_id in predecessor_ids(user)
        or _reports_to_receiving_body(user, agency_id)
    )


def _reports_to_receiving_body(user: Any, agency_id: int) -> bool:
    """Does `agency_id` report under a regime whose reports `user` receives?"""
    received = received_recipient_ids(user)
    if not received:
        return False
    from lotrinh.reporting.models import ReportingRegime
    from lotrinh.reporting.services import reporter_candidates

    regimes = ReportingRegime.objects.filter(recipient_id__in=sorted(received))
    return any(reporter_candidates(r).filter(pk=agency_id).exists() for r in regimes)


# ---------------------------------------------------------------- API tokens
# An agency's system reads and writes through the REST API (lotrinh/api, docs/api.md)
# with a token issued by whoever runs the agency's accounts. A token acts as its own
# system account (a user of the agency with one role), so every rule above applies to it
# unchanged; its scope narrows it further: "read" tokens never write.
API_SCOPE_READ = "read"
API_SCOPE_WRITE = "write"
API_SCOPES = (API_SCOPE_READ, API_SCOPE_WRITE)


def may_manage_api_tokens(user: Any, agency: Any) -> bool:
    """May `user` issue and revoke the API tokens of `agency`? Whoever runs its accounts."""
    return agency is not None and manages_agency(user, agency.pk)


def api_token_roles(user: Any) -> tuple[str, ...]:
    """The roles a token's system account may hold: those `user` may give, but never an
    administrator's (a machine does not run accounts)."""
    return tuple(r for r in assignable_roles(user) if r not in (Role.AGENCY_ADMIN, Role.ADMIN))


def api_scope_allows(scopes: frozenset[str] | None, method: str) -> bool:
    """May a request with `method` go through with a token of `scopes`? (None: a person
    signed in with a session, whose role alone decides.)"""
    if scopes is None or method in ("GET", "HEAD", "OPTIONS"):
        return True
    return API_SCOPE_WRITE in scopes


def visible_observations(user: Any, queryset: Any) -> Any:
    """Indicator values `user` may read: approved ones for everyone; pending and rejected
    ones to MOST's reviewers and to the agency that entered them
    (`may_see_pending_observations`)."""
    from django.db.models import Q

    if has_capability(user, APPROVE_OBSERVATION):
        return queryset
    rule = Q(approval="approved")
    agency_id = getattr(user, "agency_id", None)
    if agency_id is not None and may_see_pending_observations(user, agency_id):
        rule |= Q(agency_id=agency_id)
    return queryset.filter(rule)


# ---------------------------------------------------------------- the cascade
# Units, an agency's own plan (a child programme) and the roll-up (docs/cascade.md).


def may_manage_units(user: Any, agency: Any) -> bool:
    """May `user` create, import and confirm `agency`'s units and attach its people?
    The agency's own administrator; a system administrator for any agency."""
    return can(user, MANAGE_UNITS, agency)


def may_read_child_programme(user: Any, programme: Any) -> bool:
    """May `user` read an agency's plan published as a child programme? A published one:
    whoever may read plans of that agency, and every person of the agency (its units
    included). A draft: the issuing agency's people only (never another agency's)."""
    issuer_id = getattr(programme, "issuer_id", None)
    own = (
        issuer_id is not None
        and getattr(user, "is_authenticated", False)
        and user.is_active
        and issuer_id == getattr(user, "agency_id", None)
    )
    if programme.status == "draft":
        return bool(own)
    return bool(own) or may_read_plan(user, issuer_id) or _succeeded(user, issuer_id)


def _succeeded(user: Any, issuer_id: Any) -> bool:
    """The user's agency took over the issuer's responsibilities, directly or through a
    chain of successions (Đảng ủy Quốc hội holds Đảng đoàn Quốc hội's plan since 24
    January 2025): its people read its published plans."""
    agency_id = getattr(user, "agency_id", None)
    if issuer_id is None or agency_id is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_active and issuer_id in succeeded_ids(agency_id, rows=_successions(user)))


def _succession_rows() -> list[tuple[int, int | None, Any]]:
    """Every succession (predecessor, successor or None, effective date): a few dozen
    rows (the 2025 mergers), one query."""
    from lotrinh.agencies.models import AgencySuccession

    return list(
        AgencySuccession.objects.values_list("predecessor_id", "successor_id", "effective_date")
    )


# The successions are read at most once per request, and what is derived from them (a
# person's predecessors, her receiving scope) once per day asked: kept on the person's
# object, which Django loads afresh for every request (the session's `request.user`, an
# API token's account), so nothing outlives the request nor passes to another person;
# the answers are keyed by what they depend on (agency, unit, role, day).
_SUCCESSIONS_MEMO = "_lotrinh_successions"


def _memo(user: Any) -> dict[Any, Any] | None:
    """The request's memo of successions on `user` (None: nowhere to keep it)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    memo = getattr(user, _SUCCESSIONS_MEMO, None)
    if memo is None:
        memo = {}
        try:
            setattr(user, _SUCCESSIONS_MEMO, memo)
        except AttributeError:  # pragma: no cover (an object that keeps no attribute)
            return None
    return cast(dict[Any, Any], memo)


def succession_graph(user: Any) -> SuccessionGraph:
    """The successions as `agencies.services.SuccessionGraph`, read once per request for
    `user` (`_memo`): the rules here and the pages' questions of who holds a body's work
    (`holder_at`, the tasks an agency holds) share the one read."""
    memo = _memo(user)
    if memo is None:
        return SuccessionGraph.load()
    if "graph" not in memo:
        memo["graph"] = SuccessionGraph.load()
    return cast(SuccessionGraph, memo["graph"])


def _successions(user: Any) -> list[tuple[int, int | None, Any]]:
    """`_succession_rows()`, from the request's one read for `user` (`succession_graph`)."""
    memo = _memo(user)
    if memo is None:
        return _succession_rows()
    if "rows" not in memo:
        memo["rows"] = [
            (s.predecessor_id, s.successor_id, s.effective_date)
            for items in succession_graph(user).out.values()
            for s in items
        ]
    return cast(list[tuple[int, int | None, Any]], memo["rows"])


def _remembered(user: Any, name: str, day: Any, compute: Any) -> Any:
    """`compute()`, once per request for `user`, her agency, unit, role and `day`."""
    memo = _memo(user)
    if memo is None:
        return compute()
    key = (
        name,
        getattr(user, "pk", None),
        getattr(user, "agency_id", None),
        getattr(user, "unit_id", None),
        getattr(user, "role", None),
        getattr(user, "is_active", None),
        day,
    )
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def succeeded_ids(agency_id: int, day: Any = None, rows: Any = None) -> frozenset[int]:
    """The bodies `agency_id` succeeded, through every step of the chain (A → B → C: C
    succeeded B and A), itself not included; with `day`, only the successions in effect
    by then. The successions are a few dozen rows (the 2025 mergers): read in one query
    (or given, `rows`) and walked back, each body once, so a cycle in the registry ends
    the walk instead of looping."""
    rows = _succession_rows() if rows is None else rows
    predecessors: dict[int, set[int]] = {}
    for predecessor, successor, effective in rows:
        if successor is None or (day is not None and effective > day):
            continue
        predecessors.setdefault(successor, set()).add(predecessor)
    seen = {agency_id}
    frontier = {agency_id}
    while frontier:
        found = set().union(*(predecessors.get(a, set()) for a in frontier))
        frontier = found - seen
        seen |= found
    return frozenset(seen - {agency_id})


def visible_child_programmes(user: Any, queryset: Any) -> Any:
    """Narrow a queryset of child programmes to those `user` may read."""
    from django.db.models import Q

    agency_id = getattr(user, "agency_id", None)
    active = getattr(user, "is_authenticated", False) and user.is_active
    own = Q(issuer_id=agency_id) if active and agency_id is not None else Q(pk__in=[])
    if has_capability(user, VIEW_COMPLIANCE):
        return queryset.filter(own | ~Q(status="draft"))
    if not (active and agency_id is not None):
        return queryset.filter(own)
    # The published plans of the bodies the user's agency succeeded, every step of the
    # chain (`succeeded_ids`).
    held = Q(issuer_id__in=succeeded_ids(agency_id, rows=_successions(user))) & ~Q(status="draft")
    # And, as `may_read_plan` on the pages, the published plans of the bodies that report
    # to the user's body (a receiving body's monitors: `_reports_to_receiving_body`).
    reporting = _receiving_body_reporters(user)
    if reporting is not None:
        held |= reporting & ~Q(status="draft")
    return queryset.filter(own | held)


def _receiving_body_reporters(user: Any) -> Any:
    """`_reports_to_receiving_body` as a condition on programmes' issuers (None: the
    user receives no regime's reports)."""
    received = received_recipient_ids(user)
    if not received:
        return None
    from django.db.models import Q

    from lotrinh.reporting.models import ReportingRegime
    from lotrinh.reporting.services import reporter_candidates

    rule = Q(pk__in=[])
    for regime in ReportingRegime.objects.filter(recipient_id__in=sorted(received)):
        rule |= Q(issuer_id__in=reporter_candidates(regime).values("pk"))
    return rule


def is_agency_plan(programme: Any) -> bool:
    """An agency's own plan (a child programme, docs/cascade.md): the row says so
    (`Programme.lineage`, set by whoever stored it). Not its kind, issuer and parent: a
    national programme implementing a resolution (50/NQ-CP implements 52-NQ/TW), or a
    Party committee's "Kế hoạch" that MOST imported as a national programme, has them too."""
    from lotrinh.programmes.models import ProgrammeLineage

    return getattr(programme, "lineage", None) == ProgrammeLineage.AGENCY_PLAN


def may_read_programme(user: Any, programme: Any) -> bool:
    """May `user` read a programme's pages, exports and API records? A published or
    superseded national programme: anyone. An agency's plan: the rule of
    `may_read_child_programme`, wherever it is read (the plan's own page, the programme
    pages, the API), so that no page shows what another hides."""
    if is_agency_plan(programme):
        return may_read_child_programme(user, programme)
    return bool(programme.status != "draft")


def may_comment_on_report(user: Any, report: Any) -> bool:
    """May `user` comment on `report`? Those of the cycle (COMMENT) who read it in the
    cycle: a report another agency reads only because it is published is read, not
    commented on (its thread is for the cycle, and its agency is notified)."""
    return can(user, COMMENT) and may_read_report(
        user, report.agency_id, report.status, report.unit_id
    )


def may_comment_on_task(user: Any, task: Any) -> bool:
    """May `user` comment on a programme's task? Those of the cycle (COMMENT) who may read
    the task's programme (`may_read_programme`): never on another agency's plan they do
    not read, nor on a draft."""
    return has_capability(user, COMMENT) and may_read_programme(user, task.programme)


def agency_plan_rule() -> Any:
    """`is_agency_plan` as a query condition on programmes."""
    from django.db.models import Q

    from lotrinh.programmes.models import ProgrammeLineage

    return Q(lineage=ProgrammeLineage.AGENCY_PLAN)


def national_programmes(queryset: Any) -> Any:
    """The programmes of a queryset that everyone may read once published: not agencies'
    own plans (the public home lists these)."""
    return queryset.exclude(agency_plan_rule())


def readable_programmes(user: Any, queryset: Any) -> Any:
    """Narrow a queryset of programmes to those `user` may read (`may_read_programme`):
    national programmes stay, agencies' plans follow `visible_child_programmes`."""
    from django.db.models import Q

    from lotrinh.programmes.models import Programme

    plan = agency_plan_rule()
    visible = visible_child_programmes(user, Programme.objects.filter(plan)).values("pk")
    return queryset.filter(~plan | Q(pk__in=visible))


def readable_versions(user: Any, queryset: Any) -> Any:
    """Narrow a programme's versions (its versions page) to those `user` may read
    (`may_read_programme`): a national draft by no one there (the importer shows it to
    those who publish), an agency's plan's by `visible_child_programmes`."""
    from django.db.models import Q

    from lotrinh.programmes.models import ProgrammeStatus

    national_draft = ~agency_plan_rule() & Q(status=ProgrammeStatus.DRAFT)
    return readable_programmes(user, queryset).exclude(national_draft)


def may_edit_child_programme(user: Any, programme: Any) -> bool:
    """May `user` review an agency's plan (confirm links, assign units, publish)? The
    agency's own staff who edit its plan (not its units' people)."""
    from lotrinh.agencies.models import Agency

    issuer_id = getattr(programme, "issuer_id", None)
    if issuer_id is None:
        return False
    return can(user, EDIT_PLAN, Agency(pk=issuer_id))


def may_import_agency_plan(user: Any) -> bool:
    """May `user` import their agency's own plan on /phan-cap/ (the form is theirs)? The
    agency's staff who edit its plan; not MOST's monitors nor system administrators, whom
    the national importer serves (so it points only these people to the plan import)."""
    agency_id = getattr(user, "agency_id", None)
    if agency_id is None:
        return False
    from lotrinh.agencies.models import Agency

    return can(user, EDIT_PLAN, Agency(pk=agency_id))


def may_follow_plan_import(user: Any, job: Any) -> bool:
    """May `user` see (and retry) the job importing an agency's plan? The staff of that
    agency who edit its plan, as for the draft it makes; nobody else (the file is the
    agency's until it publishes the plan)."""
    from lotrinh.agencies.models import Agency

    if getattr(job, "kind", "") != "plan" or getattr(job, "agency_id", None) is None:
        return False
    return can(user, EDIT_PLAN, Agency(pk=job.agency_id))


def may_review_unit_reports(user: Any, agency: Any) -> bool:
    """May `user` receive, accept and return the reports of `agency`'s units?"""
    return can(user, REVIEW_UNIT_REPORT, agency) and getattr(user, "unit_id", None) is None


def may_read_rollup(user: Any, report: Any) -> bool:
    """May `user` read the roll-up of the agency's report `report` (its units' accepted
    results, task by task)? Whoever reads the report and an accepted report of any of its
    units: the agency's staff (attached to no unit), and beyond the agency those who
    follow compliance. A unit's officer reads her agency's report, not another unit's."""
    if report.unit_id is not None or not may_read_report(user, report.agency_id, report.status):
        return False
    if report.agency_id == getattr(user, "agency_id", None):
        return getattr(user, "unit_id", None) is None
    # As `may_read_report` reads a unit's accepted report beyond its agency.
    return has_capability(user, VIEW_COMPLIANCE)


# What a unit's person reads of the other units of her agency: nothing. She reads her own
# unit's work (its reports in every state, `may_read_report`) and her agency's plan
# (`may_read_child_programme`); not the other units' results, nor the units' progress
# taken together (a plan task's share done, the units reported or late, the roll-up),
# wherever it shows: dashboard, timeline, the plan's overview, the plan page. The
# agency's staff (attached to no unit) and, beyond the agency, those who follow compliance
# read all of it: the reasoning of `may_read_rollup`.


def may_read_units_progress(user: Any, agency_id: int | None) -> bool:
    """May `user` read the progress of all `agency_id`'s units together (how many units
    reported, which are late, a plan task's share done)? See the rule above."""
    if has_capability(user, VIEW_COMPLIANCE):
        return True
    return bool(
        agency_id is not None
        and has_capability(user, VIEW_REPORT)
        and agency_id == getattr(user, "agency_id", None)
        and getattr(user, "unit_id", None) is None
    )


def units_results_rule(user: Any, prefix: str = "report__") -> Any:
    """A condition on units' reports (or their rows, with `prefix`) whose results `user`
    may count in a figure: every unit's for whoever `may_read_units_progress` of their
    agency, the own unit's for a unit's person, none for anybody else."""
    from django.db.models import Q

    if has_capability(user, VIEW_COMPLIANCE):
        return Q()
    agency_id = getattr(user, "agency_id", None)
    if not has_capability(user, VIEW_REPORT) or agency_id is None:
        return Q(pk__in=[])
    unit_id = getattr(user, "unit_id", None)
    if unit_id is not None:
        return Q(**{f"{prefix}agency_id": agency_id, f"{prefix}unit_id": unit_id})
    return Q(**{f"{prefix}agency_id": agency_id})


def unit_reports_for_documents(user: Any) -> Any:
    """The units' reports whose document (DOCX, PDF) `user` may make: people of the
    agency who make documents, on the reports of their agency's units they read
    (`may_read_report`: their own unit's in every state; the agency's staff, attached to
    no unit, once sent). Never another unit's or another agency's. A queryset."""
    from django.db.models import Q

    from lotrinh.reporting.models import AgencyReport

    agency_id = getattr(user, "agency_id", None)
    if (
        not has_capability(user, GENERATE_DOCUMENT)
        or not has_capability(user, VIEW_REPORT)
        or agency_id is None
    ):
        return AgencyReport.objects.none()
    unit_id = getattr(user, "unit_id", None)
    own = (
        Q(unit_id=unit_id)
        if unit_id is not None
        else Q(unit__isnull=False, status__in=sorted(UNIT_REPORT_SENT_STATES))
    )
    return AgencyReport.objects.filter(Q(agency_id=agency_id) & own)


def may_make_agency_document(user: Any) -> bool:
    """May `user` make her agency's report into a document (DOCX, PDF) on the documents
    page? Who makes documents and reads the agency's report in every state
    (`may_read_report`): a document is made from its live draft when no copy was frozen
    by the cut-off. A unit's officer reads her agency's report (docs/cascade.md), so she
    may; whoever may not read its drafts is offered nothing and refused (403)."""
    agency_id = getattr(user, "agency_id", None)
    return (
        has_capability(user, GENERATE_DOCUMENT)
        and agency_id is not None
        and may_read_report(user, agency_id, "draft")
    )


def may_start_unit_report(user: Any) -> bool:
    """May `user` open her unit's report on her agency's plan? A unit's officer: a unit's
    leader reads it, approves it, but does not open it (docs/cascade.md)."""
    return getattr(user, "unit_id", None) is not None and has_capability(user, EDIT_REPORT)


def unit_report_openers(unit_id: int) -> Any:
    """The people who may open the report of the unit `unit_id` (`may_start_unit_report`):
    its active people whose role edits reports. A queryset."""
    from lotrinh.accounts.models import User

    roles = [role for role, caps in ROLE_CAPABILITIES.items() if EDIT_REPORT in caps]
    return User.objects.people().filter(unit_id=unit_id, role__in=roles, is_superuser=False)


def may_see_unopened_unit_report(user: Any) -> bool:
    """Is `user` told that her unit's yearly report is not open yet? Whoever of the unit
    reads its reports (its officers, who open it, and its leader, who approves it)."""
    return getattr(user, "unit_id", None) is not None and has_capability(user, VIEW_REPORT)


def may_remind_units(user: Any, agency: Any) -> bool:
    """May `user` remind `agency`'s late units by hand? Its monitoring staff, who receive
    their reports (MOST reminds agencies, not their units)."""
    return (
        agency is not None
        and has_capability(user, REVIEW_UNIT_REPORT)
        and user.agency_id == agency.pk
        and getattr(user, "unit_id", None) is None
    )


def may_view_unit_compliance(user: Any, agency: Any) -> bool:
    """Which of `agency`'s units are late: its monitoring staff; read-only, those who
    follow every agency's compliance (MOST, oversight, administrators)."""
    if agency is None:
        return False
    if has_capability(user, VIEW_COMPLIANCE):
        return True
    # A unit's person does not follow the other units (`may_read_units_progress`).
    return can(user, VIEW_UNIT_COMPLIANCE, agency) and may_read_units_progress(user, agency.pk)


def may_view_cascade_spread(user: Any) -> bool:
    """The national task page's count of agencies that planned the task, with their
    units' combined status: those who follow every agency's compliance."""
    return has_capability(user, VIEW_COMPLIANCE)


# ---------------------------------------------------------------- regimes' schedules


def may_set_regime_schedule(user: Any, regime: Any, day: Any) -> bool:
    """May `user` set the schedule (frequency, deadline) of a regime whose document
    states no period? A system administrator; otherwise the monitoring staff (not a
    unit's people) of the body that holds the regime's recipient on `day` (the
    Commission's successor after 24 January 2025)."""
    if not has_capability(user, SET_REGIME_SCHEDULE):
        return False
    if is_system_admin(user):
        return True
    if regime.recipient_id is None or getattr(user, "unit_id", None) is not None:
        return False
    from lotrinh.agencies.services import holder_at

    return bool(holder_at(regime.recipient, day).pk == user.agency_id)


def may_view_regime_compliance(user: Any, regime: Any) -> bool:
    """May `user` follow who reported for each period of `regime` (its compliance page)?
    The monitoring staff of the body that receives its reports (the holder of its
    recipient, so the Commission's successor for a regime naming Ban Kinh tế Trung
    ương); read-only, those who follow every agency's compliance (MOST, oversight,
    administrators)."""
    if has_capability(user, VIEW_COMPLIANCE):
        return True
    return regime.recipient_id is not None and regime.recipient_id in received_recipient_ids(user)


def may_remind_regime_reporters(user: Any, regime: Any, day: Any) -> bool:
    """May `user` remind a regime's reporters by hand from its period page? The body that
    receives their reports on `day` does: the monitoring staff of the holder of the
    regime's recipient (Ban Chính sách, chiến lược Trung ương for 52-NQ/TW's Party
    committees), MOST's monitors for a regime MOST receives (`period_receiver` None).
    Those who follow it read-only (MOST for another body's regime, oversight,
    administrators) do not."""
    from lotrinh.agencies.services import holder_at

    recipient = regime.recipient if regime.recipient_id is not None else None
    receiver = None
    if recipient is not None and recipient.code != MOST_CODE:
        receiver = holder_at(recipient, day)
    if receiver is None or receiver.code == MOST_CODE:
        return has_capability(user, SEND_REMINDER)
    return may_review_as_receiving_body(user, receiver)


# ---------------------------------------------------------------- other receiving bodies
# A regime may name another receiving body than MOST: 52-NQ/TW's Party committees report
# to the Central Economic Commission (Ban Chính sách, chiến lược Trung ương since 24
# January 2025). That body's monitoring staff read, accept and return those reports; MOST
# does not (docs/cascade.md, the Party's chain).
MOST_CODE = "bo-khoa-hoc-va-cong-nghe"


def receiving_body(report: Any, day: Any = None) -> Any:
    """The body other than MOST that receives an agency's report on `day` (today by
    default): the holder of its regime's recipient. None for MOST's reports and units'."""
    from django.utils import timezone

    if getattr(report, "unit_id", None) is not None or not hasattr(report, "period"):
        return None
    return period_receiver(report.period, day or timezone.localdate())


def may_review_as_receiving_body(user: Any, receiver: Any) -> bool:
    """The receiving body's monitoring staff (not a unit's people) accept and return."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.role == Role.AGENCY_MONITOR
        and getattr(user, "unit_id", None) is None
        and user.agency_id == receiver.pk
    )


def received_recipient_ids(user: Any) -> frozenset[int]:
    """The recipients of regimes whose reports `user` receives as the receiving body's
    monitor: the own agency and every body it succeeded (the Commission's old name)."""
    recipients, until = received_scope(user)
    # An ended body (Ban Kinh tế Trung ương after 23/01/2025) is no longer the receiving
    # desk: its successor is. What was sent to it before its end it reads as history
    # (`received_scope`), nothing more.
    return recipients if until is None else frozenset()


def _monitor_agency_id(user: Any) -> int | None:
    """The agency of a receiving body's monitor (an agency's monitor attached to no unit)."""
    if not (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and getattr(user, "role", None) == Role.AGENCY_MONITOR
        and getattr(user, "unit_id", None) is None
        and getattr(user, "agency_id", None) is not None
    ):
        return None
    return cast(int, user.agency_id)


def received_scope(user: Any, rows: Any = None) -> tuple[frozenset[int], Any]:
    """What `user` reads as a receiving body's monitor: the recipients of the regimes
    whose reports are sent to her body (the own agency and every body it succeeded, the
    Commission's old name), and None while the body exists, or the moment it ended: an
    ended body's monitor reads only the reports sent to it before then (their latest
    sending), read-only, and is no longer the receiving desk (`received_recipient_ids`
    is empty for it). Asked on every page a receiving body's monitor opens, through the
    menu, and again by the page: the successions are read once per request (`_memo`;
    the agency comes with the person)."""
    agency_id = _monitor_agency_id(user)
    if agency_id is None:
        return frozenset(), None
    day = timezone.localdate()
    if rows is not None:
        return _received_scope(user, agency_id, day, rows)
    # Once per request (the menu asks it, and the page again): `_memo`.
    return cast(
        tuple[frozenset[int], Any],
        _remembered(
            user,
            "received",
            day,
            lambda: _received_scope(user, agency_id, day, _successions(user)),
        ),
    )


def _received_scope(user: Any, agency_id: int, day: Any, rows: Any) -> tuple[frozenset[int], Any]:
    recipients = frozenset({agency_id, *succeeded_ids(agency_id, rows=rows)})
    end = ended_on(user.agency, day, rows)
    if end is None:
        return recipients, None
    import datetime

    return recipients, timezone.make_aware(datetime.datetime.combine(end, datetime.time.min))


def received_rule(user: Any, prefix: str = "", rows: Any = None, scope: Any = None) -> Any:
    """`received_scope` as a condition on reports (rows of reports with `prefix`): the
    agencies' own reports sent to the user's body (submitted, returned, accepted), and for
    an ended body only those last sent before its end. None when she receives nothing.
    `scope`: `received_scope(user)` when the caller has it already (not read again)."""
    from django.db.models import Q

    recipients, until = received_scope(user, rows) if scope is None else scope
    if not recipients:
        return None
    rule = Q(
        **{
            f"{prefix}unit__isnull": True,
            f"{prefix}period__regime__recipient_id__in": sorted(recipients),
            f"{prefix}status__in": sorted(REPORT_SENT_STATES),
        }
    )
    if until is not None:
        rule &= Q(**{f"{prefix}submitted_at__lt": until})
    return rule


def ended_on(agency: Any, day: Any, rows: Any = None) -> Any:
    """The first day `agency` no longer held its own responsibilities, when that day is
    `day` or earlier (None: it still holds them on `day`): its first succession or
    dissolution in effect by `day`, or the day after its validity ended."""
    import datetime

    if agency is None:
        return None
    rows = _succession_rows() if rows is None else rows
    # A row naming the body as its own successor (Bộ Tài chính "absorbs" Bộ Kế hoạch và
    # Đầu tư) does not end it, as `holder_at` reads it.
    ends = [
        when
        for predecessor, successor, when in rows
        if predecessor == agency.pk and successor != agency.pk
    ]
    if agency.valid_to is not None:
        ends.append(agency.valid_to + datetime.timedelta(days=1))
    ends = [when for when in ends if when <= day]
    return min(ends) if ends else None


# ---------------------------------------------------------------- consolidated documents
# The consolidated draft of a period is the receiving body's document: written under its
# header, signed by it, from the reports sent to it (docs/documents.md). MOST's monitors
# and system administrators make MOST's yearly report on 50/NQ-CP, as before; the
# Commission's monitoring staff make its six-monthly draft of the Party committees'
# reports. MOST does not make the Commission's draft (nor the Commission MOST's): it
# neither receives nor accepts those reports, and the draft would speak for another
# body; a system administrator does not either (it runs the system, not a body's
# correspondence). A unit's regime has no consolidated draft (its roll-up is the
# agency's report: docs/cascade.md).


def period_receiver(period: Any, day: Any) -> Any:
    """The body other than MOST that receives the reports of `period` on `day` (the holder
    of its regime's recipient); None when MOST receives them (50/NQ-CP)."""
    from lotrinh.agencies.services import holder_at

    recipient = period.regime.recipient
    if recipient is None or recipient.code == MOST_CODE:
        return None
    holder = holder_at(recipient, day)
    return None if holder.code == MOST_CODE else holder


def most_receives(prefix: str = "") -> Any:
    """The condition on reports (`prefix` "" for periods, "period__" for reports) that MOST
    receives: their regime names MOST as recipient or names none (50/NQ-CP's annual
    report), as `period_receiver` answers None. A Party committee's report to the
    Commission is not MOST's to accept, though MOST may read it."""
    from django.db.models import Q

    return Q(**{f"{prefix}regime__recipient__isnull": True}) | Q(
        **{f"{prefix}regime__recipient__code": MOST_CODE}
    )


def may_generate_most_consolidated(user: Any) -> bool:
    """MOST's yearly consolidated report: MOST's monitors and system administrators."""
    return has_capability(user, GENERATE_DOCUMENT) and (is_most(user) or is_system_admin(user))


def consolidated_periods(user: Any, day: Any) -> Any:
    """The periods (begun by `day`) whose consolidated draft `user` may request."""
    from django.db.models import Q

    from lotrinh.programmes.models import ProgrammeLineage
    from lotrinh.reporting.models import ReportingPeriod

    # Not an agency's own plan's regime (a child programme: its units report to it).
    periods = ReportingPeriod.objects.filter(start__lte=day).exclude(
        regime__programme__lineage=ProgrammeLineage.AGENCY_PLAN
    )
    rule = Q(pk__in=[])
    if may_generate_most_consolidated(user):
        rule |= Q(regime__code="annual-report") & (
            Q(regime__recipient__isnull=True) | Q(regime__recipient__code=MOST_CODE)
        )
    received = received_recipient_ids(user)
    if received:
        rule |= Q(regime__recipient_id__in=sorted(received)) & ~Q(regime__recipient__code=MOST_CODE)
    return periods.filter(rule)


def may_generate_consolidated(user: Any, period: Any, day: Any) -> bool:
    """May `user` request the consolidated draft of `period` on `day` (today)? The body
    that holds the receiver's responsibilities on `day` makes it, whatever the cut-off
    (the Commission's successor makes the draft of a period its predecessor received)."""
    if not consolidated_periods(user, day).filter(pk=period.pk).exists():
        return False
    receiver = period_receiver(period, day)
    if receiver is None:
        return True
    return may_review_as_receiving_body(user, receiver)


def may_open_documents(user: Any) -> bool:
    """The documents page: those who make documents or follow compliance, and the
    monitoring staff of a body that receives reports under some regime."""
    if has_capability(user, GENERATE_DOCUMENT) or has_capability(user, VIEW_COMPLIANCE):
        return True
    from django.utils import timezone

    return bool(consolidated_periods(user, timezone.localdate()).exists())


# ---------------------------------------------------------------- activity log
# The audit trail as a whole (the activity log page and its export, docs/security.md):
# MOST's monitors and the system administrators read every event of the programme; an
# agency's administrator and its leaders (approvers not attached to a unit) read the
# events on their own agency's objects, its units' included (`AuditEvent.agency`); a
# unit's leader (an approver attached to a unit) reads the events on her unit's objects
# and its sub-units' (`AuditEvent.unit`), nothing of the agency's own or of another unit.
# Nobody reads another agency's events. Reporters, a unit's reporters, an agency's plan
# monitors, oversight readers and the public read none: each already reads the history
# of what it may open, on that object's page; the log says who did what across an agency
# or a unit, which is its leaders' and its administrator's business. What an event says
# of a report's content follows the report's rule (`may_read_event_content`).


def reads_whole_activity_log(user: Any) -> bool:
    return is_most(user) or is_system_admin(user)


def reads_unit_activity_log(user: Any) -> bool:
    """A unit's leader, who reads her unit's log (not her agency's)."""
    return (
        user.agency_id is not None
        and getattr(user, "unit_id", None) is not None
        and user.role == Role.APPROVER
    )


def may_read_activity_log(user: Any) -> bool:
    if capabilities_of(user) == frozenset():
        return False
    if reads_whole_activity_log(user):
        return True
    if reads_unit_activity_log(user):
        return True
    return (
        user.agency_id is not None
        and user.unit_id is None
        and user.role in (Role.AGENCY_ADMIN, Role.APPROVER)
    )


def unit_and_sub_units(unit_id: int, agency_id: int) -> list[int]:
    """The unit and every unit below it in its agency's tree (one query)."""
    from lotrinh.agencies.models import Unit

    children: dict[int, list[int]] = {}
    for pk, parent in Unit.objects.filter(agency_id=agency_id, parent__isnull=False).values_list(
        "pk", "parent_id"
    ):
        children.setdefault(parent, []).append(pk)
    found, stack = {unit_id}, [unit_id]
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in found:  # a cycle typed in the admin stops here
                found.add(child)
                stack.append(child)
    return sorted(found)


def readable_events(user: Any, queryset: Any = None) -> Any:
    """The audit events `user` may read on the activity log (a queryset)."""
    from lotrinh.core.models import AuditEvent

    queryset = AuditEvent.objects.all() if queryset is None else queryset
    if not may_read_activity_log(user):
        return queryset.none()
    if reads_whole_activity_log(user):
        return queryset
    if reads_unit_activity_log(user):
        # The units are the agency's (`unit_and_sub_units`), so their events are too.
        return queryset.filter(unit_id__in=unit_and_sub_units(user.unit_id, user.agency_id))
    return queryset.filter(agency_id=user.agency_id)


def may_read_event_content(user: Any, report: Any, published: bool = False) -> bool:
    """May the log show what an event on `report` says of its content (the text typed,
    a reason given)? Only to whoever reads the report itself, in its current state: MOST
    does not read a draft's entries, an agency's administrator reads only what the public
    reads. Others read that the event happened, by whom and when. `report` None: the
    event is not on a report. `published`: `is_public_report(report)` (a list asks it
    of all its reports at once)."""
    if report is None:
        return True
    return may_read_report(user, report.agency_id, report.status, report.unit_id, published)
