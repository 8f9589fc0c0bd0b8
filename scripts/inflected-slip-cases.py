#!/usr/bin/env python3
"""Misspelt place names with a case ending in Russian, Turkish and Azerbaijani copy, and how
many of them `byline names` puts right with the ending kept.

Each of some forty countries and capitals is written in each language in four cases (Russian:
genitive, dative, instrumental, prepositional; Turkish and Azerbaijani: locative, ablative,
dative, genitive), and each inflected word gets one typing slip in its stem, at every position
after the first letter and before the ending:

* `drop`: a letter left out; `double`: a letter typed twice; `swap`: two neighbours swapped;
* `vowel`: a vowel for another vowel of the language.

A slip that gives another form of the same name, or a word the generator already made for
another name, is skipped. Each misspelling is set in a sentence of the language that calls for
the case (Russian `Делегация вернулась из …`; never after a title such as `Bakan`, which makes the
next word a person's name) and sent to `byline names --batch`. A case is
right when the only change gives the name in the same case, `wrong ending` when the name is
right but the ending is not the one written, wrong when another name replaces it, and missed
when nothing changes. The correctly inflected words go through too: any change to one of them
is a false alarm.

Russian endings come from pymorphy3 and its OpenCorpora dictionary (MIT; dictionary
CC BY-SA 3.0), installed apart:

    python3 -m venv /tmp/morph && /tmp/morph/bin/pip install pymorphy3==2.0.2 pymorphy3-dicts-ru
    /tmp/morph/bin/python scripts/inflected-slip-cases.py [--lang ru|tr|az|all] [--kind drop|...|all] [--byline BIN] [--baseline OTHER] [--show N]

Turkish and Azerbaijani endings are made here by their vowel harmony (Turkish writes an
apostrophe after a proper name, and `t` for `d` after a voiceless consonant; Azerbaijani does
neither). The names are chosen by hand among the countries and capitals a desk in Baku names
most; none comes from any evaluation set. With `--baseline`, the same cases go through a second
binary and the cases whose outcome differs are listed.
"""
import argparse
import sys
from collections import Counter

from namesbatch import names_batch

# English name: Russian, Turkish, Azerbaijani (nominative).
PLACES = """
Germany|Германия|Almanya|Almaniya
France|Франция|Fransa|Fransa
Italy|Италия|İtalya|İtaliya
Spain|Испания|İspanya|İspaniya
Brazil|Бразилия|Brezilya|Braziliya
Argentina|Аргентина|Arjantin|Argentina
Armenia|Армения|Ermenistan|Ermənistan
Georgia|Грузия|Gürcistan|Gürcüstan
Ukraine|Украина|Ukrayna|Ukrayna
Russia|Россия|Rusya|Rusiya
Kazakhstan|Казахстан|Kazakistan|Qazaxıstan
Uzbekistan|Узбекистан|Özbekistan|Özbəkistan
Pakistan|Пакистан|Pakistan|Pakistan
Afghanistan|Афганистан|Afganistan|Əfqanıstan
Japan|Япония|Japonya|Yaponiya
India|Индия|Hindistan|Hindistan
Israel|Израиль|İsrail|İsrail
Hungary|Венгрия|Macaristan|Macarıstan
Poland|Польша|Polonya|Polşa
Norway|Норвегия|Norveç|Norveç
Sweden|Швеция|İsveç|İsveç
Finland|Финляндия|Finlandiya|Finlandiya
Belgium|Бельгия|Belçika|Belçika
Austria|Австрия|Avusturya|Avstriya
Greece|Греция|Yunanistan|Yunanıstan
Bulgaria|Болгария|Bulgaristan|Bolqarıstan
Mexico|Мексика|Meksika|Meksika
Canada|Канада|Kanada|Kanada
Australia|Австралия|Avustralya|Avstraliya
Indonesia|Индонезия|Endonezya|İndoneziya
Moscow|Москва|Moskova|Moskva
London|Лондон|Londra|London
Berlin|Берлин|Berlin|Berlin
Washington|Вашингтон|Washington|Vaşinqton
Tehran|Тегеран|Tahran|Tehran
Ankara|Анкара|Ankara|Ankara
Istanbul|Стамбул|İstanbul|İstanbul
Madrid|Мадрид|Madrid|Madrid
Warsaw|Варшава|Varşova|Varşava
Baghdad|Багдад|Bağdat|Bağdad
Tashkent|Ташкент|Taşkent|Daşkənd
Astana|Астана|Astana|Astana
""".strip().splitlines()

