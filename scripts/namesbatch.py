"""Running ``byline names --batch`` on generated cases.

Imported by the scripts that measure the name normalizer on cases they make
(``slip-cases.py``, ``inflected-slip-cases.py``, ``score-inflected-names.py``): each request is
``{"id", "lang", "text"}`` as ``../shared/INTERFACE.md`` describes, and each answer comes back by
its id, with the corrected ``text`` and the ``changes``.
"""
from __future__ import annotations

import json
import subprocess
import sys


def names_batch(byline: str, requests: list[dict]) -> dict[str, dict]:
    """The answers of ``byline names --batch`` to ``requests``, by id; exits with the
    program's error when it fails."""
    lines = "".join(json.dumps(request, ensure_ascii=False) + "\n" for request in requests)
    done = subprocess.run([byline, "names", "--batch"], input=lines, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"{byline} names --batch failed: {done.stderr.strip()}")
    return {answer["id"]: answer for answer in map(json.loads, done.stdout.splitlines())}
