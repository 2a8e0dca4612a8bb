from allauth.account.views import EmailView as AllauthEmailView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from notifications.services import notification_opt_outs, notification_opt_outs_set

from .adapters import student_email_refusal
from .forms import EmailPreferencesForm, PersonalSettingsForm
from .services import is_site_language


class EmailView(AllauthEmailView):
    """allauth's email addresses page; a student's refused change (see
    ``student_email_refusal``) is shown next to the address, and nothing changes."""

    refusal: tuple[str, str] | None = None

    def _refused(self, request, action: str):
        email_address = self._get_email_address(request)
        message = email_address and student_email_refusal(email_address, action=action)
        if not message:
            return None
        self.refusal = (email_address.email, message)
        # An empty "add an address" form: the posted address is not meant for it.
        form = self.get_form_class()(user=request.user)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def _action_primary(self, request, *args, **kwargs):
        return self._refused(request, "primary") or super()._action_primary(request)

    def _action_remove(self, request, *args, **kwargs):
        return self._refused(request, "remove") or super()._action_remove(request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.refusal:
            email, message = self.refusal
            for radio in context["emailaddress_radios"]:
                radio["checked"] = radio["emailaddress"].email == email
                radio["errors"] = [message] if radio["checked"] else []
        return context


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
        translation.activate(request.user.language)  # say so in the language just chosen
        messages.success(request, _("Your settings are saved."))
        return _remember_language(redirect("user_settings"), request.user.language)
    return render(request, "users/settings.html", {"person": person, "emails": emails})


def _remember_language(response, language: str):
    """The browser keeps the person's language too (the switcher's cookie, as Django's
    ``set_language`` sets it), so the pages after signing out stay in it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@require_POST
def language_set(request):
    """The layout's language switcher. Django's ``set_language`` keeps the choice in a
    cookie (all a visitor has) and goes back to the page by its Referer (the form sends
    no ``next``); someone signed in also has it saved as their language, so their emails
    follow it."""
    response = set_language(request)
    language = request.POST.get("language", "")
    user = request.user
    if user.is_authenticated and is_site_language(language) and language != user.language:
        user.language = language
        user.save(update_fields=["language"])
    return response
