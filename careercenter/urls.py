from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from core import health
from core import views as core_views
from interviews import views as interviews_views
from users import views as users_views

admin.site.site_header = settings.SITE_NAME
admin.site.site_title = settings.SITE_NAME
# Admin sign-in goes through allauth: its rate limits and two-factor step apply there too.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", include("home.urls")),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # A view of the interviews app at a mentors URL: it lists interviews (DESIGN.md).
    path("mentors/dashboard/", interviews_views.mentor_dashboard, name="mentor_dashboard"),
    path("mentors/", include("mentors.urls")),
    path("students/", include("students.urls")),
    # A person's secret calendar subscription (interviews app); the token is the only key.
    path("calendar/<str:token>.ics", interviews_views.calendar_feed, name="calendar_feed"),
    # Before the interviews: "interviews/<id>/notebook/" would read as an action's address.
    path("", include("notebook.urls")),
    path("interviews/", include("interviews.urls")),
    path("accounts/settings/", users_views.settings_view, name="user_settings"),
    path("language/", users_views.language_set, name="set_language"),
    # allauth's page, with the student email-domain rule shown next to the address.
    path("accounts/email/", users_views.EmailView.as_view(), name="account_email"),
    path("accounts/", include("allauth.urls")),
    path("", include("reports.urls")),
    path("admin/", admin.site.urls),
]

# A database outage answers 503 "We'll be back shortly"; any other error, the 500 page.
handler500 = "core.outage.server_error"
