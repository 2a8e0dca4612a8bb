# As in ../en/formats.py: a date-time names its time zone.
DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s H:i T"
SHORT_DATETIME_FORMAT = "d/m/Y H:i T"

# As in ../en/formats.py: "martes, 1 de diciembre de 2026, 15:00" and the zone's
# abbreviation after it.
WHEN_DATE_TIME_FORMAT = r"l, j \d\e F \d\e Y, H:i"
WHEN_TIME_FORMAT = "H:i"
WHEN_DAY_FORMAT = r"l, j \d\e F \d\e Y"

# Numbers as in Mexico and the United States, where most of our Spanish readers live:
# 1,234.5 (Spain and much of South America write 1.234,5).
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
