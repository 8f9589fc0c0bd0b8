#!/usr/bin/env python3
"""Build a large multilingual text for `byline bench segment` from a parallel corpus.

Reads the xz-compressed English-X sentence-pair TSV (header: id src_lang tgt_lang dataset
src tgt), groups consecutive sentences of one language into documents of 15 sentences
joined by single spaces, and writes JSON Lines {"lang", "text"} until the output reaches
the requested size. Deterministic: the same input and size give the same file.

    python3 scripts/make-segment-corpus.py ../shared/eval/tm/en-x-pairs.tsv.xz /tmp/segment-corpus.jsonl --megabytes 32
"""
import argparse
import json
import lzma
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", help="en-x-pairs.tsv.xz")
    parser.add_argument("output", help="JSON Lines file to write")
    parser.add_argument("--megabytes", type=float, default=32.0, help="stop after this much text (default 32)")
    parser.add_argument("--sentences", type=int, default=15, help="sentences per document (default 15)")
    args = parser.parse_args()

    limit = int(args.megabytes * 1_000_000)
    pending: dict[str, list[str]] = {}
    written = 0
    documents = 0
    with lzma.open(args.pairs, "rt", encoding="utf-8") as source, open(args.output, "w", encoding="utf-8") as out:
        header = source.readline().rstrip("\n").split("\t")
        if header[:6] != ["id", "src_lang", "tgt_lang", "dataset", "src", "tgt"]:
            print(f"{args.pairs}:1:1: unexpected header {header}", file=sys.stderr)
            return 1
        for line in source:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 6:
                continue
            _, src_lang, tgt_lang, _, src, tgt = fields
            for lang, sentence in ((src_lang, src), (tgt_lang, tgt)):
                bucket = pending.setdefault(lang, [])
                bucket.append(sentence.strip())
                if len(bucket) == args.sentences:
                    text = " ".join(bucket)
                    out.write(json.dumps({"lang": lang, "text": text}, ensure_ascii=False) + "\n")
                    written += len(text.encode("utf-8"))
                    documents += 1
                    bucket.clear()
            if written >= limit:
                break
    print(f"{args.output}: {documents} documents, {written / 1e6:.1f} MB of text", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
