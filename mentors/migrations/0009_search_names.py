"""``MentorSearchName``: each different name and employer of the mentors, lowercased, kept
by a trigger on every insert (COPY included), update and delete of a mentor, and filled
for the mentors there are; and the indexes that read mentors by either, lowercased."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models


# The names and employers of one row, lowercased, without blanks.
ROW_NAMES = (
    "SELECT DISTINCT name FROM unnest(ARRAY[lower(ROW.display_name), lower(ROW.employer)])"
    " AS name WHERE name <> ''"
)

FORWARD = """
CREATE FUNCTION mentors_search_names_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND lower(NEW.display_name) IS NOT DISTINCT FROM lower(OLD.display_name)
       AND lower(NEW.employer) IS NOT DISTINCT FROM lower(OLD.employer) THEN
        RETURN NULL;
    END IF;
    -- Each name's row is locked (in name order) before it is added or looked at for
    -- deleting: a name added here for one mentor, while elsewhere the last other mentor
    -- with it is deleted, is then kept by whichever commits second.
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO mentors_mentorsearchname (name)
        NEW_NAMES ORDER BY name
        ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name WHERE false;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM FROM mentors_mentorsearchname
        WHERE name IN (OLD_NAMES) ORDER BY name FOR UPDATE;
        DELETE FROM mentors_mentorsearchname AS kept
        WHERE kept.name IN (OLD_NAMES)
          AND NOT EXISTS (
              SELECT FROM mentors_mentorprofile WHERE lower(display_name) = kept.name)
          AND NOT EXISTS (
              SELECT FROM mentors_mentorprofile WHERE lower(employer) = kept.name);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER mentors_search_names_keep
    AFTER INSERT OR UPDATE OR DELETE ON mentors_mentorprofile
    FOR EACH ROW EXECUTE FUNCTION mentors_search_names_keep();
INSERT INTO mentors_mentorsearchname (name)
SELECT DISTINCT name FROM mentors_mentorprofile AS m,
    unnest(ARRAY[lower(m.display_name), lower(m.employer)]) AS name
WHERE name <> '';
ANALYZE mentors_mentorsearchname;
-- A one-word search's near spellings (mentors.selectors._NEAR_SPELLINGS): each name or
-- employer near the word, scored once, and every mentor with it, read from an index
-- alone, at the better of the two. A function, so that the search's statement is planned
-- once for any word (its estimate here does not depend on the word), and this one query
-- on its own.
CREATE FUNCTION mentors_near_spellings(needle text)
RETURNS TABLE (id bigint, similarity real, display_name varchar)
LANGUAGE plpgsql STABLE ROWS 100 AS $$
BEGIN
    RETURN QUERY
    SELECT near_mentor.id, max(near.similarity), near_mentor.display_name
    FROM (
        SELECT n.name, word_similarity(needle, n.name) AS similarity
        FROM mentors_mentorsearchname AS n WHERE n.name %> needle
    ) AS near
    CROSS JOIN LATERAL (
        (SELECT m.id, m.display_name FROM mentors_mentorprofile AS m WHERE lower(m.display_name) = near.name
         ORDER BY lower(m.display_name), m.display_name, m.id)
        UNION ALL
        (SELECT m.id, m.display_name FROM mentors_mentorprofile AS m WHERE lower(m.employer) = near.name
         ORDER BY lower(m.employer), m.display_name, m.id)
    ) AS near_mentor
    GROUP BY near_mentor.id, near_mentor.display_name;
END
$$;
""".replace("NEW_NAMES", ROW_NAMES.replace("ROW", "NEW")).replace(
    "OLD_NAMES", ROW_NAMES.replace("ROW", "OLD")
)

BACKWARD = """
DROP FUNCTION mentors_near_spellings(text);
DROP TRIGGER mentors_search_names_keep ON mentors_mentorprofile;
DROP FUNCTION mentors_search_names_keep();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("mentors", "0008_search_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="MentorSearchName",
            fields=[
                ("name", models.TextField(primary_key=True, serialize=False, verbose_name="name")),
            ],
            options={
                "verbose_name": "name searched",
                "verbose_name_plural": "names searched",
            },
        ),
        migrations.AddIndex(
            model_name="mentorprofile",
            index=models.Index(
                django.db.models.functions.text.Lower("display_name"),
                models.F("display_name"),
                models.F("id"),
                name="mentor_name_lower_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="mentorprofile",
            index=models.Index(
                django.db.models.functions.text.Lower("employer"),
                models.F("display_name"),
                models.F("id"),
                models.F("employer"),
                name="mentor_employer_lower_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="mentorsearchname",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass("name", name="gin_trgm_ops"),
                name="mentor_search_name_trgm",
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
