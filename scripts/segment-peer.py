#!/usr/bin/env python3
"""Segment a JSON Lines corpus ({"lang", "text"} per line) with a peer sentence splitter,
for throughput comparisons with `byline segment --batch` on the same file.

    python3 scripts/segment-peer.py sentencex /tmp/segment-corpus-2mb.jsonl
    python3 scripts/segment-peer.py pysbd /tmp/segment-corpus-2mb.jsonl

Peers: sentencex, pysbd (languages it lacks fall back to English), icu (PyICU's sentence
BreakIterator). Prints documents, sentences, MB and MB/s of the segmentation loop to
standard error; writes nothing else. Install the peers with pip in a virtual environment.
"""
import json
import sys
import time


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    peer, path = sys.argv[1], sys.argv[2]
    documents = [json.loads(line) for line in open(path, encoding="utf-8")]
    if peer == "sentencex":
        import sentencex

        def split(lang, text):
            return list(sentencex.segment(lang, text))
    elif peer == "pysbd":
        import pysbd
        from pysbd.languages import LANGUAGE_CODES

        segmenters = {}

        def split(lang, text):
            code = lang if lang in LANGUAGE_CODES else "en"
            if code not in segmenters:
                segmenters[code] = pysbd.Segmenter(language=code, clean=False, char_span=True)
            return segmenters[code].segment(text)
    elif peer == "icu":
        import icu

        iterators = {}

        def split(lang, text):
            if lang not in iterators:
                iterators[lang] = icu.BreakIterator.createSentenceInstance(icu.Locale(lang))
            iterator = iterators[lang]
            iterator.setText(text)
            return list(iterator)
    else:
        print(f"unknown peer {peer!r}", file=sys.stderr)
        return 2
    start = time.perf_counter()
    sentences = 0
    size = 0
    for document in documents:
        text = document.get("text") or document.get("article") or ""
        sentences += len(split(document.get("lang", "en"), text))
        size += len(text.encode("utf-8"))
    seconds = time.perf_counter() - start
    print(f"{peer}: {len(documents)} documents, {sentences} sentences, {size / 1e6:.2f} MB, "
          f"{size / 1e6 / seconds:.2f} MB/s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
