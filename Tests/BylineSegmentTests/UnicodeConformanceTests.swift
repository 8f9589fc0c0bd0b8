import BylineSegment
import Foundation
import Testing

/// Unicode's own break tests (UAX #29) of Unicode 15.0, the version ICU 72 implements, kept
/// in `Data/unicode/` (see `Data/README.md`), run through the plain ICU layer with the root locale.
/// Offsets are compared, not counts.
@Suite("Unicode break conformance")
struct UnicodeConformanceTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Data/unicode").path

    struct Case: CustomStringConvertible {
        var line: Int
        var scalars: [Unicode.Scalar]
        /// Boundaries as scalar indices (0 and the end excluded).
        var breaks: [Int]
        var description: String { "line \(line)" }
    }

    static func cases(_ file: String) throws -> [Case] {
        let path = "\(directory)/\(file)"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var result: [Case] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let fields = line.split(separator: " ")
            guard !fields.isEmpty else { continue }
            var scalars: [Unicode.Scalar] = []
            var breaks: [Int] = []
            for field in fields {
                if field == "÷" {
                    breaks.append(scalars.count)
                } else if field != "×", let value = UInt32(field, radix: 16), let scalar = Unicode.Scalar(value) {
                    scalars.append(scalar)
                }
            }
            result.append(Case(line: index + 1, scalars: scalars, breaks: breaks.filter { $0 > 0 && $0 < scalars.count }))
        }
        return result
    }

    /// Runs `kind` over each case and returns a table of the cases that differ.
    static func failures(
        _ file: String, kind: ICUBreaker.Kind, locale: String = "", only include: (Case) -> Bool = { _ in true }
    ) throws -> [String] {
        let breaker = try ICUBreaker(kind: kind, icuLocale: locale)
        var failures: [String] = []
        for testCase in try cases(file) where include(testCase) {
            var string = String(String.UnicodeScalarView(testCase.scalars))
            // Map UTF-8 offsets back to scalar indices.
            var scalarIndexAtByte: [Int: Int] = [:]
            var byteOffset = 0
            for (index, scalar) in testCase.scalars.enumerated() {
                scalarIndexAtByte[byteOffset] = index
                byteOffset += String(scalar).utf8.count
            }
            var got: [Int] = []
            string.withUTF8 { bytes in
                breaker.forEachBoundary(in: bytes) { offset, _ in
                    if offset > 0, offset < bytes.count { got.append(scalarIndexAtByte[offset] ?? -1) }
                }
            }
            if got != testCase.breaks {
                let codes = testCase.scalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
                failures.append("\(file):\(testCase.line): [\(codes)] expected breaks \(testCase.breaks), got \(got)")
            }
        }
        return failures
    }

    @Test("SentenceBreakTest.txt passes through ICU's sentence iterator")
    func sentenceBreaks() throws {
        let failures = try Self.failures("SentenceBreakTest.txt", kind: .sentence)
        #expect(failures.isEmpty, "\(failures.count) cases differ:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(try Self.cases("SentenceBreakTest.txt").count > 400)
    }

    /// CLDR's root word rules drop U+003A COLON from MidLetter (so `a:b` is three words
    /// in most languages) and keep it for Swedish and Finnish, where `EU:n` is one word.
    /// The cases with a colon between letters are therefore run with the Swedish rules.
    static func hasColon(_ testCase: Case) -> Bool { testCase.scalars.contains(":") }

    @Test("WordBreakTest.txt passes through ICU's word iterator")
    func wordBreaks() throws {
        let failures = try Self.failures("WordBreakTest.txt", kind: .word, only: { !Self.hasColon($0) })
            + Self.failures("WordBreakTest.txt", kind: .word, locale: "sv", only: Self.hasColon)
        #expect(failures.isEmpty, "\(failures.count) cases differ:\n\(failures.prefix(20).joined(separator: "\n"))")
        #expect(try Self.cases("WordBreakTest.txt").count > 1500)
    }
}
