"""The main pages of Lộ trình, per persona: the one list the UI tests and the screenshots use.

Every page a person reaches from the navigation, named by its URL name, with the objects
of its URL found in the database (`Objects.find`), so the same list serves the test
database (tests/ui/test_pages.py builds the demonstration world there) and a served demo
(scripts/screenshots.py). A page whose object does not exist in a database is skipped
with a note, never guessed.

Personas are the demonstration accounts (lotrinh/accounts/demo.py), one per role.
Add a line to PAGES for a new page (a dashboard, a timeline…): the UI tests then check it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PERSONAS = ("anonymous", "reporter", "approver", "most", "oversight", "admin")
# persona → the role of its demonstration account
PERSONA_ROLES = {
    "reporter": "reporter",
    "approver": "approver",
    "most": "most_monitor",
    "oversight": "oversight",
    "admin": "admin",
}
LANGUAGES = ("vi", "en")
WIDTHS = {"desk": (1366, 900), "phone": (390, 844)}


@dataclass
class Objects:
    """The objects the URLs of the main pages need, found in the database (None: none)."""

    programme_slug: str
    task_anchor: str | None = None
    agency_code: str | None = None  # the reporter's agency
    indicator_code: str | None = None
    target_pk: int | None = None
    own_report_pk: int | None = None  # the reporter's agency: an editable report if any
    submitted_report_pk: int | None = None  # a report waiting for MOST (else any sent one)
    accepted_report_pk: int | None = None  # a report oversight may read
    draft_import_pk: int | None = None
    public_task_pk: int | None = None  # a task a published report speaks of (the portal)
    annual_regime_pk: int | None = None  # 50/NQ-CP's yearly regime (a period's compliance)
    party_regime_pk: int | None = None  # 52-NQ/TW 4.3: "định kỳ", its schedule to set
    missing: list[str] = field(default_factory=list)

    @classmethod
    def find(cls) -> "Objects":
        from lotrinh.accounts.demo import DEMO_ACCOUNTS
        from lotrinh.accounts.models import User
        from lotrinh.importer.models import DraftImport
        from lotrinh.indicators.models import Indicator, Target
        from lotrinh.programmes.services import current_programme
        from lotrinh.reporting.models import EDITABLE_STATUSES, AgencyReport

        programme = current_programme("50/NQ-CP")
        found = cls(programme_slug=programme.slug)
        task = programme.tasks.select_related("clause").order_by("position").first()
        found.task_anchor = task.clause.anchor if task else None
        reporter_name = next(a.username for a in DEMO_ACCOUNTS if a.role == "reporter")
        reporter = User.objects.filter(username=reporter_name).select_related("agency").first()
        if reporter and reporter.agency:
            found.agency_code = reporter.agency.code
            own = AgencyReport.objects.filter(agency=reporter.agency).order_by("-period__year")
            editable = own.filter(status__in=EDITABLE_STATUSES).first()
            chosen = editable or own.first()
            found.own_report_pk = chosen.pk if chosen else None
        sent = AgencyReport.objects.order_by("-period__year", "agency__name_vi")
        submitted = sent.filter(status="submitted").first() or sent.exclude(status="draft").first()
        found.submitted_report_pk = submitted.pk if submitted else None
        accepted = sent.filter(status="accepted").first()
        found.accepted_report_pk = accepted.pk if accepted else None
        indicator = Indicator.objects.order_by("position").first()
        found.indicator_code = indicator.code if indicator else None
        target = Target.objects.filter(is_current=True).order_by("pk").first()
        found.target_pk = target.pk if target else None
        draft = DraftImport.objects.order_by("-pk").first()
        found.draft_import_pk = draft.pk if draft else None
        from lotrinh.accounts import permissions as perms
        from lotrinh.reporting.models import ReportEntry

        public = perms.public_reports(
            ReportEntry.objects.filter(task__programme=programme), prefix="report__"
        ).order_by("task__position")
        entry = public.first()
        found.public_task_pk = entry.task_id if entry else (task.pk if task else None)
        annual = programme.reporting_regimes.filter(code="annual-report").first()
        found.annual_regime_pk = annual.pk if annual else None
        from lotrinh.reporting.models import ReportingRegime

        party = ReportingRegime.objects.filter(
            programme__code="52-NQ/TW", programme__status="published", code="party-committee-report"
        ).first()
        found.party_regime_pk = party.pk if party else None
        return found


def _need(*names: str) -> Callable[[Objects], dict[str, Any] | None]:
    """URL kwargs from Objects attributes: {kwarg: attribute}; None when one is missing."""

    def kwargs(objects: Objects) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        for pair in names:
            kwarg, _, attribute = pair.partition("=")
            value = getattr(objects, attribute or kwarg)
            if value is None:
                return None
            out[kwarg] = value
        return out

    return kwargs


@dataclass(frozen=True)
class Page:
    persona: str
    label: str  # short, unique per persona (file names, failure lists)
    url_name: str
    kwargs: Callable[[Objects], dict[str, Any] | None] = lambda _objects: {}
    query: str = ""
    # A page another branch of issue 10 adds (its URL name may not be registered yet):
    # checked once it is, listed as "not here yet" before.
    coming: bool = False

    def path(self, objects: Objects) -> str | None:
        from django.urls import reverse

        kwargs = self.kwargs(objects)
        if kwargs is None:
            return None
        return reverse(self.url_name, kwargs=kwargs) + self.query


PROGRAMME = _need("slug=programme_slug")
TASK = _need("slug=programme_slug", "anchor=task_anchor")

PAGES: list[Page] = [
    # anonymous: the public pages and the login form
    Page("anonymous", "home", "portal:home"),
    Page("anonymous", "programme", "programmes:overview", PROGRAMME),
    Page("anonymous", "tasks", "programmes:tasks", PROGRAMME),
    Page("anonymous", "task", "programmes:task", TASK),
    Page("anonymous", "programme-text", "programmes:document", PROGRAMME),
    Page("anonymous", "versions", "programmes:versions", PROGRAMME),
    Page("anonymous", "agencies", "agencies:list"),
    Page("anonymous", "agency", "agencies:detail", _need("code=agency_code")),
    Page("anonymous", "indicators", "indicators:overview"),
    Page("anonymous", "indicator", "indicators:indicator", _need("code=indicator_code")),
    Page("anonymous", "target", "indicators:target", _need("pk=target_pk")),
    Page("anonymous", "login", "accounts:login"),
    # the public portal (docs/portal.md)
    Page("anonymous", "portal", "portal:overview"),
    Page("anonymous", "portal-tasks", "portal:tasks"),
    Page("anonymous", "portal-search", "portal:tasks", query="?q=chuyen+doi+so"),
    Page("anonymous", "portal-task", "portal:task", _need("pk=public_task_pk")),
    Page("anonymous", "portal-groups", "portal:progress", lambda _o: {"view": "nhom"}),
    Page("anonymous", "portal-agencies", "portal:progress", lambda _o: {"view": "co-quan"}),
    Page("anonymous", "portal-targets", "portal:progress", lambda _o: {"view": "muc-tieu"}),
    Page("anonymous", "portal-documents", "portal:documents"),
    Page("anonymous", "portal-data", "portal:data"),
    # an agency's reporter
    Page("reporter", "home", "portal:home"),
    Page("reporter", "reports", "reporting:my_reports"),
    Page("reporter", "report", "reporting:report", _need("pk=own_report_pk")),
    Page("reporter", "plan", "reporting:plan"),
    Page("reporter", "amendments", "reporting:amendments"),
    Page("reporter", "notifications", "reporting:notifications"),
    Page("reporter", "documents", "documents:list"),
    Page("reporter", "task", "programmes:task", TASK),
    # the agency's leader
    Page("approver", "reports", "reporting:my_reports"),
    Page("approver", "report", "reporting:report", _need("pk=own_report_pk")),
    Page("approver", "notifications", "reporting:notifications"),
    # MOST's monitor
    Page("most", "home", "portal:home"),
    Page("most", "reports", "reporting:my_reports"),
    Page("most", "report", "reporting:report", _need("pk=submitted_report_pk")),
    Page("most", "compliance", "reporting:compliance"),
    Page("most", "plan-of-agency", "reporting:plan_of", _need("code=agency_code")),
    Page("most", "amendments", "reporting:amendments"),
    Page("most", "notifications", "reporting:notifications"),
    Page("most", "documents", "documents:list"),
    Page("most", "import", "importer:upload"),
    Page("most", "import-review", "importer:review", _need("pk=draft_import_pk")),
    Page("most", "indicator", "indicators:indicator", _need("code=indicator_code")),
    Page("most", "tasks", "programmes:tasks", PROGRAMME),
    Page("most", "verify-signature", "signing:verify"),
    Page("most", "publications", "portal:manage"),
    # one period of a regime, read-only (the receiving body's monitor has no persona here)
    Page("most", "regime-compliance", "reporting:regime_compliance", _need("pk=annual_regime_pk")),
    # an oversight reader
    Page("oversight", "reports", "reporting:my_reports"),
    Page("oversight", "report", "reporting:report", _need("pk=accepted_report_pk")),
    Page("oversight", "compliance", "reporting:compliance"),
    Page("oversight", "documents", "documents:list"),
    # a system administrator
    Page("admin", "home", "portal:home"),
    Page("admin", "reports", "reporting:my_reports"),
    Page("admin", "admin", "admin:index"),
    Page("admin", "api-tokens", "api_tokens:list"),
    # the schedule of a regime whose document states no period (names its receiving body)
    Page("admin", "regime-schedule", "reporting:regime_schedule", _need("pk=party_regime_pk")),
    # pages of the other parts of issue 10 (dashboards, timeline, accounts)
    Page("anonymous", "timeline", "programmes:timeline", PROGRAMME, coming=True),
    Page("anonymous", "password-reset", "accounts:password_reset", coming=True),
    Page("reporter", "overview", "dashboard:home", coming=True),
    Page("reporter", "what-we-owe", "dashboard:agency", _need("code=agency_code"), coming=True),
    Page("reporter", "password-change", "accounts:password_change", coming=True),
    Page("most", "overview", "dashboard:home", coming=True),
    Page("most", "timeline", "programmes:timeline", PROGRAMME, coming=True),
    Page("oversight", "overview", "dashboard:home", coming=True),
    Page("oversight", "reading-list", "dashboard:reading", coming=True),
    Page("admin", "users", "accounts:users", coming=True),
]


def registered(url_name: str) -> bool:
    from django.urls import get_resolver

    namespace, _, name = url_name.rpartition(":")
    resolver = get_resolver()
    if namespace:
        if namespace not in resolver.namespace_dict:
            return False
        resolver = resolver.namespace_dict[namespace][1]
    return name in resolver.reverse_dict


def resolved(objects: Objects) -> tuple[list[tuple[Page, str]], list[Page], list[Page]]:
    """(page, path) of every page whose objects exist; the pages skipped because their object
    is missing; the pages of another branch whose URL is not registered here yet."""
    found: list[tuple[Page, str]] = []
    skipped: list[Page] = []
    absent: list[Page] = []
    for page in PAGES:
        if page.coming and not registered(page.url_name):
            absent.append(page)
            continue
        path = page.path(objects)
        if path is None:
            skipped.append(page)
        else:
            found.append((page, path))
    return found, skipped, absent
