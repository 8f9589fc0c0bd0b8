import ArgumentParser
import BylineAlign
import BylineTM
import BylineTMX
import BylineText
import Foundation

/// An alignment with the sentences it indexes: what `byline align` prints and stores.
struct AlignedDocument {
    let alignment: Alignment
    let source: [String]
    let target: [String]
    let from: LanguageTag
    let to: LanguageTag

    /// The sentences of one side of a bead, joined by a space, white space at the ends trimmed.
    static func text(_ sentences: [String], _ range: Range<Int>) -> String {
        sentences[range].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: " ")
    }

    func writeBeads(to buffer: inout JSONBuffer) {
        for bead in alignment.beads {
            buffer.raw(bead.description)
            buffer.raw("\n")
        }
    }

    func writeTSV(to buffer: inout JSONBuffer) {
        for bead in alignment.beads {
            buffer.raw(Self.text(source, bead.source).replacingOccurrences(of: "\t", with: " "))
            buffer.raw("\t")
            buffer.raw(Self.text(target, bead.target).replacingOccurrences(of: "\t", with: " "))
            buffer.raw("\t")
            buffer.number(bead.confidence, digits: 3)
            buffer.raw("\t" + bead.kind + "\n")
        }
    }

    func writeJSON(to buffer: inout JSONBuffer) {
        buffer.raw("{\"from\": ")
        buffer.string(from.description)
        buffer.raw(", \"to\": ")
        buffer.string(to.description)
        buffer.raw(", \"source_sentences\": \(source.count), \"target_sentences\": \(target.count)")
        buffer.raw(", \"length_ratio\": ")
        buffer.number(alignment.lengthRatio, digits: 4)
        buffer.raw(", \"mean_confidence\": ")
        buffer.number(alignment.meanConfidence, digits: 3)
        buffer.raw(", \"looks_unrelated\": \(alignment.looksUnrelated), \"beads\": [")
        for (index, bead) in alignment.beads.enumerated() {
            buffer.raw(index == 0 ? "\n  " : ",\n  ")
            buffer.raw("{\"source\": [\(bead.source.map(String.init).joined(separator: ", "))]")
            buffer.raw(", \"target\": [\(bead.target.map(String.init).joined(separator: ", "))]")
            buffer.raw(", \"kind\": \"\(bead.kind)\", \"confidence\": ")
            buffer.number(bead.confidence, digits: 3)
            buffer.raw(", \"source_text\": ")
            buffer.string(Self.text(source, bead.source))
            buffer.raw(", \"target_text\": ")
            buffer.string(Self.text(target, bead.target))
            buffer.raw("}")
        }
        buffer.raw(alignment.beads.isEmpty ? "]}\n" : "\n]}\n")
    }

    /// The linking beads as translation units of origin `aligned`, each recording its
    /// confidence, shape and the source sentences before and after it (so that a lookup with
    /// the same neighbours is a context match).
    func units(story: String?) -> [TranslationUnit] {
        alignment.beads.filter(\.isLink).map { bead in
            var properties = [
                Attribute("x-align-confidence", String(format: "%.3f", bead.confidence)),
                Attribute("x-align-bead", bead.kind),
            ]
            if bead.source.lowerBound > 0 {
                properties.append(Attribute("x-context-pre", Self.text(source, (bead.source.lowerBound - 1)..<bead.source.lowerBound)))
            }
            if bead.source.upperBound < source.count {
                properties.append(Attribute("x-context-post", Self.text(source, bead.source.upperBound..<(bead.source.upperBound + 1))))
            }
            return TranslationUnit(
                variants: [
                    Variant(language: from, segment: Segment(text: Self.text(source, bead.source))),
                    Variant(language: to, segment: Segment(text: Self.text(target, bead.target))),
                ],
                sourceLanguage: from, metadata: Metadata(properties: properties), origin: .aligned, storyID: story)
        }
    }

    /// Stores ``units(story:)`` in one transaction: all of them or, on any error, none.
    func store(in store: any TranslationMemoryStore, story: String?) throws -> ImportReport {
        let source = Lent(UnitArraySource(units: units(story: story)))
        do {
            return try awaitResult {
                try await store.importUnits(from: &source.value, options: ImportOptions(origin: .aligned, storyID: story, user: LoginName.current))
            }
        } catch {
            Diagnostics.error("\(error)")
            Diagnostics.error("nothing was stored; the translation memory is unchanged")
            throw ExitCode(1)
        }
    }

    func writeTMX(to path: String) throws {
        do {
            let writer = try TMXWriter(path: path, sourceLanguage: from, creationToolVersion: BylineCommand.version)
            for unit in units(story: nil) { try writer.write(unit) }
            try writer.finish()
        } catch {
            Diagnostics.error("\(error)")
            throw ExitCode(1)
        }
    }
}
