import BylineTestSupport
import Foundation
import Testing

/// The shared test cluster, or a skip when PostgreSQL is not installed here (a failure
/// when `CI` is set).
private func postgresServer() throws -> PostgresTestServer {
    switch PostgresTestServer.shared {
    case .success(let server): return server
    case .failure(PostgresTestServer.Failure.noBinaries) where (ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty:
        try Test.cancel("PostgreSQL command tests skipped: \(PostgresTestServer.Failure.noBinaries)")
    case .failure(let error): throw error
    }
}

private final class Folder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cli-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

/// A TMX of `count` English–Russian units whose sources share words, so lookups find fuzzy
/// matches among them.
private func numberedTMX(_ count: Int) -> String {
    let subjects = ["council", "harbour", "railway", "school", "hospital", "market", "bridge"]
    let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    var body = ""
    for index in 0..<count {
        let subject = subjects[index % subjects.count]
        let day = days[(index / subjects.count) % days.count]
        body += """
            <tu><tuv xml:lang="en"><seg>The \(subject) in district \(index % 97) reopened on \(day) after \(index % 13 + 2) weeks.</seg></tuv>\
            <tuv xml:lang="ru"><seg>Объект «\(subject)» в районе \(index % 97) открылся в день \(day) через \(index % 13 + 2) недель.</seg></tuv></tu>

            """
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
        <body>
        \(body)</body></tmx>
        """
}

@Suite("byline tm on PostgreSQL")
struct TMPostgresCommandTests {
    @Test("Import, batch lookup, stats, concordance and export give the same answers on PostgreSQL as on SQLite")
    func parity() throws {
        let server = try postgresServer()
        let folder = try Folder()
        let file = try folder.write("units.tmx", numberedTMX(400))
        let stores = [folder.path("tm.sqlite"), try server.createDatabase()]
        for store in stores {
            let imported = try CommandRunner.run(["tm", "import", file, "--db", store, "--format", "json"])
            #expect(imported.status == 0, "\(imported.standardError)")
            #expect(imported.standardOutput.contains(#""created": 400"#))
        }
        var requests = ""
        for (index, query) in [
            "The railway in district 2 reopened on Monday after 4 weeks.",
            "The railway in district 3 reopened on Sunday after 5 weeks.",
            "The new bridge in district 40 reopened on Friday after two weeks.",
            "The school reopened.",
            "Nothing like any stored sentence at all.",
        ].enumerated() {
            requests += #"{"id": \#(index), "text": "\#(query)"}"# + "\n"
        }
        func answers(_ store: String) throws -> [String] {
            let lookup = try CommandRunner.run(
                ["tm", "lookup", "--batch", "--db", store, "--from", "en", "--to", "ru", "--min", "50", "--explain"],
                input: Data(requests.utf8))
            #expect(lookup.status == 0, "\(lookup.standardError)")
            let stats = try CommandRunner.run(["tm", "stats", "--db", store, "--format", "json"])
            let concordance = try CommandRunner.run(["tm", "concordance", "railway district", "--db", store, "--format", "json"])
            let export = try CommandRunner.run(["tm", "export", "--db", store, "-o", "-"])
            return [lookup.standardOutput, stats.standardOutput, concordance.standardOutput, export.standardOutput]
        }
        let sqlite = try answers(stores[0])
        let postgres = try answers(stores[1])
        #expect(sqlite[0].contains(#""score": 100,"#))
        #expect(sqlite[0].contains(#""type": "fuzzy""#))
        // Compared whole, the outputs would flood the report when they differ.
        let sameLookups = postgres[0] == sqlite[0]
        #expect(sameLookups, "tm lookup --batch answers differently")
        let sameCounts = postgres[1] == sqlite[1]
        #expect(sameCounts, "tm stats: \(postgres[1]) against \(sqlite[1])")
        #expect(postgres[2].contains("railway"))
        // The exports differ at most in the header's date of writing.
        let units = { (text: String) in text.split(separator: "\n").filter { !$0.contains("<header") } }
        let sameExports = units(postgres[3]) == units(sqlite[3])
        #expect(sameExports, "tm export writes differently")
    }

    @Test("An import killed at any point leaves the memory holding all of it or none of it")
    func killedImport() throws {
        let server = try postgresServer()
        let folder = try Folder()
        let count = 3000
        let file = try folder.write("units.tmx", numberedTMX(count))
        let url = try server.createDatabase()
        func units() throws -> Int {
            let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
            return Int(try server.psql("SELECT count(*) FROM units", database: database)) ?? -1
        }
        func variants() throws -> Int {
            let database = String(url.split(separator: "/").last!.split(separator: "?").first!)
            return Int(try server.psql("SELECT count(*) FROM variants", database: database)) ?? -1
        }
        // How long a whole import takes here, measured on a memory of its own.
        let start = Date()
        let timed = try CommandRunner.run(["tm", "import", file, "--db", try server.createDatabase()])
        #expect(timed.status == 0)
        let duration = Date().timeIntervalSince(start)
        // The schema first, so that every kill falls inside an import.
        #expect(try CommandRunner.run(["tm", "stats", "--db", url]).status == 1)
        _ = try CommandRunner.run(["tm", "import", try folder.write("empty.tmx", numberedTMX(0)), "--db", url])
        var generator = SystemRandomNumberGenerator()
        var points = (0..<4).map { _ in Double.random(in: 0.1...0.9, using: &generator) * duration }
        points.sort()
        for point in points {
            let pid = PostgresTestServer.spawn(CommandRunner.executable.path, ["tm", "import", file, "--db", url])
            #expect(pid > 0)
            usleep(useconds_t(point * 1_000_000))
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            let stored = try units()
            #expect(stored == 0 || stored == count, "killed after \(point) s: \(stored) units")
            #expect(try variants() == 2 * stored)
            if stored == count { break }
        }
        let again = try CommandRunner.run(["tm", "import", file, "--db", url, "--format", "json"])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(try units() == count)
    }
}
