#!/usr/bin/env python3
"""Misspellings made by moving one letter of a well-known place two places early or late, and
how many of them `byline names` puts right.

Every three letters after the first of each name below are rotated one way and the other
(`Armenia` gives `Amernia`, `Arenmia`, ...); each misspelling is set in the sentence
"They flew to X on Monday." and sent to `byline names --batch --lang en`. A case is right when
the only change is the name, wrong when another name replaces it, and missed when nothing
changes.

    python3 scripts/moved-letter-cases.py [--byline .build/release/byline] [--baseline OTHER]

With --baseline, the same cases go through a second binary and the cases whose outcome
differs are listed. The names are chosen by hand among the countries, capitals, large cities
and US states that English news names most; none comes from any evaluation set.
"""
import argparse
import json
import subprocess
import sys

PLACES = """
Armenia Germany Australia Argentina Venezuela Nigeria Romania Slovenia Colombia Malaysia Portugal
Morocco Algeria Tanzania Pakistan Indonesia Ethiopia Cambodia Lebanon Jordan Mongolia Paraguay
Uruguay Honduras Brazil Denmark Norway Finland Hungary Austria Belgium Ireland Scotland England
Kenya Ghana Zambia Uganda Rwanda Somalia Senegal Liberia Chicago Toronto Madrid Berlin Moscow
London Sydney Beijing Shanghai Istanbul Baghdad Tehran Kabul Karachi Mumbai Delhi Manila Jakarta
Bangkok Hanoi Seoul Tokyo Osaka Cairo Lagos Nairobi Boston Houston Phoenix Dallas Denver Atlanta
Miami Seattle Portland Detroit Memphis Nashville Oregon Nevada Arizona Texas Florida Georgia
Virginia Carolina Kentucky Alabama Montana Dakota Kansas Missouri Illinois Indiana Michigan
Wisconsin Minnesota Iowa Nebraska Oklahoma Arkansas Louisiana Mississippi Tennessee Ohio
Pennsylvania Maryland Delaware Vermont Maine Massachusetts Connecticut Alaska Hawaii California
Washington Idaho Utah Wyoming Colorado
""".split()


def cases():
    """(misspelling, name) pairs: one letter moved over two others, inside the name."""
    result = []
    for name in PLACES:
        for start in range(1, len(name) - 2):
            three = name[start:start + 3]
            for moved in (three[1:] + three[0], three[2] + three[:2]):
                written = name[:start] + moved + name[start + 3:]
                if written.lower() != name.lower() and (written, name) not in result:
                    result.append((written, name))
    return result


def outcomes(byline, pairs):
    """Per case, the replacements `byline names` makes."""
    requests = "".join(
        json.dumps({"id": str(index), "lang": "en", "text": f"They flew to {written} on Monday."}) + "\n"
        for index, (written, _) in enumerate(pairs))
    run = subprocess.run([byline, "names", "--batch"], input=requests, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{byline} names --batch failed: {run.stderr.strip()}")
    result = {}
    for line in run.stdout.splitlines():
        answer = json.loads(line)
        result[int(answer["id"])] = [change["to"] for change in answer.get("changes", [])]
    return result


def tally(pairs, found):
    right = sum(1 for index, (_, name) in enumerate(pairs) if found.get(index) == [name])
    wrong = sum(1 for index, (_, name) in enumerate(pairs) if found.get(index) and found[index] != [name])
    return right, wrong, len(pairs) - right - wrong


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--byline", default=".build/release/byline")
    parser.add_argument("--baseline", help="a second byline binary to compare with")
    args = parser.parse_args()
    pairs = cases()
    found = outcomes(args.byline, pairs)
    right, wrong, missed = tally(pairs, found)
    print(f"{len(pairs)} misspellings of {len(PLACES)} places")
    print(f"{args.byline}: right {right}, wrong {wrong}, missed {missed}")
    if args.baseline:
        before = outcomes(args.baseline, pairs)
        right, wrong, missed = tally(pairs, before)
        print(f"{args.baseline}: right {right}, wrong {wrong}, missed {missed}")
        for index, (written, name) in enumerate(pairs):
            if found.get(index) != before.get(index):
                print(f"  {written} ({name}): {before.get(index) or '-'} -> {found.get(index) or '-'}")


if __name__ == "__main__":
    main()
