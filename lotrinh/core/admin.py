"""Admin: every edit made here is an audit event with before/after values.

`AuditedModelAdmin` (or `AuditedAdminMixin` on another admin class) records additions,
changes and deletions, of the object and of its inline rows. `audit_every_admin()`
(called when the app is ready) wraps any admin registered without it, a third-party
app's included, so no model can be edited in the admin without leaving a record.
Audit events themselves are read-only here.

Every write honours the one concurrency model (lotrinh/core/concurrency.py): a change
page, a delete confirmation and the "delete selected" confirmation carry the version
of each object they showed, and refuse, writing nothing, when one changed since. What
may never be deleted here is decided in `permissions.may_delete_in_django_admin`.
"""

import json
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.options import TO_FIELD_VAR, csrf_protect_m
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.forms import BaseModelFormSet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from lotrinh.accounts import permissions as perms
from lotrinh.core import concurrency
from lotrinh.core.audit import record_event
from lotrinh.core.locale import format_number
from lotrinh.core.models import AuditEvent

# Values never copied into the record (a hash is still a secret); the record says only
# that they changed.
SECRET_FIELDS = {"password"}
CHANGED_SECRET = "(đã thay đổi)"
HIDDEN_SECRET = "(ẩn)"


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's stored values as JSON data: concrete fields and many-to-many ids."""
    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        data[field.attname] = getattr(obj, field.attname)
    if obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            data[m2m.name] = sorted(getattr(obj, m2m.name).values_list("pk", flat=True))
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def mask_secrets(before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """Replace secret values by a word: the old one is hidden, the new one "changed"."""
    for name in SECRET_FIELDS:
        if before is not None and name in before:
            before[name] = HIDDEN_SECRET
        if after is not None and name in after:
            after[name] = CHANGED_SECRET if before is not None else HIDDEN_SECRET


def stored_snapshot(obj: models.Model) -> dict[str, Any] | None:
    """The values as they are in the database now (None for a new object)."""
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored) if stored is not None else None


def record_admin_event(
    request: HttpRequest,
    verb: str,
    obj: models.Model,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
) -> None:
    if before is not None and after is not None:
        # A change records the fields that changed, each with its old and new value.
        changed = [key for key in after if before.get(key) != after.get(key)]
        if not changed:
            return
        before = {key: before.get(key) for key in changed}
        after = {key: after[key] for key in changed}
    mask_secrets(before, after)
    record_event(
        request.user,
        f"admin.{obj._meta.model_name}.{verb}",
        obj,
        before=before,
        after=after,
        note="Sửa trong trang quản trị",
    )


