"""IDOR sweep over the demo data: every URL pattern x demo persona x objects of other
agencies, units and drafts, GET and POST (with forged ids), each request rolled back.

Prints every answer that deserves a look: a 500, a POST that wrote something, a 200 on an
object the persona should not reach, a POST redirecting elsewhere than the login page
(many of these are legitimate: MOST and oversight read every published plan, a system
administrator manages every agency's people). The rules themselves are checked by
tests/security/test_authorization_matrix.py; this sweep tries them on the demo's data.

Run on a COPY of a loaded demo database (`lotrinh demo`), from the repository root
(personas: the default list, or any demo usernames given, "anon" for a visitor):
  cp /tmp/lt-NAME/lotrinh.sqlite3 /tmp/sweep.sqlite3   # after a checkpoint, or sqlite3 .backup
  LOTRINH_LOCAL=1 DATABASE_URL=sqlite:////tmp/sweep.sqlite3 LOTRINH_VAR_DIR=/tmp/sweep \
    .venv/bin/python scripts/idor_sweep.py [persona ...]
"""

import os
import re
import sys
import traceback
from collections import Counter

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lotrinh.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import URLResolver, get_resolver  # noqa: E402

sys.path.insert(0, os.getcwd())
from lotrinh.accounts.models import User  # noqa: E402
from lotrinh.agencies.models import Agency, Unit  # noqa: E402
from lotrinh.indicators.models import Indicator, Observation, Target  # noqa: E402
from lotrinh.programmes.models import Programme, Task  # noqa: E402
from lotrinh.reporting.models import (  # noqa: E402
    AgencyReport,
    ContributionEntry,
    Notification,
    ReportEntry,
    ReportingRegime,
    ReportSnapshot,
)
from tests.security.dbhash import WriteWatch  # noqa: E402

setup_test_environment()
settings.ALLOWED_HOSTS = ["*"]

PERSONAS = [
    "most",
    "byt-baocao",
    "byt-lanhdao",
    "byt-quantri",
    "giamsat",
    "hn-theodoi",
    "bn-theodoi",
    "hn-dv1-baocao",
    "hn-dv2-baocao",
    "hn-dv2-lanhdao",
    "bn-kehoach",
    "bcscl-theodoi",
    "tu-hn-baocao",
    "duqh-theodoi",
    "quantri",
    None,
]
SENT = {"submitted", "returned", "accepted"}


def walk(pats, prefix="", ns=""):
    for p in pats:
        if isinstance(p, URLResolver):
            if "quan-tri" in str(p.pattern) or "i18n" in str(p.pattern):
                continue
            yield from walk(
                p.url_patterns,
                prefix + str(p.pattern),
                ns + (p.namespace + ":" if p.namespace else ""),
            )
        else:
            yield ns + (p.name or ""), prefix + str(p.pattern), p


def private_reports(u):
    """Reports u must not read (conservative): another agency's draft/approved; another
    agency's unit report not accepted; for a unit's person, another unit's report."""
    qs = AgencyReport.objects.all()
    out = []
    agency = getattr(u, "agency_id", None)
    unit = getattr(u, "unit_id", None)
    picks = [
        qs.filter(status__in=["draft", "approved"], unit__isnull=True).exclude(agency_id=agency),
        qs.filter(unit__isnull=False).exclude(status="accepted").exclude(agency_id=agency),
    ]
    if unit is not None:
        picks.append(qs.filter(agency_id=agency, unit__isnull=False).exclude(unit_id=unit))
    for q in picks:
        # one of each regime kind (Party chain, national, cascade)
        seen = set()
        for r in q.select_related("period__regime").order_by("pk"):
            key = (r.period.regime_id, r.status)
            if key in seen:
                continue
            seen.add(key)
            out.append(r)
            if len(seen) >= 3:
                break
    return out


def own_report(u):
    if u is None or u.agency_id is None:
        return None
    q = AgencyReport.objects.filter(agency_id=u.agency_id, status="draft")
    q = q.filter(unit_id=u.unit_id) if u.unit_id else q.filter(unit__isnull=True)
    return q.order_by("pk").first()


