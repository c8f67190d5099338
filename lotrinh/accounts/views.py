"""Account pages: password reset and change, invitations, an agency's people.

Thin: who may do what is permissions.py's, the changes are services.py's.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, cast
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import password_validators_help_texts
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from lotrinh.accounts import forms, services
from lotrinh.accounts import permissions as perms
from lotrinh.accounts.models import Role, User, system_accounts
from lotrinh.agencies.models import Agency
from lotrinh.core.concurrency import Write, writes
from lotrinh.core.locale import name_order
from lotrinh.core.text import fold

View = Callable[..., HttpResponse]


def capability_required(capability: str) -> Callable[[View], View]:
    """Signed in, and holding `capability` (403 otherwise)."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not perms.has_capability(request.user, capability):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _user(request: HttpRequest) -> User:
    return cast(User, request.user)


def _agency_code(request: HttpRequest) -> str:
    """`?agency=<code>` (or the posted field), "" when absent; a value no code can be (a
    NUL character, which PostgreSQL refuses in a query) names no agency: 404."""
    code = (request.GET.get("agency") or request.POST.get("agency") or "").strip()
    if "\x00" in code:
        raise Http404
    return code


def _agency_from_query(request: HttpRequest) -> Agency | None:
    """The agency the page is about: `?agency=<code>` for a system administrator (404 for
    an agency the user does not manage), the own agency for an agency administrator."""
    user = _user(request)
    code = _agency_code(request)
    if code:
        agency = get_object_or_404(Agency, code=code)
        if not perms.manages_agency(user, agency.pk):
            raise Http404
        return agency
    if not perms.is_system_admin(user) and user.agency_id is not None:
        return user.agency
    return None


# ---------------------------------------------------------------- an agency's people


USERS_PER_PAGE = 25


def _people_search(people: Any, q: str, role: str) -> Any:
    """The accounts whose name, username, e-mail or position, unit or agency holds `q`
    (diacritics and case ignored, `core.text.fold`), of the role `role` (any when "", or
    a value that is no role). A phrase, as the task search: word by word, "bo y te" found
    every MOST account ("y" in "Ministry", "te" in "Technology")."""
    phrase = fold(q)
    if phrase:
        people = people.filter(
            Q(search_text__contains=phrase)
            | Q(unit__normalised__contains=phrase)
            | Q(agency__search_text__contains=phrase)
        )
    if role in Role.values:
        people = people.filter(role=role)
    return people


