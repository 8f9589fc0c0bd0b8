#!/usr/bin/env python3
"""Misspellings made by one typing slip in a well-known place's name, and how many of them
`byline names` puts right.

Each kind of slip is made at every position after the first letter of each name below:

* `moved`: three letters rotated one way or the other, a letter typed two places early or late
  (`Armenia` gives `Amernia`, `Arenmia`, ...);
* `drop`: a letter left out; `double`: a letter typed twice; `swap`: two neighbours swapped;
* `vowel`: a vowel for another vowel;
* `keyboard`: a letter for one of its neighbours on a QWERTY keyboard;
* `insert-neighbour`: a letter's first two keyboard neighbours typed before it.

With `--places multi` the names are places of several words instead (`Buenos Aires`,
`New Delhi`), and with `--places people` the full names of people in the news (`Angela Merkel`);
each slip is made inside one of their words, the others left as they are.

Each misspelling is set in the sentence "They flew to X on Monday." and sent to
`byline names --batch` as English. A case is right when the only change is the name, wrong when
another name replaces it, and missed when nothing changes.

    python3 scripts/slip-cases.py [--kind moved] [--places single|multi|people] [--byline .build/release/byline] [--baseline OTHER]

`--kind all` gives a line per kind. With --baseline, the same cases go through a second binary
and, for a single kind, the cases whose outcome differs are listed. The names are chosen by hand
among the countries, capitals, large cities and US states that English news names most; none
comes from any evaluation set.
"""
import argparse

from namesbatch import names_batch

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

MULTIWORD = [line.strip() for line in """
New York
Los Angeles
San Francisco
San Diego
Las Vegas
New Orleans
Salt Lake City
Mexico City
New Delhi
Buenos Aires
Hong Kong
Kuala Lumpur
Phnom Penh
Addis Ababa
Cape Town
Tel Aviv
Rio de Janeiro
Sri Lanka
South Africa
Saudi Arabia
New Zealand
Costa Rica
Puerto Rico
Sierra Leone
El Salvador
North Korea
South Korea
United States
United Kingdom
Czech Republic
Dominican Republic
Burkina Faso
Papua New Guinea
New Jersey
New Mexico
New Hampshire
North Carolina
South Carolina
North Dakota
South Dakota
West Virginia
Rhode Island
""".strip().splitlines()]

PEOPLE = [line.strip() for line in """
Barack Obama
Angela Merkel
Vladimir Putin
Donald Trump
Emmanuel Macron
Boris Johnson
Xi Jinping
Recep Tayyip Erdoğan
Narendra Modi
Justin Trudeau
Joe Biden
Theresa May
Benjamin Netanyahu
Ilham Aliyev
Volodymyr Zelensky
Olaf Scholz
Nelson Mandela
Winston Churchill
Albert Einstein
William Shakespeare
Charles Darwin
Mahatma Gandhi
Pablo Picasso
Abraham Lincoln
Margaret Thatcher
Tony Blair
Gordon Brown
Hillary Clinton
Bill Gates
Elon Musk
Mark Zuckerberg
Steve Jobs
Antony Blinken
Kamala Harris
Sergey Lavrov
Jens Stoltenberg
Rishi Sunak
""".strip().splitlines()]

NAMES = {"single": PLACES, "multi": MULTIWORD, "people": PEOPLE}


KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
VOWELS = "aeiou"
KINDS = ["moved", "drop", "double", "swap", "vowel", "keyboard", "insert-neighbour"]


def keyboard_neighbours(letter):
    """The keys around `letter` on a QWERTY keyboard: beside it, and the three nearest above and below."""
    for row, keys in enumerate(KEYBOARD):
        column = keys.find(letter)
        if column < 0:
            continue
        near = [keys[i] for i in (column - 1, column + 1) if 0 <= i < len(keys)]
        for other in (row - 1, row + 1):
            if 0 <= other < len(KEYBOARD):
                near += [KEYBOARD[other][i] for i in (column - 1, column, column + 1) if 0 <= i < len(KEYBOARD[other])]
        return near
    return []


def slips(name, kind):
    """The misspellings of `name` that one slip of this kind makes."""
    result = []
    for start in range(1, len(name)):
        letter = name[start]
        before, after = name[:start], name[start + 1:]
        if kind == "moved" and start + 3 <= len(name):
            three = name[start:start + 3]
            result += [before + moved + name[start + 3:] for moved in (three[1:] + three[0], three[2] + three[:2])]
        elif kind == "drop":
            result.append(before + after)
        elif kind == "double":
            result.append(before + letter + letter + after)
        elif kind == "swap" and after:
            result.append(before + after[0] + letter + after[1:])
        elif kind == "vowel" and letter in VOWELS:
            result += [before + vowel + after for vowel in VOWELS if vowel != letter]
        elif kind == "keyboard":
            result += [before + key + after for key in keyboard_neighbours(letter)]
        elif kind == "insert-neighbour":
            result += [before + key + letter + after for key in keyboard_neighbours(letter)[:2]]
    return result


def cases(kind, places="single"):
    """(misspelling, name) pairs, each once, none the name itself in another case. A name of
    several words gets each slip in one word at a time."""
    result = {}
    for name in NAMES[places]:
        words = name.split(" ")
        for position, word in enumerate(words):
            for slipped in slips(word, kind):
                written = " ".join(words[:position] + [slipped] + words[position + 1:])
                if written.lower() != name.lower():
                    result.setdefault((written, name), None)
    return list(result)


def outcomes(byline, pairs):
    """Per case, the replacements `byline names` makes."""
    answers = names_batch(byline, [{"id": str(index), "lang": "en", "text": f"They flew to {written} on Monday."}
                                   for index, (written, _) in enumerate(pairs)])
    return {int(id): [change["to"] for change in answer.get("changes", [])] for id, answer in answers.items()}


def tally(pairs, found):
    right = sum(1 for index, (_, name) in enumerate(pairs) if found.get(index) == [name])
    wrong = sum(1 for index, (_, name) in enumerate(pairs) if found.get(index) and found[index] != [name])
    return right, wrong, len(pairs) - right - wrong


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", default="moved", choices=KINDS + ["all"])
    parser.add_argument("--places", default="single", choices=list(NAMES),
                        help="places of one word (default) or of several, or people's full names")
    parser.add_argument("--byline", default=".build/release/byline")
    parser.add_argument("--baseline", help="a second byline binary to compare with")
    args = parser.parse_args()
    for kind in KINDS if args.kind == "all" else [args.kind]:
        pairs = cases(kind, args.places)
        found = outcomes(args.byline, pairs)
        right, wrong, missed = tally(pairs, found)
        print(f"{kind}: {len(pairs)} misspellings of {len(NAMES[args.places])} {'people' if args.places == 'people' else 'places'}")
        print(f"  {args.byline}: right {right}, wrong {wrong}, missed {missed}")
        if args.baseline:
            before = outcomes(args.baseline, pairs)
            right, wrong, missed = tally(pairs, before)
            print(f"  {args.baseline}: right {right}, wrong {wrong}, missed {missed}")
            if args.kind != "all":
                for index, (written, name) in enumerate(pairs):
                    if found.get(index) != before.get(index):
                        print(f"    {written} ({name}): {before.get(index) or '-'} -> {found.get(index) or '-'}")


if __name__ == "__main__":
    main()
