#!/usr/bin/env python3
"""Rebuild the generated data files that the sentence segmenter reads.

Run it with a Python 3.11 that has pysbd 0.3.4, sentence-splitter 1.4 and
stopwordsiso 0.7.1 installed (the working directory does not matter):

    ~/.cache/byline-peers/bin/python scripts/build-segmentation-data.py

Nothing is fetched from the network: every upstream list is read from the installed
packages. The output is sorted and fully determined by the inputs, so a second run
leaves the working tree unchanged.

Inputs
------
* pysbd (MIT): the ABBREVIATIONS, PREPOSITIVE_ABBREVIATIONS and NUMBER_ABBREVIATIONS
  lists of the language classes in ``pysbd/lang/``. Prepositive entries become
  ``title``, number entries become ``number``, the rest ``general``. Languages whose
  class only inherits the English default list contribute nothing (that list is used
  for English alone). Three lists need more care:
    - Kazakh: the list mixes abbreviations (written there with a final period) with
      acronyms written without one (НАТО, ҚР, FBI) that often end a sentence; only
      the former are taken (``PYSBD_PERIOD_ONLY``).
    - Italian: the list is mostly a dictionary of acronyms and of everyday words
      (USA, UEFA, via, bar); an entry is taken only if it has an inner period, is
      also in the Moses Italian list, or is marked prepositive or numeric
      (``PYSBD_CROSS_CHECKED``). Its prepositive list is a grab bag, so only the
      honorifics in ``PYSBD_TITLE_ALLOW`` become titles.
    - Everywhere, prepositive entries that do not precede names (``vs``, ``fig``,
      ``co``, ``ph.d``) are taken as ``general`` (``PYSBD_NOT_TITLE``).
* sentence-splitter (LGPL-3.0; its ``non_breaking_prefixes/*.txt`` are the Moses
  non-breaking prefix lists, LGPL-2.1): entries marked ``#NUMERIC_ONLY#`` become
  ``number``, the rest ``general``.
* stopwordsiso (MIT; data from stopwords-iso): the stop word list of each language.
* Hand-curated files in this repository:
    - ``Resources/data/abbreviations/curated/<lang>.tsv`` (form<TAB>kind),
    - ``Resources/data/segment/starters/curated/<lang>.tsv`` (word<TAB>add|drop).
* sentencex is not used: its wheel ships its abbreviation lists compiled into a
  native extension, with no data file to read and no statement of where the lists
  come from.

Outputs
-------
* ``Resources/data/abbreviations/<lang>.tsv``          form<TAB>kind
* ``Resources/data/segment/starters/<lang>.txt``       one word a line
* ``Resources/data/SHA256SUMS``                        checksums (``sha256sum -c``
  format) of the generated files and of the hand-curated segmentation files
* the checksum table in ``Resources/PROVENANCE.md`` between the
  ``<!-- segmentation-checksums:begin -->`` and ``:end -->`` markers, if present.

Abbreviation rules
------------------
Forms are lower-cased with ``str.lower()`` and stored without the final period.
Inner periods are kept (``u.s``, ``т.е``); a space after a period is removed
(``z. B.`` -> ``z.b``). An upstream entry that still contains a space after that
(``и т. д``, ``cour de cass``) is a phrase, not one token, and is skipped; the
curated files carry the useful ones in their one-token form (``т.д``).
Allowed characters are letters, combining marks, digits, ``-`` and apostrophes;
anything else (``°c``, ``km/t``, ``s/n``) is skipped, and so is a form that begins
with a digit (``1βσ``).

An upstream entry is dropped when:
  1. it is a single letter, unless a source marks it as a number prefix (``p. 55``):
     the segmenter treats lone letters as initials by itself;
  2. it is made of digits only, or is a Roman numeral written with i, v and x only
     (``ii``, ``xiv``): the segmenter deals with numbers structurally, and "World
     War II." often ends a sentence;
  3. its kind is ``general`` or ``title`` and it is an ordinary word of the language
     that can end a sentence. "Ordinary word" means either a stop word of that
     language (stopwordsiso: ``in``, ``so``, ``am``, ``on``, ``us``, ``им``, ``bin``)
     or an entry of ``ORDINARY_WORDS`` below, a hand-made list of the words that the
     upstream lists carry as abbreviations although they are everyday words
     (``fed``, ``wash``, ``gen`` in German, Spanish prefixes such as ``para``).
     Abbreviations that a stop word list happens to contain (Italian ``ecc``,
     Polish ``np``) are exempted through ``STOPWORD_ABBREVIATIONS``.
     ``number`` entries are kept even when they are words (``no``, ``art``), since
     they only hold a sentence together before a digit.
Curated entries are never dropped, and the curated kind wins over the upstream one.
Otherwise, when sources disagree, the kind is chosen as title > number > terminal > time >
unit > general. ``terminal`` (an abbreviation that closes a list or a degree and ends the
sentence before any capitalised word: etc, ph.d, и т.д), ``time`` (a clock time or an era
after a number: a.m, p.m, b.c) and ``unit`` (a unit, quantity or currency after a number:
км, млн, руб, ft, г after a year) come from the curated files only.

Turkish and Azerbaijani forms are lower-cased the Turkic way (İ → i, I → ı), as the
segmenter does, so that the Moses entries written with a capital İ still match.

Starter rules
-------------
Starters are the stop words of the language (stopwordsiso) that are made only of
letters, combining marks and apostrophes, plus the curated ``add`` words, minus:
  * the curated ``drop`` words (nouns, names, interjections and web junk that the
    stop word lists contain: ``microsoft``, ``world``, ``москва``, ``jahr``);
  * every abbreviation form of the same language;
  * Roman numerals written with i, v and x (``ii``, ``xiv``);
  * single letters, except the one-letter words listed in ``ONE_LETTER_WORDS``
    (English "a" and "i", Russian "в" and "и", Italian "e", Turkish "o", ...).
"""

