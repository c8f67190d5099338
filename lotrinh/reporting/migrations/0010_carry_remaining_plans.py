"""The last of the old implementation plans moves into child programmes (docs/cascade.md,
"Migration of the old plans"), before their tables go (0011).

`0007_plans_into_child_programmes` copied every plan with actions as it stood then. This
migration carries what it did not: plans changed after it ran (a number and date given,
a note, actions added or edited: the child programme 0007 made is found by its mark,
issuer and parent, and brought up to date), plans issued without actions (a published
child programme with its number and date and no tasks: "recorded"), and plans made after
it. Running it again changes nothing."""

import re
import unicodedata

from django.db import migrations

MARK = "Chuyển từ kế hoạch thực hiện (dữ liệu trước phân cấp)"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")[:80] or "ke-hoach"


class Carrier:
    def __init__(self, apps):
        self.Programme = apps.get_model("programmes", "Programme")
        self.TaskGroup = apps.get_model("programmes", "TaskGroup")
        self.Clause = apps.get_model("programmes", "Clause")
        self.Task = apps.get_model("programmes", "Task")
        self.TaskLink = apps.get_model("programmes", "TaskLink")
        self.UnitAssignment = apps.get_model("programmes", "UnitAssignment")
        self.Unit = apps.get_model("agencies", "Unit")

    def version_for(self, code, exclude=None):
        taken = self.Programme.objects.filter(code=code).exclude(pk=exclude)
        return (max(taken.values_list("version", flat=True), default=0) or 0) + 1

    def new_child(self, plan, *, issued, origin):
        agency, parent = plan.agency, plan.programme
        code = (plan.document_number if issued else f"KH-{agency.code}")[:60]
        return self.Programme.objects.create(
            code=code,
            slug=_slug(code),
            version=self.version_for(code),
            kind="plan",
            title=f"Kế hoạch thực hiện {parent.code} của {agency.name_vi}",
            issuer=agency,
            issuer_text=agency.name_vi,
            issue_date=plan.document_date or parent.issue_date,
            implements=parent,
            implements_code=parent.code,
            status="published" if issued else "draft",
            origin=origin,
            source=MARK,
            note=plan.note,
        )

    def sync_header(self, child, plan, *, issued):
        changed = []
        if issued and (child.code, child.issue_date) != (plan.document_number[:60], plan.document_date):
            if child.code != plan.document_number[:60]:
                child.code = plan.document_number[:60]
                child.slug = _slug(child.code)
                child.version = self.version_for(child.code, exclude=child.pk)
                changed += ["code", "slug", "version"]
            child.issue_date = plan.document_date
            changed.append("issue_date")
        if issued and child.status == "draft":
            child.status = "published"
            changed.append("status")
        if child.note != plan.note:
            child.note = plan.note
            changed.append("note")
        if changed:
            child.save(update_fields=changed)

    def sync_actions(self, child, actions):
        from lotrinh.core.text import normalise_name

        group = self.TaskGroup.objects.filter(programme=child).order_by("position").first()
        if group is None:
            group = self.TaskGroup.objects.create(
                programme=child, ref="KH", title="Hành động", position=0
            )
        root = self.Clause.objects.filter(programme=child, ref="KH").first()
        if root is None:
            root = self.Clause.objects.create(
                programme=child, ref="KH", anchor="KH", kind="section", text=child.title, position=0
            )
        agency = child.issuer
        for position, action in enumerate(actions, start=1):
            ref = str(position)
            fields = {
                "text": action.text,
                "deadline": action.deadline,
                "output": action.expected_output[:500],
                "note": f"Tiến độ đã báo: {action.progress}%",
                "search_text": _fold(f"{ref} {action.text} {action.expected_output}"),
            }
            task = self.Task.objects.filter(programme=child, ref=ref).first()
            if task is None:
                clause = self.Clause.objects.create(
                    programme=child,
                    ref=ref,
                    anchor=ref,
                    kind="item",
                    text=action.text,
                    parent=root,
                    position=position,
                    depth=1,
                )
                task = self.Task.objects.create(
                    programme=child, group=group, clause=clause, ref=ref, position=position, **fields
                )
            elif any(getattr(task, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(task, k, v)
                task.save(update_fields=list(fields))
                self.Clause.objects.filter(pk=task.clause_id).update(text=action.text)
            for national in action.tasks.all():
                self.TaskLink.objects.get_or_create(
                    task=task,
                    parent_task=national,
                    defaults={"method": "manual", "score": 1.0, "confirmed": True},
                )
            name = " ".join(action.owner_unit.split())
            if name:
                key = normalise_name(name)
                unit = self.Unit.objects.filter(agency=agency, normalised=key).first()
                if unit is None:
                    base = code = re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")[:110] or "don-vi"
                    n = 2
                    while self.Unit.objects.filter(agency=agency, code=code).exists():
                        code, n = f"{base}-{n}", n + 1
                    unit = self.Unit.objects.create(
                        agency=agency,
                        code=code,
                        name_vi=name[:255],
                        kind="other",
                        proposed=True,
                        normalised=key,
                        source=MARK,
                    )
                self.UnitAssignment.objects.get_or_create(
                    task=task, unit=unit, role="lead", defaults={"name_as_written": name[:255]}
                )

    def carry(self, plan):
        actions = list(plan.actions.order_by("id").prefetch_related("tasks"))
        issued = bool(plan.document_number.strip() and plan.document_date)
        children = self.Programme.objects.filter(
            issuer=plan.agency, implements__code=plan.programme.code
        ).exclude(status="superseded")
        child = children.filter(source=MARK).order_by("-version", "-pk").first()
        if child is None and issued:
            # The agency imported or recorded the same plan on the cascade's pages: its
            # number and date are there; actions, if any, go to a draft beside it (never
            # mixed into the agency's own tasks).
            if children.filter(code=plan.document_number[:60]).exists():
                if actions:
                    child = self.new_child(plan, issued=False, origin="import")
                    self.sync_actions(child, actions)
                return
        if child is None:
            if not actions and not issued and not plan.note.strip():
                return  # an empty row (made by the old page's first save): nothing to carry
            child = self.new_child(plan, issued=issued, origin="import" if actions else "record")
        else:
            self.sync_header(child, plan, issued=issued)
        if actions:
            self.sync_actions(child, actions)


def forwards(apps, schema_editor):
    ImplementationPlan = apps.get_model("reporting", "ImplementationPlan")
    carrier = Carrier(apps)
    for plan in ImplementationPlan.objects.select_related("agency", "programme").order_by("pk"):
        carrier.carry(plan)


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0009_unit_reminders"),
        ("programmes", "0006_unit_addressees_recorded_plans"),
        ("agencies", "0003_units_and_succession"),
    ]

    # Backwards: the child programmes stay (0007's backwards removes those it made).
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
