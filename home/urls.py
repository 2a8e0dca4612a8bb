from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("guide/", views.guide, name="guide"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("account/data/", views.data_download, name="data_download"),
    path("account/delete/", views.account_delete_view, name="account_delete"),
]
