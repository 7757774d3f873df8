"""Login, logout, the admin's user page and the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from docgen.web.accounts import audit, users
from docgen.web.accounts.forms import LoginForm, UserForm
from docgen.web.accounts.models import AuditEntry


class LoginView(auth_views.LoginView):
    """Django's login view with the lock-out aware form; logins are audited."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        audit.record(form.get_user(), "login")
        return response


login_view = login_not_required(LoginView.as_view())


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Log out (a POST with the CSRF token, so no other site can log a user out)."""
    from django.contrib.auth import logout

    audit.record(request.user, "logout")
    logout(request)
    messages.info(request, "You are logged out.")
    return redirect("login")


@login_not_required
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form post: say what happened in words."""
    return render(request, "403_csrf.html", status=403)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """403: the role does not allow this page."""
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the workspace's look."""
    return render(request, "404.html", status=404)


@permission_required("accounts.manage_users", raise_exception=True)
def users_view(request: HttpRequest) -> HttpResponse:
    """Admins list users, add one with a role, and unlock a locked name."""
    form = UserForm(request.POST or None)
    if request.method == "POST" and request.POST.get("unlock"):
        name = request.POST["unlock"]
        users.unlock(name)
        audit.record(request.user, "user unlocked", target=name)
        messages.success(request, f"{name} is unlocked.")
        return redirect("users")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        users.add_user(data["username"], data["role"], data["password"])
        audit.record(request.user, "user added", target=data["username"], role=data["role"])
        messages.success(request, f"{data['username']} can now log in as {data['role']}.")
        return redirect("users")
    locked = users.locked_names()
    rows = [(name, role, active, locked.get(name)) for name, role, active in users.list_users()]
    return render(request, "accounts/users.html", {"form": form, "users": rows})


@permission_required("accounts.view_audit", raise_exception=True)
def audit_view(request: HttpRequest) -> HttpResponse:
    """The latest audit entries."""
    return render(request, "accounts/audit.html", {"entries": AuditEntry.objects.all()[:500]})