from __future__ import annotations

import hashlib
import importlib
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path

import stopwordsiso

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "Resources" / "data"
ABBR_DIR = DATA / "abbreviations"
ABBR_CURATED_DIR = ABBR_DIR / "curated"
SEGMENT_DIR = DATA / "segment"
STARTERS_DIR = SEGMENT_DIR / "starters"
STARTERS_CURATED_DIR = STARTERS_DIR / "curated"
ATTRIBUTION_DIR = SEGMENT_DIR / "attribution"
LANGUAGES_FILE = SEGMENT_DIR / "languages.tsv"
TERMINATORS_FILE = SEGMENT_DIR / "terminators.tsv"
ORDINAL_WORDS_FILE = SEGMENT_DIR / "ordinal_words.tsv"
SUMS_FILE = DATA / "SHA256SUMS"
PROVENANCE = REPO / "Resources" / "PROVENANCE.md"

GENERATED_HEADER = "# generated by scripts/build-segmentation-data.py; do not edit"
CURATED_HEADER = "# curated by hand"

LANGUAGES = (
    "en ru az tr de fr es kk uk da it nl bg hy ar pl pt fi sv no cs sk el fa hi mr ja zh"
).split()

KINDS = ("title", "number", "terminal", "time", "unit", "general")
KIND_RANK = {"title": 0, "number": 1, "terminal": 2, "time": 3, "unit": 4, "general": 5}

# pysbd language modules and class names. Languages not listed here either have no
# pysbd class or one that only inherits the English default list.
PYSBD_CLASSES = {
    "ar": ("pysbd.lang.arabic", "Arabic"),
    "bg": ("pysbd.lang.bulgarian", "Bulgarian"),
    "da": ("pysbd.lang.danish", "Danish"),
    "de": ("pysbd.lang.deutsch", "Deutsch"),
    "es": ("pysbd.lang.spanish", "Spanish"),
    "fr": ("pysbd.lang.french", "French"),
    "it": ("pysbd.lang.italian", "Italian"),
    "kk": ("pysbd.lang.kazakh", "Kazakh"),
    "nl": ("pysbd.lang.dutch", "Dutch"),
    "pl": ("pysbd.lang.polish", "Polish"),
    "ru": ("pysbd.lang.russian", "Russian"),
    "sk": ("pysbd.lang.slovak", "Slovak"),
}
PYSBD_ENGLISH = ("pysbd.lang.common.standard", "Standard")

