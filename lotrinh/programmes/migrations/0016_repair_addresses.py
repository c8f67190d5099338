"""Programmes stored before `loader.new_programme_slug` folded every character a page's
address refuses ("15/QĐ-TTg (minh hoạ)" was stored at "15-qd-ttg-(minh-hoa)"): no link
to them could be made, and the home page failed while one was listed. Each such address
becomes the one a new number gets (each run of other characters one "-"), the same for
every version of it (a later version already stored at the new address is joined); one
another programme holds gets "-2", "-3". Addresses that worked are not touched."""

import re
import unicodedata

from django.db import migrations

GOOD = re.compile(r"^[-a-z0-9_]+$")


def _repaired(slug: str) -> str:
    # As `core.text.fold` and `new_programme_slug`, written out: a migration keeps the rule
    # it was written with.
    text = unicodedata.normalize("NFD", slug.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^a-z0-9_]+", "-", text).strip("-")[:80].strip("-") or "chuong-trinh"


def repair_addresses(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    # Who is at each address: a number and its issuer (two provinces' plans of one number
    # have two addresses; a number's versions share one).
    holders: dict[str, set[tuple[str, int | None]]] = {}
    for slug, code, issuer in Programme.objects.values_list("slug", "code", "issuer_id"):
        holders.setdefault(slug, set()).add((code, issuer))
    for broken in sorted(slug for slug in holders if not GOOD.match(slug)):
        own = holders.pop(broken)
        base = slug = _repaired(broken)
        suffix = 1
        while slug in holders and not holders[slug] <= own:
            suffix += 1
            slug = f"{base[: 79 - len(str(suffix))]}-{suffix}"
        holders.setdefault(slug, set()).update(own)
        Programme.objects.filter(slug=broken).update(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0015_field_names")]

    operations = [migrations.RunPython(repair_addresses, migrations.RunPython.noop)]
