"""Jobs of the programmes app (run by the worker: `lotrinh worker`)."""

from typing import Any

from django_tasks import task

from lotrinh.programmes import cascade


@task()
def refine_plan_links(programme_pk: int, items: list[dict[str, Any]], subject: str) -> int:
    """A plan imported through the page: its links suggested again with the meaning of
    the texts (`cascade.refine_suggestions`)."""
    return cascade.refine_suggestions(programme_pk, items, subject)
