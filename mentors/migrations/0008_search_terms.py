"""``MentorSearchTerm``: each lexeme of each mentor's ``search_vector`` with its one-word
rank, kept by a trigger on every insert (COPY included), update and delete of a mentor,
and filled for the mentors there are."""

import django.db.models.deletion
from django.db import migrations, models

# A lexeme as a one-word tsquery, quoted for the tsquery parser (quote and backslash).
LEXEME_QUERY = "('''' || replace(replace(lexeme, '\\', '\\\\'), '''', '''''') || '''')::tsquery"

FORWARD = (
    """
CREATE FUNCTION mentors_search_terms_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector
       AND NEW.display_name IS NOT DISTINCT FROM OLD.display_name
       AND NEW.id = OLD.id THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM mentors_mentorsearchterm WHERE mentor_id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO mentors_mentorsearchterm (mentor_id, lexeme, rank, display_name)
        SELECT NEW.id, lexeme, ts_rank(NEW.search_vector, LEXEME_QUERY), NEW.display_name
        FROM unnest(tsvector_to_array(NEW.search_vector)) AS lexeme;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER mentors_search_terms_keep
    AFTER INSERT OR UPDATE OR DELETE ON mentors_mentorprofile
    FOR EACH ROW EXECUTE FUNCTION mentors_search_terms_keep();
INSERT INTO mentors_mentorsearchterm (mentor_id, lexeme, rank, display_name)
SELECT m.id, lexeme, ts_rank(m.search_vector, LEXEME_QUERY), m.display_name
FROM mentors_mentorprofile AS m, unnest(tsvector_to_array(m.search_vector)) AS lexeme;
ANALYZE mentors_mentorsearchterm;
"""
).replace("LEXEME_QUERY", LEXEME_QUERY)

BACKWARD = """
DROP TRIGGER mentors_search_terms_keep ON mentors_mentorprofile;
DROP FUNCTION mentors_search_terms_keep();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0007_career_field_spanish"),
    ]

    operations = [
        migrations.CreateModel(
            name="MentorSearchTerm",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "mentor",
                        "lexeme",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                ("lexeme", models.TextField(verbose_name="word")),
                ("rank", models.FloatField(verbose_name="rank")),
                ("display_name", models.CharField(max_length=301, verbose_name="name")),
                (
                    "mentor",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="mentors.mentorprofile",
                        verbose_name="mentor",
                    ),
                ),
            ],
            options={
                "verbose_name": "search term",
                "verbose_name_plural": "search terms",
                "indexes": [
                    models.Index(
                        fields=["lexeme", "-rank", "display_name", "mentor"],
                        name="mentor_term_rank_idx",
                    )
                ],
            },
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
