from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CareercenterConfig(AppConfig):
    name = "careercenter"
    verbose_name = "Career center"

    def ready(self):
        from .staff import staff_group_ensure

        # No sender: this app has no models, and post_migrate is sent only for apps that do.
        post_migrate.connect(staff_group_ensure, dispatch_uid="careercenter-staff-group")
