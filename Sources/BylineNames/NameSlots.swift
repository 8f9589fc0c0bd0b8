/// Words that make the next capitalised word a person's name or a place's.
///
/// A title (`Mr`, `President`, `господин`) announces a person, so a place reading of the
/// next word is refused; a preposition that takes places (`in`, `from`, `в`, `nach`)
/// makes a place reading likelier. Lower-case as they are compared.
enum NameSlots {
    static let titles: [String: Set<String>] = [
        "en": ["mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lady", "lord", "president", "minister", "senator",
               "governor", "general", "gen", "colonel", "col", "captain", "capt", "judge", "king", "queen",
               "prince", "princess", "pope", "rev", "father", "sister", "chancellor", "secretary", "ambassador",
               "mayor", "coach", "striker", "midfielder", "defender", "goalkeeper", "player", "actor", "actress", "singer"],
        "de": ["herr", "frau", "dr", "prof", "präsident", "präsidentin", "minister", "ministerin", "kanzler",
               "kanzlerin", "bundeskanzler", "trainer", "spieler", "sänger", "sängerin", "schauspieler", "schauspielerin"],
        "fr": ["m", "mme", "mlle", "dr", "président", "présidente", "ministre", "général", "monsieur", "madame"],
        "es": ["sr", "sra", "srta", "don", "doña", "dr", "presidente", "presidenta", "ministro", "ministra", "general"],
        "ru": ["господин", "госпожа", "президент", "министр", "премьер", "генерал", "г-н", "г-жа", "глава"],
        "tr": ["bay", "bayan", "sayın", "cumhurbaşkanı", "bakan", "bakanı", "başbakan", "general", "dr", "prof"],
        "az": ["cənab", "xanım", "prezident", "prezidenti", "nazir", "naziri", "baş", "general", "dr", "prof"],
        "uk": ["пан", "пані", "президент", "міністр", "прем'єр", "прем’єр", "генерал", "голова"],
        "kk": ["мырза", "ханым", "президент", "президенті", "министр", "министрі", "премьер", "генерал"],
    ]

    static let placePrepositions: [String: Set<String>] = [
        "en": ["in", "from", "to", "at", "into", "near", "across", "via", "toward", "towards", "visit", "visited", "visiting"],
        "de": ["in", "nach", "aus", "von", "bei", "im"],
        "fr": ["à", "en", "de", "du", "vers", "depuis"],
        "es": ["en", "a", "de", "desde", "hacia"],
        "ru": ["в", "во", "из", "к", "ко", "под", "над"],
        "uk": ["в", "у", "з", "із", "до", "під", "над"],
        "tr": [],
        "az": [],
        "kk": [],
    ]
}
