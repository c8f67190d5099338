"""The API's JSON parser: DRF's, with a body nested too deeply for Python's decoder
(`[[[[…` a hundred thousand times, a few hundred kilobytes) refused as unreadable (400)
instead of raising RecursionError, a 500 with the site's HTML error page."""

from typing import Any

from rest_framework import exceptions
from rest_framework.parsers import JSONParser as DrfJSONParser


class JSONParser(DrfJSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError("JSON nested too deeply") from None
