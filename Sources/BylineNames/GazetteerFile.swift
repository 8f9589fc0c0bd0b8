import BylineText

/// Reads the gazetteer's text format, which the generated files, the curated file and a
/// desk's own `--gazetteer FILE` share:
///
/// ```text
/// # comment
/// geonames:1835848	place	100	Seoul=de,en|Seul=az,tr|Сеул=ru
/// nato	organisation	90	NATO=en,de,tr,az|НАТО=ru|OTAN=fr,es	region:US
/// ```
///
/// Columns: id, kind (``GazetteerEntry/Kind``), weight 0–100, forms grouped by spelling
/// (`form=lang,lang` joined by `|`), and optionally related ids joined by commas. A form
/// may list a language more than once across groups (`Kyiv=en|Kiev=en` gives two English
/// forms; the first is the one a fix writes).
public enum GazetteerFile {
    /// Parses `text`, read from `origin`, into entries. Throws at the first bad line, so a
    /// caller never holds half a file.
    /// - Throws: ``GazetteerError/malformed(_:reason:)`` with the file, line and column.
    public static func entries(parsing text: String, origin: String) throws(GazetteerError) -> [GazetteerEntry] {
        var entries: [GazetteerEntry] = []
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let body = line.hasSuffix("\r") ? line.dropLast() : line
            if body.isEmpty || body.hasPrefix("#") || body.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            entries.append(try entry(body, origin: origin, line: lineNumber))
        }
        return entries
    }

    private static func entry(_ line: Substring, origin: String, line lineNumber: Int) throws(GazetteerError) -> GazetteerEntry {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        func fail(_ reason: String, field: Int) -> GazetteerError {
            let column = fields.prefix(field).reduce(1) { $0 + $1.unicodeScalars.count + 1 }
            return .malformed(SourceLocation(file: origin, line: lineNumber, column: column), reason: reason)
        }
        guard fields.count == 4 || fields.count == 5 else {
            throw fail("expected 4 or 5 tab-separated fields (id, kind, weight, forms, related), found \(fields.count)", field: 0)
        }
        let id = String(fields[0])
        guard !id.isEmpty, !id.contains(" ") else { throw fail("the id must be one word, not \"\(id)\"", field: 0) }
        guard let kind = GazetteerEntry.Kind(rawValue: String(fields[1])) else {
            let known = GazetteerEntry.Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw fail("unknown kind \"\(fields[1])\" (expected one of \(known))", field: 1)
        }
        guard let weight = Int(fields[2]), (0...100).contains(weight) else {
            throw fail("the weight must be a whole number from 0 to 100, not \"\(fields[2])\"", field: 2)
        }
        var forms: [String: [String]] = [:]
        for group in fields[3].split(separator: "|", omittingEmptySubsequences: false) {
            guard let equals = group.lastIndex(of: "=") else {
                throw fail("a form needs its languages: \"\(group)\" should read form=lang,lang", field: 3)
            }
            let form = group[..<equals].trimmingSpaces
            guard !form.isEmpty else { throw fail("empty form in \"\(group)\"", field: 3) }
            let languages = group[group.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
            for language in languages {
                let code = String(language).trimmingSpaces
                guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else {
                    throw fail("\"\(language)\" is not a language tag (in \"\(group)\")", field: 3)
                }
                forms[LanguageTag(code).language, default: []].append(form)
            }
        }
        let related = fields.count == 5 ? fields[4].split(separator: ",").map { String($0).trimmingSpaces } : []
        return GazetteerEntry(id: id, kind: kind, weight: weight, formsByCode: forms, related: related)
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
