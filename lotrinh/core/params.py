"""Whole numbers read from a query string or a form: a bad value is None, never a 500.

`str.isdigit()` alone is not enough: it is true of "²⁰²⁵" and "①", which `int()`
refuses, so a crafted parameter crashed the page. Only ASCII digits are read, at most
nine of them (a database integer holds them all)."""


def whole_number(value: str | None) -> int | None:
    """The number written in ASCII digits ("2025"), else None."""
    value = (value or "").strip()
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        return None
    return int(value)


def bounded_int(value: str | None, low: int, high: int) -> int | None:
    """A whole number within [low, high], else None."""
    number = whole_number(value)
    return number if number is not None and low <= number <= high else None