def candidates(name, route, u):
    """[(kwargs, label)] of objects u must not reach through this route."""
    kw = set(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)) if route else set()
    names = {a or b for a, b in kw}
    out = []
    agency = getattr(u, "agency_id", None)
    if not names:
        return [({}, "-")]
    if names == {"pk"} or names == {"pk", "action"} or names == {"pk", "step"}:
        module = name.split(":")[0]
        short = name.split(":")[1]
        if (
            (module == "api" and short.startswith("report"))
            or (
                module == "reporting"
                and short
                in (
                    "report",
                    "save_sections",
                    "save_all",
                    "comment",
                    "download_form",
                    "upload_form",
                    "action",
                    "confirm",
                )
            )
            or name in ("cascade:rollup", "cascade:prefill")
        ):
            for r in private_reports(u):
                kwargs = {"pk": r.pk}
                if "action" in names:
                    for a in (
                        "submit",
                        "approve",
                        "accept",
                        "return",
                        "reopen",
                        "recall",
                        "bat-dau",
                    ):
                        out.append(
                            (
                                {**kwargs, "action": a},
                                f"report {r.pk} {r.status} a={r.agency_id} u={r.unit_id}",
                            )
                        )
                    continue
                if "step" in names:
                    kwargs["step"] = "submit"
                out.append((kwargs, f"report {r.pk} {r.status} a={r.agency_id} u={r.unit_id}"))
            return out
        if name == "reporting:notification_open":
            n = (
                Notification.objects.exclude(user=u).order_by("pk").first()
                if u
                else Notification.objects.first()
            )
            return [({"pk": n.pk}, f"notification of user {n.user_id}")] if n else []
        if name == "accounts:user":
            return [
                ({"pk": p.pk}, f"user {p.username} a={p.agency_id}")
                for p in User.objects.exclude(agency_id=agency)
                .exclude(agency__isnull=True)
                .order_by("pk")[:2]
            ] + [
                ({"pk": p.pk}, f"sysadmin {p.username}")
                for p in User.objects.filter(is_superuser=True)[:1]
            ]
        if name in ("cascade:plan", "cascade:plan_save"):
            return [
                ({"pk": p.pk}, f"plan {p.slug} of {p.issuer_id}")
                for p in Programme.objects.filter(lineage="agency_plan")
                .exclude(issuer_id=agency)
                .order_by("pk")[:3]
            ]
        if name.startswith("reporting:regime"):
            return [
                ({"pk": g.pk}, f"regime {g.code} rec={g.recipient_id}")
                for g in ReportingRegime.objects.order_by("pk")[:4]
            ]
        if name == "portal:task":
            return [
                ({"pk": t.pk}, f"task {t.pk} prog={t.programme_id}")
                for t in Task.objects.filter(
                    programme__lineage="agency_plan",
                ).order_by("pk")[:2]
            ]
        if name == "indicators:target":
            return [({"pk": t.pk}, "target") for t in Target.objects.order_by("pk")[:1]]
        return [({"pk": 987654}, "missing")]
    if names == {"pk", "entry_pk"}:
        own = own_report(u)
        out = []
        for r in private_reports(u)[:2]:
            e = ReportEntry.objects.filter(report=r).first()
            if e:
                out.append(({"pk": r.pk, "entry_pk": e.pk}, f"foreign report {r.pk} entry"))
                if own:
                    out.append(
                        (
                            {"pk": own.pk, "entry_pk": e.pk},
                            f"own report {own.pk} + foreign entry {e.pk}",
                        )
                    )
        return out
    if names == {"pk", "contribution_pk"}:
        own = own_report(u)
        c = (
            ContributionEntry.objects.exclude(report__agency_id=agency)
            .filter(report__status="draft")
            .first()
        )
        out = []
        if c:
            out.append(({"pk": c.report_id, "contribution_pk": c.pk}, "foreign contribution"))
            if own:
                out.append(
                    ({"pk": own.pk, "contribution_pk": c.pk}, "own report + foreign contribution")
                )
        return out
    if names == {"pk", "snapshot_pk", "index"}:
        own = own_report(u)
        out = []
        for r in private_reports(u)[:2]:
            s = ReportSnapshot.objects.filter(report=r).first()
            if s:
                out.append(({"pk": r.pk, "snapshot_pk": s.pk, "index": 0}, "foreign snapshot"))
                if own:
                    out.append(
                        (
                            {"pk": own.pk, "snapshot_pk": s.pk, "index": 0},
                            "own report + foreign snapshot",
                        )
                    )
        return out
    if names == {"pk", "upload_pk"}:
        return [
            ({"pk": r.pk, "upload_pk": 987654}, "foreign report, missing upload")
            for r in private_reports(u)[:1]
        ]
    if names == {"task_pk"}:
        return [
            ({"task_pk": t.pk}, "agency plan task")
            for t in Task.objects.filter(
                programme__lineage="agency_plan",
            )
            .exclude(programme__issuer_id=agency)
            .order_by("pk")[:2]
        ]
    if names == {"agency_pk", "period_pk"}:
        r = AgencyReport.objects.exclude(agency_id=agency).filter(status="draft").first()
        return [({"agency_pk": r.agency_id, "period_pk": r.period_id}, "other agency period")]
    if names == {"pk", "unit_pk"}:
        out = []
        for p in Programme.objects.filter(lineage="agency_plan").exclude(issuer_id=agency)[:2]:
            un = Unit.objects.filter(agency_id=p.issuer_id).first()
            if un:
                out.append(({"pk": p.pk, "unit_pk": un.pk}, f"other agency plan {p.slug} unit"))
        return out
    if names == {"code"}:
        if name.startswith("indicators:") or name.startswith("api:indicator"):
            return [({"code": i.code}, "indicator") for i in Indicator.objects.order_by("pk")[:1]]
        return [
            ({"code": a.code}, f"agency {a.code}")
            for a in Agency.objects.filter(
                code__in=["bo-y-te", "thanh-pho-ha-noi", "tinh-bac-ninh", "thanh-uy-ha-noi"]
            ).exclude(pk=agency)
        ]
    if names == {"code", "pk"}:
        o = Observation.objects.select_related("indicator").first()
        return [({"code": o.indicator.code, "pk": o.pk}, "observation")]
    if names == {"code", "fmt"}:
        return [({"code": Indicator.objects.first().code, "fmt": "csv"}, "indicator csv")]
    if names == {"slug"} or names == {"slug", "fmt"} or names == {"slug", "anchor"}:
        out = []
        for p in (
            Programme.objects.filter(lineage="agency_plan")
            .exclude(issuer_id=agency)
            .order_by("pk")[:3]
        ):
            kw = {"slug": p.slug}
            if "fmt" in names:
                kw["fmt"] = "json"
            if "anchor" in names:
                t = Task.objects.filter(programme=p).first()
                if not t:
                    continue
                kw["anchor"] = t.anchor if hasattr(t, "anchor") else str(t.pk)
            out.append((kw, f"plan {p.slug} ({p.status}) of {p.issuer_id}"))
        return out
    if names == {"token", "code"}:
        return [({"token": "x" * 20, "code": "bo-y-te"}, "forged calendar token")]
    if names == {"uidb64", "token"}:
        return [({"uidb64": "MQ", "token": "abc-def"}, "forged token")]
    if names == {"view"}:
        return [({"view": "nhiem-vu"}, "-"), ({"view": "zzz"}, "bad")]
    if names == {"name", "fmt"}:
        return [({"name": "nhiem-vu", "fmt": "csv"}, "-")]
    return [({k: 987654 for k in names}, "missing?")]


