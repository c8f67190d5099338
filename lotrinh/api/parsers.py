"""The API's JSON parser: DRF's, with two bodies refused as unreadable (400 parse_error)
instead of being taken:

- nested too deeply for Python's decoder (`[[[[…` a hundred thousand times, a few
  hundred kilobytes): RecursionError was a 500 with the site's HTML error page;
- a number too large for a float (`1e999`): decoded as infinity, it was saved as the
  text "inf" (DRF refuses the `Infinity` and `NaN` literals, not an overflowing number).
"""

import codecs
import math
from typing import Any

from django.conf import settings
from rest_framework import exceptions
from rest_framework.parsers import JSONParser as DrfJSONParser
from rest_framework.utils import json


def finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:40]}")
    return value


class JSONParser(DrfJSONParser):
    def parse(self, stream: Any, media_type: Any = None, parser_context: Any = None) -> Any:
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.load(codecs.getreader(encoding)(stream), parse_float=finite)
        except RecursionError:
            raise exceptions.ParseError("JSON nested too deeply") from None
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None
