import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `byline serve` started for a test on a free loopback port, stopped when the test lets
/// go of it (and by itself should the test process die: it stops when its standard input,
/// a pipe the test holds, reaches its end).
public final class ServeTestServer: @unchecked Sendable {
    public let process = Process()
    public let port: Int
    public let database: String
    private let input = Pipe()
    private let errors = Pipe()
    private let log = LockedLines()

    /// Starts the service on `database` with `arguments` added, and waits until it listens.
    public init(database: String, arguments: [String] = [], environment: [String: String]? = nil) throws {
        self.database = database
        process.executableURL = CommandRunner.executable
        process.arguments = ["serve", "--db", database, "--port", "0", "--workers", "2", "--stop-at-end-of-input"] + arguments
        process.currentDirectoryURL = Fixtures.repositoryRoot
        if let environment { process.environment = environment }
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let log = log
        let handle = errors.fileHandleForReading
        let reader = Thread {
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: 0x0A) {
                    log.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
            }
            log.finish()
        }
        reader.start()
        let deadline = Date().addingTimeInterval(60)
        var found: Int?
        while found == nil, Date() < deadline, !log.finished {
            for line in log.lines {
                if let range = line.range(of: "listening on http://127.0.0.1:") {
                    found = Int(line[range.upperBound...].prefix(while: \.isNumber))
                }
            }
            if found == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        guard let found else {
            process.terminate()
            throw PostgresTestServer.Failure.command("byline serve", status: -1, output: log.lines.joined(separator: "\n"))
        }
        port = found
    }

    deinit { stop() }

    /// Everything the service wrote on standard error so far, line by line.
    public var logLines: [String] { log.lines }

    /// Stops the service with SIGTERM and waits; returns its exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning {
            process.interrupt()
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? input.fileHandleForWriting.close()
        return process.terminationStatus
    }

    /// Kills the service with SIGKILL and waits.
    public func kill9() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? input.fileHandleForWriting.close()
    }

    public struct Answer: Sendable {
        public var status: Int
        public var body: Data
        public var headers: [String: String]
        public var json: [String: Any]? { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] }
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Sends one request and waits for the whole answer.
    public func request(
        _ method: String, _ path: String, token: String? = nil, body: Data? = nil, contentType: String? = "application/json"
    ) throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = 120
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        }
        let done = DispatchSemaphore(value: 0)
        let result = LockedResult()
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                result.set(.failure(error))
            } else {
                let http = response as? HTTPURLResponse
                var headers: [String: String] = [:]
                for (key, value) in http?.allHeaderFields ?? [:] { headers["\(key)".lowercased()] = "\(value)" }
                result.set(.success(Answer(status: http?.statusCode ?? 0, body: data ?? Data(), headers: headers)))
            }
            done.signal()
        }
        task.resume()
        done.wait()
        return try result.get()
    }

    /// A JSON request built from `object`.
    public func post(_ path: String, token: String?, _ object: [String: Any]) throws -> Answer {
        try request("POST", path, token: token, body: try JSONSerialization.data(withJSONObject: object))
    }
}

final class LockedLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    private var done = false
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    func finish() { lock.withLock { done = true } }
    var lines: [String] { lock.withLock { stored } }
    var finished: Bool { lock.withLock { done } }
}

final class LockedResult: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<ServeTestServer.Answer, any Error>?
    func set(_ result: Result<ServeTestServer.Answer, any Error>) { lock.withLock { value = result } }
    func get() throws -> ServeTestServer.Answer { try lock.withLock { value! }.get() }
}
