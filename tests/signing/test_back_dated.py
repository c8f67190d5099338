"""A signature without a trusted timestamp proves no signing time: the time it states is
the signer's own word (a clock set back). Such a signature is checked at the time of
checking, as ETSI EN 319 102-1 validates a basic signature with no proof of existence: a
certificate that has expired is refused, whatever time the signature claims."""

import datetime

import time_machine

from lotrinh.signing import certs
from lotrinh.signing.verify import verify_pdf
from tests.signing.conftest import expired
from tests.signing.test_signing import _signed_with, plain_pdf  # noqa: F401


def test_a_back_dated_signature_by_an_expired_certificate_is_refused(
    trust,
    authority,
    tmp_path,
    plain_pdf,  # noqa: F811
):
    old = expired(authority, "Chứng thư cũ")  # valid until 30 days ago
    back = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=100)
    with time_machine.travel(back, tick=False):
        data = _signed_with(old, [authority], tmp_path, plain_pdf)
    verdict = verify_pdf(data)
    assert not verdict.valid
    assert "đã hết hạn" in verdict.reason
    assert "dấu thời gian" in verdict.reason
    # What the signature claims is still reported, as the signer's statement.
    assert (
        verdict.signing_time is not None
        and verdict.signing_time.astimezone(datetime.UTC).date() == back.date()
    )


def test_a_signature_by_a_certificate_valid_now_is_still_valid(
    trust,
    authority,
    tmp_path,
    plain_pdf,  # noqa: F811
):
    now = datetime.datetime.now(datetime.UTC)
    current = certs.issue_signer(
        authority,
        "Chứng thư còn hạn",
        organisation="Bộ Y tế",
        not_before=now - datetime.timedelta(days=10),
        not_after=now + datetime.timedelta(days=300),
    )
    verdict = verify_pdf(_signed_with(current, [authority], tmp_path, plain_pdf))
    assert verdict.valid, verdict.reason
