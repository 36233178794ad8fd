"""A password hasher for the test suite only (see the root conftest.py).

Argon2 as in production, so stored hashes still read "argon2$...", but at the
library's lowest cost: the production parameters take 0.1-0.2 s per hash on
the 2-core machines here, and the suite creates hundreds of accounts.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 8  # KiB: argon2's minimum for one lane
    parallelism = 1
