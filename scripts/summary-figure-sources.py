#!/usr/bin/env python3
"""Where the figures of reference summaries sit in their articles, and how many a Byline
summary carries.

For each article of a summarisation file (JSON lines with `id`, `lang`, `article` and the
reference `summary`), the figures of the reference (runs of digits with `.` or `,` between
them, commas dropped, as `FactRecall` counts them) are looked up in the article's sentences
(`byline segment --batch`) and in the summary `byline summarize --batch --sentences N` makes.
For the figures the summary misses, it prints the body sentence each first appears in, how
many sentences hold it, and its kind (a year, a number under 100, another figure).

    python3 scripts/summary-figure-sources.py ../shared/eval/summarization/cnndm-en.jsonl [--sentences 3]
"""
import argparse
import collections
import json
import re
import subprocess
import sys

FIGURE = re.compile(r"\d+(?:[.,]\d+)*")


def figures(text):
    return {match.group().replace(",", "") for match in FIGURE.finditer(text)}


def batch(byline, arguments, requests):
    run = subprocess.run([byline, *arguments, "--batch"], input="".join(json.dumps(r) + "\n" for r in requests),
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"byline {' '.join(arguments)} --batch failed: {run.stderr.strip()}")
    return {answer["id"]: answer for answer in map(json.loads, run.stdout.splitlines())}


def kind(figure):
    if re.fullmatch(r"(19|20)\d\d", figure):
        return "year"
    if figure.isdigit() and int(figure) < 100:
        return "under 100"
    return "other"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data")
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--byline", default=".build/release/byline")
    args = parser.parse_args()
    documents = [json.loads(line) for line in open(args.data, encoding="utf-8")]
    summaries = batch(args.byline, ["summarize", "--sentences", str(args.sentences)],
                      [{"id": d["id"], "lang": d["lang"], "article": d["article"]} for d in documents])
    segments = batch(args.byline, ["segment"], [{"id": d["id"], "lang": d["lang"], "text": d["article"]} for d in documents])
    total = in_article = carried = 0
    first = collections.Counter()
    holders = collections.Counter()
    kinds = collections.Counter()
    for document in documents:
        reference = figures(document["summary"])
        article = document["article"]
        sentences = [article[s["start"]:s["end"]] for s in segments[document["id"]]["sentences"]]
        present = reference & figures(article)
        picked = figures(summaries[document["id"]]["summary"])
        total += len(reference)
        in_article += len(present)
        carried += len(present & picked)
        for figure in present - picked:
            places = [index + 1 for index, sentence in enumerate(sentences) if figure in figures(sentence)]
            first[min(places) if places else 0] += 1
            holders[len(places)] += 1
            kinds[kind(figure)] += 1
    print(f"reference figures {total}; in the articles {in_article}; carried by the summaries {carried} "
          f"({carried / max(1, total):.3f} of all)")
    print(f"missed figures {in_article - carried}")
    print("  first sentence holding it:", ", ".join(f"{rank}: {count}" for rank, count in sorted(first.items())))
    print("  sentences holding it:", ", ".join(f"{n}: {count}" for n, count in sorted(holders.items())))
    print("  kinds:", ", ".join(f"{name} {count}" for name, count in kinds.most_common()))


if __name__ == "__main__":
    main()
