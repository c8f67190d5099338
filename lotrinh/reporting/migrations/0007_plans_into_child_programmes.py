"""The implementation plans' actions move into the cascade's shape (docs/cascade.md): each
agency's plan with actions becomes a child programme of the programme it implements,
issued by the agency (published when the plan was issued, draft otherwise); each action a
task of it, linked (confirmed) to the national tasks it carried out; its "owner unit"
text a unit of the agency (marked proposed, for the agency's administrator to confirm)
assigned as lead. The old tables stay readable until the plan page moves over."""

import re
import unicodedata

from django.db import migrations

MARK = "Chuyển từ kế hoạch thực hiện (dữ liệu trước phân cấp)"


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _fold(text)).strip("-")[:110] or "don-vi"


def forwards(apps, schema_editor):
    from lotrinh.core.text import normalise_name

    ImplementationPlan = apps.get_model("reporting", "ImplementationPlan")
    Programme = apps.get_model("programmes", "Programme")
    TaskGroup = apps.get_model("programmes", "TaskGroup")
    Clause = apps.get_model("programmes", "Clause")
    Task = apps.get_model("programmes", "Task")
    TaskLink = apps.get_model("programmes", "TaskLink")
    UnitAssignment = apps.get_model("programmes", "UnitAssignment")
    Unit = apps.get_model("agencies", "Unit")
    for plan in ImplementationPlan.objects.select_related("agency", "programme"):
        actions = list(plan.actions.order_by("id"))
        if not actions:
            continue
        agency, parent = plan.agency, plan.programme
        code = (plan.document_number or f"KH-{agency.code}")[:60]
        version = (
            Programme.objects.filter(code=code).order_by("-version").values_list(
                "version", flat=True
            ).first()
            or 0
        ) + 1
        issued = bool(plan.document_number and plan.document_date)
        child = Programme.objects.create(
            code=code,
            slug=_slug(code)[:80],
            version=version,
            kind="plan",
            title=f"Kế hoạch thực hiện {parent.code} của {agency.name_vi}",
            issuer=agency,
            issuer_text=agency.name_vi,
            issue_date=plan.document_date or parent.issue_date,
            implements=parent,
            implements_code=parent.code,
            status="published" if issued else "draft",
            origin="import",
            source=MARK,
            note=plan.note,
        )
        group = TaskGroup.objects.create(programme=child, ref="KH", title="Hành động", position=0)
        root = Clause.objects.create(
            programme=child, ref="KH", anchor="KH", kind="section", text=child.title, position=0
        )
        for position, action in enumerate(actions, start=1):
            ref = str(position)
            clause = Clause.objects.create(
                programme=child,
                ref=ref,
                anchor=ref,
                kind="item",
                text=action.text,
                parent=root,
                position=position,
                depth=1,
            )
            task = Task.objects.create(
                programme=child,
                group=group,
                clause=clause,
                ref=ref,
                text=action.text,
                deadline=action.deadline,
                output=action.expected_output[:500],
                note=f"Tiến độ đã báo: {action.progress}%",
                position=position,
                search_text=_fold(f"{ref} {action.text} {action.expected_output}"),
            )
            for national in action.tasks.all():
                TaskLink.objects.get_or_create(
                    task=task,
                    parent_task=national,
                    defaults={"method": "manual", "score": 1.0, "confirmed": True},
                )
            name = " ".join(action.owner_unit.split())
            if name:
                key = normalise_name(name)
                unit = Unit.objects.filter(agency=agency, normalised=key).first()
                if unit is None:
                    unit_code, n = _slug(name), 2
                    base = unit_code
                    while Unit.objects.filter(agency=agency, code=unit_code).exists():
                        unit_code, n = f"{base}-{n}", n + 1
                    unit = Unit.objects.create(
                        agency=agency,
                        code=unit_code,
                        name_vi=name[:255],
                        kind="other",
                        proposed=True,
                        normalised=key,
                        source=MARK,
                    )
                UnitAssignment.objects.get_or_create(
                    task=task, unit=unit, role="lead", defaults={"name_as_written": name[:255]}
                )


def backwards(apps, schema_editor):
    Programme = apps.get_model("programmes", "Programme")
    UnitAssignment = apps.get_model("programmes", "UnitAssignment")
    TaskLink = apps.get_model("programmes", "TaskLink")
    Unit = apps.get_model("agencies", "Unit")
    children = Programme.objects.filter(source=MARK)
    UnitAssignment.objects.filter(task__programme__in=children).delete()
    TaskLink.objects.filter(task__programme__in=children).delete()
    for child in children:
        child.tasks.all().delete()
        child.clauses.all().delete()
        child.delete()
    Unit.objects.filter(source=MARK, assignments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0006_unit_reports"),
        ("programmes", "0005_task_links_unit_assignments"),
        ("agencies", "0003_units_and_succession"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
