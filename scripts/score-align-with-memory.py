#!/usr/bin/env python3
"""Measure what a translation memory of the pair adds to the aligner, on documents it has not seen.

    python3 scripts/score-align-with-memory.py ../shared/eval/tm/align-dev flores-en-az \
        .build/align-perturbed flores-en-az-perturbed

The first half of the documents of the plain set (by name) are aligned into a fresh memory with
``byline align --into-tm``; the second half of the other set (by name, so no document is in both
halves) is then aligned with and without ``--db`` and scored bead by bead: precision = output beads
that are gold beads, recall = gold beads found (1-0 and 0-1 beads included on both sides). Standard
library only; the binary is ``.build/release/byline`` unless ``--byline`` says otherwise.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path


def documents(root: Path, name: str) -> list[dict]:
    entries = [json.loads(line) for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return sorted((e for e in entries if e["set"] == name), key=lambda e: e["doc"])


def align(byline: str, root: Path, entry: dict, extra: list[str]) -> list[str]:
    folder = root / entry["set"]
    source, target = entry["pair"].split("-")
    result = subprocess.run(
        [byline, "align", str(folder / entry["src"]), str(folder / entry["tgt"]), "--from", source, "--to", target,
         "--lines", "--format", "beads", *extra], capture_output=True, text=True, check=True)
    return [line for line in result.stdout.splitlines() if line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("memory_root", type=Path)
    parser.add_argument("memory_set")
    parser.add_argument("test_root", type=Path)
    parser.add_argument("test_set")
    parser.add_argument("--byline", default=".build/release/byline")
    args = parser.parse_args()

    learn = documents(args.memory_root, args.memory_set)
    test = documents(args.test_root, args.test_set)
    learn, test = learn[: len(learn) // 2], test[len(test) // 2:]
    assert not {e["doc"] for e in learn} & {e["doc"] for e in test}
    with tempfile.TemporaryDirectory() as scratch:
        database = str(Path(scratch) / "memory.sqlite")
        for entry in learn:
            align(args.byline, args.memory_root, entry, ["--into-tm", "--db", database])
        for label, extra in (("without memory", []), ("with memory", ["--db", database])):
            hits = produced = expected = 0
            for entry in test:
                output = set(align(args.byline, args.test_root, entry, extra))
                gold = {line.strip() for line in (args.test_root / entry["set"] / entry["gold"]).read_text().splitlines() if line.strip()}
                hits += len(output & gold)
                produced += len(output)
                expected += len(gold)
            precision, recall = hits / produced, hits / expected
            f1 = 2 * precision * recall / (precision + recall)
            print(f"{label}: {len(test)} documents, memory of {len(learn)} documents: "
                  f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


if __name__ == "__main__":
    main()
