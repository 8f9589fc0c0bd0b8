#!/usr/bin/env python3
"""Writes one long report for `byline bench` from the reports given, to a size in megabytes.

The reports' lines are repeated in order, each copy's lines ending with the copy's number, so no
line repeats (a repeated line is page furniture to the summarizer) while the vocabulary stays
that of the reports. Deterministic: the same files and size give the same bytes.

    python3 scripts/make-long-report.py --megabytes 100 seeds/000_e10f10481b35292a.txt > /tmp/long-100.txt
"""
import argparse
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", type=float, required=True, help="size to reach, in MB (10^6 bytes)")
    parser.add_argument("files", nargs="+", help="UTF-8 text reports")
    arguments = parser.parse_args()
    lines = []
    for path in arguments.files:
        with open(path, encoding="utf-8") as handle:
            lines += [line.rstrip("\n") for line in handle if line.strip()]
    if not lines:
        print("make-long-report.py: the files hold no text", file=sys.stderr)
        return 1
    target = int(arguments.megabytes * 1_000_000)
    written = 0
    copy = 0
    out = sys.stdout.buffer
    while written < target:
        copy += 1
        for line in lines:
            # A sentence-final mark stays last, so the copy number joins the sentence.
            end = len(line.rstrip(".!?\"”»"))
            text = f"{line[:end]} {copy}{line[end:]}\n\n".encode("utf-8")
            out.write(text)
            written += len(text)
            if written >= target:
                break
    return 0


if __name__ == "__main__":
    sys.exit(main())
