"""A body named in an English sentence built in code is named in English.

Refusals, notices, messages and feed titles are sentences the code writes with an
agency's or a unit's name in them. On an English page the name is its English one
(`locale.agency_in_sentence` in a sentence, "the Ministry of Health"; `localized_text`
inside quotes), the Vietnamese one only when the body has no English name. Two checks:
the source (no translated sentence takes `.name_vi`, unless it is built in Vietnamese on
purpose, as a document's title is), and each sentence rendered in English.
"""

import ast
import datetime
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from lotrinh.accounts.models import Role
from lotrinh.agencies import units as unit_services
from lotrinh.agencies.models import Agency, Unit
from lotrinh.importer import review
from lotrinh.programmes import cascade
from lotrinh.reporting.plans import create_recorded_plan
from lotrinh.reporting.services import PublicEntry
from tests.conftest import AGENCY_A, client_for, make_user
from tests.core.test_page_language import VisibleText
from tests.importer.test_publish_over_agency_plan import agency_plan
from tests.importer.test_review import draft  # noqa: F401 - the fixture

ROOT = Path(__file__).resolve().parents[2]
TRANSLATING = {"_", "gettext", "pgettext", "ngettext", "npgettext", "gettext_lazy"}


def _translated(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in TRANSLATING
    )


def _in_vietnamese(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """Inside `with translation.override("vi")`: a text built in Vietnamese on purpose."""
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.With):
            for item in node.items:
                call = item.context_expr
                if (
                    isinstance(call, ast.Call)
                    and ast.unparse(call.func).endswith("override")
                    and call.args
                    and ast.unparse(call.args[0]) == "'vi'"
                ):
                    return True
    return False


