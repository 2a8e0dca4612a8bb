from django.db import models
from django.utils.translation import gettext_lazy as _


class CacheVersion(models.Model):
    """The version a kind of cached data is at now (``core.cache_versions``): a random
    number, drawn anew each time the data changes. No row: the data never changed since
    the table was made (version 0)."""

    key = models.CharField(_("key"), max_length=200, primary_key=True)
    value = models.BigIntegerField(_("version"))

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
