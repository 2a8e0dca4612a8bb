"""Where résumés live: a folder no URL serves.

Files here are reachable only through a view that checks permission
(``students.services.resume_response``); ``url()`` refuses to build a link.

A file appears under its name only once it is complete: it is written to a hidden
temporary name in the same folder and renamed (atomic on one filesystem). A full or
read-only disk leaves nothing behind and raises ``OSError`` to the caller.
"""

import contextlib
import os
import tempfile
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

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        os.makedirs(directory, exist_ok=True)
        # Same folder, so the rename below never crosses a filesystem (it would copy).
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=".upload-", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as file:
                for chunk in content.chunks():
                    file.write(chunk if isinstance(chunk, bytes) else chunk.encode())
                file.flush()
                os.fsync(file.fileno())
            os.chmod(temporary, self.file_permissions_mode or 0o644)
            # get_available_name chose a free name (a random one for résumés), so the
            # rename replaces nothing.
            os.replace(temporary, full_path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise
        return os.path.relpath(full_path, self.location).replace("\\", "/")


private_storage = PrivateStorage()


def get_private_storage() -> PrivateStorage:
    # A callable keeps the location out of migrations.
    return private_storage
