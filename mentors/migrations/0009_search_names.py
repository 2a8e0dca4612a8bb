"""``MentorSearchName``: each different name and employer of the mentors, lowercased, kept
by a trigger on every insert (COPY included), update and delete of a mentor, and filled
for the mentors there are; and the indexes that read mentors by either, lowercased."""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models


# The names and employers of the rows of TABLE (a trigger's transition table),
# lowercased, without blanks.
NAMES_OF = (
    "SELECT name FROM TABLE AS m, unnest(ARRAY[lower(m.display_name), lower(m.employer)])"
    " AS name WHERE name <> ''"
)

FORWARD = """
-- Once per statement (a COPY of 100,000 mentors included), with the rows it changed:
-- the names it gave that the rows did not have before are added, and those the rows
-- had and no longer have are deleted if no mentor has them now (an erased person's
-- name goes with them). Each such name's row is locked, in name order, before it is
-- added or looked at for deleting: a name added for one mentor while elsewhere the last
-- other mentor with it is deleted is then kept by whichever commits second.
CREATE FUNCTION mentors_search_names_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    given text[] := '{}';
    had text[] := '{}';
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT coalesce(array_agg(DISTINCT name), '{}') INTO given FROM (NEW_NAMES) AS n;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT coalesce(array_agg(DISTINCT name), '{}') INTO had FROM (OLD_NAMES) AS n;
    END IF;
    INSERT INTO mentors_mentorsearchname (name)
    SELECT name FROM (SELECT unnest(given) EXCEPT SELECT unnest(had)) AS added (name)
    ORDER BY name
    ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name WHERE false;
    had := ARRAY(SELECT unnest(had) EXCEPT SELECT unnest(given));
    IF cardinality(had) > 0 THEN
        PERFORM FROM mentors_mentorsearchname
        WHERE name = ANY (had) ORDER BY name FOR UPDATE;
        DELETE FROM mentors_mentorsearchname AS kept
        WHERE kept.name = ANY (had)
          AND NOT EXISTS (
              SELECT FROM mentors_mentorprofile WHERE lower(display_name) = kept.name)
          AND NOT EXISTS (
              SELECT FROM mentors_mentorprofile WHERE lower(employer) = kept.name);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER mentors_search_names_insert AFTER INSERT ON mentors_mentorprofile
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mentors_search_names_keep();
CREATE TRIGGER mentors_search_names_update AFTER UPDATE ON mentors_mentorprofile
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mentors_search_names_keep();
CREATE TRIGGER mentors_search_names_delete AFTER DELETE ON mentors_mentorprofile
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION mentors_search_names_keep();
INSERT INTO mentors_mentorsearchname (name)
SELECT DISTINCT name FROM mentors_mentorprofile AS m,
    unnest(ARRAY[lower(m.display_name), lower(m.employer)]) AS name
WHERE name <> '';
ANALYZE mentors_mentorsearchname;
-- The names and employers near a word, each with its similarity, read from the trigram
-- index (mentor_search_name_trgm). PostgreSQL counts the trigram test as cheap as an
-- equality, so it would rather test every name in a sequential scan (or a whole
-- b-tree) than read the index: here it may only read an index by its condition, which
-- only the trigram index has.
CREATE FUNCTION mentors_near_names(needle text)
RETURNS TABLE (name text, similarity real)
LANGUAGE plpgsql STABLE ROWS 100
SET enable_seqscan = off SET enable_indexscan = off SET enable_indexonlyscan = off
AS $$
BEGIN
    RETURN QUERY
    SELECT n.name, word_similarity(needle, n.name) FROM mentors_mentorsearchname AS n
    WHERE n.name %> needle;
END
$$;
-- A one-word search's near spellings (mentors.selectors._NEAR_SPELLINGS): each name or
-- employer near the word (mentors_near_names), and every mentor with it, read from an
-- index alone, at the better of the two. A function, so that the search's statement is
-- planned once for any word (its estimate here does not depend on the word).
CREATE FUNCTION mentors_near_spellings(needle text)
RETURNS TABLE (id bigint, similarity real, display_name varchar)
LANGUAGE plpgsql STABLE ROWS 100 AS $$
BEGIN
    RETURN QUERY
    SELECT near_mentor.id, max(near.similarity), near_mentor.display_name
    FROM mentors_near_names(needle) AS near
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
""".replace("NEW_NAMES", NAMES_OF.replace("TABLE", "new_rows")).replace(
    "OLD_NAMES", NAMES_OF.replace("TABLE", "old_rows")
)

BACKWARD = """
DROP FUNCTION mentors_near_spellings(text);
DROP FUNCTION mentors_near_names(text);
DROP TRIGGER mentors_search_names_insert ON mentors_mentorprofile;
DROP TRIGGER mentors_search_names_update ON mentors_mentorprofile;
DROP TRIGGER mentors_search_names_delete ON mentors_mentorprofile;
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
                fastupdate=False,
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
