import Testing

@testable import BylineNames

@Suite("Symmetric-delete index")
struct DeleteIndexTests {
    /// Keys of several lengths, shorter and longer than the indexed prefix, with a space.
    static let names = ["seoul", "buenos aires", "new delhi", "kuala lumpur", "oslo", "rio de janeiro", "armenia"]

    static func key(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    /// Every key one typing slip from `name`: a letter left out, put in or changed, two
    /// neighbours swapped, a letter moved over two others either way.
    static func slips(of name: [UInt32]) -> [[UInt32]] {
        var result: [[UInt32]] = []
        let letters: [UInt32] = [0x61, 0x65, 0x7A]
        for index in name.indices {
            var dropped = name
            dropped.remove(at: index)
            result.append(dropped)
            for letter in letters where letter != name[index] {
                var changed = name
                changed[index] = letter
                result.append(changed)
            }
            if index + 1 < name.count {
                var swapped = name
                swapped.swapAt(index, index + 1)
                result.append(swapped)
            }
            if index + 2 < name.count {
                let three = Array(name[index...index + 2])
                for moved in [[three[1], three[2], three[0]], [three[2], three[0], three[1]]] {
                    result.append(Array(name[..<index]) + moved + Array(name[(index + 3)...]))
                }
            }
        }
        for index in 0...name.count {
            for letter in letters {
                var longer = name
                longer.insert(letter, at: index)
                result.append(longer)
            }
        }
        return result
    }

    @Test("The one-deletion look-up finds every key one slip away, as the full look-up does")
    func oneDeletionQueryFindsEverySlip() {
        let keys = Self.names.enumerated().map { (value: Int32($0.offset), key: Self.key($0.element)) }
        let bytes = DeleteIndex.section(keys: keys)
        bytes.withUnsafeBytes { raw in
            let index = DeleteIndex(section: raw)
            for (value, name) in keys {
                for slip in Self.slips(of: name) {
                    let cheap = index.candidates(for: slip, queryDeletions: 1)
                    #expect(cheap.contains(value), "\(String(decoding: slip.map { UInt8($0) }, as: UTF8.self)) should find \(value)")
                    // The cheap look-up asks fewer variants: what it finds, the full one finds too.
                    #expect(Set(cheap).isSubset(of: index.candidates(for: slip)))
                }
            }
        }
    }
}
