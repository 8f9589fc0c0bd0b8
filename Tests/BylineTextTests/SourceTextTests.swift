import BylineText
import PropertyBased
import Testing

@Suite("SourceText decoding")
struct SourceTextTests {
    @Test("Invalid UTF-8 is reported with line, column in scalars and byte offset")
    func invalidUTF8Location() throws {
        // Line 2 starts with Azerbaijani letters, so the column must count scalars, not bytes.
        var bytes = Array("Bakı xəbərləri\nŞəki, ".utf8)
        let badOffset = bytes.count
        bytes.append(0xFF)
        bytes.append(contentsOf: Array(" günü".utf8))
        let error = #expect(throws: TextDecodingError.self) {
            try SourceText(decoding: bytes, language: "az", origin: "report.txt")
        }
        #expect(error == .invalidUTF8(SourceLocation(file: "report.txt", line: 2, column: 7), byteOffset: badOffset))
        #expect(error?.description.hasPrefix("report.txt:2:7: invalid UTF-8 at byte offset \(badOffset)") == true)
    }

    @Test("A truncated multi-byte sequence at the end is invalid")
    func truncatedSequence() {
        let bytes = Array("Сеул".utf8).dropLast()
        #expect(throws: TextDecodingError.self) { try SourceText(decoding: Array(bytes), language: "ru") }
    }

    @Test("Lossy decoding replaces each bad sequence and reports its byte offset")
    func lossyDecoding() {
        let bytes: [UInt8] = Array("ab".utf8) + [0xC3] + Array("cd".utf8) + [0xFF]
        let (text, offsets) = SourceText.decodingLossy(bytes, language: "en")
        #expect(text.string == "ab\u{FFFD}cd\u{FFFD}")
        #expect(offsets == [2, 5])
    }

    @Test("Every replacement's column counts the decoded scalars before it, replacements included")
    func lossyLocations() {
        // A lone continuation byte, a truncated sequence and a stray lead byte, twice on one
        // line and once on the next.
        let bytes: [UInt8] = Array("Bakı".utf8) + [0x80] + Array("ə".utf8) + [0xE2, 0x82] + Array("x\nСеул".utf8) + [0xFF]
        let (text, replaced) = SourceText.decodingLossyLocated(bytes, language: "az", origin: "r.txt")
        #expect(replaced.map(\.location.description) == ["r.txt:1:5", "r.txt:1:7", "r.txt:2:5"])
        #expect(replaced.map(\.byteOffset) == [5, 8, 20])
        let lines = text.string.split(separator: "\n", omittingEmptySubsequences: false)
        for sequence in replaced {
            let line = Array(lines[sequence.location.line - 1].unicodeScalars)
            #expect(line[sequence.location.column - 1] == "\u{FFFD}")
        }
    }

    @Test("A byte-order mark is kept so offsets count every scalar of the input")
    func byteOrderMarkKept() throws {
        let text = try SourceText(decoding: Array("\u{FEFF}Hi.".utf8), language: "en")
        #expect(text.string.unicodeScalars.count == 4)
    }

    @Test("Well-formed text decodes to the same scalars", arguments: ["", "Hello", "Ağ ev. Сеул — 서울. 🇦🇿"])
    func roundTrip(text: String) throws {
        #expect(try SourceText(decoding: Array(text.utf8), language: "und").string == text)
    }

    @Test("Lossy decoding of any bytes yields valid text whose re-encoding has the same length or more")
    func lossyProperty() async {
        await propertyCheck(input: Gen<UInt8>.value(in: 0...255).array(of: 0...64)) { bytes in
            let (text, offsets) = SourceText.decodingLossy(bytes, language: "und")
            #expect(offsets.allSatisfy { $0 < bytes.count })
            #expect((offsets.isEmpty) == (String(validating: bytes, as: UTF8.self) != nil))
            #expect(text.string.utf8.count >= bytes.count - offsets.count)
        }
    }
}

@Suite("LanguageTag")
struct LanguageTagTests {
    @Test("Tags are canonicalised", arguments: [
        ("AZ_latn", "az-Latn"), ("tr_TR", "tr-TR"), ("ru", "ru"), ("", "und"), ("pt-br", "pt-BR"),
        ("sr_Cyrl_RS", "sr-Cyrl-RS"),
    ])
    func canonical(input: String, expected: String) {
        #expect(LanguageTag(input).description == expected)
    }

    @Test("The language and script subtags are read off the tag")
    func subtags() {
        let tag = LanguageTag("az-Cyrl-AZ")
        #expect(tag.language == "az")
        #expect(tag.script == "Cyrl")
        #expect(LanguageTag("en").script == nil)
    }
}

@Suite("Offsets")
struct OffsetTests {
    @Test("The scalar cursor counts scalars, not bytes or characters")
    func scalarCursor() {
        let text = "e\u{301}ö 🇦🇿 Сеул"
        var cursor = ScalarOffsetCursor(text)
        let seoul = text.range(of: "Сеул")!
        #expect(cursor.offset(of: seoul.lowerBound) == text.unicodeScalars.count - 4)
        #expect(cursor.offset(of: seoul.upperBound) == text.unicodeScalars.count)
    }

    @Test("The scalar cursor agrees with the scalar view at every scalar of long mixed text")
    func scalarCursorLongText() {
        // Pieces of one to four bytes a scalar, so runs of eight bytes end mid-scalar too.
        let text = String(repeating: "Bakı, 5 mart. Москва — “Ağ ev” 🇦🇿 ok! 東京。e\u{301}\n", count: 9)
        var cursor = ScalarOffsetCursor(text)
        var expected = 0
        var index = text.unicodeScalars.startIndex
        while index < text.unicodeScalars.endIndex {
            #expect(cursor.offset(of: index) == expected)
            index = text.unicodeScalars.index(after: index)
            expected += 1
        }
        #expect(cursor.offset(of: text.endIndex) == text.unicodeScalars.count)
        var fromStart = ScalarOffsetCursor(text)
        #expect(fromStart.offset(of: text.endIndex) == text.unicodeScalars.count)
    }

    @Test("Locations count lines at LF and columns in scalars")
    func locations() {
        let bytes = Array("один\nдва три".utf8)
        let offset = Array("один\nдва ".utf8).count
        #expect(SourceLocation.of(utf8Offset: offset, in: bytes, file: "-").description == "-:2:5")
    }
}
