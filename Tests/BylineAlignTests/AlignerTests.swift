import BylineAlign
import BylineNames
import BylineText
import Testing

private func aligned(
    _ source: [String], _ target: [String], from: LanguageTag = "en", to: LanguageTag = "und", aligner: Aligner = Aligner(),
    lengthRatio: Double? = nil
) throws -> [String] {
    try aligner.align(source: source, from: from, target: target, to: to, lengthRatio: lengthRatio).beads.map(\.description)
}

@Suite("Aligner")
struct AlignerTests {
    @Test(
        "Each bead shape is found where the texts call for it",
        arguments: [
            ("1-1", "[3]:[3]"), ("1-0", "[3]:[]"), ("0-1", "[]:[3]"), ("2-1", "[3, 4]:[3]"), ("1-2", "[3]:[3, 4]"),
            ("2-2", "[3, 4]:[3, 4]"), ("1-3", "[3]:[3, 4, 5]"), ("3-1", "[3, 4, 5]:[3]"),
        ])
    func beadShapes(shape: String, expected: String) throws {
        let before = (0..<3).map(filler), after = (10..<13).map(filler)
        let a = "Rescue teams reached 4410 homes before dark",
            b = "and engineers inspected 5520 bridges on the eastern bank",
            c = "while volunteers handed out 6630 blankets in the camps"
        var middleSource: [String] = [], middleTarget: [String] = []
        switch shape {
        case "1-1": (middleSource, middleTarget) = ([a + "."], [mirrored(a + ".")])
        case "1-0": (middleSource, middleTarget) = ([a + "."], [])
        case "0-1": (middleSource, middleTarget) = ([], [mirrored(a + ".")])
        case "2-1": (middleSource, middleTarget) = ([a + ".", b + "."], [mirrored(a + ", " + b + ".")])
        case "1-2": (middleSource, middleTarget) = ([a + ", " + b + "."], [mirrored(a + "."), mirrored(b + ".")])
        case "2-2":
            (middleSource, middleTarget) = ([a + " " + b + ".", c + "."], [mirrored(a + "."), mirrored(b + " " + c + ".")])
        case "1-3":
            (middleSource, middleTarget) = ([a + ", " + b + ", " + c + "."], [a, b, c].map { mirrored($0 + ".") })
        default:
            (middleSource, middleTarget) = ([a, b, c].map { $0 + "." }, [mirrored(a + ", " + b + ", " + c + ".")])
        }
        let source = before + middleSource + after
        let target = (before + middleTarget.map { $0 }).enumerated().map { $0.offset < 3 ? mirrored($0.element) : $0.element }
            + after.map(mirrored)
        let beads = try aligned(source, target)
        #expect(beads.contains(expected), "\(beads)")
        #expect(beads.first == "[0]:[0]" && beads.last == "[\(source.count - 1)]:[\(target.count - 1)]", "\(beads)")
    }

    @Test(
        "A number links across its formats and picks the sentence the other text dropped",
        arguments: ["8 000", "8.000", "8000", "8\u{202F}000"])
    func numberFormats(written: String) throws {
        let source = [
            "The ministry sent 8,000 soldiers to the border region last week.",
            "Talks between the two delegations resumed in the capital today.",
            "Inflation reached 12.5 percent in March, the bank said.",
        ]
        let target = [
            "Das Ministerium schickte letzte Woche \(written) Soldaten an die Grenze.",
            "Die Inflation erreichte im März 12,5 Prozent, so die Bank.",
        ]
        let beads = try aligned(source, target, from: "en", to: "de")
        #expect(beads == ["[0]:[0]", "[1]:[]", "[2]:[1]"])
    }

    @Test("Names written in another script link through transliteration")
    func namesAcrossScripts() throws {
        let source = [
            "Oprah Winfrey said goodbye to her audience in Chicago.",
            "The weather stayed mild for most of the afternoon hours.",
            "Bob Dylan did not answer calls from the committee.",
        ]
        let target = [
            "Опра Уинфри попрощалась со своей аудиторией в Чикаго.",
            "Боб Дилан не отвечал на звонки комитета в течение недели.",
        ]
        let beads = try aligned(source, target, from: "en", to: "ru")
        #expect(beads == ["[0]:[0]", "[1]:[]", "[2]:[1]"])
    }

    @Test("A name the gazetteer knows links by its entity in any script")
    func namesThroughGazetteer() throws {
        let gazetteer = Gazetteer(entries: [
            GazetteerEntry(id: "Q8684", kind: .place, weight: 100, forms: ["en": ["Seoul"], "ru": ["Сеул"]]),
            GazetteerEntry(id: "Q1490", kind: .place, weight: 100, forms: ["en": ["Tokyo"], "ru": ["Токио"]]),
        ])
        let source = [
            "Officials in Seoul met on Monday to discuss the plan.",
            "Heavy rain fell across the whole country overnight again.",
            "Leaders in Tokyo said they would wait for more details.",
        ]
        let target = [
            "Лидеры в Токио заявили, что подождут подробностей.",
        ]
        // One target sentence against three says nothing about the length ratio; give it, as a
        // memory of the pair would.
        let withNames = try aligned(
            source, target, from: "en", to: "ru", aligner: Aligner(names: gazetteer), lengthRatio: 1)
        #expect(withNames == ["[0]:[]", "[1]:[]", "[2]:[0]"])
    }

