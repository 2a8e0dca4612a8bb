"""Where résumés live: a folder no URL serves.

Files here are reachable only through a view that checks permission
(``students.services.resume_response``); ``url()`` refuses to build a link.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    """``<default storage location>/private``, or the ``private`` entry of STORAGES."""

    @cached_property
    def base_location(self):
        private = settings.STORAGES.get("private", {}).get("OPTIONS", {}).get("location")
        if private:
            return private
        default = settings.STORAGES.get("default", {}).get("OPTIONS", {}).get("location")
        return str(Path(default or settings.MEDIA_ROOT) / "private")

    @cached_property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    # A callable keeps the location out of migrations.
    return private_storage
