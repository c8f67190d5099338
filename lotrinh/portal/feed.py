"""The Atom feed of the portal's updates: each publication, and each withdrawal."""

from typing import Any
from xml.sax.saxutils import escape

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from lotrinh.core.text import xml_safe
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
        return _("Báo cáo của %(agency)s, %(period)s") % {
            "agency": publication.report.agency.name_vi,
            "period": publication.report.period.title,
        }
    period = publication.period.title if publication.period else ""
    return _("Số liệu kỳ báo cáo %(period)s") % {"period": period}


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


def atom(request: HttpRequest) -> str:
    publications = list(
        Publication.objects.select_related(
            "period", "report__agency", "report__period", "document"
        ).order_by("-published_at", "-id")[:LIMIT]
    )
    entries = [_entry(request, p, False) for p in publications]
    entries += [_entry(request, p, True) for p in publications if p.withdrawn_at]
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
