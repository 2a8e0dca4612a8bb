"""The career fields in both languages: ``name_en``, ``cluster_en`` and ``description_en``
take each row's ``name``, ``cluster`` and ``description``, and ``name_es`` and
``cluster_es`` the Spanish of every row whose English is still a starter one
(mentors/data/career_fields_es.py). A field or cluster staff renamed or added has no
Spanish yet and shows in English until staff translate it in admin. No description has
a Spanish one yet. Each mentor's ``fields_text`` then holds both names of each field
("Law (Derecho)"), as ``mentors.services.mentor_search_text_refresh`` writes it from now
on, so a search in Spanish finds every mentor at once.

Backwards, ``name``, ``cluster`` and ``description`` take the English again (once the
fields are translated they hold the language that was active when a row was last saved),
and ``fields_text`` the English names alone, so the rows are right for the code before
0006; the language columns are left as they are, and go when 0006 is reversed.
"""

from django.contrib.postgres.aggregates import StringAgg
from django.db import migrations
from django.db.models import Case, F, Func, OuterRef, Q, Subquery, TextField, Value, When
from django.db.models.functions import Coalesce, Concat

from mentors.data.career_fields_es import CAREER_FIELDS_ES, CLUSTERS_ES

TRANSLATED = ("name", "cluster", "description")


def _missing(column: str) -> Q:
    return Q(**{column: None}) | Q(**{column: ""})


def _both_names():
    """A field as fields_text holds it: "Law (Derecho)", "Marketing" (a copy of
    mentors.services._field_search_name as it is at this migration)."""
    spanish_differs = Q(careerfield__name_es__gt="") & ~Q(
        careerfield__name_es=F("careerfield__name_en")
    )
    spanish = Case(
        When(
            spanish_differs,
            then=Concat(Value("("), "careerfield__name_es", Value(")"), output_field=TextField()),
        )
    )
    return Func(
        F("careerfield__name_en"),
        spanish,
        function="CONCAT_WS",
        template="%(function)s(' ', %(expressions)s)",
        output_field=TextField(),
    )


def _refresh_fields_text(apps, *, text, order_by):
    MentorProfile = apps.get_model("mentors", "MentorProfile")
    fields = (
        MentorProfile.career_fields.through.objects.filter(mentorprofile_id=OuterRef("pk"))
        .values("mentorprofile_id")
        .annotate(text=StringAgg(text, delimiter=", ", order_by=order_by))
        .values("text")
    )
    MentorProfile.objects.update(fields_text=Coalesce(Subquery(fields), Value("")))


def fill(apps, schema_editor):
    CareerField = apps.get_model("mentors", "CareerField")
    for name in TRANSLATED:
        CareerField.objects.filter(_missing(f"{name}_en")).update(**{f"{name}_en": F(name)})
    for english, spanish in CAREER_FIELDS_ES.items():
        CareerField.objects.filter(_missing("name_es"), name_en=english).update(name_es=spanish)
    for english, spanish in CLUSTERS_ES.items():
        CareerField.objects.filter(_missing("cluster_es"), cluster_en=english).update(
            cluster_es=spanish
        )
    _refresh_fields_text(apps, text=_both_names(), order_by=F("careerfield__name_en"))


def restore_english(apps, schema_editor):
    CareerField = apps.get_model("mentors", "CareerField")
    for name in ("name", "cluster"):
        CareerField.objects.exclude(_missing(f"{name}_en")).update(**{name: F(f"{name}_en")})
    # An empty description is English too.
    CareerField.objects.exclude(description_en=None).update(description=F("description_en"))
    _refresh_fields_text(apps, text="careerfield__name", order_by="careerfield__name")


class Migration(migrations.Migration):
    dependencies = [("mentors", "0006_career_field_languages")]

    operations = [migrations.RunPython(fill, restore_english)]