# pysbd's Kazakh list mixes real abbreviations (written with a period in the list)
# with acronyms that are written without one (НАТО, ҚР, FBI) and often end a
# sentence; only the entries written with a period are taken.
PYSBD_PERIOD_ONLY = {"kk"}

# pysbd's Italian list is mostly a dictionary of acronyms written without periods
# (USA, UEFA, FIAT) and of everyday words (via, bar, ago); from it only the entries
# that have an inner period, that the Moses Italian list also has, or that pysbd
# marks as prepositive or numeric are taken.
PYSBD_CROSS_CHECKED = {"it"}

# pysbd's Italian "prepositive" list is a grab bag (company suffixes, "ecc", "on");
# only these honorifics from it are taken as titles, the rest as general.
PYSBD_TITLE_ALLOW = {
    "it": {
        "arch", "avv", "dott", "dr", "egr", "gen", "geom", "ing", "mons", "prof",
        "rag", "sig", "sigg", "spett",
    },
}
# Entries of pysbd's prepositive lists that do not precede names.
PYSBD_NOT_TITLE = {
    "bros", "co", "corp", "ee", "fig", "fru", "inc", "jr", "ltd", "ph", "ph.d", "v", "vs",
}

# Everyday words that upstream lists carry as abbreviations. Dropped when their kind
# is general or title (see rule 3 above). Stop words need not be repeated here.
ORDINARY_WORDS = {
    "en": {
        "arc", "ark", "bart", "con", "fed", "ida", "ken", "mass", "op", "ore",
        "penn", "ref", "wash", "yuk",
    },
    "bg": {"ген", "полк", "ха"},
    "cs": {
        "čas", "film", "hod", "hor", "hut", "kol", "les", "lid", "pas", "sest",
        "slang", "sport", "var",
    },
    "da": {
        "bag", "best", "billard", "bio", "dans", "del", "do", "fisk", "form",
        "gross", "hat", "kog", "kurv", "log", "mal", "mønt", "mur", "pass", "port",
        "post", "rest", "run", "sko", "smed", "soldat", "sort", "spot", "sport",
        "spøg", "sø", "søn", "told", "ur", "verb",
    },
    "de": {"ass", "bart", "bse", "con", "gen", "op", "vorm"},
    "es": {
        # prefixes that pysbd's Spanish list carries as abbreviations
        "aero", "ambi", "an", "anfi", "ante", "anti", "archi", "arci", "auto", "bi",
        "bien", "bis", "com", "con", "contra", "crio", "cuadri", "cuasi", "cuatri",
        "deci", "des", "di", "dis", "ecto", "endo", "entre", "epi", "equi", "extra",
        "geo", "hemi", "hetero", "hiper", "hipo", "homo", "im", "in", "infra",
        "inter", "intra", "iso", "macro", "mega", "micro", "mini", "mono", "multi",
        "neo", "omni", "para", "pen", "pluri", "poli", "pos", "post", "pre", "pro",
        "pseudo", "re", "retro", "semi", "seudo", "sobre", "sub", "super", "supra",
        "trans", "tras", "tri", "ulter", "ultra", "uni", "vice", "yuxta",
        # ordinary words and names
        "col", "da", "emma", "fin", "let", "mar", "mil", "sal", "sin", "ten", "ver",
    },
    "fr": {"jeu", "mer", "sam", "sec", "sept"},
    "it": {"all", "con", "es", "id", "on", "op", "ord", "post", "res", "via"},
    "kk": {"май"},
    "nl": {
        "begins", "bel", "best", "bestuurswet", "dat", "dez", "get", "hand",
        "herald", "hert", "lid", "mand", "me", "or", "os", "pan", "pas", "pat", "po",
        "tint", "top", "ver", "volt",
    },
    "no": {"ber", "pants", "skill"},
    "pl": {
        "gal", "hot", "kat", "kult", "lek", "lip", "pie", "por", "port", "rum", "tur",
        "zew",
    },
    "pt": {"memo", "tele"},
    "ru": {"газ", "до", "жен", "муж", "полк", "род", "уст"},
    "sk": {"os", "tal", "živ"},
    "sv": {
        "ack", "bet", "data", "fam", "fil", "hand", "kung", "mil", "mus", "myt",
        "real", "sjö", "spa", "sport", "vers",
    },
    "tr": {
        "al", "ant", "ar", "ark", "as", "bağ", "bot", "bul", "böl", "dam", "far",
        "fil", "hayır", "i\u0307t", "is",
    },
}

