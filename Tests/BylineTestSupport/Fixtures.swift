import BylineText
import Foundation

/// Paths tests share: the repository root, the seed reports, the development data
/// beside the repository.
public enum Fixtures {
    /// The repository root, found from this file's path.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed report every user tries first.
    public static var seedReport: URL {
        repositoryRoot.appendingPathComponent("seeds/000_e10f10481b35292a.txt")
    }

    /// The text of a file under the repository, as UTF-8.
    public static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: repositoryRoot.appendingPathComponent(relativePath), encoding: .utf8)
    }
}

extension String {
    /// The Unicode-scalar offset of `index`, as the batch interface counts.
    public func scalarOffset(of index: String.Index) -> Int {
        unicodeScalars.distance(from: unicodeScalars.startIndex, to: index)
    }
}
