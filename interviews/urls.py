from django.urls import path

from . import views

app_name = "interviews"

urlpatterns = [
    path("", views.interview_list, name="list"),
    path("calendar-feed/", views.calendar_feed_settings, name="calendar_feed"),
    path("request/<int:mentor_id>/", views.request_create, name="request_create"),
    path("<int:interview_id>/", views.interview_detail, name="detail"),
    path("<int:interview_id>/letter/", views.interview_letter, name="letter"),
    path("<int:interview_id>/invite.ics", views.interview_ics_view, name="ics"),
    path("<int:interview_id>/resume/", views.interview_resume, name="resume"),
    path(
        "<int:interview_id>/confirm/<str:token>/",
        views.confirm_link,
        name="confirm_link",
    ),
    path("<int:interview_id>/<slug:action>/", views.interview_act, name="act"),
]
