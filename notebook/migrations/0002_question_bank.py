from django.db import migrations

# Staff edit, add, retire and reorder the bank in admin afterwards; this only seeds it.
from notebook.data.question_bank import QUESTION_BANK


def load(apps, schema_editor):
    BankQuestion = apps.get_model("notebook", "BankQuestion")
    for topic, texts in QUESTION_BANK.items():
        for position, text in enumerate(texts, start=1):
            BankQuestion.objects.get_or_create(
                topic=topic, text=text, defaults={"position": position * 10}
            )


def unload(apps, schema_editor):
    BankQuestion = apps.get_model("notebook", "BankQuestion")
    for topic, texts in QUESTION_BANK.items():
        BankQuestion.objects.filter(topic=topic, text__in=texts).delete()


class Migration(migrations.Migration):
    dependencies = [("notebook", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
