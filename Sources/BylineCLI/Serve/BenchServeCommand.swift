import ArgumentParser
import BylineTM
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Loads `byline serve` with a real HTTP load generator (wrk) on loopback: lookups while an
/// import runs, then the desk on one report, bounded in time.
struct BenchServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Requests per second and latency of the HTTP service under load (needs wrk).",
        discussion: """
            Starts `byline serve` on a free loopback port over --db, makes a reader's and an \
            editor's token (revoked at the end), and runs wrk for --duration seconds against \
            POST /tm/lookup with the queries of QUERIES (one a line, or kind<TAB>query lines) in \
            turn. With --import, that TMX file is uploaded through POST /tm/import while the \
            lookups run, and the memory is checked afterwards to hold all of it. With --desk, \
            POST /desk is then timed on that report alone (one connection). Reports requests \
            per second, latency percentiles from wrk, failed requests, and the import's outcome.
            """)

    @Argument(help: "Lookup queries: one per line, or kind<TAB>query lines (the first line may be a header).")
    var queries: String

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("from"), help: "Language of the queries.")
    var sourceLanguage: String

    @Option(name: .customLong("to"), help: "Language of the translations.")
    var targetLanguage: String

    @Option(help: "Seconds of load.")
    var duration = 20

    @Option(help: "Open connections.")
    var connections = 16

    @Option(name: .customLong("import"), help: "A TMX file to upload while the lookups run.")
    var importFile: String?

    @Option(help: ArgumentHelp("The service's --import-priority.", valueName: "background|normal"))
    var importPriority = ImportPriority.background

    @Option(help: "A report to time POST /desk on, after the lookups.")
    var desk: String?

    @Option(help: "Seconds of /desk load.")
    var deskDuration = 10

    @OptionGroup var report: ReportFormatOptions

    func validate() throws {
        guard duration >= 1, deskDuration >= 1 else { throw ValidationError("durations are whole seconds, 1 or more") }
        guard connections >= 1 else { throw ValidationError("--connections takes 1 or more") }
    }

    struct Load {
        var requests = 0
        var seconds = 0.0
        var failed = 0
        var p50 = 0.0, p90 = 0.0, p99 = 0.0, maximum = 0.0
        var perSecond: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    }

    func run() throws {
        guard let wrk = Self.find("wrk") else {
            Diagnostics.error("wrk is not installed (Debian: apt-get install wrk)")
            throw ExitCode(1)
        }
        let lines = try InputReader.readAll(queries)
        var texts: [String] = []
        for line in String(decoding: lines, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            let text = fields.count >= 2 ? String(fields[1]) : String(line)
            if fields.first == "kind" { continue }
            if !text.isEmpty { texts.append(text) }
        }
        guard !texts.isEmpty else {
            Diagnostics.error("\(queries): no queries")
            throw ExitCode(1)
        }
        let store = try ServeTokenCommand.store(database)
        let stamp = "\(getpid())-\(Int(Date().timeIntervalSince1970))"
        let readerName = "bench-reader-\(stamp)", editorName = "bench-editor-\(stamp)"
        let reader = AccessTokens.generate(), editor = AccessTokens.generate()
        try awaitResult {
            try await store.addToken(name: readerName, role: .reader, hash: AccessTokens.hash(reader))
            try await store.addToken(name: editorName, role: .editor, hash: AccessTokens.hash(editor))
        }
        defer {
            _ = try? awaitResult {
                _ = try await store.revokeToken(named: readerName)
                _ = try await store.revokeToken(named: editorName)
            }
        }

        let service = try BenchService(database: store.location, importPriority: importPriority)
        defer { service.stop() }
        let before = try service.units(token: reader)

        // Lookups, with the import started a quarter of the way in.
        let script = try Self.lookupScript(texts, from: sourceLanguage, to: targetLanguage, token: reader)
        defer { try? FileManager.default.removeItem(atPath: script) }
        var importOutcome: (status: Int, created: Int, seconds: Double)?
        let importDone = DispatchSemaphore(value: 0)
        let outcome = Lent<(Int, Int, Double)?>(nil)
        if let importFile {
            let (port, delay) = (service.port, Double(duration) / 4)
            Thread.detachNewThread {
                Thread.sleep(forTimeInterval: delay)
                outcome.value = BenchService.upload(importFile, port: port, token: editor)
                importDone.signal()
            }
        }
        Diagnostics.note("lookups: \(connections) connections for \(duration) s\(importFile.map { " while \($0) is imported" } ?? "")")
        let lookups = try Self.runWrk(wrk, url: "http://127.0.0.1:\(service.port)", script: script, connections: connections, seconds: duration)
        if importFile != nil {
            importDone.wait()
            importOutcome = outcome.value.map { (status: $0.0, created: $0.1, seconds: $0.2) }
        }
        let after = try service.units(token: reader)

        var deskLoad: Load?
        if let desk {
            let text = String(decoding: try InputReader.readAll(desk), as: UTF8.self)
            let deskScript = try Self.deskScript(text, token: reader)
            defer { try? FileManager.default.removeItem(atPath: deskScript) }
            Diagnostics.note("desk: 1 connection for \(deskDuration) s")
            deskLoad = try Self.runWrk(wrk, url: "http://127.0.0.1:\(service.port)", script: deskScript, connections: 1, seconds: deskDuration)
        }

        let complete = importOutcome.map { $0.status == 201 && after == before + $0.created }
        var output = StandardOutput()
        try output.write { buffer in
            if report.format == .json {
                buffer.raw("{\"lookups\": ")
                Self.write(lookups, to: &buffer)
                buffer.raw(", \"connections\": \(connections), \"units_before\": \(before), \"units_after\": \(after)")
                if let importOutcome {
                    buffer.raw(", \"import\": {\"status\": \(importOutcome.status), \"created\": \(importOutcome.created), \"seconds\": ")
                    buffer.number(importOutcome.seconds, digits: 2)
                    buffer.raw(", \"complete\": \(complete ?? false)}")
                }
                if let deskLoad {
                    buffer.raw(", \"desk\": ")
                    Self.write(deskLoad, to: &buffer)
                }
                buffer.raw("}\n")
                return
            }
            func row(_ label: String, _ load: Load) {
                buffer.raw(label.padding(toLength: 10, withPad: " ", startingAt: 0))
                buffer.raw(String(format: "%9.0f %9d %8d %8.1f %8.1f %8.1f %8.1f\n", load.perSecond, load.requests, load.failed, load.p50, load.p90, load.p99, load.maximum))
            }
            buffer.raw("endpoint    req/s  requests   failed   p50 ms   p90 ms   p99 ms   max ms\n")
            row("lookup", lookups)
            if let deskLoad { row("desk", deskLoad) }
            if let importOutcome {
                buffer.raw(String(
                    format: "import: status %d, %d units created in %.1f s during the lookups; units %d → %d (%@)\n",
                    importOutcome.status, importOutcome.created, importOutcome.seconds, before, after,
                    complete == true ? "all present" : "NOT all present"))
            }
        }
        try output.finish()
        if complete == false || lookups.failed > 0 { throw ExitCode(1) }
    }

    private static func write(_ load: Load, to buffer: inout JSONBuffer) {
        buffer.raw("{\"requests\": \(load.requests), \"failed\": \(load.failed), \"per_second\": ")
        buffer.number(load.perSecond, digits: 1)
        for (name, value) in [("p50_ms", load.p50), ("p90_ms", load.p90), ("p99_ms", load.p99), ("max_ms", load.maximum)] {
            buffer.raw(", \"\(name)\": ")
            buffer.number(value, digits: 2)
        }
        buffer.raw("}")
    }

    static func find(_ program: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// A Lua string literal.
    static func lua(_ text: String) -> String {
        var literal = "\""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): literal += "\\\""
            case UInt8(ascii: "\\"): literal += "\\\\"
            case 0x20...0x7E: literal += String(UnicodeScalar(byte))
            default: literal += String(format: "\\%03d", byte)
            }
        }
        return literal + "\""
    }

    static func json(_ fields: [(String, String)]) -> String {
        var buffer = JSONBuffer(capacity: 256)
        buffer.raw("{")
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { buffer.raw(", ") }
            buffer.string(key)
            buffer.raw(": ")
            buffer.string(value)
        }
        buffer.raw("}")
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// A wrk script posting each body in turn to `path`, and printing its summary as one line.
    static func script(path: String, bodies: [String], token: String) throws -> String {
        var lua = "local bodies = {\n"
        for body in bodies { lua += "  " + Self.lua(body) + ",\n" }
        lua += """
            }
            local headers = { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer \(token)" }
            local counter = 0
            request = function()
              counter = counter % #bodies + 1
              return wrk.format("POST", "\(path)", headers, bodies[counter])
            end
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("BYLINE-WRK %d %d %d %f %f %f %f\\n", summary.requests, summary.duration,
                e.connect + e.read + e.write + e.status + e.timeout,
                latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
            end

            """
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("byline-wrk-\(UUID().uuidString).lua").path
        try lua.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func lookupScript(_ texts: [String], from: String, to: String, token: String) throws -> String {
        try script(path: "/tm/lookup", bodies: texts.map { json([("text", $0), ("from", from), ("to", to)]) }, token: token)
    }

    static func deskScript(_ text: String, token: String) throws -> String {
        try script(path: "/desk", bodies: [json([("text", text)])], token: token)
    }

    static func runWrk(_ wrk: String, url: String, script: String, connections: Int, seconds: Int) throws -> Load {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments = [
            "--threads", "1", "--connections", String(connections), "--duration", "\(seconds)s", "--timeout", "10s", "--latency",
            "--script", script, url,
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("BYLINE-WRK ") }) else {
            Diagnostics.error("wrk said:\n\(printed)")
            throw ExitCode(1)
        }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count == 7 else { throw ExitCode(1) }
        return Load(
            requests: Int(fields[0]), seconds: fields[1] / 1e6, failed: Int(fields[2]), p50: fields[3], p90: fields[4],
            p99: fields[5], maximum: fields[6])
    }
}

