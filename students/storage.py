"""Where résumés live: the ``private`` entry of ``STORAGES``, which no URL serves.

Two backends, chosen in the settings:

- ``PrivateStorage``, a folder on local disk (the default);
- ``PrivateS3Storage``, a bucket in S3-compatible object storage, when
  ``AWS_STORAGE_BUCKET_NAME`` is set.

Either way a file is reachable only through a view that checks permission
(``students.services.resume_response``), and ``url()`` refuses to build a link.

A file appears under its name only once it is complete: on disk it is written to a
hidden temporary name in the same folder and renamed (atomic on one filesystem); in a
bucket an object exists only once its upload has finished. A failed write leaves nothing
behind and raises ``OSError`` to the caller.
"""

import contextlib
import functools
import os
import tempfile
from pathlib import Path

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty
from storages.backends.s3 import S3Storage


class PrivateStorage(FileSystemStorage):
    """A folder on local disk: ``location`` if given, else ``<default storage>/private``."""

    @cached_property
    def base_location(self):
        if self._location:
            return self._location
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


def _as_os_error(method):
    """An unreachable endpoint or a refused request becomes ``OSError``, as a full or
    read-only disk is for ``PrivateStorage``, so callers handle both alike."""

    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (BotoCoreError, ClientError) as error:
            raise OSError(f"object storage: {error}") from error

    return wrapper


class PrivateS3Storage(S3Storage):
    """A bucket in S3-compatible object storage, private.

    Objects are written without an ACL (the bucket's own, private, applies), and
    ``url()`` builds no link, signed or not: files are streamed by the permission-checked
    views instead (``students.services``).
    """

    # Class attributes win over the AWS_* settings (django-storages sets a default only
    # where the class has none): never public, whatever AWS_DEFAULT_ACL says.
    default_acl = None
    querystring_auth = True

    _save = _as_os_error(S3Storage._save)
    _open = _as_os_error(S3Storage._open)
    exists = _as_os_error(S3Storage.exists)
    delete = _as_os_error(S3Storage.delete)

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Résumés are served only through a view that checks permission.")


class _PrivateStorageHandle(LazyObject):
    """``STORAGES["private"]``, looked up again when the setting changes (tests)."""

    def _setup(self):
        if "private" in settings.STORAGES:
            self._wrapped = storages["private"]
        else:
            self._wrapped = PrivateStorage()


private_storage = _PrivateStorageHandle()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs) -> None:
    if setting == "STORAGES":
        private_storage._wrapped = empty


def get_private_storage():
    # A callable keeps the location out of migrations.
    return private_storage
