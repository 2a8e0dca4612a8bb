from django.db import migrations
from django.utils.text import slugify

# Staff edit the list in admin afterwards; this only seeds it.
from mentors.data.career_fields import CAREER_FIELDS


def load(apps, schema_editor):
    CareerField = apps.get_model("mentors", "CareerField")
    for cluster, names in CAREER_FIELDS.items():
        for name in names:
            CareerField.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "cluster": cluster}
            )


def unload(apps, schema_editor):
    apps.get_model("mentors", "CareerField").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("mentors", "0001_career_field")]

    operations = [migrations.RunPython(load, unload)]
