"""The program report as the page shows it: named tables, each with its caption, a
text summary and, where a picture helps, a bar chart drawn from the same rows.

A table is what the page shows as the chart's alternative and what its CSV download
holds, so the chart, the table and the file can never disagree.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, cast

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .selectors import ProgramReport

# The chart's geometry, in SVG user units (the SVG scales to the page's width).
CHART_WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 70
ROW_HEIGHT = 26
BAR_HEIGHT = 18


@dataclass
class Bar:
    label: str
    shown: str
    y: float
    width: float
    text_y: float
    value_x: float


@dataclass
class Chart:
    bars: list[Bar]
    height: float
    label_x: float = LABEL_WIDTH - 8
    bar_x: float = LABEL_WIDTH
    width: float = CHART_WIDTH
    bar_height: float = BAR_HEIGHT


@dataclass
class Table:
    name: str
    caption: str
    headers: list[str]
    rows: list[list[object]]
    summary: str = ""
    chart: Chart | None = None
    # Which column the chart draws (its labels come from the first column).
    chart_column: int | None = None
    notes: list[str] = field(default_factory=list)

    def with_chart(self, column: int) -> Table:
        values = [float(cast(Any, row[column]) or 0) for row in self.rows]
        top = max(values, default=0) or 1
        room = CHART_WIDTH - LABEL_WIDTH - VALUE_WIDTH
        bars = [
            Bar(
                label=str(row[0]),
                shown=_number(row[column]),
                y=i * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                width=round(room * value / top, 1),
                text_y=i * ROW_HEIGHT + ROW_HEIGHT / 2 + 5,
                value_x=LABEL_WIDTH + round(room * value / top, 1) + 6,
            )
            for i, (row, value) in enumerate(zip(self.rows, values, strict=True))
        ]
        self.chart = Chart(bars=bars, height=max(len(bars), 1) * ROW_HEIGHT)
        self.chart_column = column
        return self


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return "" if value is None else str(value)


def percent(part: float | None) -> str:
    return "–" if part is None else f"{round(100 * part)}%"


def duration(value: datetime.timedelta | None) -> str:
    """A time to answer as staff would say it: minutes, hours or days."""
    if value is None:
        return "–"
    hours = value.total_seconds() / 3600
    if hours < 1:
        minutes = round(value.total_seconds() / 60)
        return ngettext("%(n)d minute", "%(n)d minutes", minutes) % {"n": minutes}
    if hours < 48:
        return _("%(n).1f hours") % {"n": hours}
    return _("%(n).1f days") % {"n": hours / 24}


def _average(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _summary_table(report: ProgramReport) -> Table:
    o = report.outcomes
    rows: list[list[object]] = [
        [_("Requests sent"), o.requests],
        [_("Students who asked"), o.students],
        [_("Acceptance rate (accepted of sent)"), percent(o.acceptance_rate)],
        [_("Median time to the mentor's first answer"), duration(o.median_answer)],
        [_("Conversations completed"), o.completed],
        [_("No-shows"), o.no_shows],
        [_("Cancellations, on time"), o.on_time_cancellations],
        [_("Cancellations, late"), o.late_cancellations],
        [_("Thank-you rate (thanked of completed)"), percent(o.thank_you_rate)],
        [_("Active mentors (accepted at least one request)"), o.active_mentors],
        [_("Listed mentors"), report.load.listed],
    ]
    return Table(
        name="summary",
        caption=_("Key figures"),
        headers=[_("Figure"), _("Value")],
        rows=rows,
        summary=_(
            "%(requests)s requests from %(students)s students; %(rate)s accepted; "
            "%(completed)s conversations completed; half of the answers came within %(median)s."
        )
        % {
            "requests": o.requests,
            "students": o.students,
            "rate": percent(o.acceptance_rate),
            "completed": o.completed,
            "median": duration(o.median_answer),
        },
    )


def _outcomes_table(report: ProgramReport) -> Table:
    o = report.outcomes
    rows: list[list[object]] = [
        [_("Accepted"), o.accepted],
        [_("Declined"), o.declined],
        [_("Expired without an answer"), o.expired],
        [_("Withdrawn by the student"), o.withdrawn],
        [_("Still open"), o.still_open],
        [_("Completed"), o.completed],
        [_("No-show"), o.no_shows],
        [_("Cancelled on time"), o.on_time_cancellations],
        [_("Cancelled late"), o.late_cancellations],
        [_("Thank-you sent"), o.thanked],
    ]
    return Table(
        name="outcomes",
        caption=_("What became of the requests"),
        headers=[_("Outcome"), _("Requests")],
        rows=rows,
        summary=_(
            "Of %(requests)s requests, %(accepted)s were accepted, %(declined)s declined and "
            "%(expired)s expired; %(completed)s conversations were completed and "
            "%(no_shows)s did not take place (no-show)."
        )
        % {
            "requests": o.requests,
            "accepted": o.accepted,
            "declined": o.declined,
            "expired": o.expired,
            "completed": o.completed,
            "no_shows": o.no_shows,
        },
    ).with_chart(1)


def _over_time_table(report: ProgramReport) -> Table:
    if report.by_month:
        rows: list[list[object]] = [
            [date_format(day, "YEAR_MONTH_FORMAT"), n] for day, n in report.over_time
        ]
        first = _("Month")
    else:
        rows = [
            [_("Week of %(day)s") % {"day": date_format(day, "SHORT_DATE_FORMAT")}, n]
            for day, n in report.over_time
        ]
        first = _("Week")
    busiest = max(report.over_time, key=lambda item: item[1], default=None)
    summary = (
        _("The busiest %(unit)s was %(label)s, with %(n)s requests.")
        % {
            "unit": _("month") if report.by_month else _("week"),
            "label": rows[report.over_time.index(busiest)][0],
            "n": busiest[1],
        }
        if busiest and busiest[1]
        else _("No requests in this period.")
    )
    return Table(
        name="over_time",
        caption=_("Requests sent per month") if report.by_month else _("Requests sent per week"),
        headers=[first, _("Requests")],
        rows=rows,
        summary=summary,
    ).with_chart(1)


def _load_table(report: ProgramReport) -> Table:
    load = report.load
    return Table(
        name="load",
        caption=_("Listed mentors by how many requests they received"),
        headers=[_("Requests received"), _("Listed mentors")],
        rows=[[label, n] for label, n in load.buckets],
        summary=_(
            "Of %(listed)s listed mentors, %(never)s were never asked and %(over)s were "
            "over-asked (more requests than their monthly limit allows over %(months).1f months)."
        )
        % {
            "listed": load.listed,
            "never": load.never_asked,
            "over": load.over_asked,
            "months": load.months,
        },
    ).with_chart(1)


def _most_asked_table(report: ProgramReport) -> Table:
    return Table(
        name="most_asked",
        caption=_("The most-asked mentors"),
        headers=[
            _("Mentor"),
            _("Requests received"),
            _("Their monthly limit allows"),
            _("Over-asked"),
        ],
        rows=[
            [name, asked, round(allowance, 1), _("yes") if asked > allowance else _("no")]
            for name, asked, allowance in report.load.most_asked
        ],
        summary=_(
            "A mentor asked more often than their monthly limit allows over the period is "
            "over-asked: %(n)s in all."
        )
        % {"n": report.load.over_asked},
    )


def _fields_table(report: ProgramReport) -> Table:
    rows: list[list[object]] = [
        [
            row.name,
            row.interested_students,
            row.requests,
            row.listed_mentors,
            "–" if row.students_per_mentor is None else round(row.students_per_mentor, 1),
        ]
        for row in report.fields
    ]
    gaps = [row.name for row in report.fields if row.interested_students and not row.listed_mentors]
    summary = (
        _("Students are interested in %(n)s fields without any listed mentor: %(names)s.")
        % {"n": len(gaps), "names": ", ".join(gaps[:5]) + ("…" if len(gaps) > 5 else "")}
        if gaps
        else _("Every field students are interested in has at least one listed mentor.")
    )
    table = Table(
        name="fields",
        caption=_("Career fields: what students ask about against listed mentors"),
        headers=[
            _("Career field"),
            _("Students interested"),
            _("Requests to mentors in the field"),
            _("Listed mentors"),
            _("Students per listed mentor"),
        ],
        rows=rows,
        summary=summary,
        notes=[
            _(
                "Students interested: students whose profile names the field, whenever they "
                "chose it. Requests: requests sent in the period to mentors who list the field. "
                "Fields with the most students per listed mentor come first: the gaps to "
                "recruit for."
            )
        ],
    )
    return table


def _gaps_chart_table(report: ProgramReport) -> Table:
    top = [row for row in report.fields if row.interested_students][:10]
    return Table(
        name="gaps",
        caption=_("The ten largest gaps: students interested per listed mentor"),
        headers=[
            _("Career field"),
            _("Students interested"),
            _("Listed mentors"),
            _("Students per listed mentor"),
        ],
        rows=[
            [
                row.name,
                row.interested_students,
                row.listed_mentors,
                round(row.interested_students / max(row.listed_mentors, 1), 1),
            ]
            for row in top
        ],
        summary=_(
            "Bars show how many interested students each listed mentor would have to serve; "
            "a field without any listed mentor counts as one mentor."
        ),
    ).with_chart(3)


def _feedback_table(report: ProgramReport) -> Table:
    f = report.feedback
    rows: list[list[object]] = [[label, s, m] for label, s, m in f.distribution]
    rows.append([_("Average (1 to 4)"), _average(f.student_average), _average(f.mentor_average)])
    return Table(
        name="feedback",
        caption=_("Feedback: how useful the conversation was"),
        headers=[_("Rating"), _("From students"), _("From mentors")],
        rows=rows,
        summary=_(
            "%(s)s students rated their conversation %(sa)s on average; %(m)s mentors rated "
            "theirs %(ma)s (1 is not useful, 4 very useful)."
        )
        % {
            "s": f.student_count,
            "sa": _average(f.student_average),
            "m": f.mentor_count,
            "ma": _average(f.mentor_average),
        },
    )


def report_tables(report: ProgramReport) -> dict[str, Table]:
    tables = [
        _summary_table(report),
        _outcomes_table(report),
        _over_time_table(report),
        _load_table(report),
        _most_asked_table(report),
        _gaps_chart_table(report),
        _fields_table(report),
        _feedback_table(report),
    ]
    return {table.name: table for table in tables}
