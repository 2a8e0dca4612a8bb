from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"

    def ready(self):
        from django.core.signals import request_finished, request_started, setting_changed
        from django.utils.autoreload import file_changed

        from .cache_versions import versions_forget
        from .kept import kept_clear

        # What a request read of the versions is its own: never seen by the next one.
        request_started.connect(versions_forget, dispatch_uid="core-versions-start")
        request_finished.connect(versions_forget, dispatch_uid="core-versions-finish")
        # The layout's kept parts come from templates and settings: a test that changes a
        # setting, or runserver reloading an edited template, must not see the old ones.
        setting_changed.connect(kept_clear, dispatch_uid="core-kept-settings")
        file_changed.connect(kept_clear, dispatch_uid="core-kept-templates")