LANGS = ["ru", "tr", "az"]
KINDS = ["drop", "double", "swap", "vowel"]
VOWELS = {"ru": "аеиоуыэюя", "tr": "aeıioöuü", "az": "aeəıioöuü"}

# Sentences that call for each case; {} is the inflected name.
SENTENCES = {
    "ru": {
        "gent": "Делегация вернулась из {} в понедельник.",
        "datv": "Министр обратился к {} с призывом.",
        "ablt": "Переговоры с {} продолжатся завтра.",
        "loct": "Встреча прошла в {} в понедельник.",
    },
    "tr": {
        "loc": "Bakan dün {} konuştu.",
        "abl": "Heyet {} döndü.",
        "dat": "Heyet dün {} gitti.",
        "gen": "{} başkenti büyük bir şehirdir.",
    },
    "az": {
        "loc": "Görüş {} keçirildi.",
        "abl": "Nümayəndə heyəti {} qayıtdı.",
        "dat": "Nümayəndə heyəti dünən {} getdi.",
        "gen": "{} paytaxtı böyük şəhərdir.",
    },
}


def last_vowel(word: str, language: str) -> str:
    for ch in reversed(word.lower().replace("İ", "i")):
        if ch in VOWELS[language]:
            return ch
    return "a"


def turkic(name: str, case: str, language: str) -> str:
    """`name` with the ending of `case`, by the vowel harmony of Turkish or Azerbaijani."""
    vowel = last_vowel(name, language)
    back = vowel in "aıou"
    two = "a" if back else ("e" if language == "tr" else "ə")
    four = {"a": "ı", "ı": "ı", "e": "i", "ə": "i", "i": "i", "o": "u", "u": "u", "ö": "ü", "ü": "ü"}[vowel]
    ends_vowel = name[-1].lower() in VOWELS[language]
    voiceless = language == "tr" and name[-1].lower() in "çfhkpsşt"
    d = "t" if voiceless else "d"
    if case == "loc":
        ending = d + two
    elif case == "abl":
        ending = d + two + "n"
    elif case == "dat":
        ending = ("y" if ends_vowel else "") + two
    else:
        ending = ("n" if ends_vowel else "") + four + "n"
    mark = "'" if language == "tr" else ""
    return name + mark + ending, mark + ending


def russian_forms(name: str, morph) -> dict[str, tuple[str, str]]:
    parses = [p for p in morph.parse(name) if "Geox" in p.tag and "nomn" in p.tag] or morph.parse(name)
    parse = parses[0]
    forms = {}
    for case in SENTENCES["ru"]:
        inflected = parse.inflect({case, "sing"}) or parse.inflect({case})
        if inflected is None:
            continue
        word = inflected.word
        # pymorphy3 gives lower case and drops hyphenated capitals: restore the name's own.
        word = "-".join(part[:1].upper() + part[1:] for part in word.split("-")) if "-" in name else word[:1].upper() + word[1:]
        stem = 0
        while stem < min(len(word), len(name)) and word[stem] == name[stem]:
            stem += 1
        if word == name or stem < 3:
            continue
        forms[case] = (word, word[stem:])
    return forms


def slips(word: str, ending: str, kind: str, language: str):
    """Each slip of `kind` in the part of `word` before `ending`, after the first letter."""
    stem_end = len(word) - len(ending)
    for i in range(1, stem_end):
        ch = word[i]
        if not ch.isalpha():
            continue
        if kind == "drop":
            yield word[:i] + word[i + 1:]
        elif kind == "double":
            yield word[:i] + ch + word[i:]
        elif kind == "swap" and i + 1 < stem_end and word[i + 1].isalpha() and word[i + 1] != ch:
            yield word[:i] + word[i + 1] + ch + word[i + 2:]
        elif kind == "vowel" and ch in VOWELS[language]:
            for other in VOWELS[language]:
                if other != ch:
                    yield word[:i] + other + word[i + 1:]