def main():
    patterns = list(walk(get_resolver().url_patterns))
    results = []
    only = sys.argv[1:]
    # Personas named on the command line, in that order, any demo account among them
    # (byt-dv1-baocao, a ministry unit's reporter, is not in the default list).
    chosen = [None if name == "anon" else name for name in only] if only else PERSONAS
    for username in chosen:
        u = User.objects.get(username=username) if username else None
        client = Client(raise_request_exception=False)
        if u:
            client.force_login(u)
        for name, route, _pattern in patterns:
            if name == "accounts:logout":
                continue
            for kwargs, label in candidates(name, route, u):
                try:
                    from django.urls import reverse

                    url = reverse(name, kwargs=kwargs) if kwargs else reverse(name)
                except Exception as exc:  # noqa: BLE001
                    results.append((username, name, "REVERSE", label, str(exc)[:80]))
                    continue
                for method in ("GET", "POST"):
                    if (
                        u
                        and not client.cookies.get("sessionid", None)
                        or (u and not client.cookies["sessionid"].value)
                    ):
                        client.force_login(u)
                    with transaction.atomic():
                        watch = WriteWatch()
                        try:
                            if method == "GET":
                                resp = client.get(url)
                            else:
                                resp = client.post(
                                    url,
                                    {
                                        "version": "1",
                                        "action": "role",
                                        "role": "reporter",
                                        "text": "x",
                                        "body": "x",
                                        "comment": "x",
                                        "name": "x",
                                        "scopes": "read",
                                    },
                                )
                            status = resp.status_code
                            loc = resp.get("Location", "")
                        except Exception:  # noqa: BLE001
                            status, loc = 599, ""
                            print("EXCEPTION", url, traceback.format_exc()[-300:])
                        changed = watch.changed()
                        transaction.set_rollback(True)
                    results.append((username, name, method, label, url, status, loc, changed))
    # report
    counts = Counter()
    for row in results:
        if row[2] == "REVERSE":
            print("REVERSE", row)
            continue
        username, name, method, label, url, status, loc, changed = row
        counts[(method, status)] += 1
        flag = ""
        counts["requests"] += 1
        counts["5xx"] += status >= 500
        counts[f"{method} wrote"] += bool(changed)
        if status >= 500:
            flag = "500!"
        elif method == "GET" and changed:  # GET never writes, whoever asks
            flag = "GET WROTE " + ",".join(changed)
        elif method == "POST" and changed:
            flag = "WROTE " + ",".join(changed)
        elif status == 200 and label not in ("-",):
            flag = "200"
        elif method == "POST" and status == 302 and "dang-nhap" not in loc:
            flag = "302->" + loc
        if status == 302 and method == "GET":
            counts[("GET302", loc.split("?")[0])] += 1
        if flag:
            print(f"{flag:12s} {username or 'anon':14s} {method:4s} {name:32s} {url:60s} {label}")
    print(counts)


main()
