"""Login and user forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.utils import timezone

from docgen.errors import UsageError
from docgen.web.accounts import lockout, users
from docgen.web.accounts.roles import ROLES


def _locked_message(until: Any) -> str:
    local = timezone.localtime(until)
    return (
        f"Too many failed logins: this account is locked until {local:%H:%M} ({local.tzname()}). "
        "Try again then, or ask an admin to unlock it."
    )


class LoginForm(AuthenticationForm):
    """Django's login form, which also says when a name is locked out."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        until = lockout.locked_until(username) if username else None
        if until is not None:
            raise forms.ValidationError(_locked_message(until), code="locked")
        try:
            cleaned: dict[str, Any] = super().clean()
            return cleaned
        except forms.ValidationError:
            until = lockout.locked_until(username) if username else None
            if until is not None:
                raise forms.ValidationError(_locked_message(until), code="locked") from None
            raise


class UserForm(forms.Form):
    """An admin adds a user with a role."""

    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=[(r, r) for r in ROLES])
    password = forms.CharField(widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(widget=forms.PasswordInput, strip=False, label="Password again")

    def clean_username(self) -> str:
        try:
            name = users.checked_name(str(self.cleaned_data["username"]))
        except UsageError as exc:
            raise forms.ValidationError(str(exc)) from None
        if User.objects.filter(username=name).exists():
            raise forms.ValidationError("A user of this name exists already.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") != data.get("password2"):
            self.add_error("password2", "The two passwords differ.")
        elif data.get("password"):
            try:
                password_validation.validate_password(data["password"], User(username=data.get("username", "")))
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data