/// `byline serve` started by the benchmark on a free loopback port; it stops with the
/// benchmark (its standard input is a pipe the benchmark holds).
final class BenchService {
    let process = Process()
    let port: Int
    private let input = Pipe()

    init(database: String, importPriority: ImportPriority = .background) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        process.executableURL = Bundle.main.executableURL ?? executable
        process.arguments = [
            "serve", "--db", database, "--port", "0", "--stop-at-end-of-input", "--import-priority", importPriority.rawValue,
        ]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        var found: Int?
        var seen = ""
        let handle = errors.fileHandleForReading
        let deadline = Date().addingTimeInterval(120)
        while found == nil, Date() < deadline {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let range = seen.range(of: "listening on http://127.0.0.1:") {
                found = Int(seen[range.upperBound...].prefix(while: \.isNumber))
            }
        }
        guard let found else {
            Diagnostics.error("byline serve did not start:\n\(seen)")
            throw ExitCode(1)
        }
        port = found
        // The request log goes on; it is read and dropped so that the pipe never fills.
        Thread.detachNewThread { while !handle.availableData.isEmpty {} }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    func units(token: String) throws -> Int {
        let (status, body) = Self.send("GET", "/tm/stats", port: port, token: token, body: nil, contentType: nil)
        guard status == 200, let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
            let units = object["units"] as? Int
        else {
            Diagnostics.error("GET /tm/stats answered \(status)")
            throw ExitCode(1)
        }
        return units
    }

