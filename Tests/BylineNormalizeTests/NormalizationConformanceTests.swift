import BylineNormalize
import BylineText
import Foundation
import Testing

/// Unicode's own normalization test (UAX #15) of Unicode 15.0, the version ICU 72
/// implements, kept in `Data/` (see its README), run through the ICU layer on UTF-8.
@Suite("Unicode normalization conformance")
struct NormalizationConformanceTests {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Data/NormalizationTest.txt.gz").path

    struct Case {
        var line: Int
        var columns: [String]
    }

    static func cases() throws -> [Case] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        var result: [Case] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") || line.hasPrefix("@") || line.isEmpty { continue }
            let fields = line.split(separator: ";", omittingEmptySubsequences: false).prefix(5)
            guard fields.count == 5 else { continue }
            let columns = fields.map { field in
                String(String.UnicodeScalarView(field.split(separator: " ").compactMap { UInt32($0, radix: 16).flatMap(Unicode.Scalar.init) }))
            }
            result.append(Case(line: index + 1, columns: columns))
        }
        return result
    }

    @Test("NormalizationTest.txt: every column maps to the expected one under NFC, NFD, NFKC and NFKD")
    func conformance() throws {
        let normalizer = TextNormalizer()
        let cases = try Self.cases()
        #expect(cases.count > 19_000)
        var failures: [String] = []
        func check(_ form: NormalizationOperation, _ input: String, _ expected: String, _ testCase: Case) throws {
            let got = try normalizer.normalize(input, operation: form, language: .undetermined).text
            if !got.unicodeScalars.elementsEqual(expected.unicodeScalars) {
                let codes = { (text: String) in text.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") }
                failures.append("line \(testCase.line): \(form.rawValue)(\(codes(input))) = \(codes(got)), expected \(codes(expected))")
            }
        }
        for testCase in cases {
            let c = testCase.columns
            for column in 0..<3 { try check(.nfc, c[column], c[1], testCase) }
            for column in 3..<5 { try check(.nfc, c[column], c[3], testCase) }
            for column in 0..<3 { try check(.nfd, c[column], c[2], testCase) }
            for column in 3..<5 { try check(.nfd, c[column], c[4], testCase) }
            for column in 0..<5 { try check(.nfkc, c[column], c[3], testCase) }
            for column in 0..<5 { try check(.nfkd, c[column], c[4], testCase) }
        }
        #expect(failures.isEmpty, "\(failures.count) mappings differ:\n\(failures.prefix(20).joined(separator: "\n"))")
    }

    @Test("Text already in NFC comes back as the very same string, with no edits")
    func quickCheck() throws {
        let text = "Bakı, 5 mart. Prezident fərman imzalayıb. «Сеул» — 8 000 €"
        let result = try TextNormalizer().normalize(text, operation: .nfc, language: "az")
        #expect(result.isUnchanged)
        #expect(result.changes.isEmpty)
        #expect(result.text.utf8.elementsEqual(text.utf8))
    }

    @Test("Compatibility forms as the Unicode standard defines them", arguments: [
        (NormalizationOperation.nfkc, "8\u{202F}000 €", "8 000 €"),
        (.nfkc, "１２３ＡＢＣ", "123ABC"),
        (.nfkc, "ﬁnancial", "financial"),
        (.nfkcCasefold, "Ge\u{AD}samt\u{AD}kon\u{AD}zept", "gesamtkonzept"),
        (.nfkcCasefold, "Ⅻ. STRASSE Straße", "xii. strasse strasse"),
        (.nfc, "e\u{301}le\u{300}ve", "élève"),
        (.nfd, "Gəncə", "Gəncə"),
    ])
    func compatibility(operation: NormalizationOperation, input: String, expected: String) throws {
        let result = try TextNormalizer().normalize(input, operation: operation, language: .undetermined)
        #expect(Array(result.text.unicodeScalars) == Array(expected.unicodeScalars))
    }
}
