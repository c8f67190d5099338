"""The If-Match header of the API's writes, read as RFC 9110 §13.1.1 says.

If-Match = "*" / #entity-tag. The comparison is strong: a weak tag (`W/"v3"`) never
matches; a list matches when one of its strong tags is the current one. `*` is parsed
(`any`), but the API's writes refuse it (428, `api.views.if_match`): it would match any
version, so a double submit or a stale tab would write over a newer version unseen. A
header that is not this grammar is no precondition at all (428, as a missing one).

The version check itself stays in the services (the same `expected_version` the pages'
forms send): the header only tells which version the client read. When one listed tag
is the current version, that version is handed on; otherwise the newest version of ours
the client listed, which the service then finds stale (412 with the current values, or
nothing to do when the client sent what is stored, as for a form). A header naming no
version of ours (weak tags only, tags this server never gave) matches nothing: 412.
"""

import re
from dataclasses import dataclass

# entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; etagc = %x21 / %x23-7E / obs-text
# (a header's value reaches Django as latin-1, so obs-text is U+0080–U+00FF).
_TAG = re.compile(r'[ \t]*(W/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*')
_EMPTY = re.compile(r"[ \t]*(?=,|$)")
# The tags this server gives: "v" and the version, without leading zeros; at most 18
# digits (every version fits 64 bits, and a longer one is no version of ours).
_OURS = re.compile(r"v(0|[1-9][0-9]{0,17})")


@dataclass(frozen=True)
class IfMatch:
    """A well-formed If-Match: `*`, or the versions its strong tags name (weak tags and
    tags this server never gave count for nothing)."""

    any: bool
    versions: frozenset[int]

    def version_read(self, current: int) -> int | None:
        """The version to check the write against: `current` when the header matches it,
        else the newest listed version (stale), None when it lists no version of ours."""
        if self.any or current in self.versions:
            return current
        return max(self.versions) if self.versions else None


def parse_if_match(raw: str | None) -> IfMatch | None:
    """The header as RFC 9110 writes it, or None when missing or malformed."""
    if raw is None or not raw.strip(" \t"):
        return None
    if raw.strip(" \t") == "*":
        return IfMatch(any=True, versions=frozenset())
    versions: set[int] = set()
    seen_tag = False
    position, length = 0, len(raw)
    while position < length:
        found = _TAG.match(raw, position)
        if found is None:
            # An empty list element ("a, , b") is allowed by the list syntax.
            empty = _EMPTY.match(raw, position)
            if empty is None:
                return None
            position = empty.end()
        else:
            seen_tag = True
            weak, opaque = found.group(1), found.group(2)
            ours = _OURS.fullmatch(opaque)
            if ours and not weak:
                versions.add(int(ours.group(1)))
            position = found.end()
        if position < length:
            if raw[position] != ",":
                return None
            position += 1
    if not seen_tag:
        return None
    return IfMatch(any=False, versions=frozenset(versions))
