from django.urls import path

from . import views

app_name = "students"

urlpatterns = [
    path("profile/", views.profile_view, name="profile"),
    path("profile/resume/", views.own_resume_download, name="resume"),
    path("profile/resume/delete/", views.resume_delete, name="resume_delete"),
    path("<int:profile_id>/resume/", views.resume_download, name="resume_for"),
    path("network/", views.network_view, name="network"),
    path("network/add/", views.contact_add_view, name="contact_add"),
    path("network/<int:contact_id>/", views.contact_edit_view, name="contact_edit"),
    path("network/<int:contact_id>/delete/", views.contact_delete_view, name="contact_delete"),
]
