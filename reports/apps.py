from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and alumni import")

    def ready(self):
        from django.conf import settings

        from core.middleware import upload_limit_register

        # The 413 page names the alumni list's own limit too.
        upload_limit_register("alumni_list_limit", settings.ALUMNI_IMPORT_MAX_BYTES)
