"""What the notebook keeps in the data in each language (django-modeltranslation).

``BankQuestion.text`` gets ``text_en`` and ``text_es``; reading ``text`` gives the active
language's wording, or the English one where no translation exists yet
(``MODELTRANSLATION_FALLBACK_LANGUAGES``), and queries on ``text`` use the active
language's column. A student's copy (``MyQuestion.text``) is theirs and not translated.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import BankQuestion


@register(BankQuestion)
class BankQuestionTranslationOptions(TranslationOptions):
    fields = ("text",)
