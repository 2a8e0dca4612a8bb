"""What the mentors app keeps in the data in each language (django-modeltranslation).

``CareerField.name``, ``cluster`` and ``description`` get ``_en`` and ``_es`` columns;
reading ``name`` gives the active language's, or the English where a field has no
translation yet (``MODELTRANSLATION_FALLBACK_LANGUAGES``), and queries on ``name`` made
by ``CareerField.objects`` use the active language's column. Queries that reach a field's
name through another model (``careerfield__name``) are not rewritten: they read it with
``core.localized.Localized``.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import CareerField


@register(CareerField)
class CareerFieldTranslationOptions(TranslationOptions):
    fields = ("name", "cluster", "description")
