#!/usr/bin/env python3
"""Misspelt names from codespell's dictionary that a names development set does not hold: more
cases of the same kind, to see whether a change to the name rules carries beyond the cases it
was looked at on.

codespell (GPL-2.0, https://github.com/codespell-project/codespell) lists common misspellings
with their corrections. The entries whose one correction starts with a capital are names
(``achilleos->Achilles``, ``acsii->ASCII``); the development set takes some of them. This
writes the others as positives in the scorer's format, the misspelling capitalised as its
correction is (in capitals when the correction is).

    python3 -m pip download --no-deps -d /tmp/codespell codespell==2.4.3
    python3 scripts/codespell-name-cases.py /tmp/codespell/codespell-2.4.3-py3-none-any.whl \\
        --exclude ../shared/eval/names/positives.jsonl > /tmp/codespell-names.jsonl
    printf '' > /tmp/no-negatives.jsonl
    python3 ../shared/tools/score_names.py /tmp/codespell-names.jsonl /tmp/no-negatives.jsonl

Standard library only; only the misspelling and its correction are taken from the wheel.
"""
from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path

DICTIONARY = "codespell_lib/data/dictionary.txt"


def name_entries(wheel: Path) -> list[tuple[str, str]]:
    """The dictionary's (misspelling, correction) pairs with one correction that starts with a capital."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read(DICTIONARY).decode("utf-8")
    entries = []
    for line in text.splitlines():
        if "->" not in line:
            continue
        wrong, rights = line.split("->", 1)
        corrections = [right.strip() for right in rights.split(",") if right.strip()]
        if len(corrections) == 1 and corrections[0][:1].isupper():
            entries.append((wrong.strip(), corrections[0]))
    return entries


def written_as(wrong: str, right: str) -> str:
    """The misspelling with the correction's capitals: all of them, or the first."""
    return wrong.upper() if right.isupper() else wrong[:1].upper() + wrong[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("wheel", type=Path, help="codespell's wheel (pip download codespell==2.4.3)")
    parser.add_argument("--exclude", type=Path, action="append", default=[],
                        help="a positives .jsonl whose codespell cases are left out (repeatable)")
    args = parser.parse_args()
    held: set[str] = set()
    for path in args.exclude:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            try:
                case = json.loads(line)
            except json.JSONDecodeError as error:
                sys.exit(f"{path}:{number}:{error.colno}: not JSON ({error.msg})")
            if case.get("source") == "codespell":
                held.add(case["wrong"].lower())
    written = 0
    for number, (wrong, right) in enumerate(name_entries(args.wheel)):
        if wrong.lower() in held:
            continue
        case = {"id": f"codespell-{number:04d}", "lang": "en", "wrong": written_as(wrong, right), "right": right,
                "source": "codespell", "kind": "misspelling"}
        print(json.dumps(case, ensure_ascii=False))
        written += 1
    print(f"{written} cases ({len(held)} left out)", file=sys.stderr)


if __name__ == "__main__":
    main()
