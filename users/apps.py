from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db import router
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _site_from_settings(*, using, apps=global_apps, **kwargs) -> None:
    # flush (between transactional tests) sends this signal without ``apps``.
    from .services import site_sync_with_settings

    try:
        site_model = apps.get_model("sites", "Site")
    except LookupError:  # the sites app is not migrated in this run
        return
    if router.allow_migrate_model(using, site_model):
        site_sync_with_settings(using=using, site_model=site_model)


class UsersConfig(AppConfig):
    name = "users"
    verbose_name = _("People")

    def ready(self):
        # Sent for this app after django.contrib.sites' own handler (which creates
        # example.com), since "users" comes later in INSTALLED_APPS.
        post_migrate.connect(_site_from_settings, sender=self, dispatch_uid="users-site")

        from allauth.mfa.signals import authenticator_added

        from .second_factor import record_enrolment

        authenticator_added.connect(record_enrolment, dispatch_uid="users-second-factor-enrolment")
