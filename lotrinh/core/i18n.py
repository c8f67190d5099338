"""A translated text that remembers where it came from, so that one run can store a
message in both languages (docs/importer.md: a failed job keeps its reason in Vietnamese
and English without reading the document a second time).

`gettext` here is Django's, except that it returns a `Text`: a plain `str` in the active
language (so it joins, compares and serialises like any string) that also keeps its
msgid and the values put into it with `%` (a value that depends on the language, such as
an agency's name, is a `Deferred`). `in_language(text, "en")` renders it again.
Modules whose refusals are stored in two languages import `gettext as _` from here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import translation


class Text(str):
    """A message in the active language that can be rendered again in another one."""

    msgid: str
    params: Any

    def __new__(cls, msgid: str, params: Any = None) -> Text:
        rendered = translation.gettext(msgid)
        if params is not None:
            rendered = rendered % params
        text = super().__new__(cls, rendered)
        text.msgid = msgid
        text.params = params
        return text

    def __mod__(self, params: Any) -> str:
        if self.params is not None:  # already filled: a plain string from here on
            return str(self) % params
        return Text(self.msgid, params)

    def render(self, language: str) -> str:
        with translation.override(language):
            return str(Text(self.msgid, _params_in(self.params, language)))


class Deferred(str):
    """A value put into a `Text` that depends on the language (a name, a number): `make`
    computes it, now in the active language and again in another one."""

    make: Callable[[], str]

    def __new__(cls, make: Callable[[], str]) -> Deferred:
        value = super().__new__(cls, make())
        value.make = make
        return value

    def render(self, language: str) -> str:
        with translation.override(language):
            return self.make()


def _params_in(params: Any, language: str) -> Any:
    if isinstance(params, dict):
        return {key: in_language(value, language) for key, value in params.items()}
    if isinstance(params, tuple):
        return tuple(in_language(value, language) for value in params)
    return in_language(params, language)


def gettext(message: str) -> Text:
    return Text(message)


def in_language(value: Any, language: str) -> Any:
    """`value` rendered in `language` if it is a `Text`, else unchanged (a name, a number,
    or a string built without this module, which stays in the language it was made in)."""
    return value.render(language) if isinstance(value, Text | Deferred) else value
