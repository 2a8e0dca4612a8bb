from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "students"

    def ready(self):
        from core.middleware import upload_limit_register

        from .validators import RESUME_MAX_BYTES

        # The 413 page (core/middleware.py) says how large a résumé may be.
        upload_limit_register("resume_limit", RESUME_MAX_BYTES)
