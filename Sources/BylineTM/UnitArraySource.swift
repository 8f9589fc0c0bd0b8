/// Units held in memory, handed to an import one by one (aligned beads, a demonstration
/// memory, a test's units).
public struct UnitArraySource: UnitSource {
    public let units: [TranslationUnit]
    private var position = 0

    public init(units: [TranslationUnit]) { self.units = units }

    public mutating func nextUnit() throws -> TranslationUnit? {
        guard position < units.count else { return nil }
        defer { position += 1 }
        return units[position]
    }
}
