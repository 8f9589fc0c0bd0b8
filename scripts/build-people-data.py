#!/usr/bin/env python3
"""Rebuild ``Resources/data/gazetteer/people.tsv``: the full names of people that WordNet
describes (``Oscar Wilde``, ``Alan Turing``, ``Barbra Streisand``), as English forms.

Copy misspells people's full names as often as places (a letter doubled or dropped in
the surname, a given name spelt another way), and no dictionary lists the full name,
only its parts. WordNet 3.0 gives every person it describes as an *instance* of a class
of people (``@i`` pointers in the noun.person lexicographer file), with the forms the
person is known by; those are public people by construction.

Run it with the system Python 3 (no PyPI package, no network):

    apt-get install -y wordnet-base
    python3 -m pip download --no-deps --only-binary :all: -d /tmp/name2nat name2nat==0.5.1
    python3 scripts/build-people-data.py --wheel /tmp/name2nat/name2nat-0.5.1-py3-none-any.whl [--wordnet /usr/share/wordnet]

It reads ``gazetteer/public-people.txt`` (made by ``scripts/build-public-people.py``
from the same wheel) and the wheel's table of nationalities, so build that file first.

Rules
-----
* Synsets of ``data.noun`` in lexicographer file 18 (noun.person) with at least one
  instance-hypernym pointer (``@i``): specific people, not kinds of people.
* A form is a lemma of two to four words (``_`` is a space), each word capitalised or
  a particle (``de``, ``van``, ``von``, ``of``, ``the``, ...), of letters, apostrophes,
  hyphens and full stops only; one-word lemmas (the surname alone) are left to the
  dictionaries, which protect them as ordinary proper names.
* A form that two people share (``John Adams``) goes to the first in file order once;
  an entity keeps its forms in WordNet's order, the first being the one a fix writes.
* Weight 30: a person a general dictionary describes, lighter than a capital or a
  country and than the people of ``curated.tsv``.
* A form that ``gazetteer/curated.tsv`` already gives, or that is one edit from a form
  of a person there (WordNet writes ``Hilary Rodham Clinton``), is left out: the curated,
  reviewed spelling stands, and a second one a slip away would protect the slip.
* Forms are English: other languages transliterate many of these names in their own
  way (``Wladimir Putin`` in German, ``Leo Trotzki``).
* WordNet writes every name in ASCII (``Emily Bronte``, ``Antonin Dvorak``). When the
  letters of a form, accents aside, are those of exactly one title of
  ``gazetteer/public-people.txt`` that has accents (``Emily Brontë``), and of no title
  without them (``Mary Martin``, one person, beside ``Mary Martín``, another), that title is
  added as the form of the Latin-script languages that write its letters (``de``, ``es``
  and ``fr`` any Western European accent, ``tr`` and ``az`` only their own letters), so
  their copy gets the accents back. A name spelt with its own accents was written in
  Latin letters to begin with, and those languages keep it as it is; English keeps
  the ASCII form, which its copy writes as often.
* A person whose every nationality in the name2nat table (by English Wikipedia title:
  the form itself, or its accented title) is of a nation that writes the Latin alphabet
  (``LATIN_NATIONALITIES``) is named in German as in English: the English forms are
  German forms too (``Immanuel Kant``, ``Isadora Duncan``), unless an accented title
  already serves German. German copy transliterates Russian, Greek or Chinese names its
  own way (``Leo Tolstoi``, ``Igor Strawinsky``), so those stay English only; so do
  people the table lacks. French and Spanish copy get no such forms: they write some
  given names their own way (``Emmanuel Kant``).

Output is sorted by id and deterministic: a second run changes nothing. The script also
updates the file's line in ``Resources/data/SHA256SUMS``.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

from datafile import write_data_file
from name2nat import read_table

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "Resources" / "data"
OUT = DATA / "gazetteer" / "people.tsv"
PUBLIC = DATA / "gazetteer" / "public-people.txt"
ALPHABETS = DATA / "names" / "alphabets.tsv"
ACCENT_LANGUAGES = ["az", "de", "es", "fr", "tr"]
# Nationalities (as name2nat labels them) whose people's names are written in the Latin
# alphabet to begin with, so German copy writes them as English does (`Immanuel Kant`,
# `Oscar Wilde`), where the names of Russian, Greek or Chinese people are transliterated
# each language its own way (`Leo Tolstoy`, `Leo Tolstoi`).
LATIN_NATIONALITIES = set("""
    American Argentine Australian Austrian Basque Belgian Bolivian Brazilian Breton British Canadian Catalan
    Chilean Colombian Croat Cuban Czech Dane Dominican Dutch Ecuadorian English Estonian Faroese Finn French
    German Guatemalan Honduran Hungarian Irish Italian Jamaican Latvian Lithuanian Maltese Manx Mexican
    Nicaraguan Norwegian Panamanian Paraguayan Peruvian Pole Portuguese Romanian Salvadoran Slovak Slovene
    Uruguayan Venezuelan Welsh
