"""The bank in both languages: ``text_en`` takes each row's ``text``, and ``text_es`` the
Spanish of every row whose English is still a starter question's
(notebook/data/question_bank_es.py). A question staff reworded or added has no Spanish yet
and shows in English until staff translate it in admin.

Backwards, ``text`` takes the English wording again (once the bank is translated it holds
the language that was active when a row was last saved), so the rows are right for the
code before 0005; the language columns are left as they are, and go when 0005 is reversed.
"""

from django.db import migrations
from django.db.models import F, Q

from notebook.data.question_bank_es import QUESTION_BANK_ES


def fill(apps, schema_editor):
    BankQuestion = apps.get_model("notebook", "BankQuestion")
    BankQuestion.objects.filter(Q(text_en=None) | Q(text_en="")).update(text_en=F("text"))
    untranslated = BankQuestion.objects.filter(Q(text_es=None) | Q(text_es=""))
    for english, spanish in QUESTION_BANK_ES.items():
        untranslated.filter(text_en=english).update(text_es=spanish)


def restore_english(apps, schema_editor):
    BankQuestion = apps.get_model("notebook", "BankQuestion")
    BankQuestion.objects.exclude(Q(text_en=None) | Q(text_en="")).update(text=F("text_en"))


class Migration(migrations.Migration):
    dependencies = [("notebook", "0005_bank_question_text_languages")]

    operations = [migrations.RunPython(fill, restore_english)]
