"""The Django admin's "Please correct the error below." is a plural message
(`blocktranslate count`); Django's Vietnamese catalogue has it only as two singular
entries, so a refused admin form said it in English on a Vietnamese page. The project's
catalogue (lotrinh/accounts/locale/vi) adds the plural entry."""

from django.utils import translation
from django.utils.translation import ngettext


def test_the_admins_error_note_is_vietnamese() -> None:
    with translation.override("vi"):
        for count in (1, 2):
            note = ngettext(
                "Please correct the error below.", "Please correct the errors below.", count
            )
            assert note.startswith("Hãy"), note
