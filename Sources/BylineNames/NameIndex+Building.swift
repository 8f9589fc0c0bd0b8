import BylineText

/// Lays out a ``NameIndex``: the entities, every form with its match key, the look-up
/// tables, each language's fuzzy index and the name frequencies.
///
/// Forms are numbered as they come: each entity's forms by language (sorted) in the
/// order given, then the dictionaries' proper names by language; a form whose key is
/// empty is left out. Lists keep that order, so a look-up answers as the tables built
/// in memory did.
///
/// ```swift
/// let bytes = NameIndexBuilder(entries: entries, lexicon: ["en": ["Cygwin"]]).bytes(sourceDigest: 0)
/// let index = try NameIndex(bytes: IndexBytes(copying: bytes))
/// ```
public struct NameIndexBuilder {
    public var entries: [GazetteerEntry]
    public var lexicon: [LanguageTag: [String]]
    public var frequencies: [LanguageTag: [String: Double]]
    /// The letters a Russian, Ukrainian or Belarusian form loses before a case ending
    /// (``MorphologyLetters/stemFinals``): one-word names of these languages are indexed
    /// by their stems. Without them, names are indexed whole.
    public var stemFinals: [String: Set<Unicode.Scalar>]
    /// Full names of public people (`Warren Buffett`), read as evidence of who exists:
    /// the ``NameNormalizer`` rule `public-person` fixes a name towards one of them.
    public var people: [String]

    public init(
        entries: [GazetteerEntry], lexicon: [LanguageTag: [String]] = [:], frequencies: [LanguageTag: [String: Double]] = [:],
        stemFinals: [String: Set<Unicode.Scalar>] = [:], people: [String] = []
    ) {
        self.entries = entries
        self.lexicon = lexicon
        self.frequencies = frequencies
        self.stemFinals = stemFinals
        self.people = people
    }