# Real abbreviations that the stop word lists of these languages also carry; rule 3
# would otherwise drop them.
STOPWORD_ABBREVIATIONS = {
    "cs": {"atd", "atp"},
    "el": {"κλπ", "κτλ"},
    "it": {"co", "ecc", "inc", "sig"},
    "nl": {"bijv", "bv", "dhr", "etc", "mevr", "mr", "mrs", "mw"},
    "pl": {"dr", "godz", "hab", "inż", "mgr", "np", "ok", "prof", "tel", "tzw", "ul"},
    "sv": {"nr"},
}

# One-letter words that may open a sentence and so stay among the starters.
ONE_LETTER_WORDS = {
    "az": {"o"},
    "bg": {"а", "в", "и", "с", "я"},
    "cs": {"a", "i", "k", "o", "s", "u", "v", "z"},
    "da": {"i", "å"},
    "el": {"η", "ή", "ο"},
    "en": {"a", "i"},
    "es": {"a", "y"},
    "fr": {"à"},
    "it": {"a", "e", "i", "o", "è"},
    "no": {"i", "å"},
    "pl": {"a", "i", "o", "u", "w", "z"},
    "pt": {"a", "e", "o", "à", "é"},
    "ru": {"а", "в", "и", "к", "о", "с", "у", "я"},
    "sk": {"a", "i", "k", "o", "s", "u", "v", "z"},
    "sv": {"i"},
    "tr": {"o"},
    "uk": {"а", "в", "з", "і", "о", "у", "я"},
}

LETTER_CATEGORIES = ("L", "M")
ROMAN_IVX = re.compile(r"^x{0,3}(ix|iv|v?i{0,3})$")


def is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in LETTER_CATEGORIES


def is_form_char(ch: str) -> bool:
    return is_letter(ch) or ch.isdigit() or ch in "-'’.°"


def turkic_lower(text: str, lang: str | None) -> str:
    """Lower-case; for tr and az, dotted İ becomes i and dotless I becomes ı first."""
    if lang in ("tr", "az"):
        text = text.replace("İ", "i").replace("I", "ı")
    return text.lower()


def normalise_form(raw: str, lang: str | None = None) -> str | None:
    """Lower-case an abbreviation, drop its final period, squeeze "z. B" to "z.b".

    Returns None for entries that are not one token of allowed characters."""
    form = turkic_lower(unicodedata.normalize("NFC", raw.strip()), lang)
    form = form.rstrip(".")
    form = re.sub(r"\.\s+", ".", form)
    if not form or any(ch.isspace() for ch in form):
        return None
    if not all(is_form_char(ch) for ch in form):
        return None
    if form.startswith(".") or ".." in form:
        return None
    if not any(is_letter(ch) for ch in form) or form[0].isdigit():
        return None
    return form


def letter_count(form: str) -> int:
    return sum(1 for ch in form if is_letter(ch) and unicodedata.category(ch)[0] == "L")


# ---------------------------------------------------------------------------
# sources


def pysbd_entries(lang: str) -> list[tuple[str, str]]:
    """(raw entry, kind) pairs from pysbd for one language."""
    if lang == "en":
        module_name, class_name = PYSBD_ENGLISH
        abbr = getattr(importlib.import_module(module_name), class_name).Abbreviation
    elif lang in PYSBD_CLASSES:
        module_name, class_name = PYSBD_CLASSES[lang]
        abbr = getattr(importlib.import_module(module_name), class_name).Abbreviation
    else:
        return []
    out: list[tuple[str, str]] = []
    prepositive = {e.strip().lower() for e in abbr.PREPOSITIVE_ABBREVIATIONS}
    numeric = {e.strip().lower() for e in abbr.NUMBER_ABBREVIATIONS}
    moses = {normalise_form(raw) for raw, _ in moses_entries(lang)}
    for raw in abbr.ABBREVIATIONS:
        if lang in PYSBD_PERIOD_ONLY and not raw.strip().endswith("."):
            continue
        if lang in PYSBD_CROSS_CHECKED:
            form = normalise_form(raw)
            listed = raw.strip().lower() in prepositive | numeric
            if form is None or not ("." in form or form in moses or listed):
                continue
        out.append((raw, "general"))
    if lang not in PYSBD_PERIOD_ONLY:
        for raw in prepositive:
            allow = PYSBD_TITLE_ALLOW.get(lang)
            key = raw.rstrip(".")
            if key in PYSBD_NOT_TITLE or (allow is not None and key not in allow):
                out.append((raw, "general"))
            else:
                out.append((raw, "title"))
        for raw in numeric:
            out.append((raw, "number"))
    return out


