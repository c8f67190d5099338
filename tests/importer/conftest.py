import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files of the import jobs go to a temporary folder, not var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
