# Date-times the admin shows (and any template that prints one without a format) name
# their time zone: staff read times in their own zone, and must know which it is.
DATETIME_FORMAT = "N j, Y, P T"
SHORT_DATETIME_FORMAT = "m/d/Y P T"