    /// Uploads `file` to POST /tm/import; the status, the units created and the seconds taken.
    static func upload(_ file: String, port: Int, token: String) -> (Int, Int, Double) {
        let start = Date()
        let name = URL(fileURLWithPath: file).lastPathComponent
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/tm/import?name=\(name)")!)
        request.httpMethod = "POST"
        request.timeoutInterval = 3600
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/xml", forHTTPHeaderField: "Content-Type")
        let done = DispatchSemaphore(value: 0)
        let result = Lent<(Int, Data)>((0, Data()))
        URLSession.shared.uploadTask(with: request, fromFile: URL(fileURLWithPath: file)) { data, response, _ in
            result.value = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data())
            done.signal()
        }.resume()
        done.wait()
        let object = (try? JSONSerialization.jsonObject(with: result.value.1)) as? [String: Any]
        if result.value.0 != 201 {
            Diagnostics.error("the import answered \(result.value.0): \(String(decoding: result.value.1, as: UTF8.self))")
        }
        return (result.value.0, object?["created"] as? Int ?? 0, Date().timeIntervalSince(start))
    }

    static func send(_ method: String, _ path: String, port: Int, token: String, body: Data?, contentType: String?) -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let body { request.httpBody = body }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let done = DispatchSemaphore(value: 0)
        let result = Lent<(Int, Data)>((0, Data()))
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result.value = ((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data())
            done.signal()
        }.resume()
        done.wait()
        return result.value
    }
}