def moses_entries(lang: str) -> list[tuple[str, str]]:
    """(raw entry, kind) pairs from the Moses list shipped in sentence-splitter."""
    base = resources.files("sentence_splitter").joinpath("non_breaking_prefixes")
    path = base.joinpath(f"{lang}.txt")
    if not path.is_file():
        return []
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        kind = "general"
        if "#NUMERIC_ONLY#" in line:
            kind = "number"
            line = line.replace("#NUMERIC_ONLY#", "")
        line = line.split("#", 1)[0].strip()
        if line:
            out.append((line, kind))
    return out


def read_tsv(path: Path, header: str) -> list[tuple[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != header:
        sys.exit(f"{path}: first line must be {header!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2:
            sys.exit(f"{path}:{number}: expected two tab-separated columns")
        rows.append((parts[0], parts[1]))
    return rows


def curated_abbreviations(lang: str) -> dict[str, str]:
    path = ABBR_CURATED_DIR / f"{lang}.tsv"
    if not path.exists():
        return {}
    out: dict[str, str] = {}
    for raw, kind in read_tsv(path, CURATED_HEADER):
        form = normalise_form(raw, lang)
        if form is None or form != raw:
            sys.exit(f"{path}: {raw!r} is not a normalised form")
        if kind not in KINDS:
            sys.exit(f"{path}: unknown kind {kind!r} for {raw!r}")
        if form in out:
            sys.exit(f"{path}: {raw!r} listed twice")
        out[form] = kind
    return out


def curated_starters(lang: str) -> tuple[set[str], set[str]]:
    path = STARTERS_CURATED_DIR / f"{lang}.tsv"
    if not path.exists():
        return set(), set()
    add: set[str] = set()
    drop: set[str] = set()
    for word, action in read_tsv(path, CURATED_HEADER):
        if word != word.lower() or not word:
            sys.exit(f"{path}: {word!r} must be lower-case")
        if action == "add":
            add.add(word)
        elif action == "drop":
            drop.add(word)
        else:
            sys.exit(f"{path}: unknown action {action!r} for {word!r}")
    both = add & drop
    if both:
        sys.exit(f"{path}: both added and dropped: {sorted(both)}")
    return add, drop


def stopwords(lang: str) -> set[str]:
    if not stopwordsiso.has_lang(lang):
        return set()
    return {unicodedata.normalize("NFC", w).lower() for w in stopwordsiso.stopwords(lang)}


# ---------------------------------------------------------------------------
# builders


def build_abbreviations(lang: str) -> dict[str, str]:
    curated = curated_abbreviations(lang)
    ordinary = (stopwords(lang) - STOPWORD_ABBREVIATIONS.get(lang, set())) | ORDINARY_WORDS.get(
        lang, set()
    )
    merged: dict[str, str] = {}
    for raw, kind in pysbd_entries(lang) + moses_entries(lang):
        form = normalise_form(raw, lang)
        if form is None:
            continue
        previous = merged.get(form)
        if previous is None or KIND_RANK[kind] < KIND_RANK[previous]:
            merged[form] = kind
    result: dict[str, str] = {}
    for form, kind in merged.items():
        if form.isdigit() or ROMAN_IVX.match(form):
            continue
        if letter_count(form) == 1 and "." not in form and kind != "number":
            continue
        if kind != "number" and form in ordinary:
            continue
        result[form] = kind
    result.update(curated)
    return result


def is_starter_shape(word: str) -> bool:
    return bool(word) and all(is_letter(ch) or ch in "'’" for ch in word) and is_letter(word[0])


def build_starters(lang: str, abbreviation_forms: set[str]) -> set[str]:
    add, drop = curated_starters(lang)
    words = {w for w in stopwords(lang) if is_starter_shape(w)} | add
    words -= drop
    words -= abbreviation_forms
    words = {w for w in words if not (len(w) > 1 and ROMAN_IVX.match(w))}
    one_letter = ONE_LETTER_WORDS.get(lang, set())
    return {w for w in words if letter_count(w) > 1 or w in one_letter}


# ---------------------------------------------------------------------------
# writing


def write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return
    path.write_bytes(data)


def remove_stale(directory: Path, suffix: str, keep: set[Path]) -> None:
    """Delete generated files of a family that this run no longer produces."""
    if not directory.is_dir():
        return
    for path in sorted(directory.glob(f"*{suffix}")):
        if path in keep:
            continue
        with path.open(encoding="utf-8") as handle:
            first = handle.readline().rstrip("\n")
        if first == GENERATED_HEADER:
            path.unlink()


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def update_provenance(sums: list[tuple[str, str]]) -> None:
    begin = "<!-- segmentation-checksums:begin -->"
    end = "<!-- segmentation-checksums:end -->"
    if not PROVENANCE.exists():
        return
    text = PROVENANCE.read_text(encoding="utf-8")
    if begin not in text or end not in text:
        return
    rows = ["| file (under `Resources/data/`) | SHA-256 |", "| --- | --- |"]
    rows += [f"| `{name}` | `{digest}` |" for digest, name in sums]
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    write_if_changed(PROVENANCE, head + begin + "\n" + "\n".join(rows) + "\n" + end + tail)


def main() -> int:
    abbreviation_files: set[Path] = set()
    starter_files: set[Path] = set()
    summary = []
    for lang in LANGUAGES:
        table = build_abbreviations(lang)
        if table:
            path = ABBR_DIR / f"{lang}.tsv"
            lines = [GENERATED_HEADER, "# form\tkind"]
            lines += [f"{form}\t{table[form]}" for form in sorted(table)]
            write_if_changed(path, "\n".join(lines) + "\n")
            abbreviation_files.add(path)
        starters = build_starters(lang, set(table))
        if starters:
            path = STARTERS_DIR / f"{lang}.txt"
            write_if_changed(path, "\n".join([GENERATED_HEADER, *sorted(starters)]) + "\n")
            starter_files.add(path)
        counts = {k: sum(1 for v in table.values() if v == k) for k in KINDS}
        summary.append((lang, counts, len(starters)))
    remove_stale(ABBR_DIR, ".tsv", abbreviation_files)
    remove_stale(STARTERS_DIR, ".txt", starter_files)

    tracked = sorted(
        abbreviation_files
        | starter_files
        | set(ABBR_CURATED_DIR.glob("*.tsv"))
        | set(STARTERS_CURATED_DIR.glob("*.tsv"))
        | set(ATTRIBUTION_DIR.glob("*.txt"))
        | ({LANGUAGES_FILE} if LANGUAGES_FILE.exists() else set())
        | ({TERMINATORS_FILE} if TERMINATORS_FILE.exists() else set())
        | ({ORDINAL_WORDS_FILE} if ORDINAL_WORDS_FILE.exists() else set()),
        key=lambda p: p.relative_to(DATA).as_posix(),
    )
    sums = [(sha256(p), p.relative_to(DATA).as_posix()) for p in tracked]
    # Other scripts own the other lines of the file: keep them, replace ours, sort by name.
    lines = {n: f"{d}  {n}" for d, n in sums}
    if SUMS_FILE.exists():
        for line in SUMS_FILE.read_text(encoding="utf-8").splitlines():
            name = line.split("  ", 1)[-1]
            if line.strip() and not name.startswith(("abbreviations/", "segment/")):
                lines[name] = line
    write_if_changed(SUMS_FILE, "".join(lines[n] + "\n" for n in sorted(lines)))
    update_provenance(sums)

    if "-q" not in sys.argv[1:]:
        for lang, counts, n_starters in summary:
            print(
                f"{lang}\ttitle={counts['title']}\tnumber={counts['number']}"
                f"\tterminal={counts['terminal']}\ttime={counts['time']}\tunit={counts['unit']}\tgeneral={counts['general']}\tstarters={n_starters}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
