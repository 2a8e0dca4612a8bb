from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from .staff import staff_group_ensure

        # No sender: this app has no models, and post_migrate is sent only for apps that do.
        post_migrate.connect(staff_group_ensure, dispatch_uid="home-staff-group")
