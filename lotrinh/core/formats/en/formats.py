"""Dates are typed and shown day first on every page of the site (core/dates.py,
core/locale.py), in both languages; Django's own pages (the admin: its forms, its
calendar, which writes the first input format, its History page and its lists) follow.
A moment is dd/mm/yyyy hh:mm in Vietnam's time, as `locale.format_datetime` writes it.
"""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_FORMAT = SHORT_DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = SHORT_DATETIME_FORMAT = "d/m/Y H:i"