    @Test("In a short report a sentence the other text dropped stays unmatched, not merged into its neighbour")
    func droppedSentenceInShortReport() throws {
        let a = "Rescue teams reached 4410 homes before dark on the eastern bank of the river."
        let b = "Engineers inspected 5520 bridges while volunteers handed out blankets in the camps."
        // The whole texts' length ratio (one sentence against two) would call for a 2-1 bead.
        #expect(try aligned([a, b], [mirrored(a)]) == ["[0]:[0]", "[1]:[]"])
        #expect(try aligned([a, b], [mirrored(b)]) == ["[0]:[]", "[1]:[0]"])
        #expect(try aligned([mirrored(b)], [a, b]) == ["[]:[0]", "[0]:[1]"])
    }

    @Test("A close language's word list links words by consonant outline, whichever side the texts are on")
    func outlinesOfCloseLanguage() throws {
        // An English-Turkish list read for Azerbaijani: devlet and dövlət share `dflt`,
        // toplantı and toplantısında `tpln`.
        let turkish = try BilingualLexicon(
            tsv: "state\tdevlet\nmeeting\ttoplantı\ncouncil\tmeclis\n", source: "en", target: "tr")
        let outlines = turkish.outlines(of: "tr", standingFor: "az")
        #expect(outlines.source == "en" && outlines.target == "az")
        #expect(outlines.translations(ofStem: "state") == ["dflt"])
        #expect(turkish.reversed().outlines(of: "tr", standingFor: "az").translations(ofStem: "meetin") == ["tpln"])

        let kept = "The state council will discuss the new rules at its next meeting in the capital."
        let dropped = "Farmers in the valley complained about the dry summer and the low grain prices."
        let azerbaijani = "Dövlət şurası paytaxtdakı növbəti toplantısında yeni qaydaları müzakirə edəcək."
        let aligner = Aligner(outlines: outlines)
        #expect(try aligned([kept, dropped], [azerbaijani], to: "az", aligner: aligner) == ["[0]:[0]", "[1]:[]"])
        #expect(try aligned([dropped, kept], [azerbaijani], to: "az", aligner: aligner) == ["[0]:[]", "[1]:[0]"])
        #expect(
            try aligned([azerbaijani], [dropped, kept], from: "az", to: "en", aligner: aligner) == ["[]:[0]", "[0]:[1]"])
    }

    @Test("An empty side gives one unmatched bead per sentence of the other", arguments: [true, false])
    func emptySide(sourceEmpty: Bool) throws {
        let sentences = ["One sentence here.", "Another one there."]
        let alignment = try Aligner().align(
            source: sourceEmpty ? [] : sentences, from: "en", target: sourceEmpty ? sentences : [], to: "fr")
        #expect(alignment.beads.map(\.description) == (sourceEmpty ? ["[]:[0]", "[]:[1]"] : ["[0]:[]", "[1]:[]"]))
        #expect(try Aligner().align(source: [], from: "en", target: [], to: "fr").beads.isEmpty)
    }

    @Test("Identical sides align one to one with full confidence")
    func identicalSides() throws {
        let sentences = (0..<20).map(filler)
        let alignment = try Aligner().align(source: sentences, from: "en", target: sentences, to: "en")
        #expect(alignment.beads.map(\.description) == (0..<20).map { "[\($0)]:[\($0)]" })
        #expect(alignment.beads.allSatisfy { $0.confidence > 0.9 })
        #expect(!alignment.looksUnrelated)
    }

    @Test("Texts that share nothing are reported as looking unrelated")
    func unrelatedTexts() throws {
        let source = (0..<8).map { "Report number \($0) covers the harvest in the southern provinces in detail." }
        let target = (0..<8).map { _ in "Die Mannschaft gewann das Spiel am Abend vor vielen begeisterten Zuschauern." }
        #expect(try Aligner().align(source: source, from: "en", target: target, to: "de").looksUnrelated)
    }

    @Test("Beads are in order and use every sentence exactly once")
    func beadsCoverEverySentence() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<25 {
            let n = Int.random(in: 0...30, using: &generator), m = Int.random(in: 0...30, using: &generator)
            let source = (0..<n).map { _ in filler(Int.random(in: 0...40, using: &generator)) }
            let target = (0..<m).map { _ in mirrored(filler(Int.random(in: 0...40, using: &generator))) }
            let beads = try Aligner().align(source: source, from: "en", target: target, to: "und").beads
            #expect(beads.flatMap { Array($0.source) } == Array(0..<n))
            #expect(beads.flatMap { Array($0.target) } == Array(0..<m))
            #expect(beads.allSatisfy { !$0.source.isEmpty || !$0.target.isEmpty })
            #expect(beads.allSatisfy { (0...1).contains($0.confidence) })
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
