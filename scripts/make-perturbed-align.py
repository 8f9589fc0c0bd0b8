#!/usr/bin/env python3
"""Make perturbed copies of sentence-aligned documents: merged and dropped sentences.

    python3 scripts/make-perturbed-align.py ../shared/eval/tm/align-dev .build/align-perturbed
    python3 ../shared/tools/score_align.py .build/align-perturbed --peer gale-church

Reads a ``manifest.jsonl`` of documents whose gold alignment is all 1-1 (the FLORES sets;
other sets are skipped) and writes, for each set NAME, a set ``NAME-perturbed`` with the
same documents changed the way correspondents change a story, and the gold beads that follow:

* merge: two neighbouring sentences of one side become one (joined by a space), giving a
  2-1 or 1-2 bead;
* drop: one sentence of one side is left out, giving a 1-0 or 0-1 bead for its
  counterpart.

How many changes: by default each sentence pair has a chance ``--rate`` (0.1) of being merged
with the next or dropped, so a long document gets about one change in ten sentences and most
three-sentence documents none; ``--per-document`` instead gives every document one or two
changes, a far harsher set (in a three-sentence document half the beads change). The changes
come from a random generator seeded with ``--seed`` and the document's name, so the output is
the same on every run. Standard library only; nothing is fetched.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def perturb(src: list[str], tgt: list[str], rng: random.Random, rate: float | None):
    """Returns new sides and gold beads, starting from a 1-1 alignment: with `rate`, each
    bead changes with that chance; without, the document gets one or two changes."""
    # Beads as lists of (source sentences, target sentences), by text.
    beads = [([s], [t]) for s, t in zip(src, tgt)]
    if rate is None:
        places = [None] * (1 + (rng.random() < 0.5))
    else:
        places = [at for at in range(len(beads)) if rng.random() < rate]
    for place in reversed(places):
        kind = rng.choice(["merge", "merge", "drop"])
        side = rng.choice([0, 1])
        if kind == "merge" and len(beads) >= 2:
            at = rng.randrange(len(beads) - 1) if place is None else min(place, len(beads) - 2)
            first, second = beads[at], beads[at + 1]
            if not first[side] or not second[side] or len(first[side]) + len(second[side]) > 2:
                continue
            if len(first[1 - side]) + len(second[1 - side]) > 2:
                continue
            joined = " ".join(first[side] + second[side])
            merged = [None, None]
            merged[side] = [joined]
            merged[1 - side] = first[1 - side] + second[1 - side]
            beads[at:at + 2] = [(merged[0], merged[1])]
        elif kind == "drop" and len(beads) >= 2:
            at = rng.randrange(len(beads)) if place is None else min(place, len(beads) - 1)
            bead = beads[at]
            if len(bead[0]) != 1 or len(bead[1]) != 1:
                continue
            kept = [bead[0], bead[1]]
            kept[side] = []
            beads[at] = (kept[0], kept[1])
    new_src, new_tgt, gold = [], [], []
    for s_list, t_list in beads:
        s_idx = list(range(len(new_src), len(new_src) + len(s_list)))
        t_idx = list(range(len(new_tgt), len(new_tgt) + len(t_list)))
        new_src += s_list
        new_tgt += t_list
        gold.append(f"{s_idx}:{t_idx}")
    return new_src, new_tgt, gold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="folder with manifest.jsonl")
    parser.add_argument("output", type=Path, help="folder to write (its manifest.jsonl is replaced)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--rate", type=float, default=0.1, help="chance that a sentence pair changes (default 0.1)")
    parser.add_argument("--per-document", action="store_true", help="one or two changes in every document instead")
    args = parser.parse_args()

    manifest = []
    for line in (args.source / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if set(entry.get("bead_types", {})) != {"1-1"}:
            continue
        folder = args.source / entry["set"]
        src = read_lines(folder / entry["src"])
        tgt = read_lines(folder / entry["tgt"])
        rng = random.Random(f"{args.seed}:{entry['set']}:{entry['doc']}")
        new_src, new_tgt, gold = perturb(src, tgt, rng, None if args.per_document else args.rate)
        name = entry["set"] + "-perturbed"
        out = args.output / name
        out.mkdir(parents=True, exist_ok=True)
        (out / entry["src"]).write_text("".join(s + "\n" for s in new_src), encoding="utf-8")
        (out / entry["tgt"]).write_text("".join(t + "\n" for t in new_tgt), encoding="utf-8")
        (out / entry["gold"]).write_text("".join(g + "\n" for g in gold), encoding="utf-8")
        kinds: dict[str, int] = {}
        for g in gold:
            s_part, t_part = g.split(":")
            key = f"{len(json.loads(s_part))}-{len(json.loads(t_part))}"
            kinds[key] = kinds.get(key, 0) + 1
        manifest.append({**{k: entry[k] for k in ("pair", "doc", "src", "tgt", "gold")}, "set": name,
                         "n_src": len(new_src), "n_tgt": len(new_tgt), "beads": len(gold), "bead_types": kinds})
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "manifest.jsonl").write_text(
        "".join(json.dumps(m, ensure_ascii=False) + "\n" for m in manifest), encoding="utf-8")
    total: dict[str, int] = {}
    for m in manifest:
        for k, v in m["bead_types"].items():
            total[k] = total.get(k, 0) + v
    print(f"{args.output}: {len(manifest)} documents, beads {dict(sorted(total.items()))}")


if __name__ == "__main__":
    main()
