from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class CareerField(models.Model):
    """A career field students explore and mentors work in, grouped by industry cluster."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    cluster = models.CharField(_("industry cluster"), max_length=120, db_index=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["cluster", "name"]
        verbose_name = _("career field")
        verbose_name_plural = _("career fields")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("mentors:directory") + f"?field={self.slug}"
