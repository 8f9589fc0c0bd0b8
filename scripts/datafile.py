"""Writing a generated file of ``Resources/data`` together with its line in ``SHA256SUMS``.

Imported by the build scripts that make one file each; run from anywhere (the paths are
the repository's). ``write_data_file`` writes the text as UTF-8, then replaces or adds
the file's line in ``Resources/data/SHA256SUMS``, keeping the lines sorted by path, and
returns the file's SHA-256.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "Resources" / "data"
SUMS_FILE = DATA / "SHA256SUMS"


def write_data_file(relative: str, text: str) -> str:
    """Write ``Resources/data/<relative>`` and its checksum line; return the SHA-256."""
    body = text.encode("utf-8")
    (DATA / relative).write_bytes(body)
    digest = hashlib.sha256(body).hexdigest()
    lines = [line for line in SUMS_FILE.read_text(encoding="utf-8").splitlines() if line]
    entries = {line.split("  ", 1)[1]: line for line in lines}
    entries[relative] = f"{digest}  {relative}"
    SUMS_FILE.write_text("\n".join(entries[path] for path in sorted(entries)) + "\n", encoding="utf-8")
    return digest