@capability_required(perms.MANAGE_USERS)
@require_safe
def user_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    agency = _agency_from_query(request)
    q = (request.GET.get("q") or "").strip()[:100]
    role = request.GET.get("role", "")
    # System accounts behind API tokens are listed on the tokens page, not as people.
    people = (
        User.objects.exclude(pk__in=system_accounts())
        .select_related("agency", "unit")
        .order_by(name_order("agency__"), "agency_id", "full_name_sort", "pk")
    )
    if agency is not None:
        people = people.filter(agency=agency)
    elif perms.is_system_admin(user):
        people = people.filter(agency__isnull=False)
    else:
        people = people.none()
    people = _people_search(people, q, role)
    page = Paginator(people, USERS_PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    manageable = set(
        perms.manageable_users(user, User.objects.filter(pk__in=[p.pk for p in shown])).values_list(
            "pk", flat=True
        )
    )
    rows = [(person, person.pk in manageable) for person in shown]
    agencies = (
        Agency.objects.filter(Q(users__isnull=False) | Q(pk=getattr(agency, "pk", None)))
        .distinct()
        .order_by(name_order(), "pk")
        if perms.is_system_admin(user)
        else Agency.objects.none()
    )
    return render(
        request,
        "accounts/user_list.html",
        {
            "agency": agency,
            "rows": rows,
            "page": page,
            "q": q,
            "role": role if role in Role.values else "",
            "roles": Role.choices
            if perms.is_system_admin(user)
            else [(r, Role(r).label) for r in perms.assignable_roles(user)],
            "agencies": agencies,
            "is_system_admin": perms.is_system_admin(user),
        },
    )


def _invite_agency(request: HttpRequest) -> Agency | None:
    """The agency of an invitation: as for the other pages, or, for a MOST monitor, the
    agency named in `?agency=` when nobody uses it yet (404 otherwise)."""
    user = _user(request)
    if perms.has_capability(user, perms.MANAGE_USERS):
        return _agency_from_query(request)
    code = _agency_code(request)
    agency = get_object_or_404(Agency, code=code) if code else None
    if agency is None or not perms.may_invite_to(user, agency):
        raise Http404
    return agency


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@writes(Write.CREATE)
def invite(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not (
        perms.has_capability(user, perms.MANAGE_USERS)
        or perms.has_capability(user, perms.INVITE_FIRST_USER)
    ):
        raise PermissionDenied
    agency = _invite_agency(request)
    roles = perms.invitable_roles(user, agency) if agency else perms.assignable_roles(user)
    initial_role = Role.REPORTER if Role.REPORTER in roles else roles[0]
    form = forms.InviteForm(request.POST or None, roles=roles, initial={"role": initial_role})
    agency_error = ""
    if request.method == "POST":
        valid = form.is_valid()  # every field's message at once, the agency's too
        if agency is None:
            agency_error = _("Cần chọn cơ quan.")
        elif valid:
            try:
                invited = services.invite_user(
                    user,
                    agency,
                    email=form.cleaned_data["email"],
                    full_name=form.cleaned_data["full_name"],
                    position=form.cleaned_data["position"],
                    role=form.cleaned_data["role"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            except services.AccountError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("Đã gửi lời mời tới %(email)s. Liên kết có hiệu lực %(days)d ngày.")
                    % {"email": invited.email, "days": settings.LOTRINH_INVITATION_DAYS},
                )
                if not perms.has_capability(user, perms.MANAGE_USERS):
                    return redirect("reporting:compliance")  # a MOST monitor's first invitation
                return redirect(_users_url(user, agency))
    agencies = (
        Agency.objects.order_by(name_order(), "pk")
        if perms.is_system_admin(user)
        else Agency.objects.none()
    )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/invite.html",
        {
            "form": form,
            "agency": agency,
            "agencies": agencies,
            "agency_error": agency_error,
            "is_system_admin": perms.is_system_admin(user),
            # A MOST monitor inviting an agency's first person lists nobody's accounts:
            # the trail leads back to the compliance page it came from.
            "may_list_people": perms.has_capability(user, perms.MANAGE_USERS),
            "days": settings.LOTRINH_INVITATION_DAYS,
        },
        status=status,
    )


def _users_url(user: User, agency: Agency | None) -> str:
    url = reverse("accounts:users")
    if agency is not None and perms.is_system_admin(user):
        url += "?" + urlencode({"agency": agency.code})
    return url


USER_ACTIONS = {
    "role": services.change_role,
    "deactivate": services.deactivate_user,
    "reactivate": services.reactivate_user,
    "resend": services.resend_invitation,
}
DONE = {
    "role": gettext_lazy("Đã đổi vai trò."),
    "deactivate": gettext_lazy("Đã khoá tài khoản: người này không đăng nhập được nữa."),
    "reactivate": gettext_lazy("Đã mở lại tài khoản."),
    "resend": gettext_lazy("Đã gửi lại lời mời."),
}
REACTIVATED_PENDING = gettext_lazy(
    "Đã mở lại tài khoản. Liên kết mời đã gửi trước đây không còn dùng được: hãy bấm "
    "“Gửi lại lời mời” để người này nhận liên kết mới."
)


@capability_required(perms.MANAGE_USERS)
@require_http_methods(["GET", "HEAD", "POST"])
@writes(Write.STEP, Write.EDIT, version="version")
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _user(request)
    person = get_object_or_404(perms.manageable_users(actor).select_related("agency"), pk=pk)
    error = ""
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        try:
            if action not in USER_ACTIONS:
                raise services.AccountError(_("Thao tác không hợp lệ."))
            if action == "role":
                services.change_role(actor, person, request.POST.get("role", ""), version)
            else:
                USER_ACTIONS[action](actor, person, version)  # type: ignore[operator]
        except services.AccountConflict as exc:
            error, status = str(exc), 409
        except services.AccountError as exc:
            error, status = str(exc), 400
        else:
            done = DONE[action]
            if action == "reactivate" and not person.has_usable_password():
                # The deactivation killed the invitation's link for good (services.py).
                done = REACTIVATED_PENDING
            messages.success(request, done)
            return redirect("accounts:user", pk=person.pk)
        person.refresh_from_db()
    roles = [(r, Role(r).label) for r in perms.assignable_roles(actor)]
    return render(
        request,
        "accounts/user_detail.html",
        {
            "person": person,
            "roles": roles,
            "error": error,
            "pending": not person.has_usable_password(),
            "is_self": person.pk == actor.pk,
            "back": _users_url(actor, person.agency),
        },
        status=status,
    )


# ---------------------------------------------------------------- passwords


class PasswordResetView(auth_views.PasswordResetView):
    """Same answer whether or not the address has an account (nothing is revealed)."""

    template_name = "accounts/password_reset_form.html"
    form_class = forms.PasswordResetForm  # queues the e-mail (lotrinh/accounts/mail.py)
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_set.html"
    form_class = forms.SetPasswordForm
    token_generator = services.reset_tokens
    success_url = reverse_lazy("accounts:password_reset_complete")
    audit_action = "account.password_reset"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_set(form.user, self.audit_action)
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["invitation"] = False
        context["password_rules"] = password_validators_help_texts()
        return context


class InvitationView(PasswordResetConfirmView):
    """The invited person sets a first password, then signs in."""

    token_generator = services.invitation_tokens
    reset_url_token = "dat-mat-khau"
    audit_action = "account.invitation_accepted"

    def form_valid(self, form: Any) -> HttpResponse:
        super().form_valid(form)
        messages.success(
            self.request,
            _("Đã đặt mật khẩu. Mời bạn đăng nhập với tên đăng nhập %(username)s.")
            % {"username": form.user.get_username()},
        )
        login = reverse("accounts:login") + "?" + urlencode({"next": services.home_url(form.user)})
        return HttpResponseRedirect(login)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["invitation"] = True
        return context


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_password_set(form.user, "account.password_changed")
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["password_rules"] = password_validators_help_texts()
        return context


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "accounts/password_change_done.html"