    /// The index as bytes, stamped with the digest of the sources it was built from.
    ///
    /// Cost: one ICU fold of every form, and a sort of some 25 variant hashes per form.
    public func bytes(sourceDigest: UInt64) -> [UInt8] {
        var writer = IndexWriter()
        var all = entries
        var lexicalEntries: [String: Int32] = [:]
        for language in lexicon.keys.map(\.language).sorted() where lexicalEntries[language] == nil {
            lexicalEntries[language] = Int32(all.count)
            all.append(GazetteerEntry(id: "lexicon:\(language)", kind: .name, weight: 5, formsByCode: [:], related: []))
        }
        var raw: [(entry: Int32, language: String, text: String, isLexical: Bool)] = []
        for (index, entry) in entries.enumerated() {
            for language in entry.forms.keys.sorted() {
                for text in entry.forms[language] ?? [] { raw.append((Int32(index), language, text, false)) }
            }
        }
        for (tag, names) in lexicon.sorted(by: { $0.key < $1.key }) {
            guard let entry = lexicalEntries[tag.language] else { continue }
            for name in names { raw.append((entry, tag.language, name, true)) }
        }
        let keys = MatchKeyMaker().keys(raw.map(\.text))

        var languageSet = Set(raw.map(\.language))
        for entry in all { languageSet.formUnion(entry.forms.keys) }
        for tag in frequencies.keys { languageSet.insert(tag.language) }
        let languages = languageSet.sorted()
        var languageNumbers: [String: UInt32] = [:]
        for (number, language) in languages.enumerated() { languageNumbers[language] = UInt32(number) }

        // Entities, their forms and relations.
        var entryWords: [UInt32] = [], entryFormWords: [UInt32] = [], relatedWords: [UInt32] = []
        let kinds = GazetteerEntry.Kind.allCases
        for entry in all {
            let id = writer.string(entry.id)
            let formsStart = UInt32(entryFormWords.count / NameIndex.entryFormStride)
            for language in entry.forms.keys.sorted() {
                for name in entry.forms[language] ?? [] {
                    let text = writer.string(name)
                    entryFormWords += [languageNumbers[language]!, text.offset, text.length]
                }
            }
            let relatedStart = UInt32(relatedWords.count / NameIndex.relatedStride)
            for id in entry.related {
                let text = writer.string(id)
                relatedWords += [text.offset, text.length]
            }
            entryWords += [id.offset, id.length, UInt32(kinds.firstIndex(of: entry.kind)!), UInt32(bitPattern: Int32(clamping: entry.weight)),
                           formsStart, UInt32(entryFormWords.count / NameIndex.entryFormStride) - formsStart,
                           relatedStart, UInt32(relatedWords.count / NameIndex.relatedStride) - relatedStart]
        }

        // Forms, and the lists of form numbers by text, key and language.
        var formWords: [UInt32] = []
        var byText: [String: [Int32]] = [:], textOrder: [String] = []
        var byKey: [[UInt32]: [Int32]] = [:], keyOrder: [[UInt32]] = []
        var byLanguage: [String: [Int32]] = [:]
        var formKeys: [[UInt32]] = []
        var formLanguages: [String] = []
        for (position, item) in raw.enumerated() where !keys[position].isEmpty {
            let number = Int32(formKeys.count)
            let key = keys[position]
            formKeys.append(key)
            formLanguages.append(item.language)
            if byText[item.text] == nil { textOrder.append(item.text) }
            byText[item.text, default: []].append(number)
            if byKey[key] == nil { keyOrder.append(key) }
            byKey[key, default: []].append(number)
            byLanguage[item.language, default: []].append(number)
            let text = writer.string(item.text)
            formWords += [UInt32(item.entry), languageNumbers[item.language]!, text.offset, text.length]
            formWords += [0, 0, 0, 0, item.isLexical ? 1 : 0]
        }
        // Each language's fuzzy index is over its forms' keys, in Russian, Ukrainian and
        // Belarusian over the stems of one-word names, which the stem table also finds.
        var indexedKeys = formKeys
        var stems: [String: [[UInt32]: [Int32]]] = [:], stemOrder: [String: [[UInt32]]] = [:]
        for language in byLanguage.keys.sorted() where Morphology.declinesLikeRussian(language) {
            for number in byLanguage[language] ?? [] where !formKeys[Int(number)].contains(0x20) {
                let stem = Morphology.stem(formKeys[Int(number)], finals: stemFinals[language])
                indexedKeys[Int(number)] = stem
                if stems[language]?[stem] == nil { stemOrder[language, default: []].append(stem) }
                stems[language, default: [:]][stem, default: []].append(number)
            }
        }
        for number in formKeys.indices {
            let key = writer.scalars(formKeys[number])
            let indexed = writer.scalars(indexedKeys[number])
            let base = number * NameIndex.formStride
            formWords[base + 4] = key.offset
            formWords[base + 5] = key.length
            formWords[base + 6] = indexed.offset
            formWords[base + 7] = indexed.length
        }

        var lists: [Int32] = []
        func appendList(_ values: [Int32]) -> (UInt32, UInt32) {
            let start = UInt32(lists.count)
            lists += values
            return (start, UInt32(values.count))
        }
        var textRecords: [HashTableBuilder.Record] = []
        for text in textOrder {
            let key = writer.string(text)
            let (start, count) = appendList(byText[text]!)
            textRecords.append(.init(hash: IndexWriter.hashOfString(text), keyOffset: key.offset, keyLength: key.length, valueStart: start, valueCount: count))
        }
        var keyRecords: [HashTableBuilder.Record] = []
        for key in keyOrder {
            let stored = writer.scalars(key)
            let (start, count) = appendList(byKey[key]!)
            keyRecords.append(.init(hash: IndexWriter.hashOfScalars(key), keyOffset: stored.offset, keyLength: stored.length, valueStart: start, valueCount: count))
        }
        var languageFormWords: [UInt32] = []
        for language in languages {
            let (start, count) = appendList(byLanguage[language] ?? [])
            languageFormWords += [start, count]
        }
        var stemRecords: [String: [HashTableBuilder.Record]] = [:]
        for (language, order) in stemOrder.sorted(by: { $0.key < $1.key }) {
            for stem in order {
                let stored = writer.scalars(stem)
                let (start, count) = appendList(stems[language]![stem]!)
                stemRecords[language, default: []].append(
                    .init(hash: IndexWriter.hashOfScalars(stem), keyOffset: stored.offset, keyLength: stored.length, valueStart: start, valueCount: count))
            }
        }
        var entryRecords: [HashTableBuilder.Record] = []
        var seenIDs: Set<String> = []
        for (number, entry) in all.enumerated() where seenIDs.insert(entry.id).inserted {
            let id = writer.string(entry.id)
            entryRecords.append(.init(hash: IndexWriter.hashOfString(entry.id), keyOffset: id.offset, keyLength: id.length, valueStart: UInt32(number), valueCount: 1))
        }
        var doubles: [Double] = []
        var frequencyRecords: [String: [HashTableBuilder.Record]] = [:]
        for (tag, table) in frequencies.sorted(by: { $0.key < $1.key }) {
            for (word, value) in table.sorted(by: { $0.key < $1.key }) {
                let key = writer.string(word)
                frequencyRecords[tag.language, default: []].append(
                    .init(hash: IndexWriter.hashOfString(word), keyOffset: key.offset, keyLength: key.length, valueStart: UInt32(doubles.count), valueCount: 1))
                doubles.append(value)
            }
        }

        var languageWords: [UInt32] = []
        for language in languages {
            let text = writer.string(language)
            languageWords += [text.offset, text.length]
        }
        var sections: [(NameIndex.SectionKind, UInt32, [UInt8])] = []
        sections.append((.languages, .max, IndexWriter.bytes(of: languageWords)))
        sections.append((.entries, .max, IndexWriter.bytes(of: entryWords)))
        sections.append((.entryForms, .max, IndexWriter.bytes(of: entryFormWords)))
        sections.append((.related, .max, IndexWriter.bytes(of: relatedWords)))
        sections.append((.forms, .max, IndexWriter.bytes(of: formWords)))
        sections.append((.textTable, .max, HashTableBuilder.bytes(textRecords)))
        sections.append((.keyTable, .max, HashTableBuilder.bytes(keyRecords)))
        sections.append((.entryTable, .max, HashTableBuilder.bytes(entryRecords)))
        sections.append((.languageForms, .max, IndexWriter.bytes(of: languageFormWords)))
        for language in stemRecords.keys.sorted() {
            sections.append((.stemTable, languageNumbers[language]!, HashTableBuilder.bytes(stemRecords[language]!)))
        }
        for language in frequencyRecords.keys.sorted() {
            sections.append((.frequencyTable, languageNumbers[language]!, HashTableBuilder.bytes(frequencyRecords[language]!)))
        }
        for language in byLanguage.keys.sorted() {
            let entries = byLanguage[language]!.map { (value: $0, key: indexedKeys[Int($0)]) }
            sections.append((.deleteIndex, languageNumbers[language]!, DeleteIndex.section(keys: entries)))
        }
        sections += peopleSections()
        sections.append((.lists, .max, lists.withUnsafeBytes { Array($0) }))
        sections.append((.doubles, .max, doubles.withUnsafeBytes { Array($0) }))
        sections.append((.keys, .max, IndexWriter.bytes(of: writer.keyScalars)))
        sections.append((.strings, .max, writer.strings))
        return IndexWriter.file(sections: sections, sourceDigest: sourceDigest)
    }
}

