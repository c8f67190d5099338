"""Argon2id tuned for this project's servers."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class LotrinhArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id at OWASP's recommended setting: 19 MiB, 2 passes, 1 lane.

    Measured on the 2-core development machine: about 50 ms of CPU per hash (Django's
    default, 100 MiB and 8 lanes, took about 360 ms of CPU there and 1.3 s of wall time
    under load: too much for a login on a small server, and an easy way to exhaust it).
    The algorithm name is Django's ("argon2"), so hashes made with other parameters
    still verify and are re-hashed with these at the next login.
    """

    time_cost = 2
    memory_cost = 19456  # KiB
    parallelism = 1
