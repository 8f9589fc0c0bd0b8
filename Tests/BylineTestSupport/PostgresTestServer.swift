import Foundation

/// A throw-away PostgreSQL cluster for tests: `initdb` in a temporary folder, the server on
/// a free loopback port, and a watchdog that stops it and removes the folder once the test
/// process ends, however it ends. Run as root, the server runs as the `postgres` user
/// (initdb refuses root), so the tests work the same in CI.
///
/// `BYLINE_POSTGRES_URL` (a role allowed to create databases) replaces the cluster with
/// that server.
public final class PostgresTestServer: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case noBinaries
        case command(String, status: Int32, output: String)

        public var description: String {
            switch self {
            case .noBinaries: "no PostgreSQL binaries (initdb, postgres, pg_ctl, psql) under /usr/lib/postgresql/*/bin or on PATH"
            case let .command(command, status, output): "\(command) exited with \(status): \(output)"
            }
        }
    }

    public let host = "127.0.0.1"
    public let port: Int
    public let user: String
    public let password: String
    /// The folder of the PostgreSQL programs.
    public let binaries: String
    /// The cluster's folder (nil for an external server).
    public let dataDirectory: String?
    private let root: String?
    private let runAs: String?

    /// The cluster the tests of this process share, started on first use.
    public static let shared: Result<PostgresTestServer, any Error> = Result {
        if let url = ProcessInfo.processInfo.environment["BYLINE_POSTGRES_URL"], !url.isEmpty {
            return try PostgresTestServer(external: url)
        }
        return try PostgresTestServer()
    }

    /// The folder holding initdb, postgres, pg_ctl and psql, if any.
    public static func findBinaries() -> String? {
        var candidates: [String] = []
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            candidates += versions.sorted { (Int($0) ?? 0) > (Int($1) ?? 0) }.map { "/usr/lib/postgresql/\($0)/bin" }
        }
        candidates += (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return candidates.first { folder in
            ["initdb", "postgres", "pg_ctl", "psql"].allSatisfy { FileManager.default.isExecutableFile(atPath: folder + "/" + $0) }
        }
    }

    /// Starts a new cluster with `settings` (`name=value` server settings) added.
    public init(settings: [String] = []) throws {
        guard let binaries = Self.findBinaries() else { throw Failure.noBinaries }
        self.binaries = binaries
        user = "byline"
        password = "test-\(UUID().uuidString.prefix(8))"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-pg-\(UUID().uuidString)").path
        root = folder
        dataDirectory = folder + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(password.utf8).write(to: URL(fileURLWithPath: folder + "/password"))
        if getuid() == 0 {
            let account = getpwnam("postgres") != nil ? "postgres" : "nobody"
            runAs = account
            try Self.run("/bin/chown", ["-R", account, folder])
        } else {
            runAs = nil
        }
        port = try Self.freePort()
        try runServerCommand(
            "initdb",
            ["-D", folder + "/data", "-U", user, "--pwfile=\(folder)/password", "-A", "scram-sha-256", "-E", "UTF8",
             "--no-locale", "--no-sync"])
        try start(settings: settings)
        startWatchdog()
    }

    /// Starts a hot-standby replica of `primary` (a cluster of this kind): a base backup
    /// taken with `pg_basebackup -R`, so that it streams the primary's WAL from then on.
    public init(replicaOf primary: PostgresTestServer) throws {
        guard primary.dataDirectory != nil else { throw Failure.noBinaries }
        binaries = primary.binaries
        user = primary.user
        password = primary.password
        runAs = primary.runAs
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-pg-\(UUID().uuidString)").path
        root = folder
        dataDirectory = folder + "/data"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let runAs { try Self.run("/bin/chown", ["-R", runAs, folder]) }
        port = try Self.freePort()
        try runServerCommand(
            "pg_basebackup",
            ["-d", "host=\(primary.host) port=\(primary.port) user=\(user) password=\(password)", "-D", folder + "/data",
             "-R", "-X", "stream", "--no-sync"])
        try start(settings: ["hot_standby=on"])
        startWatchdog()
    }

    /// Uses the server at `url` instead of a cluster of its own.
    public init(external url: String) throws {
        guard let binaries = Self.findBinaries(), let components = URLComponents(string: url) else { throw Failure.noBinaries }
        self.binaries = binaries
        port = components.port ?? 5432
        user = components.user ?? "postgres"
        password = components.password ?? ""
        dataDirectory = nil
        root = nil
        runAs = nil
    }

    private var serverSettings: [String] = []

    /// Starts the server (again, after ``stop(mode:)``), waiting until it accepts connections.
    public func start(settings: [String] = []) throws {
        guard let dataDirectory, let root else { return }
        if !settings.isEmpty { serverSettings = settings }
        var options = "-p \(port) -k \(root) -c listen_addresses=\(host) -c fsync=off -c synchronous_commit=off"
        options += " -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB"
        for setting in serverSettings { options += " -c \(setting)" }
        try runServerCommand("pg_ctl", ["-D", dataDirectory, "-l", root + "/server.log", "-w", "-t", "60", "-o", options, "start"])
    }

    /// Stops the server: `fast` (clients disconnected, clean) or `immediate` (as a crash).
    public func stop(mode: String = "fast") throws {
        guard let dataDirectory else { return }
        try runServerCommand("pg_ctl", ["-D", dataDirectory, "-w", "-m", mode, "stop"])
    }

    /// The URL of `database` on this server, for a store.
    public func url(database: String) -> String {
        "postgres://\(user):\(password)@\(host):\(port)/\(database)?sslmode=disable"
    }

    /// A new, empty database with a unique name; returns its URL.
    public func createDatabase(prefix: String = "tm") throws -> String {
        let name = "\(prefix)_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased())"
        _ = try psql("CREATE DATABASE \(name)", database: "postgres")
        return url(database: name)
    }

    /// Runs `sql` with psql and returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try Self.run(
            binaries + "/psql", ["-d", url(database: database), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-A", "-t", "-c", sql])
    }

    /// Runs a server program, as the unprivileged account when the tests run as root.
    public func runServerCommand(_ program: String, _ arguments: [String]) throws {
        if let runAs {
            try Self.run("/sbin/runuser", ["-u", runAs, "--", binaries + "/" + program] + arguments)
        } else {
            try Self.run(binaries + "/" + program, arguments)
        }
    }

    /// Stops the server and removes its folder once this process has ended.
    private func startWatchdog() {
        guard let dataDirectory, let root else { return }
        let stop = (runAs.map { "/sbin/runuser -u \($0) -- " } ?? "") + "\(binaries)/pg_ctl -D \(dataDirectory) -m immediate stop"
        let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf \(root)"
        Self.spawnDetached("/bin/sh", ["-c", script])
    }

    /// Runs a program to its end; its standard output, or an error with everything it said.
    ///
    /// Spawned directly, its output going to a file and every other descriptor closed in the
    /// child: a server it starts then holds none of this process's pipes or sockets (which
    /// would keep another reader waiting for their end), and the exit is collected with
    /// `waitpid`, whatever the server's children do.
    @discardableResult
    public static func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("byline-run-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        closeOthers(&actions)
        // The current folder may be one the unprivileged account cannot enter.
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np") {
            typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
            _ = unsafeBitCast(symbol, to: AddChdir.self)(&actions, "/")
        }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, envp)
        guard spawned == 0 else {
            throw Failure.command(path, status: spawned, output: String(cString: strerror(spawned)))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0
        let code = exited ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard code == 0 else {
            throw Failure.command(([path] + arguments).joined(separator: " "), status: code, output: text)
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Closes every descriptor above 2 in the child (glibc 2.34 and later; the C library's
    /// header hides the call behind _GNU_SOURCE, so it is looked up by name).
    private static func closeOthers(_ actions: inout posix_spawn_file_actions_t) {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return }
        typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        _ = unsafeBitCast(symbol, to: AddCloseFrom.self)(&actions, 3)
    }

    /// Starts `path` with `arguments` and returns its process id without waiting (collect it
    /// with `waitpid`); its output is dropped, every other descriptor closed in it.
    public static func spawn(_ path: String, _ arguments: [String]) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        closeOthers(&actions)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        return posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 ? pid : -1
    }

    /// Starts `path` without waiting for it (a watchdog), every descriptor but the standard
    /// ones closed in it.
    static func spawnDetached(_ path: String, _ arguments: [String]) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor in Int32(0)...2 {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        closeOthers(&actions)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        _ = posix_spawn(&pid, path, &actions, nil, argv, environ)
    }

    /// A loopback port nothing listens on now.
    public static func freePort() throws -> Int {
        let socketHandle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketHandle) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketHandle, $0, length) == 0 && getsockname(socketHandle, $0, &length) == 0 }
        }
        guard bound else { throw Failure.command("bind", status: errno, output: String(cString: strerror(errno))) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
