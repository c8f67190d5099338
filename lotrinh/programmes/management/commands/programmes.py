import json

from django.core.management.base import BaseCommand, CommandParser

from lotrinh.programmes.models import Programme


class Command(BaseCommand):
    help = "List every programme (national and agencies' plans): code, lineage, issuer, parent, version."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: object, **options: object) -> None:
        rows = [
            {
                "code": p.code,
                "version": p.version,
                "status": p.status,
                "kind": p.kind,
                # "national" or "agency_plan" (`Programme.lineage`): a national
                # programme may be a "Kế hoạch" with an issuer and a parent too.
                "lineage": p.lineage,
                "title": p.title,
                "issuer": p.issuer.name_vi if p.issuer else (p.issuer_text or None),
                # What `lotrinh export CODE --issuer …` takes when plans share a number.
                "issuer_code": p.issuer.code if p.issuer else None,
                "parent": p.implements.code if p.implements else (p.implements_code or None),
            }
            for p in Programme.objects.select_related("issuer", "implements").order_by(
                "issue_date", "code", "version"
            )
        ]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(
                f"{row['code']} v{row['version']} [{row['status']}, {row['lineage']}]"
                f" {row['issuer'] or '—'}"
                f" ← {row['parent'] or '—'}"
            )
