from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from .cache_versions import versions_forget

        # What a request read of the versions is its own: never seen by the next one.
        request_started.connect(versions_forget, dispatch_uid="core-versions-start")
        request_finished.connect(versions_forget, dispatch_uid="core-versions-finish")