def vietnamese_names_in_sentences(source: str, filename: str = "") -> list[str]:
    """`_("… %(x)s …") % {"x": ….name_vi}`: a Vietnamese name put in a translated sentence."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _translated(node.left)
        ):
            continue
        if not isinstance(node.right, ast.Dict) or _in_vietnamese(node, parents):
            continue
        for value in node.right.values:
            names = [n for n in ast.walk(value) if isinstance(n, ast.Attribute)]
            if any(n.attr == "name_vi" for n in names):
                found.append(f"{filename}:{value.lineno}: {ast.unparse(value)}")
    return found


def test_the_check_finds_a_vietnamese_name_in_a_sentence():
    assert vietnamese_names_in_sentences('_("Của %(a)s") % {"a": plan.issuer.name_vi}')
    assert vietnamese_names_in_sentences('_("Của %(a)s") % {"a": x.name_vi if x else ""}')
    assert not vietnamese_names_in_sentences('_("Của %(a)s") % {"a": localized_text(x, "name")}')
    built_in_vietnamese = (
        'with translation.override("vi"):\n    t = _("Của %(a)s") % {"a": x.name_vi}\n'
    )
    assert not vietnamese_names_in_sentences(built_in_vietnamese)


def test_no_translated_sentence_takes_a_vietnamese_name():
    found = []
    for path in sorted((ROOT / "lotrinh").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        found += vietnamese_names_in_sentences(source, str(path.relative_to(ROOT)))
    assert found == []


# ------------------------------------------------------------------ rendered in English

pytestmark = pytest.mark.django_db


def health() -> Agency:
    agency = Agency.objects.get(code=AGENCY_A)
    assert agency.name_vi == "Bộ Y tế" and agency.name_en == "Ministry of Health"
    return agency


def test_the_refusal_over_an_agency_plan_names_the_agency_in_english():
    plan = agency_plan()
    with translation.override("en"):
        english = review.agency_plan_refusal(plan)
    with translation.override("vi"):
        vietnamese = review.agency_plan_refusal(plan)
    # The plan's title ("Kế hoạch của Bộ Y tế") is the document's, quoted as written.
    assert "of the Ministry of Health (version" in english
    assert "Bộ Y tế" not in english.replace(plan.title, "")
    assert "của Bộ Y tế (phiên bản" in vietnamese


def test_an_agency_without_an_english_name_keeps_its_vietnamese_one():
    plan = agency_plan()
    Agency.objects.filter(pk=plan.issuer_id).update(name_en="")
    plan.refresh_from_db()
    with translation.override("en"):
        assert "of Bộ Y tế (version" in review.agency_plan_refusal(plan)


def test_the_confirmation_page_shows_it_in_english(draft, most_monitor):  # noqa: F811
    agency_plan()
    client = client_for(most_monitor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("importer:confirm_publish", args=[draft.pk])).content.decode()
    refusal = page.split('id="summary-agency-plan"', 1)[1].split("</p>", 1)[0]
    assert "of the Ministry of Health (version" in refusal
    assert "Bộ Y tế" not in refusal.replace("Kế hoạch của Bộ Y tế", "")


def unit(name_vi: str, name_en: str, **fields) -> Unit:
    return Unit.objects.create(
        agency=health(), code=f"u-{len(name_vi)}", name_vi=name_vi, name_en=name_en, **fields
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"proposed": True},
        {"valid_to": datetime.date(2020, 1, 1)},
        {"valid_from": datetime.date(2099, 1, 1)},
    ],
)
def test_a_unit_that_cannot_take_a_task_is_named_in_english(fields):
    office = unit("Vụ Kế hoạch - Tài chính", "Department of Planning and Finance", **fields)
    with translation.override("en"), pytest.raises(cascade.CascadeError) as refused:
        cascade._check_assignable(office, timezone.localdate())
    assert "“Department of Planning and Finance”" in str(refused.value)
    assert "Vụ" not in str(refused.value)


def test_a_person_moved_meanwhile_is_refused_with_the_units_in_english():
    planning = unit("Vụ Kế hoạch - Tài chính", "Department of Planning and Finance")
    legal = unit("Vụ Pháp chế", "Department of Legal Affairs")
    admin = make_user("byt_admin", AGENCY_A, Role.ADMIN)
    person = make_user("byt_person", AGENCY_A, Role.REPORTER)
    unit_services.attach_user(admin, person, planning)
    person.refresh_from_db()
    with translation.override("en"), pytest.raises(unit_services.UnitError) as refused:
        unit_services.attach_user(admin, person, legal, expected_version=person.version - 1)
    message = str(refused.value)
    assert "now in: Department of Planning and Finance" in message
    assert "You chose: Department of Legal Affairs" in message
    assert "Vụ" not in message


def test_a_plan_recorded_from_an_english_page_keeps_a_vietnamese_title():
    parent = agency_plan().implements
    with translation.override("en"):
        plan = create_recorded_plan(
            health(), parent, number="15/KH-BYT", date=datetime.date(2025, 2, 1)
        )
    assert plan.title == "Kế hoạch thực hiện 99/NQ-CP của Bộ Y tế"


def test_the_public_task_page_names_the_reporting_agencies_in_english():
    entries = [PublicEntry(2024, health(), "done", "Hoàn thành", "Kết quả")]
    with translation.override("en"):
        html = render_to_string(
            "reporting/_task_reports.html", {"entries": entries, "contributions": []}
        )
    parser = VisibleText("en")
    parser.feed(html)
    shown = "\n".join(parser.parts)
    assert "Ministry of Health" in shown and "Bộ Y tế" not in shown


def test_a_unit_added_from_an_english_page_is_named_in_english():
    admin = make_user("agency_admin_a", AGENCY_A, Role.AGENCY_ADMIN)
    client = client_for(admin)
    client.cookies["django_language"] = "en"
    body = {"what": "create", "name": "Phòng Số", "name_en": "Digital Office"}
    response = client.post(reverse("agencies:units_save", args=[AGENCY_A]), body, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Unit “Digital Office” added."]
