"""A small inline SVG sparkline (server-rendered: no script needed on the overview)."""

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 120, 32, 3


def sparkline_svg(values: list[float], *, lower_is_better: bool = False) -> SafeString:
    if len(values) < 2:
        return mark_safe("")
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (WIDTH - 2 * PAD) / (len(values) - 1)
    points = []
    for i, value in enumerate(values):
        ratio = (value - low) / span
        if lower_is_better:
            ratio = 1 - ratio  # ranks: a better (smaller) rank draws higher
        points.append(f"{PAD + i * step:.1f},{HEIGHT - PAD - ratio * (HEIGHT - 2 * PAD):.1f}")
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-hidden="true">'
        '<polyline fill="none" stroke="currentColor" stroke-width="2" points="{}"/></svg>',
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        " ".join(points),
    )
