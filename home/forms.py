from allauth.core import ratelimit
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class AccountDeleteForm(forms.Form):
    """The password, to be sure it is the person. Wrong passwords are limited per user
    (allauth's rate limits, action ``delete_account`` in ACCOUNT_RATE_LIMITS), so a
    session left open cannot be used to guess the password here."""

    RATE_LIMIT_ACTION = "delete_account"

    password = forms.CharField(
        label=gettext_lazy("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("To be sure it is you."),
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = request.user

    def _attempt(self, *, dry_run: bool) -> bool:
        return ratelimit.consume(
            self.request, action=self.RATE_LIMIT_ACTION, user=self.user, dry_run=dry_run
        )

    def clean_password(self):
        password = self.cleaned_data["password"]
        # Checked before the password, so that once the limit is reached even the right
        # password waits: a guess cannot be confirmed.
        if not self._attempt(dry_run=True):
            raise forms.ValidationError(
                _(
                    "You typed a wrong password too many times. For your safety, wait "
                    "15 minutes, then try again. If you forgot your password, sign out "
                    "and reset it."
                ),
                code="rate_limited",
            )
        if not self.user.check_password(password):
            self._attempt(dry_run=False)  # only wrong passwords count
            raise forms.ValidationError(
                _("That is not your password. Type it again."), code="wrong_password"
            )
        return password
