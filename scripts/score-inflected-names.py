#!/usr/bin/env python3
"""Misspelt names with case endings and suffixes: how many `byline names` fixes, keeping the
ending, in Russian, Turkish and Azerbaijani copy.

The development set has few inflected names; this makes more of the kind. Each case is a
well-known place in the form a sentence of that language needs (`в Москве`, `Londra'dan`,
`Berlində`), its stem given one typing slip inside the word (a letter left out, two
neighbours swapped, or a letter doubled; never the first or last letter of the stem), and
put in a plain sentence. The slips are drawn with a fixed seed, so every run makes the same
140 cases. A case is fixed when the output is the sentence with the correct form, ending
and all; unchanged when the text comes back as written; wrong otherwise.

    swift build -c release
    python3 scripts/score-inflected-names.py [.build/release/byline] [--show]

Standard library only; the forms below were written for this measure.
"""
from __future__ import annotations

import random
import sys
from collections import Counter

from namesbatch import names_batch

# (the form a sentence needs, its stem, its ending): the stem is what gets the slip.
FORMS = {
    "ru": [
        ("в Москве", "Москв", "е"), ("из Москвы", "Москв", "ы"), ("над Москвой", "Москв", "ой"),
        ("в Лондоне", "Лондон", "е"), ("из Лондона", "Лондон", "а"), ("в Берлине", "Берлин", "е"),
        ("из Берлина", "Берлин", "а"), ("в Париже", "Париж", "е"), ("из Парижа", "Париж", "а"),
        ("в Пекине", "Пекин", "е"), ("в Вашингтоне", "Вашингтон", "е"), ("из Вашингтона", "Вашингтон", "а"),
        ("в Стамбуле", "Стамбул", "е"), ("в Анкаре", "Анкар", "е"), ("из Анкары", "Анкар", "ы"),
        ("в Тегеране", "Тегеран", "е"), ("в Брюсселе", "Брюссел", "е"), ("в Сеуле", "Сеул", "е"),
        ("в России", "Росси", "и"), ("с Россией", "Росси", "ей"), ("в Германии", "Германи", "и"),
        ("с Германией", "Германи", "ей"), ("во Франции", "Франци", "и"), ("в Китае", "Кита", "е"),
        ("в Турции", "Турци", "и"), ("в Азербайджане", "Азербайджан", "е"), ("из Азербайджана", "Азербайджан", "а"),
        ("в Грузии", "Грузи", "и"), ("в Украине", "Украин", "е"), ("в Италии", "Итали", "и"),
    ],
    "tr": [
        ("İstanbul'da", "İstanbul", "'da"), ("Ankara'ya", "Ankara", "'ya"), ("Londra'dan", "Londra", "'dan"),
        ("Berlin'de", "Berlin", "'de"), ("Paris'te", "Paris", "'te"), ("Moskova'da", "Moskova", "'da"),
        ("Tahran'da", "Tahran", "'da"), ("Almanya'da", "Almanya", "'da"), ("Fransa'ya", "Fransa", "'ya"),
        ("Rusya'dan", "Rusya", "'dan"), ("Azerbaycan'da", "Azerbaycan", "'da"), ("Gürcistan'a", "Gürcistan", "'a"),
        ("Brüksel'de", "Brüksel", "'de"), ("Washington'da", "Washington", "'da"), ("Almanyada", "Almanya", "da"),
        ("Fransaya", "Fransa", "ya"), ("Londradan", "Londra", "dan"), ("Ankarada", "Ankara", "da"),
        ("İtalya'da", "İtalya", "'da"), ("Ukrayna'da", "Ukrayna", "'da"),
    ],
    "az": [
        ("Moskvada", "Moskva", "da"), ("Londonda", "London", "da"), ("Berlində", "Berlin", "də"),
        ("Parisdə", "Paris", "də"), ("Ankarada", "Ankara", "da"), ("Tehranda", "Tehran", "da"),
        ("Almaniyada", "Almaniya", "da"), ("Fransada", "Fransa", "da"), ("Rusiyada", "Rusiya", "da"),
        ("Türkiyədə", "Türkiyə", "də"), ("Gürcüstanda", "Gürcüstan", "da"), ("Vaşinqtonda", "Vaşinqton", "da"),
        ("Brüsseldə", "Brüssel", "də"), ("İtaliyada", "İtaliya", "da"), ("Ukraynada", "Ukrayna", "da"),
        ("Moskvadan", "Moskva", "dan"), ("Londondan", "London", "dan"), ("Berlinə", "Berlin", "ə"),
        ("Parisə", "Paris", "ə"), ("Ankaraya", "Ankara", "ya"),
    ],
}
SENTENCES = {
    "ru": "Делегация была {} на прошлой неделе.",
    "tr": "Heyet geçen hafta {} bulundu.",
    "az": "Nümayəndə heyəti keçən həftə {} olub.",
}
SLIPS_PER_FORM = 2
SEED = 7


def slip(stem: str, rng: random.Random) -> str:
    kind = rng.choice(["drop", "swap", "double"])
    at = rng.randint(1, len(stem) - 2)
    if kind == "drop":
        return stem[:at] + stem[at + 1:]
    if kind == "swap":
        if stem[at] == stem[at + 1]:
            return stem[:at] + stem[at + 1:]
        return stem[:at] + stem[at + 1] + stem[at] + stem[at + 2:]
    return stem[:at] + stem[at] + stem[at:]


def cases() -> list[dict]:
    rng = random.Random(SEED)
    made = []
    for language, forms in FORMS.items():
        for number, (form, stem, ending) in enumerate(forms):
            for copy in range(SLIPS_PER_FORM):
                slipped = slip(stem, rng)
                if slipped == stem:
                    continue
                wrong = form.replace(stem + ending, slipped + ending)
                made.append({"id": f"{language}{number}-{copy}", "lang": language, "wrong": wrong, "right": form,
                             "text": SENTENCES[language].format(wrong)})
    return made


def main() -> None:
    args = [arg for arg in sys.argv[1:] if arg != "--show"]
    byline = args[0] if args else ".build/release/byline"
    made = cases()
    answers = names_batch(byline, [{"id": c["id"], "lang": c["lang"], "text": c["text"]} for c in made])
    counts: Counter = Counter()
    for case in made:
        text = answers[case["id"]]["text"]
        outcome = ("fixed" if text == case["text"].replace(case["wrong"], case["right"])
                   else "unchanged" if text == case["text"] else "wrong")
        counts[case["lang"], outcome] += 1
        if outcome != "fixed" and "--show" in sys.argv:
            print(f"{case['lang']}  {outcome:9}  {case['wrong']}  ->  {text}  (want {case['right']})")
    print("lang  cases  fixed  unchanged  wrong")
    for language in FORMS:
        row = [counts[language, outcome] for outcome in ("fixed", "unchanged", "wrong")]
        print(f"{language:4}  {sum(row):5}  {row[0]:5}  {row[1]:9}  {row[2]:5}")


if __name__ == "__main__":
    main()
