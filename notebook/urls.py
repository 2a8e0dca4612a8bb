from django.urls import path  # noqa: F401 -- the notebook's pages are added here

app_name = "notebook"

urlpatterns: list = []