/// Strings and keys written once each, and the little-endian bytes of an index file.
struct IndexWriter {
    var strings: [UInt8] = []
    var keyScalars: [UInt32] = []
    private var stringOffsets: [String: (offset: UInt32, length: UInt32)] = [:]
    private var scalarOffsets: [[UInt32]: (offset: UInt32, length: UInt32)] = [:]

    mutating func string(_ text: String) -> (offset: UInt32, length: UInt32) {
        if let known = stringOffsets[text] { return known }
        let place = (UInt32(strings.count), UInt32(text.utf8.count))
        strings += text.utf8
        stringOffsets[text] = place
        return place
    }

    mutating func scalars(_ key: [UInt32]) -> (offset: UInt32, length: UInt32) {
        if let known = scalarOffsets[key] { return known }
        let place = (UInt32(keyScalars.count), UInt32(key.count))
        keyScalars += key
        scalarOffsets[key] = place
        return place
    }

    static func hashOfString(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { IndexChecksum.hash(UnsafeRawBufferPointer($0)) }
    }

    static func hashOfScalars(_ key: [UInt32]) -> UInt64 {
        key.withUnsafeBytes { IndexChecksum.hash($0) }
    }

    static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }

    static func bytes(of words: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.count * 4)
        for word in words { append(word, to: &bytes) }
        return bytes
    }

    /// The header, the section table and the sections, each 8-byte aligned.
    static func file(sections: [(NameIndex.SectionKind, UInt32, [UInt8])], sourceDigest: UInt64) -> [UInt8] {
        let tableEnd = NameIndex.headerSize + sections.count * NameIndex.sectionEntrySize
        var offsets: [Int] = []
        var position = tableEnd
        for (_, _, bytes) in sections {
            offsets.append(position)
            position = (position + bytes.count + 7) / 8 * 8
        }
        var file: [UInt8] = []
        file.reserveCapacity(position)
        append(NameIndex.magic, to: &file)
        append(NameIndex.formatVersion, to: &file)
        append(NameIndex.endianMark, to: &file)
        append(sourceDigest, to: &file)
        append(UInt32(sections.count), to: &file)
        append(UInt32(0), to: &file)
        append(UInt64(position), to: &file)
        append(UInt64(0), to: &file)  // the header's checksum, filled in below
        while file.count < NameIndex.headerSize { file.append(0) }
        for (number, (kind, language, bytes)) in sections.enumerated() {
            append(kind.rawValue, to: &file)
            append(language, to: &file)
            append(UInt64(offsets[number]), to: &file)
            append(UInt64(bytes.count), to: &file)
            var checksum = IndexChecksum()
            bytes.withUnsafeBytes { checksum.add($0) }
            append(checksum.value, to: &file)
        }
        for (_, _, bytes) in sections {
            file += bytes
            while file.count % 8 != 0 { file.append(0) }
        }
        var checksum = IndexChecksum()
        file.withUnsafeBytes { raw in
            checksum.add(UnsafeRawBufferPointer(rebasing: raw[0..<40]))
            checksum.add(UnsafeRawBufferPointer(rebasing: raw[48..<tableEnd]))
        }
        withUnsafeBytes(of: checksum.value.littleEndian) { raw in
            for index in 0..<8 { file[40 + index] = raw[index] }
        }
        return file
    }
}

/// Lays out the open-addressing tables that ``HashTable`` reads.
enum HashTableBuilder {
    struct Record {
        var hash: UInt64
        var keyOffset, keyLength, valueStart, valueCount: UInt32
    }

    static func bytes(_ records: [Record]) -> [UInt8] {
        var slotCount = 8
        while slotCount < records.count * 2 { slotCount *= 2 }
        var slots = [UInt32](repeating: 0, count: 2 * slotCount)
        for (number, record) in records.enumerated() {
            var slot = Int(truncatingIfNeeded: record.hash) & (slotCount - 1)
            while slots[2 * slot + 1] != 0 { slot = (slot + 1) & (slotCount - 1) }
            slots[2 * slot] = UInt32(truncatingIfNeeded: record.hash >> 32)
            slots[2 * slot + 1] = UInt32(number + 1)
        }
        var words: [UInt32] = [UInt32(slotCount), UInt32(records.count)]
        words += slots
        for record in records { words += [record.keyOffset, record.keyLength, record.valueStart, record.valueCount] }
        return IndexWriter.bytes(of: words)
    }
}
