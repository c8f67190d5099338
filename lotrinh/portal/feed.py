"""The Atom feed of the portal's updates: each publication, each withdrawal, and each
indicator figure a MOST monitor approved for publication (docs/portal.md)."""

from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from lotrinh.core.locale import active_language, agency_in_sentence, format_number, localized_text
from lotrinh.core.text import xml_safe
from lotrinh.indicators.models import Approval, Observation
from lotrinh.portal.models import Publication, PublicationKind

LIMIT = 50


def _xml(text: str) -> str:
    """`text` as the content of an element or attribute: escaped, without what XML does
    not allow (a note pasted from a word processor carries U+000B for a line break, which
    made the whole feed unreadable: `core.text.xml_safe`)."""
    return escape(xml_safe(text), {'"': "&quot;"})


# makemessages reads no expression inside an f-string: the texts written below are
# marked here so that they stay in the catalogue.
_TEXTS = (
    gettext_noop("Lộ trình: cập nhật trên trang công khai"),
    gettext_noop("Bộ Khoa học và Công nghệ"),
)


def _what(publication: Publication) -> str:
    if publication.kind == PublicationKind.DOCUMENT and publication.document is not None:
        return _("Báo cáo tổng hợp năm %(year)s") % {"year": publication.document.year}
    if publication.kind == PublicationKind.REPORT and publication.report is not None:
        return _("Báo cáo của %(agency)s, kỳ %(period)s") % {
            "agency": agency_in_sentence(publication.report.agency)[0],
            "period": publication.report.period.title_in_sentence,
        }
    period = publication.period.title_in_sentence if publication.period else ""
    return pgettext("publication of a period's figures", "Số liệu kỳ báo cáo %(period)s") % {
        "period": period
    }


def _entry(request: HttpRequest, publication: Publication, withdrawn: bool) -> dict[str, Any]:
    what = _what(publication)
    cutoff = publication.cutoff.strftime("%d/%m/%Y")
    if withdrawn:
        title = _("Rút lại: %(what)s") % {"what": what}
        summary = _("Lý do: %(reason)s") % {"reason": publication.withdrawal_reason}
        when = publication.withdrawn_at
    else:
        title = _("Công bố: %(what)s") % {"what": what}
        summary = _("Số liệu chốt ngày %(date)s.") % {"date": cutoff}
        if publication.note:
            summary = f"{summary} {publication.note}"
        when = publication.published_at
    link = request.build_absolute_uri(
        reverse("portal:documents") if publication.document_id else reverse("portal:overview")
    )
    return {
        "id": f"tag:lotrinh,{publication.published_at:%Y}:publication/{publication.pk}"
        + ("/withdrawn" if withdrawn else ""),
        "title": title,
        "summary": summary,
        "updated": when,
        "link": link,
    }


def _figure(observation: Observation, language: str) -> str:
    """The approved value as the portal writes it ("1.234,5 USD", "56,2"), or the start of
    a qualitative figure's text."""
    if observation.value is None:
        text = " ".join(observation.text_value.split())
        return text if len(text) <= 120 else text[:119] + "…"
    unit = localized_text(observation.indicator, "unit", language)
    number = format_number(observation.value, 2, language)
    return f"{number} {unit}".strip() if unit and unit != "%" else number + (unit or "")


def _observation_entry(request: HttpRequest, observation: Observation) -> dict[str, Any]:
    """An approved figure: when MOST approved it (a correction says so), who gave it —
    the agency, never the person who typed it — and a link to the indicator's page."""
    language = active_language()
    values = {
        "indicator": localized_text(observation.indicator, "name", language),
        "year": observation.year,
        "value": _figure(observation, language),
    }
    if observation.revision_of_id is not None:
        title = _("Sửa đổi số liệu %(indicator)s năm %(year)s: %(value)s") % values
    else:
        title = _("Số liệu %(indicator)s năm %(year)s: %(value)s") % values
    source = observation.agency or observation.indicator.producer_agency
    agency = agency_in_sentence(source, language)[0] if source else _("Bộ Khoa học và Công nghệ")
    assert observation.reviewed_at is not None
    reviewed = timezone.localtime(observation.reviewed_at).strftime("%d/%m/%Y")
    summary = _(
        "Số liệu do %(agency)s cung cấp, Bộ Khoa học và Công nghệ duyệt công bố ngày %(date)s."
    ) % {
        "agency": agency,
        "date": reviewed,
    }
    return {
        "id": f"tag:lotrinh,{observation.reviewed_at:%Y}:observation/{observation.pk}",
        "title": title,
        "summary": summary,
        "updated": observation.reviewed_at,
        "link": request.build_absolute_uri(
            reverse("indicators:indicator", args=[observation.indicator.code])
        ),
    }


def approved_figures() -> list[Observation]:
    """The latest figures approved by a MOST monitor (entered on the web or by file);
    the bundled data, approved by no one, is the portal's starting point, not news."""
    return list(
        Observation.objects.filter(approval=Approval.APPROVED, reviewed_at__isnull=False)
        .select_related("indicator", "indicator__producer_agency", "agency")
        .order_by("-reviewed_at", "-id")[:LIMIT]
    )


def atom(request: HttpRequest) -> str:
    publications = list(
        Publication.objects.select_related(
            "period", "report__agency", "report__period", "document"
        ).order_by("-published_at", "-id")[:LIMIT]
    )
    entries = [_entry(request, p, False) for p in publications]
    entries += [_entry(request, p, True) for p in publications if p.withdrawn_at]
    entries += [_observation_entry(request, o) for o in approved_figures()]
    entries.sort(key=lambda e: e["updated"], reverse=True)
    updated = entries[0]["updated"] if entries else timezone.now()
    self_url = request.build_absolute_uri(reverse("portal:feed"))
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{_xml(_('Lộ trình: cập nhật trên trang công khai'))}</title>",
        f"<id>{_xml(self_url)}</id>",
        f'<link rel="self" href="{_xml(self_url)}"/>',
        f'<link href="{_xml(request.build_absolute_uri(reverse("portal:overview")))}"/>',
        f"<updated>{updated.isoformat()}</updated>",
        f"<author><name>{_xml(_('Bộ Khoa học và Công nghệ'))}</name></author>",
        "<rights>CC BY 4.0</rights>",
    ]
    for e in entries:
        parts += [
            "<entry>",
            f"<id>{_xml(e['id'])}</id>",
            f"<title>{_xml(e['title'])}</title>",
            f'<link href="{_xml(e["link"])}"/>',
            f"<updated>{e['updated'].isoformat()}</updated>",
            f"<summary>{_xml(e['summary'])}</summary>",
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts)
