"""The Django admin's "Please correct the error below." is a plural message
(`blocktranslate count`); Django's Vietnamese catalogue has it only as two singular
entries, so a refused admin form said it in English on a Vietnamese page. The entry the
project's catalogue must add (lotrinh/accounts/locale/vi, helpers do not edit .po files)
is named in the reason."""

import pytest
from django.utils import translation
from django.utils.translation import ngettext


@pytest.mark.xfail(
    strict=True,
    reason='needs msgid "Please correct the error below." msgid_plural "Please correct the '
    'errors below." in lotrinh/accounts/locale/vi (with Plural-Forms: nplurals=1; plural=0;)',
)
def test_the_admins_error_note_is_vietnamese() -> None:
    with translation.override("vi"):
        for count in (1, 2):
            note = ngettext(
                "Please correct the error below.", "Please correct the errors below.", count
            )
            assert note.startswith("Hãy"), note
