from django.apps import AppConfig
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db.models.signals import post_migrate
from django.utils.autoreload import file_changed
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from .staff import staff_group_ensure

        # No sender: this app has no models, and post_migrate is sent only for apps that do.
        post_migrate.connect(staff_group_ensure, dispatch_uid="home-staff-group")
        setting_changed.connect(layout_fragments_clear, dispatch_uid="home-layout-fragments")
        # runserver reloads an edited template without restarting: drop the old copies.
        file_changed.connect(layout_fragments_clear, dispatch_uid="home-layout-templates")


def layout_fragments_clear(**_signal_kwargs) -> None:
    """The fragments kept per process in ``CACHES["process"]`` (the directory's filters;
    the layout's parts and the guide's text are ``core``'s: ``include_kept``) are rendered from templates and settings (the site's and institution's
    names and colour, the languages): a test that changes a setting, or a developer who
    edits a template under runserver, must not see the old copy. Neither changes in a
    production server. Returns None, so runserver still decides whether to restart."""
    caches["process"].clear()
