"""Formats that differ from Django's for the site's languages (settings.FORMAT_MODULE_PATH)."""
