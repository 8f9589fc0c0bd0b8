import BylineTM
import Foundation
import PostgresNIO

/// A `postgres://` URL read into what a connection needs, as libpq reads one:
/// `postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=…&host=/socket/folder`.
///
/// The user defaults to `$PGUSER`, else the login name; the password to `$PGPASSWORD`; the
/// port to 5432. `sslmode` is `disable`, `prefer` (the default: TLS when the server offers
/// it, its certificate not checked), `require` (TLS or nothing, not checked) or
/// `verify-full` (TLS with the certificate checked against the system's roots and the host
/// name).
struct PostgresURL: Sendable {
    var host: String
    var port: Int
    var socketPath: String?
    var user: String
    var password: String?
    var database: String
    var sslMode: String
    /// The URL with its password replaced by `***`, for messages.
    var redacted: String

    static let sslModes = ["disable", "prefer", "require", "verify-full"]

    init(_ text: String) throws(TMStoreError) {
        func invalid(_ why: String) -> TMStoreError {
            TMStoreError(.database, path: text, message: "not a PostgreSQL URL: \(why); write postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://"), let components = URLComponents(string: text)
        else { throw invalid("it must start with postgres:// and be a valid URL") }
        let environment = ProcessInfo.processInfo.environment
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { $1 })
        socketPath = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if let port = components.port {
            guard (1...65535).contains(port) else { throw invalid("port \(port) is out of range") }
            self.port = port
        } else {
            port = Int(query["port"] ?? "") ?? 5432
        }
        user = components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding } ?? environment["PGUSER"]
            ?? environment["USER"] ?? NSUserName()
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        var path = components.path
        if path.hasPrefix("/") { path.removeFirst() }
        guard !path.isEmpty, !path.contains("/") else { throw invalid("it names no database (…/DATABASE at its end)") }
        database = path.removingPercentEncoding ?? path
        sslMode = query["sslmode"] ?? "prefer"
        guard Self.sslModes.contains(sslMode) else {
            throw invalid("sslmode=\(sslMode) is not one of \(Self.sslModes.joined(separator: ", "))")
        }
        var shown = components
        if shown.password != nil { shown.password = "***" }
        redacted = shown.string ?? text
    }

    /// The settings of one connection outside the pool, opened once to check or migrate the
    /// schema, so that a refused or unreachable server is reported with the driver's reason.
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let socketPath {
            let file = socketPath.hasSuffix(".s.PGSQL.\(port)") ? socketPath : socketPath + "/.s.PGSQL.\(port)"
            configuration = PostgresConnection.Configuration(unixSocketPath: file, username: user, password: password, database: database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch sslMode {
            case "disable": tls = .disable
            case "verify-full": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default:
                var unchecked = TLSConfiguration.makeClientConfiguration()
                unchecked.certificateVerification = .none
                let context = try NIOSSLContext(configuration: unchecked)
                tls = sslMode == "require" ? .require(context) : .prefer(context)
            }
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// The pool's settings: at most 8 connections, opened within 10 s; reads answer within
    /// 30 s (`statement_timeout`), imports take as long as they need.
    func configuration(readOnly: Bool) -> PostgresClient.Configuration {
        var configuration: PostgresClient.Configuration
        if let socketPath {
            let file = socketPath.hasSuffix(".s.PGSQL.\(port)") ? socketPath : socketPath + "/.s.PGSQL.\(port)"
            configuration = PostgresClient.Configuration(unixSocketPath: file, username: user, password: password, database: database)
        } else {
            let tls: PostgresClient.Configuration.TLS
            switch sslMode {
            case "disable": tls = .disable
            case "verify-full": tls = .require(.makeClientConfiguration())
            default:
                var unchecked = TLSConfiguration.makeClientConfiguration()
                unchecked.certificateVerification = .none
                tls = sslMode == "require" ? .require(unchecked) : .prefer(unchecked)
            }
            configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = 8
        configuration.options.additionalStartupParameters = [
            ("application_name", "byline"), ("statement_timeout", readOnly ? "30s" : "0"),
        ]
        return configuration
    }
}

extension TMStoreError {
    /// Wraps what postgres-nio threw, saying in words what went wrong and keeping the
    /// server's message and the SQL.
    init(postgres error: any Error, location: String) {
        if let error = error as? TMStoreError {
            self = error
            return
        }
        if String(describing: type(of: error)).contains("ConnectionPoolError") || error is PostgresStore.TimedOut {
            self.init(
                .unreachable, path: location,
                message: "cannot reach the PostgreSQL server: no connection could be made (\(error)); is it running?")
            return
        }
        guard let error = error as? PSQLError else {
            self.init(.database, path: location, message: "PostgreSQL: \(error)")
            return
        }
        let sql = error.query?.sql
        let serverMessage = error.serverInfo?[.message] ?? ""
        let state = error.serverInfo?[.sqlState] ?? ""
        switch error.code {
        case .clientClosedConnection, .poolClosed:
            self.init(
                .unreachable, path: location,
                message: "the connection to the PostgreSQL server was closed while the server restarted (\(error.code)); try again")
        case .connectionError, .uncleanShutdown, .serverClosedConnection, .sslUnsupported, .failedToAddSSLHandler:
            let cause = error.underlying.map { " (\($0))" } ?? ""
            self.init(
                .unreachable, path: location,
                message: "cannot reach the PostgreSQL server: \(error.code)\(cause); is it running, and are the host and port right?")
        case .authMechanismRequiresPassword:
            self.init(.refused, path: location, message: "the server asks for a password: put it in the URL or in $PGPASSWORD")
        case .unsupportedAuthMechanism, .saslError:
            self.init(.refused, path: location, message: "the server refused the sign-in (\(error.code)): \(serverMessage)")
        case .server:
            switch state {
            case "28P01", "28000":
                self.init(.refused, path: location, message: "the server refused the user name or password: \(serverMessage)")
            case "3D000":
                self.init(
                    .missing, path: location,
                    message: "\(serverMessage); create it first (createdb NAME, or CREATE DATABASE NAME as its owner)")
            case "25006":
                self.init(
                    .readOnly, path: location,
                    message: "the server is read-only (a replica); import into the primary: \(serverMessage)")
            case "57014":
                self.init(.busy, path: location, message: "the request took too long and was cancelled: \(serverMessage)", sql: sql)
            case "55P03", "40P01", "40001":
                self.init(.busy, path: location, message: "another session holds what this one needs; try again: \(serverMessage)", sql: sql)
            case let state where state.hasPrefix("57P") || state.hasPrefix("08"):
                self.init(.unreachable, path: location, message: "the PostgreSQL server went away: \(serverMessage)")
            case "53100":
                self.init(.database, path: location, message: "the server's disk is full; nothing was written: \(serverMessage)", sql: sql)
            default:
                self.init(.database, path: location, message: "PostgreSQL \(state): \(serverMessage)", sql: sql)
            }
        default:
            self.init(.database, path: location, message: "PostgreSQL: \(error.code) \(serverMessage)", sql: sql)
        }
    }
}
