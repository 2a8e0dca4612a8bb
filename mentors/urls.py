from django.urls import path

from . import views

app_name = "mentors"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("volunteer/", views.volunteer, name="volunteer"),
    path("volunteer/thanks/", views.volunteer_thanks, name="volunteer_thanks"),
    path("me/", views.profile_edit, name="edit"),
    path("me/pause/", views.profile_pause, name="pause"),
    path("me/resume/", views.profile_resume, name="resume"),
    path("me/retire/", views.profile_retire, name="retire"),
    path("<int:mentor_id>/", views.detail, name="detail"),
]
