# Date-times the admin shows (and any template that prints one without a format) name
# their time zone: staff read times in their own zone, and must know which it is.
DATETIME_FORMAT = "N j, Y, P T"
SHORT_DATETIME_FORMAT = "m/d/Y P T"

# core.timefmt's one style for instants: "Tuesday, December 1, 2026, 3:00 PM" and the
# zone's abbreviation after it.
WHEN_DATE_TIME_FORMAT = "l, F j, Y, g:i A"
WHEN_TIME_FORMAT = "g:i A"
WHEN_DAY_FORMAT = "l, F j, Y"
