"""allauth's strings that its own Spanish words with "tú", which the site does not use.

The site addresses people as "usted" everywhere (locale/es). allauth's catalogue mixes
"tú" into some of its messages; the project's catalogue comes first, so these are
reworded there. Listing them here keeps them in it: `make messages` drops what no
source file names. Listed: the messages of the features the site uses (email sign-up
and sign-in, two-factor by authenticator app, single sign-on), and of three it leaves
switched off (verification and password-reset codes, trusting a browser), so they read
right if those are switched on; not those of phone numbers, passkeys or allauth's
identity provider.
"""

from django.utils.translation import gettext_noop

ALLAUTH_STRINGS = [
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop(
        "You cannot generate recovery codes without having two-factor authentication enabled."
    ),
    gettext_noop("Enter Email Verification Code"),
    gettext_noop("Enter Password Reset Code"),
    gettext_noop("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_noop(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    gettext_noop("Email address %(deleted_email)s has been removed from your account."),
    gettext_noop(
        "You currently do not have any email address set up. You should really add an email address so you can receive notifications, reset your password, etc."
    ),
    gettext_noop(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_noop(
        '<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'
    ),
    gettext_noop(
        "If you choose to trust this browser, you will not be asked for a verification code the next time you sign in."
    ),
    gettext_noop(
        "A third-party account from %(provider)s has been disconnected from your account."
    ),
]
