"""Django's model backend, loading the signed-in person with their agency.

Every signed-in page shows the person's agency (the frame's user line) and most check
permissions against it: loading it with the person (one query with a join) saves a query
on every page, and the query is compiled once per connection (`core/prepared.py`): it
runs on every signed-in request.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from lotrinh.core.prepared import Prepared

_person = None


def _person_query() -> Prepared:
    global _person
    if _person is None:
        from lotrinh.accounts.models import User

        _person = Prepared(
            lambda pk: User._default_manager.select_related("agency").filter(pk=pk),
            [User._meta.pk],
            [987_654_321],
        )
    return _person


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> Any:
        from lotrinh.accounts.models import User

        try:
            pk = User._meta.pk.to_python(user_id)
        except (ValidationError, TypeError, ValueError):  # a malformed id: nobody
            return None
        found = _person_query().objects(pk)
        if not found:
            return None
        user = found[0]
        return user if self.user_can_authenticate(user) else None