class AuditedAdminMixin:
    """Records every addition, change and deletion made through this admin."""

    audited = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The change page carries the version it showed (templates/admin/lotrinh_change_form.html).
        if getattr(self, "change_form_template", None) is None:
            self.__dict__["change_form_template"] = "admin/lotrinh_change_form.html"
        # So do the delete confirmations (one object, and the "delete selected" action).
        if getattr(self, "delete_confirmation_template", None) is None:
            self.__dict__["delete_confirmation_template"] = "admin/lotrinh_delete_confirmation.html"
        if getattr(self, "delete_selected_confirmation_template", None) is None:
            self.__dict__["delete_selected_confirmation_template"] = (
                "admin/lotrinh_delete_selected_confirmation.html"
            )
        # The history names each person by her full name, as the site's pages do.
        if getattr(self, "object_history_template", None) is None:
            self.__dict__["object_history_template"] = "admin/lotrinh_object_history.html"

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        """Never a record whose loss breaks trust (a published programme, a login log):
        no Delete button, no "delete selected" action, a 403 for the address."""
        return super().has_delete_permission(  # type: ignore[misc]
            request, obj
        ) and perms.may_delete_in_django_admin(request.user, self.model, obj)  # type: ignore[attr-defined]

    def render_delete_form(self, request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
        # The version of the object as the confirmation shows it (what will be deleted).
        context[concurrency.SEEN_FIELD] = concurrency.event_version(context["object"])
        return super().render_delete_form(request, context)  # type: ignore[misc]

    @csrf_protect_m
    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        """A confirmation opened before a colleague changed the object deletes nothing: the
        confirmation is shown again, as the object is now, with who changed it and when."""
        if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return super().delete_view(request, object_id, extra_context)  # type: ignore[misc]
        with transaction.atomic(using=router.db_for_write(self.model)):  # type: ignore[attr-defined]
            obj = self._deletable(request, object_id)
            stale = (
                stale_deletions(request, [obj], lambda _obj: concurrency.SEEN_FIELD) if obj else []
            )
            if not stale:
                return super().delete_view(request, object_id, extra_context)  # type: ignore[misc]
        self.message_user(request, deletion_refused(stale), messages.ERROR)  # type: ignore[attr-defined]
        return HttpResponseRedirect(request.get_full_path())

    def _deletable(self, request: HttpRequest, object_id: str) -> models.Model | None:
        """The object a delete names, when Django's view would delete it; None leaves the
        answer to that view (a field it refuses, an object gone, no permission)."""
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if to_field and not self.to_field_allowed(request, to_field):  # type: ignore[attr-defined]
            return None
        obj = self.get_object(request, unquote(object_id), to_field)
        if obj is None or not self.has_delete_permission(request, obj):
            return None
        return obj  # type: ignore[no-any-return]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        # Django's "delete selected", with the confirmation carrying each object's version.
        actions = super().get_actions(request)  # type: ignore[misc]
        for key, (func, name, description) in list(actions.items()):
            if key == "delete_selected":
                actions[key] = (delete_selected_versioned, name, description)
            else:
                # A third-party app's own action (django-axes' "Clean up expired attempts")
                # writes by itself: what it did is recorded, as every admin edit is.
                actions[key] = (recorded_action(func, name, description), name, description)
        return actions  # type: ignore[no-any-return]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        # The version is carried by the template, not laid out among the fields.
        fields = super().get_fields(request, obj)  # type: ignore[misc]
        return [name for name in fields if name != concurrency.SEEN_FIELD]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        """A change page carries the object's version (its latest audit event, which every
        edit records): saved after a colleague's change, it writes nothing and says who
        changed it and when, with what was typed kept (lotrinh/core/concurrency.py)."""
        form = super().get_form(request, obj, change=change, **kwargs)  # type: ignore[misc]
        if obj is None:
            return form
        return type(
            form.__name__,
            (form,),
            {
                concurrency.SEEN_FIELD: forms.CharField(required=False, widget=forms.HiddenInput),
                "__init__": _seen_init,
                "clean": _seen_clean,
            },
        )

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        """A date is typed dd/mm/yyyy here as on every page (core/dates.py); the admin's
        calendar writes it so (settings.FORMAT_MODULE_PATH)."""
        if (
            isinstance(db_field, models.DateField)
            and not isinstance(db_field, models.DateTimeField)
            and not db_field.choices
        ):
            from lotrinh.core.dates import AdminDayInput, DayField

            kwargs.pop("widget", None)
            return db_field.formfield(form_class=DayField, widget=AdminDayInput, **kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        obj = super().get_object(request, object_id, from_field)  # type: ignore[misc]
        if obj is not None:
            # The form edits this very instance; keep its stored values to compare with.
            befores = request.__dict__.setdefault("_audit_before", {})
            befores[(type(obj), str(obj.pk))] = snapshot(obj)
        return obj

    def _before(self, request: HttpRequest, obj: models.Model) -> dict[str, Any] | None:
        befores = request.__dict__.get("_audit_before", {})
        return befores.get((type(obj), str(obj.pk))) or stored_snapshot(obj)

    def log_addition(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        record_admin_event(request, "added", obj, None, snapshot(obj))
        return super().log_addition(request, obj, message)  # type: ignore[misc]

    def log_change(self, request: HttpRequest, obj: Any, message: Any) -> Any:
        after = stored_snapshot(obj) or snapshot(obj)
        record_admin_event(request, "changed", obj, self._before(request, obj), after)
        return super().log_change(request, obj, message)  # type: ignore[misc]

    def log_deletions(self, request: HttpRequest, queryset: Any) -> Any:
        # Called before the objects are deleted (the single page and the bulk action).
        for obj in queryset:
            record_admin_event(request, "deleted", obj, snapshot(obj), None)
        return super().log_deletions(request, queryset)  # type: ignore[misc]

    def get_formsets_with_inlines(self, request: HttpRequest, obj: Any = None) -> Any:
        # Inline rows are part of the page's object: a change of them is checked against
        # the version the page showed, as a change of the object is.
        for formset, inline in super().get_formsets_with_inlines(request, obj):  # type: ignore[misc]
            yield type(formset.__name__, (formset,), {"clean": _rows_seen_clean}), inline

    def render_change_form(
        self, request: HttpRequest, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        form = context["adminform"].form
        if getattr(form.instance, STALE_ROWS, False):
            # Refused for its rows: sent again from this page, the save is deliberate.
            form.data = form.data.copy()
            form.data[form.add_prefix(concurrency.SEEN_FIELD)] = form.initial[
                concurrency.SEEN_FIELD
            ]
        return super().render_change_form(request, context, *args, **kwargs)  # type: ignore[misc]

    def save_formset(
        self, request: HttpRequest, form: Any, formset: BaseModelFormSet, change: bool
    ) -> None:
        """Inline rows: each one added, changed or deleted is its own event, and the
        object they belong to records the rows before and after (so its version moves:
        a page opened before is refused)."""
        rows_before = inline_rows(formset)
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            record_admin_event(request, "deleted", obj, stored_snapshot(obj), None)
            obj.delete()
        befores = [stored_snapshot(obj) for obj in instances]
        for obj in instances:
            obj.save()
        formset.save_m2m()
        for obj, before in zip(instances, befores, strict=True):
            record_admin_event(
                request, "changed" if before else "added", obj, before, snapshot(obj)
            )
        inline: Any = formset
        record_admin_event(
            request,
            ROWS_CHANGED,
            inline.instance,
            {inline.model._meta.label_lower: rows_before},
            {inline.model._meta.label_lower: inline_rows(formset)},
        )


# The verb of the event on an object whose inline rows changed (its `before`/`after`
# hold the rows under the rows' model label, core/history.py names them).
ROWS_CHANGED = "rows_changed"
# Set on the page's object when its rows were refused as stale (render_change_form).
STALE_ROWS = "_lotrinh_stale_rows"
# Set on it when the object's own form was refused (its rows then say nothing more).
STALE_OBJECT = "_lotrinh_stale_object"


def inline_rows(formset: Any) -> list[dict[str, Any]]:
    """The stored rows of an inline formset's model for its object, as JSON data."""
    parent = formset.instance
    if parent.pk is None:
        return []
    rows = formset.model._default_manager.filter(**{formset.fk.name: parent})
    return [snapshot(row) for row in rows.order_by("pk")]


def _rows_seen_clean(self: Any) -> None:
    """Refuse inline rows added, changed or deleted on a page opened before the object
    (or its rows) changed: the object's version, which the page carries, has moved."""
    super(type(self), self).clean()
    parent = self.instance
    if parent.pk is None or not self.has_changed() or getattr(parent, STALE_OBJECT, False):
        return
    # Locked until the admin's transaction ends, as the object's own form locks it.
    locked = type(parent)._default_manager.select_for_update().filter(pk=parent.pk)
    if not locked.exists():
        return
    try:
        concurrency.check_event_version(
            parent, concurrency.shown_version(self.data.get(concurrency.SEEN_FIELD))
        )
    except concurrency.StaleEdit as exc:
        setattr(parent, STALE_ROWS, True)
        raise forms.ValidationError(str(exc)) from exc


def seen_field_of(obj: models.Model) -> str:
    """The posted field carrying one object's version on the "delete selected" page."""
    return f"{concurrency.SEEN_FIELD}_{obj.pk}"


def stale_deletions(request: HttpRequest, objects: list[models.Model], field_of: Any) -> list[str]:
    """Lock the rows of `objects` (until the transaction ends: the delete that follows
    sees them as checked) and say, for each one changed since the confirmation showed
    it (or one the form gave no version for), who changed it and when."""
    model = type(objects[0])
    locked = model._default_manager.select_for_update().filter(pk__in=[o.pk for o in objects])
    changed = []
    for obj in locked.order_by("pk"):
        event = concurrency.last_event(obj)
        shown = concurrency.shown_version(request.POST.get(field_of(obj)))
        if shown is None or shown != (event.pk if event is not None else 0):
            changed.append(concurrency.changed_since(obj, event))
    return changed


def deletion_refused(changed: list[str]) -> str:
    return " ".join(
        [
            *changed,
            _(
                "Chưa xoá gì. Trang xác nhận dưới đây cho thấy những gì sẽ bị xoá như hiện nay; "
                "nếu vẫn muốn xoá, hãy xác nhận lại."
            ),
        ]
    )


def delete_selected_versioned(
    modeladmin: Any, request: HttpRequest, queryset: models.QuerySet[Any]
) -> HttpResponse | None:
    """Django's "delete selected" action, whose confirmation carries the version of each
    object it lists: when one changed since, nothing is deleted and the confirmation is
    shown again, as the objects are now, naming who changed which and when."""
    with transaction.atomic(using=router.db_for_write(modeladmin.model)):
        objects = list(queryset)
        if request.POST.get("post") and objects:
            stale = stale_deletions(request, objects, seen_field_of)
            if not stale:
                return _delete_confirmed(modeladmin, request, queryset)
            modeladmin.message_user(request, deletion_refused(stale), messages.ERROR)
            # Without "post", Django's action shows its confirmation instead of deleting.
            posted = request.POST.copy()
            posted.pop("post")
            request.POST = posted  # type: ignore[assignment]
        response = delete_selected(modeladmin, request, queryset)
    context = getattr(response, "context_data", None)
    if context is not None:
        context["seen_events"] = [
            (seen_field_of(obj), concurrency.event_version(obj)) for obj in queryset
        ]
    return response  # type: ignore[no-any-return]


def _delete_confirmed(
    modeladmin: Any, request: HttpRequest, queryset: models.QuerySet[Any]
) -> HttpResponse | None:
    """Django's "delete selected" once confirmed, saying what it deleted in the site's words
    (Django's Vietnamese wrote "Đã xóa thành công 2 đơn vị ." with a space before the stop)."""
    _deletable, _counts, perms_needed, protected = modeladmin.get_deleted_objects(queryset, request)
    if protected or perms_needed:
        # Django's own answer: the confirmation naming what blocks it, or a 403.
        return delete_selected(modeladmin, request, queryset)  # type: ignore[no-any-return]
    count = len(queryset)
    if count:
        modeladmin.log_deletions(request, queryset)
        modeladmin.delete_queryset(request, queryset)
        modeladmin.message_user(
            request,
            # The noun is the model's, singular or plural already (Django's `model_ngettext`).
            _("Đã xoá %(count)s %(items)s.")
            % {"count": format_number(count, 0), "items": model_ngettext(modeladmin.opts, count)},
            messages.SUCCESS,
        )
    return None


def _in_vietnamese(text: Any) -> str:
    # The record keeps its words in Vietnamese whatever the page's language, as it keeps
    # object names (core/audit.py).
    from django.utils.translation import override

    with override("vi"):
        return str(text)


def recorded_action(func: Any, name: str, description: Any) -> Any:
    """An admin action run with a record: one event on the model's table saying which
    action ran, on how many selected rows, and how many rows the table had before and
    after (an action does not say what it wrote; the count shows a deletion)."""

    def run(modeladmin: Any, request: HttpRequest, queryset: models.QuerySet[Any]) -> Any:
        from django.contrib.contenttypes.models import ContentType

        model = modeladmin.model
        with transaction.atomic(using=router.db_for_write(model)):
            selected = [str(pk) for pk in queryset.values_list("pk", flat=True)]
            rows_before = model._default_manager.count()
            response = func(modeladmin, request, queryset)
            rows_after = model._default_manager.count()
            record_event(
                request.user,
                f"admin.{model._meta.model_name}.action",
                ContentType.objects.get_for_model(model),
                before={"rows": rows_before},
                after={"action": name, "selected": selected, "rows": rows_after},
                note=_in_vietnamese(description),
            )
        return response

    return run


def _seen_init(self: Any, *args: Any, **kwargs: Any) -> None:
    super(type(self), self).__init__(*args, **kwargs)
    # The version of the object as this form shows it: the page's hidden field, and, on a
    # refusal, the page shown again with the current one (a second save is deliberate).
    self.initial[concurrency.SEEN_FIELD] = str(concurrency.event_version(self.instance))


def _seen_clean(self: Any) -> Any:
    data = super(type(self), self).clean()
    # Locked until the admin's transaction ends: two saves at once check one after the other.
    locked = type(self.instance)._default_manager.select_for_update().filter(pk=self.instance.pk)
    if not locked.exists():
        return data
    changes = [name for name in self.changed_data if name != concurrency.SEEN_FIELD]
    if not changes:
        return data  # the same form sent twice: nothing to overwrite
    shown = concurrency.shown_version(self.data.get(self.add_prefix(concurrency.SEEN_FIELD)))
    try:
        concurrency.check_event_version(self.instance, shown)
    except concurrency.StaleEdit as exc:
        self.add_error(None, str(exc))
        setattr(self.instance, STALE_OBJECT, True)
        # Sent again from the page shown now, the save is the person's decision.
        self.data = self.data.copy()
        self.data[self.add_prefix(concurrency.SEEN_FIELD)] = self.initial[concurrency.SEEN_FIELD]
    return data


class AuditedModelAdmin(AuditedAdminMixin, admin.ModelAdmin):
    """The base of every admin in the project."""


def audit_every_admin(site: admin.AdminSite) -> None:
    """Wrap each registered admin that does not record its edits (third-party apps')."""
    for model, model_admin in list(site._registry.items()):
        if model is AuditEvent or getattr(model_admin, "audited", False):
            continue
        base = type(model_admin)
        audited = type(f"Audited{base.__name__}", (AuditedAdminMixin, base), {})
        site.unregister(model)
        site.register(model, audited)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The record can be read here, never added to, changed or deleted."""

    list_display = ("occurred_at", "action", "object_repr", "actor", "request_id")
    list_filter = ("action",)
    search_fields = ("object_repr", "note", "action")
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
