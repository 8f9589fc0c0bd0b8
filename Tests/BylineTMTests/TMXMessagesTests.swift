import BylineTM
import BylineTMX
import BylineText
import Foundation
import Testing

/// What a desk reads when a file cannot be imported.
@Suite("TMX reading errors in plain words")
struct TMXMessagesTests {
    private func failure(reading text: String, name: String = "bad.tmx") throws -> TMXError? {
        let scratch = try Scratch()
        let path = try scratch.file(name, text)
        return failure(at: path)
    }

    private func failure(at path: String) -> TMXError? {
        do {
            let reader = try TMXReader(path: path)
            while try reader.nextUnitTyped() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test("The parser's messages become plain words with what to write instead", arguments: [
        ("<tu><tuv xml:lang=\"en\"><seg>Salt & pepper</seg></tuv></tu>", "an `&` that starts no entity; write `&amp;` for an ampersand"),
        ("<tu><tuv xml:lang=\"en\"><seg>Salt &amp pepper</seg></tuv></tu>", "an `&` that starts an entity without its closing `;`"),
        ("<tu><tuv xml:lang=\"en\"><seg>1 < 2</seg></tuv></tu>", "a `<` that starts no element; write `&lt;`"),
        ("<tu><tuv xml:lang=\"en\" xml:lang=\"fr\"><seg>Twice</seg></tuv></tu>", "an attribute given twice on one element (Attribute xml:lang)"),
        ("<tu><tuv xml:lang=\"en\"><seg>Bell \u{0B}</seg></tuv></tu>", "character U+000B is not allowed in XML 1.0"),
        ("<tu><tuv xml:lang=\"en\"><seg>Open</tuv></tu>", "`</tuv>` where `<seg>`, opened on line 5, should be closed first"),
        ("<tu><tuv xml:lang=\"en\"><seg>&nbsp;</seg></tuv></tu>", "entity `&nbsp;` is defined neither by XML nor by the TMX DTD"),
    ])
    func plainWords(body: String, expected: String) async throws {
        let error = try #require(try failure(reading: tmx(body)))
        #expect(error.description.contains(expected), "\(error)")
        #expect(error.location.line == 5, "\(error)")
    }

    @Test("A file that is not XML, an empty file, XML that is not TMX and a directory each say so", arguments: [
        ("notes.txt", "Minutes of the meeting.\nNothing else.\n", "this is not an XML file"),
        ("empty.tmx", "", "the file is empty"),
        ("page.html", "<?xml version=\"1.0\"?><html><body>Hi</body></html>", "an XML file, but not TMX: its root element is <html>"),
        ("two.tmx", tmx("") + "<tmx/>", "content after the end of the root element"),
    ])
    func notTMX(name: String, text: String, expected: String) async throws {
        let error = try #require(try failure(reading: text, name: name))
        #expect(error.description.contains(expected), "\(error)")
    }

    @Test("A directory is named as one")
    func directory() async throws {
        let scratch = try Scratch()
        let error = try #require(failure(at: scratch.url.path))
        #expect(error.description == "\(scratch.url.path):1:1: cannot read: it is a directory, not a TMX file")
    }

    @Test("A tag or a text longer than TMX needs stops the read at once, located where it starts")
    func limits() async throws {
        let attribute = String(repeating: "a", count: 20 << 20)
        let tag = try #require(
            try failure(reading: tmx("<tu tuid=\"\(attribute)\"><tuv xml:lang=\"en\"><seg>x</seg></tuv></tu>")))
        #expect(tag.description.contains("a tag longer than 1 MiB"), "\(tag.description.prefix(300))")
        #expect(tag.location.line == 5 && tag.location.column == 1, "\(tag.location)")

        let text = String(repeating: "word ", count: 2 << 20)
        let long = try #require(
            try failure(reading: tmx("<tu><tuv xml:lang=\"ru\"><seg>Ж\(text)</seg></tuv></tu>")))
        #expect(long.description.contains("text longer than 8 MiB"), "\(long.description.prefix(300))")
        // The text starts after `<seg>`, at column 29 counted in characters.
        #expect(long.location.line == 5 && long.location.column == 29, "\(long.location)")
    }
}
