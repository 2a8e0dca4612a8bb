from allauth.account.admin import EmailAddressAdmin as BaseEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm as BaseUserChangeForm
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import form_field

from .access import may_manage_account
from .forms import TimeZoneField
from .models import User


class UserChangeForm(BaseUserChangeForm):
    time_zone = TimeZoneField(label=_("Time zone"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        form_field(self, "time_zone", TimeZoneField).keep(self.instance.time_zone)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserChangeForm
    ordering = ("email",)
    list_display = (
        "email",
        "first_name",
        "last_name",
        "role",
        "is_staff",
        "is_active",
        "date_joined",
    )
    list_filter = ("role", "is_staff", "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (
            _("Personal info"),
            {"fields": ("first_name", "last_name", "role", "language", "time_zone")},
        ),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "role", "password1", "password2")}),
    )
    # Only a superuser hands out admin access or permissions, or sets what signs a person
    # in (address, password): either would let staff become that person.
    SUPERUSER_FIELDS = (
        "email",
        "password",
        "is_staff",
        "is_superuser",
        "groups",
        "user_permissions",
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.DateTimeField) and field is not None:
            # Shown as a date and a time to edit: say in which zone, as read-only times do.
            now = timezone.localtime()
            field.help_text = _("In your time zone, %(zone)s (%(abbreviation)s).") % {
                "zone": timezone.get_current_timezone_name(),
                "abbreviation": now.tzname(),
            }
        return field

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser or obj is None:
            return readonly
        return readonly + self.SUPERUSER_FIELDS

    def has_change_permission(self, request, obj=None):
        if obj is not None and not may_manage_account(actor=request.user, account=obj):
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


class OwnedByAccountMixin:
    """For rows that belong to an account (``obj.user``): changed or removed only by
    someone who may manage that account."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not may_manage_account(actor=request.user, account=obj.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not may_manage_account(actor=request.user, account=obj.user):
            return False
        return super().has_delete_permission(request, obj)


admin.site.unregister(EmailAddress)


@admin.register(EmailAddress)
class EmailAddressAdmin(OwnedByAccountMixin, BaseEmailAddressAdmin):
    """Staff may confirm or choose among a student's or mentor's own addresses, never
    type one in, move one to another account, or touch a staff member's or superuser's."""

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        return readonly if request.user.is_superuser else (*readonly, "user", "email")

    @admin.action(
        description=_("Mark selected email addresses as verified"), permissions=["change"]
    )
    def make_verified(self, request, queryset):
        if not request.user.is_superuser:
            queryset = queryset.filter(user__is_staff=False, user__is_superuser=False)
        return super().make_verified(request, queryset)


admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(OwnedByAccountMixin, BaseAuthenticatorAdmin):
    """Two-factor devices: only a superuser changes or removes another staff member's."""
