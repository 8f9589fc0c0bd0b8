#!/usr/bin/env python3
"""Cut a one-document alignment set (`dev.<src>`, `dev.<tgt>`, `dev.gold`, as
`../shared/eval/tm/align-dev/textberg-de-fr` holds it) into K shorter documents at gold bead
boundaries, each a set of its own with its lines and beads renumbered, so the aligner can be
scored on shorter texts of the same kind:

    python3 scripts/split-align-gold.py ../shared/eval/tm/align-dev/textberg-de-fr 4 .build/textberg-quarters
    python3 ../shared/tools/score_align.py .build/textberg-quarters

Piece k takes gold beads [k*n/K, (k+1)*n/K) and the source and target lines from the first to
the last line those beads hold.
"""
import re
import sys
from pathlib import Path

BEAD = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source_dir, pieces, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    texts = {path.suffix[1:]: path.read_text(encoding="utf-8").splitlines()
             for path in source_dir.glob("dev.*") if path.suffix != ".gold"}
    name = source_dir.name
    languages = name.split("-")[-2:]
    if sorted(texts) != sorted(languages):
        sys.exit(f"{source_dir}: expected dev.{languages[0]} and dev.{languages[1]}")
    gold = []
    for number, line in enumerate((source_dir / "dev.gold").read_text(encoding="utf-8").splitlines(), 1):
        match = BEAD.match(line)
        if not match:
            if line.strip():
                sys.exit(f"{source_dir / 'dev.gold'}:{number}:1: not a bead")
            continue
        gold.append(tuple([int(x) for x in side.replace(",", " ").split()] for side in match.groups()))
    for piece in range(pieces):
        beads = gold[piece * len(gold) // pieces:(piece + 1) * len(gold) // pieces]
        sources = [i for bead in beads for i in bead[0]]
        targets = [j for bead in beads for j in bead[1]]
        s0, s1, t0, t1 = min(sources), max(sources), min(targets), max(targets)
        folder = out / f"{name}-{piece}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"dev.{languages[0]}").write_text("\n".join(texts[languages[0]][s0:s1 + 1]) + "\n", encoding="utf-8")
        (folder / f"dev.{languages[1]}").write_text("\n".join(texts[languages[1]][t0:t1 + 1]) + "\n", encoding="utf-8")
        lines = [f"[{', '.join(str(i - s0) for i in a)}]:[{', '.join(str(j - t0) for j in b)}]" for a, b in beads]
        (folder / "dev.gold").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
