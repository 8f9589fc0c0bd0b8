import BylineTM
import BylineText
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Calls `body` with every unit that passes `filter`, in id order, from one snapshot:
    /// units and their variants come as one stream of rows (a join ordered by unit and
    /// position), so memory stays flat however large the memory is.
    public func exportUnits(matching filter: ExportFilter, _ body: (TranslationUnit) throws -> Void) async throws -> Int {
        try await withoutActuallyEscaping(body) { body in
            let lent = Lent(body)
            // The borrowed callback must be gone before `withoutActuallyEscaping` returns,
            // whoever still holds the box.
            defer { lent.value = { _ in } }
            return try await reading(untimed: true) { [self] connection in
                try await Self.export(filter, on: connection, logger: logger, body: lent.value)
            }
        }
    }

    private static func export(
        _ filter: ExportFilter, on connection: PostgresConnection, logger: Logger, body: (TranslationUnit) throws -> Void
    ) async throws -> Int {
        var conditions: [String] = []
        var binds = PostgresBindings()
        if let origin = filter.originKind {
            binds.append(origin)
            conditions.append("u.origin = $\(binds.count)")
        }
        if let since = filter.changedSince {
            binds.append(since)
            conditions.append("coalesce(u.change_date, u.creation_date, u.stored_at) >= $\(binds.count)")
        }
        if let story = filter.storyID {
            binds.append(story)
            conditions.append("u.story_id = $\(binds.count)")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT u.id, u.source_lang, u.origin, u.origin_file, u.story_id, u.alternative_of,
                u.creation_date, u.creation_id, u.change_date, u.change_id, u.usage_count, u.last_usage_date,
                u.attributes, u.properties, u.notes,
                v.lang, v.text, v.markup, v.creation_date, v.creation_id, v.change_date, v.change_id, v.usage_count,
                v.last_usage_date, v.attributes, v.properties, v.notes
            FROM units u JOIN variants v ON v.unit_id = u.id \(whereClause)
            ORDER BY u.id, v.position
            """
        let wanted = Set(filter.languages.map { $0.description.lowercased() })
        let wantedBases = Set(filter.languages.map { $0.language.lowercased() })
        var exported = 0
        var current: (id: Int64, unit: TranslationUnit, stored: Int)?
        func emit() throws {
            guard let pending = current else { return }
            // With a language filter a unit needs two of the languages, or, when it has one
            // language only (a source awaiting its translation), that one.
            guard pending.unit.variants.count >= (wanted.isEmpty || pending.stored == 1 ? 1 : 2) else { return }
            try body(pending.unit)
            exported += 1
        }
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let id = try cells[0].decode(Int64.self)
            if current?.id != id {
                try emit()
                let origin: Origin =
                    switch try cells[2].decode(String.self) {
                    case "aligned": .aligned
                    case "manual": .manual
                    default: .imported(file: try cells[3].decode(String?.self) ?? "")
                    }
                current = (
                    id,
                    TranslationUnit(
                        id: id, variants: [], sourceLanguage: try cells[1].decode(String?.self).map { LanguageTag($0) },
                        metadata: try metadata(cells, from: 6), origin: origin, storyID: try cells[4].decode(String?.self),
                        alternativeOf: try cells[5].decode(Int64?.self)),
                    0
                )
            }
            current?.stored += 1
            let language = LanguageTag(try cells[15].decode(String.self))
            guard wanted.isEmpty || wanted.contains(language.description.lowercased())
                || wantedBases.contains(language.description.lowercased())
            else { continue }
            let markup = try cells[17].decode(String?.self)
            let segment = try markup.map { try Segment(markup: $0) } ?? Segment(text: try cells[16].decode(String.self))
            current?.unit.variants.append(Variant(language: language, segment: segment, metadata: try metadata(cells, from: 18)))
        }
        try emit()
        return exported
    }

    /// The metadata columns units and variants share, in their order, from column `first` on.
    private static func metadata(_ cells: PostgresRandomAccessRow, from first: Int) throws -> Metadata {
        UnitReader.metadata(
            try cells[first].decode(String?.self), try cells[first + 1].decode(String?.self),
            try cells[first + 2].decode(String?.self), try cells[first + 3].decode(String?.self),
            try cells[first + 4].decode(Int64?.self).map(Int.init), try cells[first + 5].decode(String?.self),
            try cells[first + 6].decode(String?.self), try cells[first + 7].decode(String?.self),
            try cells[first + 8].decode(String?.self))
    }

    /// Stored variants containing `words` (see `ConcordanceQuery` for how words and their
    /// forms are read), best first: PostgreSQL's full-text search over each variant's
    /// folded words (a GIN index), ranked by `ts_rank`, ties by age.
    public func concordance(_ words: String, language: LanguageTag?, limit: Int) async throws -> [ConcordanceHit] {
        let query = ConcordanceQuery(words, language: language)
        guard let tsquery = query.tsquery else { return [] }
        let base = language?.language.lowercased()
        return try await reading { [self] connection in
            var found: [(id: Int64, unit: Int64, language: String, text: String)] = []
            let rows = try await connection.query(
                """
                SELECT id, unit_id, lang, text FROM variants
                WHERE search @@ \(tsquery)::tsquery AND (\(base)::text IS NULL OR lang_base = \(base))
                ORDER BY ts_rank(search, \(tsquery)::tsquery) DESC, id
                LIMIT \(Int64(limit))
                """, logger: logger)
            for try await (id, unit, language, text) in rows.decode((Int64, Int64, String, String).self) {
                found.append((id, unit, language, text))
            }
            guard !found.isEmpty else { return [] }
            var byUnit: [Int64: [(language: String, text: String)]] = [:]
            let others = try await connection.query(
                "SELECT unit_id, lang, text FROM variants WHERE unit_id = ANY(\(found.map(\.unit))) ORDER BY unit_id, position",
                logger: logger)
            for try await (unit, language, text) in others.decode((Int64, String, String).self) {
                byUnit[unit, default: []].append((language, text))
            }
            return found.map { hit in
                let highlights = ConcordanceText.words(in: hit.text).filter { query.highlights($0.folded) }.map(\.scalarRange)
                let translations = (byUnit[hit.unit] ?? []).filter { $0.language != hit.language }.map {
                    (language: LanguageTag($0.language), text: $0.text)
                }
                return ConcordanceHit(
                    unitID: hit.unit, language: LanguageTag(hit.language), text: hit.text, highlights: highlights,
                    translations: translations)
            }
        }
    }
}
