"""The agency's report as a document, for a unit's officer (hn-dv1-baocao): made from the
agency's report to MOST, a draft included, so offered and accepted by the one reading
rule, `permissions.may_read_report` (`may_make_agency_document`). A unit's officer reads
her agency's report (docs/cascade.md), so she is offered it; were the rule to say no, the
page would offer nothing and a forged request would get 403, never a document."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lotrinh.accounts import permissions as perms
from lotrinh.documents.models import GeneratedDocument
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _ask(client, period_id: int):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("documents:request"),
        {
            "kind": "agency",
            "period": period_id,
            "cutoff": timezone.localdate().isoformat(),
            "fmt": "docx",
        },
    )


def test_the_agency_form_follows_the_reading_rule(province) -> None:
    officer, draft = province["khcn_reporter"], province["national"]
    assert draft.status == "draft"
    # The rule says she reads her agency's draft: the form is hers.
    assert perms.may_read_report(officer, draft.agency_id, draft.status)
    assert perms.may_make_agency_document(officer)
    page = client_for(officer).get(reverse("documents:list")).content.decode()
    assert 'id="agency-form"' in page
    # Another province's officer: not her agency's report, never offered hers.
    other = province["other_monitor"]
    assert not perms.may_read_report(other, draft.agency_id, draft.status)


def test_a_forged_request_the_rule_refuses_gets_403_and_no_document(
    province, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the page and the request asked only "makes documents", not whether she
    reads the report the document is made from."""
    officer, draft = province["khcn_reporter"], province["national"]
    monkeypatch.setattr(perms, "may_read_report", lambda *args, **kwargs: False)
    client = client_for(officer)
    page = client.get(reverse("documents:list")).content.decode()
    assert 'id="agency-form"' not in page
    response = _ask(client, draft.period_id)
    assert response.status_code == 403
    assert not GeneratedDocument.objects.filter(agency_id=draft.agency_id).exists()
