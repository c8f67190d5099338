"""Dates are typed day first on every page of the site (core/dates.py); Django's own
forms (the admin) and its calendar (the admin's, which writes the first format) follow."""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
