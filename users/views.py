from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from notifications.services import notification_opt_outs, notification_opt_outs_set

from .forms import EmailPreferencesForm, PersonalSettingsForm


@login_required
def settings_view(request):
    """Name, time zone, and which optional emails to receive."""
    data = request.POST or None
    person = PersonalSettingsForm(data, instance=request.user, prefix="person")
    emails = EmailPreferencesForm(
        data, opted_out=notification_opt_outs(user_id=request.user.pk), prefix="emails"
    )
    if person.is_valid() and emails.is_valid():
        with transaction.atomic():
            person.save()
            notification_opt_outs_set(user_id=request.user.pk, categories=emails.opted_out())
        messages.success(request, _("Your settings are saved."))
        return redirect("user_settings")
    return render(request, "users/settings.html", {"person": person, "emails": emails})