""".split())
WESTERN_ACCENTS = {"de", "es", "fr"}
CURATED = DATA / "gazetteer" / "curated.tsv"
RELATIVE = "gazetteer/people.tsv"

PERSON_FILE = 18
WEIGHT = 30
PARTICLES = {"de", "da", "del", "della", "der", "di", "du", "la", "le", "van", "von", "of", "the", "y", "al", "bin", "ibn"}
WORD = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-ſ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'.\-]*$")

HEADER = """# generated by scripts/build-people-data.py from WordNet 3.0 (Debian wordnet-base); do not edit
# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. Used under the WordNet 3.0
# licence (see Resources/PROVENANCE.md): THIS DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY
# MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.
# id\tkind\tweight\tform=lang|form=lang
"""


def is_name(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    if not words[0][:1].isupper() or not words[-1][:1].isupper():
        return False
    for word in words:
        if word in PARTICLES:
            continue
        if not WORD.match(word) or not word[:1].isupper():
            return False
        # Initials alone (`J. R. R. Tolkien`) are written too many ways to be one form.
        if len(word.rstrip(".")) < 2:
            return False
    return True


def within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    return a[i:] == b[i + 1:]


def curated_people(path: Path) -> list[str]:
    forms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4 or fields[1] != "person":
            continue
        forms += [group.split("=")[0] for group in fields[3].split("|")]
    return forms


def people(path: Path, curated: list[str]) -> list[tuple[str, list[str]]]:
    found: list[tuple[str, list[str]]] = []
    taken: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split(" | ", 1)[0].split()
            offset, lexfile, count = fields[0], int(fields[1]), int(fields[3], 16)
            if lexfile != PERSON_FILE:
                continue
            lemmas = [fields[4 + 2 * index] for index in range(count)]
            pointer_count = int(fields[4 + 2 * count])
            pointers = fields[5 + 2 * count: 5 + 2 * count + 4 * pointer_count]
            if "@i" not in pointers[0::4]:
                continue
            forms = []
            for lemma in lemmas:
                words = lemma.split("_")
                form = " ".join(words)
                if any(within_one_edit(form, other) for other in curated):
                    continue
                if is_name(words) and form not in taken and form not in forms:
                    forms.append(form)
            if forms:
                taken.update(forms)
                found.append((f"wordnet:{offset}", forms))
    return found


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).casefold()


def accented_titles(path: Path) -> dict[str, list[str]]:
    """The titles with letters outside ASCII, by their folded letters; a title in ASCII
    as well (`Mary Martin` beside `Mary Martín`) is another person of the same letters,
    so its letters name no one accented."""
    found: dict[str, list[str]] = {}
    plain: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        if line.isascii():
            plain.add(fold(line))
        else:
            found.setdefault(fold(line), []).append(line)
    return {letters: titles for letters, titles in found.items() if letters not in plain}


def alphabets(path: Path) -> dict[str, set[str]]:
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            language, letters = line.split("\t")
            table[language] = set(letters)
    return table


def writing_languages(name: str, letters: dict[str, set[str]]) -> list[str]:
    """The languages among ``ACCENT_LANGUAGES`` that write every letter of ``name``."""
    extra = {c for c in name.lower() if not c.isascii() and c.isalpha()}
    return [language for language in ACCENT_LANGUAGES
            if all(c in letters[language] or (language in WESTERN_ACCENTS and ord(c) < 0x100) for c in extra)]


def with_accents(entries, titles: dict[str, list[str]], letters: dict[str, set[str]]):
    """Each entry's forms with their languages, the accented titles added."""
    out = []
    for id, forms in entries:
        groups = [(form, ["en"]) for form in forms]
        for form in forms:
            matches = titles.get(fold(form), [])
            if len(matches) != 1 or matches[0] in forms or any(matches[0] == group[0] for group in groups):
                continue
            languages = writing_languages(matches[0], letters)
            if languages:
                groups.append((matches[0], languages))
        out.append((id, groups))
    return out


def nationalities(wheel: Path) -> dict[str, list[str]]:
    """English Wikipedia's person titles with their nationalities, from the name2nat wheel."""
    table = read_table(wheel)
    return {title: value for title, value in table.items() if isinstance(title, str) and isinstance(value, list)}


def with_german(entries, table: dict[str, list[str]]):
    """Each entry's forms, German added to the English ones of a person whose every
    nationality writes the Latin alphabet, unless an accented title serves German."""
    out = []
    for id, groups in entries:
        labels = next((table[form] for form, _ in groups if form in table), None)
        german = labels is not None and all(label in LATIN_NATIONALITIES for label in labels)
        if german and not any("de" in languages for _, languages in groups):
            groups = [(form, languages + ["de"] if languages == ["en"] else languages) for form, languages in groups]
        out.append((id, groups))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wordnet", default="/usr/share/wordnet", help="folder of WordNet's data.noun")
    parser.add_argument("--wheel", required=True, help="name2nat-0.5.1-py3-none-any.whl, as pip downloads it")
    args = parser.parse_args()
    source = Path(args.wordnet) / "data.noun"
    if not source.exists():
        sys.exit(f"{source}: not found; apt-get install -y wordnet-base")
    wheel = Path(args.wheel)
    entries = with_accents(sorted(people(source, curated_people(CURATED))), accented_titles(PUBLIC), alphabets(ALPHABETS))
    entries = with_german(entries, nationalities(wheel))
    body = "".join(f"{id}\tperson\t{WEIGHT}\t" + "|".join(f"{form}={','.join(languages)}" for form, languages in groups) + "\n"
                   for id, groups in entries)
    text = HEADER + body
    digest = write_data_file(RELATIVE, text)
    forms = sum(len(groups) for _, groups in entries)
    accented = sum(1 for _, groups in entries for form, languages in groups if "en" not in languages)
    german = sum(1 for _, groups in entries if any(languages == ["en", "de"] for _, languages in groups))
    print(f"{source}: {len(entries)} people, {forms} forms ({accented} accented from {PUBLIC.name}, {german} people named"
          f" in German as in English) -> {OUT.relative_to(ROOT)} ({digest})", file=sys.stderr)


if __name__ == "__main__":
    main()
