"""Reads for Career Mentors: who is listed, the directory search, and capacity."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Greatest, Lower
from django.utils import timezone
from modeltranslation.utils import get_language

from core.cache_versions import VersionedFound, VersionedRead, versioned_set_many
from core.localized import Localized
from core.query_shapes import compiled_query, result_columns

from .directory_cache import VERSION_KEY
from .models import CareerField, MentorProfile, MentorSearchTerm
from .services import first_of_month

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PAGE_SIZE = 20
# Offset pagination stops here: nobody reads past a thousand mentors, and a bounded
# offset keeps the last page as fast as the first. Filters narrow the list instead.
MAX_PAGES = 50
MAX_QUERY_LENGTH = 200
# Lower than pg_trgm's default 0.6, so one wrong letter in a short surname still matches.
TYPO_THRESHOLD = 0.4
# A search that finds nothing offers a word from the career fields, employers and job
# titles this close (trigram similarity) to each word typed: "robotcs" to "Robotics" is
# 0.55, "enginer" to "engineer" 0.7; unrelated words share few trigrams and score lower.
SUGGESTION_THRESHOLD = 0.45
# Only the first words of a long query are corrected: one query, whatever was typed.
SUGGESTION_MAX_WORDS = 6
_WORD_SEPARATORS = re.compile(r"[^\w]+")
# A search of one word of letters and digits: PostgreSQL's parser makes it one lexeme.
_ONE_WORD = re.compile(r"[^\W_]+")


class Capacity(TypedDict):
    """What ``with_capacity`` adds to each mentor."""

    load_this_month: int
    has_capacity: bool


def with_capacity(
    queryset: QuerySet[MentorProfile], *, month_of: datetime.date | datetime.datetime
) -> QuerySet[WithAnnotations[MentorProfile, Capacity]]:
    """Annotate ``load_this_month`` and ``has_capacity`` (cap above this month's count)
    with one LEFT JOIN, so a page of any length costs no extra query."""
    month = first_of_month(month_of)
    return queryset.annotate(
        this_month=FilteredRelation("monthly_loads", condition=Q(monthly_loads__month=month)),
        load_this_month=Coalesce(F("this_month__count"), Value(0)),
        has_capacity=ExpressionWrapper(
            Q(monthly_cap__gt=Coalesce(F("this_month__count"), Value(0))),
            output_field=BooleanField(),
        ),
    )


def mentor_profile_with_capacity_for(
    *, user, month_of: datetime.date | datetime.datetime
) -> MentorProfile | None:
    """The mentor's own profile for their dashboard: status, pause and this month's load."""
    return (
        with_capacity(MentorProfile.objects.filter(user=user), month_of=month_of)
        .only("id", "status", "paused_until", "monthly_cap")
        .first()
    )


def mentor_has_capacity(
    *, mentor: MentorProfile | int, month_of: datetime.date | datetime.datetime
) -> bool:
    """Whether the mentor can take one more conversation in that month."""
    mentor_id = mentor if isinstance(mentor, int) else mentor.pk
    row = (
        with_capacity(MentorProfile.objects.filter(pk=mentor_id), month_of=month_of)
        .values_list("has_capacity", flat=True)
        .first()
    )
    return bool(row)


def _card_queryset(queryset: QuerySet[MentorProfile]) -> QuerySet[MentorProfile]:
    """What a result card shows but its career fields (``mentor_card_fields_fetch``)."""
    return queryset.only(
        "id",
        "user_id",
        "status",
        "paused_until",
        "display_name",
        "job_title",
        "employer",
        "industry",
        "city",
        "region",
        "country",
        "open_to_remote",
        "meeting_formats",
        "monthly_cap",
        "reviews_resumes",
        "graduation_year",
        "major",
    )


def mentor_card_fields_fetch(mentors: Sequence[MentorProfile]) -> None:
    """Fetch the career fields that ``mentors``' cards show, in one query whatever their
    number; the directory asks only for the cards it has to render
    (``mentors.directory_cards``)."""
    prefetch_related_objects(
        list(mentors),
        Prefetch("career_fields", queryset=CareerField.objects.only("id", "name", "slug")),
    )


@functools.cache
def _model_columns(columns: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Of a page query's ``columns``: the mentor's own fields, in the model's order (as
    ``Model.from_db`` takes them), and the position of each in a row."""
    at = {name: position for position, name in enumerate(columns)}
    names = tuple(f.attname for f in MentorProfile._meta.concrete_fields if f.attname in at)
    return names, tuple(at[name] for name in names)


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    """One mentor of a directory page, as the page's query read them: what the page and a
    card's cache key need (``pk``, ``display_name``, ``has_capacity``), and the whole row,
    from which ``mentor()`` makes the ``MentorProfile`` a card is rendered from. Most
    cards come from the cache, so most rows never become a model instance (about 18 µs
    of Python each, on a page of twenty)."""

    pk: int
    display_name: str
    has_capacity: bool
    columns: tuple[str, ...]
    row: tuple[Any, ...]

    def mentor(self) -> MentorProfile:
        """The mentor with the fields the query selected, and its other columns
        (``has_capacity``, ``load_this_month``, a search's rank) as attributes, as
        ``QuerySet.raw`` would make them."""
        names, positions = _model_columns(self.columns)
        mentor = MentorProfile.from_db(
            connection.alias, names, [self.row[position] for position in positions]
        )
        for name, value in zip(self.columns, self.row, strict=True):
            if name not in names:
                setattr(mentor, name, value)
        return mentor


def _directory_rows(sql: str, params: Sequence[Any]) -> list[DirectoryRow]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        columns = result_columns(cursor, sql)
    pk, name, capacity = (columns.index(c) for c in ("id", "display_name", "has_capacity"))
    return [DirectoryRow(row[pk], row[name], row[capacity], columns, row) for row in rows]


@dataclass
class DirectoryPage:
    mentors: list[DirectoryRow]
    number: int
    has_next: bool
    has_previous: bool
    searched: bool = False
    filters: dict[str, Any] = field(default_factory=dict)
    # When a search finds nothing: the query with each misspelt word corrected, or "".
    suggestion: str = ""

    @property
    def start_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + 1 if self.mentors else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * PAGE_SIZE + len(self.mentors)

    @property
    def at_limit(self) -> bool:
        return self.number >= MAX_PAGES and self.has_next


# Filters with few values (choices and switches) are part of a page query's shape; the
# others (free text, years, a career field's id) are its values (core.query_shapes).
_SHAPE_FILTERS = ("industry", "format", "remote", "resumes", "capacity")
_VALUE_FILTERS = ("location", "major", "year_from", "year_to")


def _filters_split(filters: dict[str, Any]) -> tuple[tuple[tuple[str, Any], ...], dict[str, Any]]:
    """The filters that are part of the query's shape, and those that are its values
    (the career field by its id)."""
    in_shape = tuple((name, filters[name]) for name in _SHAPE_FILTERS if filters.get(name))
    values = {name: filters[name] for name in _VALUE_FILTERS if filters.get(name)}
    if filters.get("field"):
        values["field"] = filters["field"].pk
    return in_shape, values


def _apply_filters(
    queryset: QuerySet[WithAnnotations[MentorProfile, Capacity]], f: Mapping[str, Any]
) -> QuerySet[WithAnnotations[MentorProfile, Capacity]]:
    """``f`` as ``_filters_split`` gives them, shape and values together."""
    if f.get("field"):
        through = MentorProfile.career_fields.through.objects.filter(
            mentorprofile_id=OuterRef("pk"), careerfield_id=f["field"]
        )
        queryset = queryset.filter(Exists(through))
    if f.get("industry"):
        queryset = queryset.filter(industry=f["industry"])
    if f.get("format"):
        queryset = queryset.filter(meeting_formats__contains=[f["format"]])
    if f.get("location"):
        location = f["location"]
        queryset = queryset.filter(
            Q(city__icontains=location)
            | Q(region__icontains=location)
            | Q(country__icontains=location)
        )
    if f.get("remote"):
        queryset = queryset.filter(open_to_remote=True)
    if f.get("year_from"):
        queryset = queryset.filter(graduation_year__gte=f["year_from"])
    if f.get("year_to"):
        queryset = queryset.filter(graduation_year__lte=f["year_to"])
    if f.get("major"):
        queryset = queryset.filter(major__icontains=f["major"])
    if f.get("resumes"):
        queryset = queryset.filter(reviews_resumes=True)
    if f.get("capacity"):
        queryset = queryset.filter(has_capacity=True)
    return queryset


def _search(queryset: QuerySet[MentorProfile], q: str, *, needle: str) -> QuerySet:
    """Full-text matches of ``q`` ranked by weight, plus near spellings of a name or
    employer (``needle``: ``q`` lowered), best first: ``id``, ``rank``, ``similarity``
    and ``display_name`` of each. For a search of more than one word
    (``_one_word_search`` for one).

    A typo-only match ranks by the words of the search it does contain, so it sorts
    after the real matches. Each kind of match is its own query so that each can use its
    own GIN index (one OR over both makes PostgreSQL scan the table and run the trigram
    test on every row), and each reads only ``queryset``'s own table: joining every
    match to its user, to check that it is listed, is left to the caller, for the page's
    rows only (``_listed_page_sql``).
    """
    query, rank = _full_text(q)
    typo_matches = (
        queryset.annotate(name_lower=Lower("display_name"), employer_lower=Lower("employer"))
        .filter(
            Q(name_lower__trigram_word_similar=needle)
            | Q(employer_lower__trigram_word_similar=needle)
        )
        .exclude(search_vector=query)
        .annotate(
            rank=rank,
            similarity=Greatest(
                TrigramWordSimilarity(needle, Lower("display_name")),
                TrigramWordSimilarity(needle, Lower("employer")),
                output_field=FloatField(),
            ),
        )
        .order_by()
        .values(*_RANKED_COLUMNS)
    )
    return _text_matches(queryset, q).union(typo_matches, all=True).order_by(*_RANKED_ORDER)


# What a ranked set of matches selects, and its order: best first.
_RANKED_COLUMNS = ("id", "rank", "similarity", "display_name")
_RANKED_ORDER = ("-rank", "-similarity", "display_name", "id")


def _full_text(q: str) -> tuple[SearchQuery, SearchRank]:
    """``q`` as a full-text query (read as a web search box's words, in English), and a
    mentor's rank for it."""
    query = SearchQuery(q, search_type="websearch", config="english")
    return query, SearchRank(F("search_vector"), query)


def _text_matches(queryset: QuerySet[MentorProfile], q: str) -> QuerySet:
    """The full-text matches of ``q`` in ``queryset``, with their rank (``_RANKED_COLUMNS``)."""
    query, rank = _full_text(q)
    return (
        queryset.filter(search_vector=query)
        .annotate(rank=rank, similarity=Value(0.0, output_field=FloatField()))
        .order_by()
        .values(*_RANKED_COLUMNS)
    )


@dataclass(frozen=True)
class RankedSql:
    """Matches as SQL selecting ``_RANKED_COLUMNS``, in ``_RANKED_ORDER``, and its parameters."""

    sql: str
    params: tuple


# The near spellings of a one-word search (``%s``: the word, lowered), ranked after its
# real matches (rank 0): each name or employer near it (MentorSearchName) scored once,
# every mentor with it read from an index alone, at the better of the two (the database
# function of migration 0009). Listed or not, with the word itself or not: the caller
# checks each row it reads (``_ranked_listed_sql``, ``_not_the_word``).
_NEAR_SPELLINGS = """
    SELECT id, 0.0::real AS rank, similarity, display_name FROM mentors_near_spellings(%s)
"""


def _one_word_search(queryset: QuerySet[MentorProfile], q: str, *, needle: str) -> RankedSql:
    """``_search`` for a one-word search, whose near spellings all rank alike on the word
    (they do not contain it: rank 0) and so by their similarity alone.

    Where ``_search`` tests and scores every mentor whose name or employer is near the
    word (a thousand for a common surname among 100,000 mentors), this scores each such
    name once and reads the mentors who have it from an index alone; only the rows the
    page shows are read. The near spellings are not filtered here: the caller's check
    of each row it reads (``_ranked_listed_sql``, with ``_not_the_word``) leaves out the
    mentors not listed, not matching the filters, or containing the word (a real match,
    ranked among the full-text matches).
    """
    text_sql, text_params = _text_matches(queryset, q).query.sql_with_params()
    columns = ", ".join(_RANKED_COLUMNS)
    # Sorted, as _search's union is: the caller reads the rows in this order and stops.
    order = _order_by_sql(_RANKED_ORDER)
    sql = f"""
        SELECT {columns} FROM ({text_sql}) AS text_matches
        UNION ALL
        SELECT {columns} FROM ({_NEAR_SPELLINGS}) AS near_spellings
        ORDER BY {order}
    """  # noqa: S608 -- the ORM's own SQL and constant text, with their parameters
    return RankedSql(sql, (*text_params, needle))


def _order_by_sql(names: tuple[str, ...], *, table: str = "") -> str:
    """An ORDER BY list for column ``names`` as ``order_by`` takes them ("-rank": rank,
    descending), of ``table`` if given; the names are this module's, never a reader's."""
    prefix = f"{table}." if table else ""
    return ", ".join(
        f"{prefix}{name.removeprefix('-')}{' DESC' if name.startswith('-') else ''}"
        for name in names
    )


def _not_the_word(q: str) -> RawSQL:
    """True for a row of ``ranked`` (``_ranked_listed_sql``) that is a full-text match,
    or a near spelling without the word ``q``: a mentor with both ranks as the match."""
    return RawSQL(
        "(ranked.similarity = 0 OR NOT mentors_mentorprofile.search_vector"
        " @@ websearch_to_tsquery('english', %s))",
        (q,),
        output_field=BooleanField(),
    )


def _ranked_listed_sql(
    ranked: QuerySet | RankedSql, listed: QuerySet[MentorProfile]
) -> tuple[str, tuple]:
    """The rows of ``ranked`` (ids, best first) that are in ``listed``, as ``listed``
    selects them, with ``search_rank`` and ``search_similarity``, in ``ranked``'s order.

    ``listed`` is checked row by row in ``ranked``'s order (a LATERAL subquery), so under
    a LIMIT the walk stops once the page is full: a search that matches a fifth of a
    large directory joins a page of its matches to their users, not all of them.
    """
    names: tuple[str, ...]
    if isinstance(ranked, RankedSql):
        ranked_sql, ranked_params = ranked.sql, ranked.params
        names = _RANKED_ORDER
    else:
        ranked_sql, ranked_params = ranked.query.sql_with_params()
        names = cast(tuple[str, ...], ranked.query.order_by)
    # The same order as ``ranked``'s own (so PostgreSQL need not sort again; the names
    # are _search's, never the reader's).
    order = _order_by_sql(names, table="ranked")
    one_listed = listed.filter(pk=RawSQL("ranked.id", ())).order_by()
    listed_sql, listed_params = one_listed.query.sql_with_params()
    sql = f"""
        SELECT listed.*, ranked.rank AS search_rank, ranked.similarity AS search_similarity
        FROM ({ranked_sql}) AS ranked
        CROSS JOIN LATERAL ({listed_sql}) AS listed
        ORDER BY {order}
    """  # noqa: S608 -- the subqueries are the ORM's own SQL, with their parameters
    return sql, (*ranked_params, *listed_params)


def _listed_page_sql(
    ranked: QuerySet | RankedSql,
    listed: QuerySet[MentorProfile],
    v: Mapping[str, Any],
    *,
    real_first: QuerySet | None = None,
) -> tuple[str, tuple]:
    """Rows ``v["offset"]`` to ``v["offset"] + v["limit"]`` of ``ranked`` that are in
    ``listed`` (``_ranked_listed_sql``), as one query.

    With ``real_first`` (the real matches alone of a one-word search, whose near
    spellings rank after all of them), those rows come from ``real_first`` when it has
    ``v["wanted"]`` (offset plus limit) of them, and ``ranked`` (with the near
    spellings, a trigram test on every similar name or employer) is not run at all (a
    one-time filter).
    """
    sql, params = _ranked_listed_sql(ranked, listed)
    if real_first is None:
        return f"{sql} LIMIT %s OFFSET %s", (*params, v["limit"], v["offset"])
    real_sql, real_params = _ranked_listed_sql(real_first, listed)
    wanted = v["wanted"]
    page_sql = f"""
        WITH real_page AS MATERIALIZED ({real_sql} LIMIT %s)
        SELECT * FROM (
            (SELECT * FROM real_page WHERE (SELECT count(*) FROM real_page) = %s)
            UNION ALL
            (SELECT * FROM ({sql} LIMIT %s) AS everything
             WHERE (SELECT count(*) FROM real_page) < %s)
        ) AS page
        ORDER BY search_rank DESC, search_similarity DESC, display_name, id
        LIMIT %s OFFSET %s
    """  # noqa: S608 -- as _ranked_listed_sql's
    return page_sql, (
        *real_params, wanted, wanted, *params, wanted, wanted, v["limit"], v["offset"]
    )  # fmt: skip


def _listed(today: datetime.date) -> QuerySet[WithAnnotations[MentorProfile, Capacity]]:
    return with_capacity(MentorProfile.objects.listed(today=today), month_of=today)


def _directory_page_sql(
    v: Mapping[str, Any], *, today: datetime.date, in_shape: tuple
) -> tuple[str, tuple]:
    """A page of the unsearched directory, by name (``v``: the filters' values, the
    limit and the offset)."""
    filtered = _apply_filters(_listed(today), {**dict(in_shape), **v})
    sql, params = _card_queryset(filtered.order_by("display_name", "id")).query.sql_with_params()
    return f"{sql} LIMIT %s OFFSET %s", (*params, v["limit"], v["offset"])


# The lexeme of a one-word search, as websearch_to_tsquery makes it; NULL when the word
# gives none (a stop word) or more than one, which the term index cannot rank alone.
_ONE_LEXEME = (
    "(SELECT CASE WHEN array_length(lexemes, 1) = 1 THEN lexemes[1] END"
    " FROM tsvector_to_array(to_tsvector('english', %s)) AS lexemes)"
)


def _term_matches(q: str) -> QuerySet:
    """The real matches of a one-word search, best first, ranked as ``_search`` ranks its
    full-text matches (``id``, ``rank``, ``similarity``, ``display_name``), read in
    order from the term index (``MentorSearchTerm``): any number of matches, and a page
    reads a page's worth. Every mentor is there, listed or not: the caller checks."""
    return (
        MentorSearchTerm.objects.filter(lexeme=RawSQL(_ONE_LEXEME, (q,)))  # noqa: S611 -- q is a parameter
        .values("rank", "display_name", id=F("mentor_id"), similarity=Value(0.0, FloatField()))
        .order_by("-rank", "display_name", "id")
    )


def _search_page_sql(
    v: Mapping[str, Any], *, today: datetime.date, in_shape: tuple, one_word: bool
) -> tuple[str, tuple]:
    """A page of a search (``v``: also ``q``, ``needle`` and, for one word, ``wanted``).

    Matches are ranked on the profiles alone (their own part of being listed, and the
    filters); the rest of being listed is checked for the page's rows only. A one-word
    search reads its real matches from the term index, and checks the filters with the
    rest for each row it reads.
    """
    f = {**dict(in_shape), **v}
    candidates = with_capacity(
        MentorProfile.objects.filter(MentorProfile.objects.listed_status_q(today=today)),
        month_of=today,
    )
    candidates = _apply_filters(candidates, f)
    listed = _card_queryset(_apply_filters(_listed(today), f))
    if not one_word:
        return _listed_page_sql(_search(candidates, v["q"], needle=v["needle"]), listed, v)
    return _listed_page_sql(
        _one_word_search(candidates, v["q"], needle=v["needle"]),
        listed.filter(_not_the_word(v["q"])),
        v,
        # A near spelling of a one-word search contains no word of it, so it ranks after
        # every real match: while real matches fill the page, near spellings are not
        # sought.
        real_first=_term_matches(v["q"]),
    )


def _page_query(
    filters: dict[str, Any], *, q: str, page: int, today: datetime.date
) -> tuple[Hashable, Callable[[Mapping[str, Any]], tuple[str, tuple]], dict[str, Any]]:
    """The shape, the builder and the values of a directory page's query, for
    ``core.query_shapes.compiled_query``: what decides the SQL (searching, one word or
    more, the day, the choice filters, the page) is the shape; the rest are values.

    The page is in the shape so that its bounds are constants of the SQL: PostgreSQL's
    one plan for a prepared ``LIMIT $1 OFFSET $2`` assumes a tenth of the rows are
    wanted, and was never chosen over planning each run."""
    in_shape, values = _filters_split(filters)
    bounds = {"limit": PAGE_SIZE + 1, "offset": (page - 1) * PAGE_SIZE}
    if not q:
        return (
            ("mentors.directory", today, in_shape, page),
            _bounded(partial(_directory_page_sql, today=today, in_shape=in_shape), bounds),
            values,
        )
    one_word = bool(_ONE_WORD.fullmatch(q))
    values.update(q=q, needle=q.lower())
    if one_word:
        bounds["wanted"] = bounds["offset"] + bounds["limit"]
    return (
        ("mentors.search", today, in_shape, one_word, page),
        _bounded(
            partial(_search_page_sql, today=today, in_shape=in_shape, one_word=one_word), bounds
        ),
        values,
    )


def _bounded(
    build: Callable[[Mapping[str, Any]], tuple[str, tuple]], bounds: Mapping[str, int]
) -> Callable[[Mapping[str, Any]], tuple[str, tuple]]:
    """``build`` given the page's bounds along with the values."""
    return lambda values: build({**values, **bounds})


def mentor_directory(
    *, filters: dict[str, Any], page: int = 1, today: datetime.date | None = None
) -> DirectoryPage:
    """One page of the directory: listed mentors, filtered, searched, stably sorted.

    One query whatever the page or the number of mentors, and one more for a suggested
    spelling when a search finds nobody. Nothing counts all the matches (a one-word
    search counts the real matches it has read, at most a page's worth up to this one).
    The mentors are the query's rows (``DirectoryRow``): a card not in the cache makes
    its mentor from one, and fetches the career fields with ``mentor_card_fields_fetch``
    (``mentors.directory_cards``). The page's query is compiled once per shape in each
    process (``core.query_shapes``); the near spellings' threshold is set once per
    database connection (``trigram_threshold_set``).
    """
    today = today or timezone.localdate()
    page = min(max(page, 1), MAX_PAGES)
    q = (filters.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    sql, params = compiled_query(*_page_query(filters, q=q, page=page, today=today))
    mentors = _directory_rows(sql, params)
    return DirectoryPage(
        mentors=mentors[:PAGE_SIZE],
        number=page,
        has_next=len(mentors) > PAGE_SIZE and page < MAX_PAGES,
        has_previous=page > 1,
        searched=bool(q),
        filters=filters,
        suggestion=mentor_search_suggestion(q=q, today=today) if q and not mentors else "",
    )


def trigram_threshold_set(*, sender, connection, **_kwargs) -> None:
    """Set pg_trgm's word-similarity threshold (``TYPO_THRESHOLD``) for the session, on
    each new database connection (a ``connection_created`` receiver): the directory is
    the only user of the operator, and a search then needs no statement of its own to set
    it. A session setting, so it assumes one connection per session (no pooler in
    transaction mode between the app and PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TYPO_THRESHOLD)],
        )


def mentor_search_suggestion(*, q: str, today: datetime.date | None = None) -> str:
    """``q`` with each word that matches no word of a career field, or of a listed
    mentor's employer or job title, replaced by the closest one ("robotcs" → "Robotics");
    "" when no word needs correcting or none is close enough.

    One query: the words of those names, and for each word typed the most similar.
    """
    typed = [word for word in _WORD_SEPARATORS.split(q) if word][:SUGGESTION_MAX_WORDS]
    if not typed:
        return ""
    listed = (
        MentorProfile.objects.listed(today=today)
        .order_by()
        .values("employer", "job_title")
        .distinct()
    )
    listed_sql, listed_params = listed.query.sql_with_params()
    # The names in every language, as the search covers them (fields_text).
    names = CareerField.objects.order_by().values("name_en", "name_es")
    fields_sql, fields_params = names.query.sql_with_params()
    # Each distinct employer and title is split once, not once per mentor (the 100,000
    # demo mentors have 123 pairs of them), and the words are gathered once for all the
    # words typed (MATERIALIZED: a CTE named once is otherwise inlined into the LATERAL
    # and gathered again for each).
    sql = f"""
        WITH listed AS MATERIALIZED (
            SELECT employer, job_title FROM ({listed_sql}) AS listed(employer, job_title)
        ),
        texts(text) AS (
            SELECT name
            FROM ({fields_sql}) AS fields, unnest(ARRAY[fields.name_en, fields.name_es]) AS name
            UNION SELECT employer FROM listed
            UNION SELECT job_title FROM listed
        ),
        words AS MATERIALIZED (
            SELECT DISTINCT ON (lower(word)) word
            FROM texts, regexp_split_to_table(text, '[^[:alnum:]]+') AS word
            WHERE length(word) >= 3
            ORDER BY lower(word), word
        )
        SELECT closest.word, closest.score
        FROM unnest(%s::text[]) WITH ORDINALITY AS typed(word, position)
        LEFT JOIN LATERAL (
            SELECT words.word, similarity(lower(words.word), lower(typed.word)) AS score
            FROM words
            ORDER BY score DESC, words.word
            LIMIT 1
        ) AS closest ON true
        ORDER BY typed.position
    """  # noqa: S608 -- the subqueries are the ORM's own SQL, with their parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, [*listed_params, *fields_params, typed])
        closest = cursor.fetchall()
    corrected = [
        word if score is None or score >= 1 or score < SUGGESTION_THRESHOLD else match
        for word, (match, score) in zip(typed, closest, strict=True)
    ]
    changed = any(new.lower() != old.lower() for new, old in zip(corrected, typed, strict=True))
    return " ".join(corrected) if changed else ""


def _profile_sql(v: Mapping[str, Any], *, today: datetime.date) -> tuple[str, tuple]:
    queryset = with_capacity(
        MentorProfile.objects.with_is_listed(today=today).filter(pk=v["mentor_id"]),
        month_of=today,
    ).defer("phone")
    return queryset.query.sql_with_params()


def mentor_get_for_profile_page(*, mentor_id: int) -> MentorProfile | None:
    """A mentor with what the public profile shows (never contact details),
    ``is_listed`` and this month's capacity. Their career fields are read only where
    they are shown (the profile page keeps its rendered facts in the cache), and their
    user only if asked for (another query). Compiled once a day in each process
    (``core.query_shapes``)."""
    today = timezone.localdate()
    sql, params = compiled_query(
        ("mentors.profile", today), partial(_profile_sql, today=today), {"mentor_id": mentor_id}
    )
    return next(iter(MentorProfile.objects.raw(sql, params)), None)


def career_fields_grouped() -> list[tuple[str, list[tuple[int, str]]]]:
    """Career fields as (cluster, [(id, name), ...]) groups for a select box, by cluster
    and name in the active language."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for pk, name, cluster in CareerField.objects.values_list("pk", "name", "cluster"):
        groups.setdefault(cluster, []).append((pk, name))
    return list(groups.items())


CAREER_FIELD_CHOICES_KEY = "mentors:career-field-choices"
# How long the career fields offered stay in the cache at most (a version's move lost to a
# database failure just after a change committed leaves them stale no longer than this).
CAREER_FIELD_CHOICES_SECONDS = 300


def _career_field_choices_key(language: str) -> str:
    return f"{CAREER_FIELD_CHOICES_KEY}:{language}"


def career_field_choices_read() -> VersionedRead:
    """The cache entry ``career_field_choices`` takes the active language's career fields
    from: kept under the directory's version, which a career field's save or delete
    moves, so the directory reads it with its cards."""
    return VersionedRead((VERSION_KEY,), (_career_field_choices_key(get_language()),))


def career_field_choices(found: VersionedFound | None = None) -> list[tuple[str, str]]:
    """``(slug, name)`` of every career field by name in the active language, for the
    directory's filter: from what ``career_field_choices_read`` found, else from the
    database (and then kept, when the cache was read for them: ``found``)."""
    key = _career_field_choices_key(get_language())
    if found is not None and key in found.entries:
        return list(found.entries[key])  # the kept list is shared: the form gets its own
    choices = list(CareerField.objects.order_by(Localized("name")).values_list("slug", "name"))
    if found is not None:
        versioned_set_many(found.versions, {key: choices}, CAREER_FIELD_CHOICES_SECONDS)
    return choices
