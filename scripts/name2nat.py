"""Reading the table of the PyPI package ``name2nat`` 0.5.1: English Wikipedia's person
titles (dump of 2020-06-01) with their nationalities.

Imported by ``build-public-people.py`` (the titles) and ``build-people-data.py`` (the
nationalities). The wheel must have the SHA-256 below, and its pickle is read by an
unpickler that builds only dictionaries, lists and strings, so the file can run no code.
"""
from __future__ import annotations

import hashlib
import io
import pickle
import sys
import zipfile
from pathlib import Path

WHEEL_SHA256 = "cf6c45de61accfeb1d80c9ae86efd42fcf40cac481da5ab04d8a66dd7195fe94"
MEMBER = "name2nat/name2nats.pkl"
DOWNLOAD = "python3 -m pip download --no-deps --only-binary :all: -d /tmp/name2nat name2nat==0.5.1"


class TablesOnly(pickle.Unpickler):
    """An unpickler that builds dictionaries, lists and strings and refuses everything else."""

    def find_class(self, module: str, name: str):  # noqa: D102
        raise pickle.UnpicklingError(f"{module}.{name}: not allowed in a table of names")


def read_table(wheel: Path) -> dict:
    """The wheel's table of titles, checked; exits with a message when the wheel is missing,
    is another file, or holds no table."""
    if not wheel.exists():
        sys.exit(f"{wheel}: not found; {DOWNLOAD}")
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        sys.exit(f"{wheel}: SHA-256 {digest}, expected {WHEEL_SHA256}")
    with zipfile.ZipFile(wheel) as archive:
        table = TablesOnly(io.BytesIO(archive.read(MEMBER))).load()
    if not isinstance(table, dict):
        sys.exit(f"{wheel}:{MEMBER}: not a table of names")
    return table
