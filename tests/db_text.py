"""Search the whole database for words: what an erasure test asserts is gone."""

from django.db import connection


def database_mentions(words: list[str]) -> list[tuple[str, str, str]]:
    """Every (table, column, word) where a column's text holds one of ``words``, any case.

    Every column of every table is read as text (``::text``), so JSON, arrays and search
    vectors count too, and a column added later is searched without changing the test.
    """
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            for word in words:
                pattern = "%" + word.replace("%", r"\%").replace("_", r"\_") + "%"
                checks = " OR ".join(
                    f"{connection.ops.quote_name(c)}::text ILIKE %s" for c in columns
                )
                # Names come from the catalogue, quoted; the word is a parameter.
                query = f"SELECT 1 FROM {quoted} WHERE {checks} LIMIT 1"  # noqa: S608
                cursor.execute(query, [pattern] * len(columns))
                if cursor.fetchone() is None:
                    continue
                for column in columns:
                    name = connection.ops.quote_name(column)
                    query = f"SELECT 1 FROM {quoted} WHERE {name}::text ILIKE %s LIMIT 1"  # noqa: S608
                    cursor.execute(query, [pattern])
                    if cursor.fetchone() is not None:
                        found.append((table, column, word))
    return found
