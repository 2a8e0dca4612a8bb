from django.contrib import admin
from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    # Inside admin: its sign-in, its staff check and its layout.
    path(
        "admin/reports/program/",
        admin.site.admin_view(views.program_report_view),
        name="program_report",
    ),
    # The link in an invitation email.
    path(
        "mentors/volunteer/invited/<str:token>/",
        views.invitation_accept_view,
        name="invitation_accept",
    ),
]