def cases(languages, kinds):
    morph = None
    if "ru" in languages:
        try:
            import pymorphy3
        except ImportError:
            sys.exit("inflected-slip-cases: Russian needs pymorphy3 (see the header of this script), or use --lang tr|az")
        morph = pymorphy3.MorphAnalyzer()
    out = []
    for language in languages:
        column = LANGS.index(language) + 1
        inflected = []
        for line in PLACES:
            name = line.split("|")[column]
            if language == "ru":
                forms = russian_forms(name, morph)
            else:
                forms = {case: turkic(name, case, language) for case in SENTENCES[language]}
            for case, (word, ending) in forms.items():
                inflected.append((name, case, word, ending))
        known = {word for _, _, word, _ in inflected} | {line.split("|")[column] for line in PLACES}
        for name, case, word, ending in inflected:
            sentence = SENTENCES[language][case]
            out.append({"lang": language, "kind": "correct", "name": name, "case": case, "wrong": word, "right": word,
                        "text": sentence.format(word)})
            for kind in kinds:
                for slipped in sorted(set(slips(word, ending, kind, language))):
                    if slipped in known:
                        continue
                    out.append({"lang": language, "kind": kind, "name": name, "case": case, "wrong": slipped, "right": word,
                                "text": sentence.format(slipped)})
    for number, case in enumerate(out):
        case["id"] = f"c{number}"
    return out


def run(byline: str, items):
    """Per case id, the answer of `byline names --batch`: the corrected text and the changes."""
    return names_batch(byline, [{"id": c["id"], "lang": c["lang"], "text": c["text"]} for c in items])


def outcome(case, answer) -> str:
    changes = answer.get("changes", [])
    if case["kind"] == "correct":
        return "kept" if not changes else "false alarm"
    if not changes:
        return "missed"
    got = answer["text"]
    if got == case["text"].replace(case["wrong"], case["right"]):
        return "right"
    # The name is right but not its ending: the nominative's letters before its last are there.
    if case["name"][:-1] in got:
        return "wrong ending"
    return "wrong"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lang", choices=LANGS + ["all"], default="all")
    parser.add_argument("--kind", choices=KINDS + ["all"], default="all")
    parser.add_argument("--byline", default=".build/release/byline")
    parser.add_argument("--baseline", help="a second byline binary to compare with")
    parser.add_argument("--show", type=int, default=0, help="list up to N cases of each outcome that went wrong")
    args = parser.parse_args()
    languages = LANGS if args.lang == "all" else [args.lang]
    kinds = KINDS if args.kind == "all" else [args.kind]
    items = cases(languages, kinds)
    results = run(args.byline, items)
    base = run(args.baseline, items) if args.baseline else None
    table = Counter()
    base_table = Counter()
    shown = Counter()
    differ = []
    for case in items:
        got = outcome(case, results[case["id"]])
        table[(case["lang"], case["kind"], got)] += 1
        if base is not None:
            was = outcome(case, base[case["id"]])
            base_table[(case["lang"], case["kind"], was)] += 1
            if was != got:
                differ.append(f"  {case['lang']} {case['kind']}: {case['wrong']!r} {was} -> {got}")
        if args.show and got not in ("right", "kept") and shown[(case["lang"], got)] < args.show:
            shown[(case["lang"], got)] += 1
            answer = results[case["id"]]
            changes = answer.get("changes", [])
            print(f"  {case['lang']} {got}: {case['wrong']!r} want {case['right']!r}, got "
                  + (", ".join(f"{c['from']!r}->{c['to']!r}" for c in changes) or "nothing")
                  + (f" in {answer['text']!r}" if changes else ""))
    outcomes = ["right", "wrong ending", "wrong", "missed"]
    print(f"{'lang':<5}{'kind':<9}{'cases':>7}" + "".join(f"{o:>14}" for o in outcomes) + f"{'recall':>8}")
    for language in languages:
        for kind in kinds:
            total = sum(table[(language, kind, o)] for o in outcomes)
            if not total:
                continue
            row = f"{language:<5}{kind:<9}{total:>7}"
            for o in outcomes:
                cell = str(table[(language, kind, o)])
                if base is not None:
                    cell = f"{base_table[(language, kind, o)]}→{cell}"
                row += f"{cell:>14}"
            print(row + f"{table[(language, kind, 'right')] / total:>8.3f}")
        correct = table[(language, "correct", "kept")] + table[(language, "correct", "false alarm")]
        alarms = table[(language, "correct", "false alarm")]
        was = f" (was {base_table[(language, 'correct', 'false alarm')]})" if base is not None else ""
        print(f"{language:<5}{'correct':<9}{correct:>7}   false alarms {alarms}{was}")
    if differ:
        print(f"{len(differ)} cases differ from the baseline:")
        print("\n".join(differ[:2000]))


if __name__ == "__main__":
    main()
