import BylineAlign
import BylineDesk
import BylineNormalize
import BylineResources
import BylineSegment
import BylineSummarize
import BylineTM
import BylineTMX
import BylineText
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ServiceLifecycle

/// How much the service takes before it refuses.
struct ServeLimits: Sendable {
    /// The largest JSON request body (413 above it).
    var bodyBytes = 8 << 20
    /// The largest TMX upload.
    var importBytes = 2 << 30
    /// How long a JSON request may take before the service answers 503.
    var requestSeconds = 30.0
    /// Imports running at once; one more is refused with 429.
    var imports = 1
    /// Seconds an upload or a download may go on once the service is asked to stop; then
    /// it is abandoned (an import rolls back whole).
    var shutdownGrace = 30.0
    /// How imports share the processor with lookups.
    var importPriority = ImportPriority.background
}

extension BatchLine: @unchecked Sendable {}
extension JSONBuffer: @unchecked Sendable {}

/// The desk's HTTP service: every endpoint, the access check and the limits, on the
/// library's entry points (the desk, the stores, the TMX reader and writer). Request
/// bodies use the batch interface's field names (`text`, `lang`, `n`, …) and answers
/// carry the same fields as the batch lines do.
final class DeskService: Sendable {
    let memory: ServedMemory
    let desks: DeskPool
    let limits: ServeLimits
    let imports: ImportSlots
    private let page: PageFiles
    private let lexicons = LexiconCache()

    init(memory: ServedMemory, desks: DeskPool, limits: ServeLimits, page: PageFiles) {
        self.memory = memory
        self.desks = desks
        self.limits = limits
        self.page = page
        imports = ImportSlots(limit: limits.imports)
    }

    /// One endpoint: its method, path, the role it needs (nil: open to all) and what it does.
    struct Endpoint: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var role: AccessRole?
        var summary: String
    }

    /// Every endpoint the service answers; `router()` registers exactly these, and
    /// `openapi.json` describes exactly these (a test holds the two together).
    static let endpoints: [Endpoint] = [
        Endpoint(method: .get, path: "/", role: nil, summary: "the desk page"),
        Endpoint(method: .get, path: "/page.js", role: nil, summary: "the desk page's script"),
        Endpoint(method: .get, path: "/page.css", role: nil, summary: "the desk page's style"),
        Endpoint(method: .get, path: "/openapi.json", role: nil, summary: "this description"),
        Endpoint(method: .get, path: "/health", role: nil, summary: "whether the service and its memory answer"),
        Endpoint(method: .post, path: "/segment", role: .reader, summary: "sentences and words"),
        Endpoint(method: .post, path: "/normalize", role: .reader, summary: "one normalization operation"),
        Endpoint(method: .post, path: "/names", role: .reader, summary: "misspelt and foreign names fixed"),
        Endpoint(method: .post, path: "/summarize", role: .reader, summary: "an extractive summary"),
        Endpoint(method: .post, path: "/desk", role: .reader, summary: "names, summary and suggestions in one step"),
        Endpoint(method: .post, path: "/tm/lookup", role: .reader, summary: "exact and fuzzy matches"),
        Endpoint(method: .post, path: "/tm/concordance", role: .reader, summary: "stored segments containing words"),
        Endpoint(method: .post, path: "/tm/analyze", role: .reader, summary: "a document's segments by match band"),
        Endpoint(method: .get, path: "/tm/stats", role: .reader, summary: "counts of units and languages"),
        Endpoint(method: .get, path: "/tm/imports", role: .editor, summary: "the latest imports and who made them"),
        Endpoint(method: .post, path: "/tm/import", role: .editor, summary: "a TMX upload, streamed into the memory"),
        Endpoint(method: .get, path: "/tm/export", role: .editor, summary: "the memory as TMX, streamed"),
        Endpoint(method: .post, path: "/align", role: .reader, summary: "two reports aligned (editors may store them)"),
        Endpoint(method: .get, path: "/tokens", role: .admin, summary: "the API tokens"),
        Endpoint(method: .post, path: "/tokens", role: .admin, summary: "a new API token"),
        Endpoint(method: .delete, path: "/tokens/{name}", role: .admin, summary: "revoke a token"),
    ]

    /// The methods the service answers on `path`, for a 405's `Allow` (empty: no such path).
    static func methods(on path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return endpoints.filter { endpoint in
            let pattern = endpoint.path.split(separator: "/", omittingEmptySubsequences: false)
            return pattern.count == parts.count
                && zip(pattern, parts).allSatisfy { $0.hasPrefix("{") && !$1.isEmpty || $0 == $1 }
        }.map(\.method)
    }

    func router() -> Router<ServeContext> {
        let router = Router(context: ServeContext.self)
        router.add(middleware: RequestLogMiddleware())
        for endpoint in Self.endpoints {
            let role = endpoint.role
            // Uploads and downloads take as long as the file does; every other request, the
            // access check included, is answered within the time limit.
            let streams = endpoint.path == "/tm/import" || endpoint.path == "/tm/export"
            router.on(RouterPath(endpoint.path), method: endpoint.method) { [self] request, context -> Response in
                let handle: @Sendable () async throws -> Response = {
                    var context = context
                    if let role { context.user = try await self.authorize(request, role) }
                    return try await self.answer(endpoint, request: request, context: context)
                }
                if streams { return try await handle() }
                // The timed task inherits the request's task-local values (who it came from).
                return try await withTimeLimit(limits.requestSeconds, handle)
            }
        }
        return router
    }

    private func answer(_ endpoint: Endpoint, request: Request, context: ServeContext) async throws -> Response {
        switch (endpoint.method, endpoint.path) {
        case (.get, "/"): return page.response(.html)
        case (.get, "/page.js"): return page.response(.script)
        case (.get, "/page.css"): return page.response(.style)
        case (.get, "/openapi.json"): return page.response(.openAPI)
        case (.get, "/health"): return try await health()
        case (.post, "/segment"): return try await json(request) { try await self.segment($0) }
        case (.post, "/normalize"): return try await json(request) { try await self.normalize($0) }
        case (.post, "/names"): return try await json(request) { try await self.names($0) }
        case (.post, "/summarize"): return try await json(request) { try await self.summarize($0) }
        case (.post, "/desk"): return try await json(request) { try await self.desk($0) }
        case (.post, "/tm/lookup"): return try await json(request) { try await self.lookup($0) }
        case (.post, "/tm/concordance"): return try await json(request) { try await self.concordance($0) }
        case (.post, "/tm/analyze"): return try await json(request) { try await self.analyze($0) }
        case (.get, "/tm/stats"): return try await statistics()
        case (.get, "/tm/imports"): return try await importLog(request)
        case (.post, "/tm/import"): return try await importTMX(request, user: context.user)
        case (.get, "/tm/export"): return try exportTMX(request)
        case (.post, "/align"):
            let user = context.user
            return try await json(request) { try await self.align($0, user: user) }
        case (.get, "/tokens"): return try await listTokens()
        case (.post, "/tokens"): return try await json(request, status: .created) { try await self.createToken($0) }
        case (.delete, "/tokens/{name}"): return try await revokeToken(context.parameters.require("name"))
        default: throw ServeError(.notFound, "no such endpoint")
        }
    }

    // MARK: Access

    /// The token's holder when the request carries a working token with at least `role`.
    /// - Throws: 401 without a token or with an unknown or revoked one, 403 with too little right.
    func authorize(_ request: Request, _ role: AccessRole) async throws -> AccessToken {
        guard let header = request.headers[.authorization] else {
            throw ServeError.unauthorized(
                "this endpoint needs a token: send `Authorization: Bearer TOKEN` (an admin makes one with `byline serve token create NAME --role reader`)")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ServeError.unauthorized("the Authorization header must be `Bearer TOKEN`")
        }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard let holder = try await memory.token(withHash: AccessTokens.hash(token)) else {
            throw ServeError.unauthorized("the token is not known, or was revoked")
        }
        UserRecorder.current?.name = holder.name
        guard holder.role >= role else {
            throw ServeError(.forbidden, "the token \"\(holder.name)\" is a \(holder.role)'s; this needs an \(role == .admin ? "admin" : role.rawValue)'s")
        }
        return holder
    }

    // MARK: JSON requests

    /// Reads a JSON object body, runs `handle` on it within the time limit and answers
    /// with its fields (after the request's `id`, when it gave one).
    private func json(
        _ request: Request, status: HTTPResponse.Status = .ok, _ handle: @escaping @Sendable (BatchLine) async throws -> JSONBuffer
    ) async throws -> Response {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/json") else {
            throw ServeError(
                .unsupportedMediaType,
                type.isEmpty ? "send the request as JSON, with `Content-Type: application/json`"
                    : "the request's Content-Type is \(type); send JSON, with `Content-Type: application/json`")
        }
        let body = try await collect(request, limit: limits.bodyBytes)
        var id = "null"
        let line: BatchLine
        do {
            line = try BatchLine.parse(body, id: &id)
        } catch {
            throw ServeError.badJSON(error, in: body)
        }
        let hasID = line.raw("id") != nil
        let fields = try await handle(line)
        var reply = JSONBuffer(capacity: fields.bytes.count + 32)
        reply.raw("{")
        if hasID {
            reply.raw("\"id\": ")
            reply.raw(id)
            reply.bytes.append(contentsOf: fields.bytes)
        } else {
            reply.bytes.append(contentsOf: fields.bytes.drop(while: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: " ") }))
        }
        reply.raw("}\n")
        return Self.jsonResponse(reply.bytes, status: status)
    }

    static func jsonResponse(_ bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The whole body, refused with 413 past `limit` bytes (at once when Content-Length says so).
    private func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw ServeError.tooLarge(limit: limit, what: "request body", option: "--max-body")
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw ServeError.tooLarge(limit: limit, what: "request body", option: "--max-body")
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The language a request names under `key`, checked; or the one detected in `text`.
    private func language(_ line: BatchLine, key: String = "lang", text: String, desk: Desk) throws -> (LanguageTag, LanguageGuess?) {
        if let given = try line.string(key) { return (try Self.known(given, field: key), nil) }
        let guess = try desk.languageDetector().detect(text)
        guard let guess, guess.isSure else {
            throw ServeError(
                .unprocessableContent,
                DeskError.unsureLanguage(guess).description.replacingOccurrences(of: "give --lang", with: "give \"\(key)\""),
                field: key)
        }
        return (guess.language, guess)
    }

    /// `tag` when ICU knows the language; 400 naming the field otherwise.
    static func known(_ tag: String, field: String) throws -> LanguageTag {
        let language = LanguageTag(tag)
        let wellFormed = !tag.isEmpty && tag.split(separator: "-", omittingEmptySubsequences: false).allSatisfy { part in
            (1...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
        guard wellFormed else {
            throw ServeError(.badRequest, "\"\(tag)\" is not a language tag (en, ru, az, tr, pt-BR, …)", field: field)
        }
        do {
            try TextNormalizer.checkLanguage(language)
        } catch {
            throw ServeError(.badRequest, "\(error)", field: field)
        }
        return language
    }

    private static func writeLanguage(_ language: LanguageTag, guess: LanguageGuess?, to buffer: inout JSONBuffer) {
        buffer.raw(", \"language\": ")
        buffer.string(language.description)
        if let guess {
            buffer.raw(", \"detected\": {\"confidence\": ")
            buffer.number(guess.confidence, digits: 3)
            buffer.raw("}")
        }
    }

    private static func required(_ line: BatchLine, _ key: String) throws -> String {
        guard let value = try line.string(key) else { throw ServeError(.badRequest, "missing field \"\(key)\"", field: key) }
        return value
    }

    // MARK: Text endpoints

    private func segment(_ line: BatchLine) async throws -> JSONBuffer {
        let text = try Self.required(line, "text")
        let words = try line.bool("words") ?? false
        return try await desks.withDesk { desk in
            let (language, guess) = try self.language(line, text: text, desk: desk)
            var reply = JSONBuffer(capacity: text.utf8.count + 256)
            Self.writeLanguage(language, guess: guess, to: &reply)
            let result = try SegmentCommand.segment(text, language: language, context: desk.segmentation, words: words)
            reply.raw(", \"sentences\": ")
            SegmentCommand.writeSentences(result, in: text, to: &reply, withWords: words)
            return reply
        }
    }

    private func normalize(_ line: BatchLine) async throws -> JSONBuffer {
        let text = try Self.required(line, "text")
        let name = try Self.required(line, "op")
        let operation: NormalizationOperation
        do {
            operation = try NormalizationOperation(name: name)
        } catch {
            throw ServeError(.badRequest, "\(error)", field: "op")
        }
        let changes = try line.bool("changes") ?? false
        return try await desks.withDesk { desk in
            var language: LanguageTag = "und"
            var guess: LanguageGuess?
            if let given = try line.string("lang") {
                language = try Self.known(given, field: "lang")
            } else if operation.dependsOnLanguage {
                (language, guess) = try self.language(line, text: text, desk: desk)
            }
            var reply = JSONBuffer(capacity: text.utf8.count + 64)
            Self.writeLanguage(language, guess: guess, to: &reply)
            try NormalizeCommand.answer(
                text, operation: name, lang: language.description, given: nil, changes: changes, normalizer: TextNormalizer(),
                to: &reply)
            return reply
        }
    }

    private func names(_ line: BatchLine) async throws -> JSONBuffer {
        let text = try Self.required(line, "text")
        let flagOnly = try line.bool("flag_only") ?? false
        let explain = try line.bool("explain") ?? false
        return try await desks.withDesk { desk in
            let (language, guess) = try self.language(line, text: text, desk: desk)
            var reply = JSONBuffer(capacity: text.utf8.count * 2 + 128)
            Self.writeLanguage(language, guess: guess, to: &reply)
            let analysis = try desk.names.analyze(text, language: language)
            if analysis.usedFallbackLanguage {
                reply.raw(", \"warning\": ")
                reply.string("no names for language \"\(language)\"; matched with the English forms")
            }
            NamesWriter.writeBatchFields(analysis, of: text, flagOnly: flagOnly, explain: explain, to: &reply)
            return reply
        }
    }

    private func summarize(_ line: BatchLine) async throws -> JSONBuffer {
        guard let text = try line.string("text") ?? line.string("article") else {
            throw ServeError(.badRequest, "missing field \"text\"", field: "text")
        }
        let n = try line.integer("n")
        let words = try line.integer("words")
        if let n, n < 0 { throw ServeError(.badRequest, "field \"n\" must not be negative", field: "n") }
        if let words, words < 1 { throw ServeError(.badRequest, "field \"words\" must be at least 1", field: "words") }
        let explain = try line.bool("explain") ?? false
        return try await desks.withDesk { desk in
            let (language, guess) = try self.language(line, text: text, desk: desk)
            let length: SummaryLength = n.map { .sentences($0) } ?? words.map { .words($0) } ?? .sentences(3)
            let summary = try desk.summarization.summarize(text, language: language, length: length)
            var reply = JSONBuffer(capacity: 1024)
            Self.writeLanguage(language, guess: guess, to: &reply)
            SummaryWriter.writeBatchFields(summary, of: text, explain: explain, weights: desk.summarization.weights, to: &reply)
            return reply
        }
    }

    private func desk(_ line: BatchLine) async throws -> JSONBuffer {
        guard let text = try line.string("text") ?? line.string("article") else {
            throw ServeError(.badRequest, "missing field \"text\"", field: "text")
        }
        var options = DeskOptions()
        if let n = try line.integer("n") {
            guard n >= 0 else { throw ServeError(.badRequest, "field \"n\" must not be negative", field: "n") }
            options.sentences = n
        }
        if let to = try line.string("to") {
            options.targets = try DeskCommand.languages(to).map { try Self.known($0.description, field: "to") }
        }
        if let minimum = try line.number("min") {
            guard (0...100).contains(minimum) else { throw ServeError(.badRequest, "field \"min\" must be from 0 to 100", field: "min") }
            options.minimumMatch = minimum
        }
        if let count = try line.integer("suggestions") {
            guard count >= 1 else { throw ServeError(.badRequest, "field \"suggestions\" must be at least 1", field: "suggestions") }
            options.suggestionsPerLanguage = count
        }
        let given = try line.string("lang").map { try Self.known($0, field: "lang") }
        let location = memory.location
        let deskOptions = options
        return try await desks.withDesk { desk in
            let report: DeskReport
            do {
                report = try await desk.run(text, language: given, options: deskOptions)
            } catch let error as DeskError {
                throw ServeError(
                    .unprocessableContent, error.description.replacingOccurrences(of: "give --lang", with: "give \"lang\""),
                    field: "lang")
            }
            var reply = JSONBuffer(capacity: text.utf8.count * 3 + 1024)
            DeskWriter.writeFields(report, memory: location, to: &reply)
            return reply
        }
    }

    // MARK: Memory endpoints

    private func lookup(_ line: BatchLine) async throws -> JSONBuffer {
        let text = try Self.required(line, "text")
        let source = try Self.known(Self.required(line, "from"), field: "from")
        let target = try Self.known(Self.required(line, "to"), field: "to")
        let minimum = try line.number("min") ?? 75
        guard (0...100).contains(minimum) else { throw ServeError(.badRequest, "field \"min\" must be from 0 to 100", field: "min") }
        let maximum = try line.integer("max") ?? 5
        guard (1...100).contains(maximum) else { throw ServeError(.badRequest, "field \"max\" must be from 1 to 100", field: "max") }
        let explain = try line.bool("explain") ?? false
        let context = MatchContext(previous: try line.string("prev"), next: try line.string("next"))
        let matches = try await memory.matches(
            for: text, from: source, to: target, options: LookupOptions(minimumScore: minimum, maximum: maximum, explain: explain),
            context: context)
        var reply = JSONBuffer(capacity: 512)
        reply.raw(", \"matches\": ")
        TMLookupCommand.write(matches, to: &reply, explain: explain)
        return reply
    }

    private func concordance(_ line: BatchLine) async throws -> JSONBuffer {
        let words = try Self.required(line, "text")
        let language = try line.string("lang").map { try Self.known($0, field: "lang") }
        let maximum = try line.integer("max") ?? 20
        guard (1...1000).contains(maximum) else { throw ServeError(.badRequest, "field \"max\" must be from 1 to 1000", field: "max") }
        let hits = try await memory.concordance(words, language: language, limit: maximum)
        var object = JSONBuffer(capacity: 1024)
        TMConcordanceCommand.writeJSON(hits, to: &object)
        return Self.fields(of: object)
    }

    private func analyze(_ line: BatchLine) async throws -> JSONBuffer {
        let text = try Self.required(line, "text")
        let source = try Self.known(Self.required(line, "from"), field: "from")
        let target = try Self.known(Self.required(line, "to"), field: "to")
        let listing = try line.bool("list") ?? false
        let pieces = try await desks.withDesk { desk in
            try TMAnalyzeCommand.segments(of: text, language: source, context: desk.datelineSegmentation)
        }
        let rows = try await TMAnalyzeCommand.lookUp(pieces, from: source, to: target, in: memory)
        var object = JSONBuffer(capacity: 1024)
        TMAnalyzeCommand.writeJSON(rows, listing: listing, to: &object)
        return Self.fields(of: object)
    }

    /// The fields of a JSON object written whole, as `, "a": …, "b": …`.
    private static func fields(of object: JSONBuffer) -> JSONBuffer {
        var fields = JSONBuffer(capacity: object.bytes.count + 2)
        fields.raw(", ")
        fields.bytes.append(contentsOf: object.bytes.dropFirst().dropLast())
        return fields
    }

    private func statistics() async throws -> Response {
        let statistics = try await memory.statistics()
        var object = JSONBuffer(capacity: 512)
        TMStatsCommand.writeJSON(statistics, to: &object)
        object.raw("\n")
        return Self.jsonResponse(object.bytes)
    }

    private func health() async throws -> Response {
        var object = JSONBuffer(capacity: 128)
        object.raw("{\"status\": ")
        do {
            let empty = try await memory.isEmpty()
            object.raw("\"ok\", \"memory\": ")
            object.string(empty ? "empty" : "ready")
            object.raw("}\n")
            return Self.jsonResponse(object.bytes)
        } catch {
            object.raw("\"unavailable\", \"error\": ")
            object.string("\(error)")
            object.raw("}\n")
            return Self.jsonResponse(object.bytes, status: .serviceUnavailable)
        }
    }

    private func importLog(_ request: Request) async throws -> Response {
        let limit = try Self.integerQuery(request, "limit", default: 20, range: 1...1000)
        let records = try await memory.importLog(limit: limit)
        var object = JSONBuffer(capacity: 256 + records.count * 200)
        object.raw("{\"imports\": [")
        for (index, record) in records.enumerated() {
            if index > 0 { object.raw(", ") }
            object.raw("{\"id\": \(record.id), \"user\": ")
            if let user = record.user { object.string(user) } else { object.raw("null") }
            object.raw(", \"origin\": ")
            object.string(record.origin)
            object.raw(", \"file\": ")
            if let file = record.file { object.string(file) } else { object.raw("null") }
            object.raw(", \"stored_at\": ")
            object.string(record.storedAt)
            object.raw(", \"read\": \(record.read), \"created\": \(record.created), \"updated\": \(record.updated)")
            object.raw(", \"duplicates\": \(record.duplicates), \"skipped\": \(record.skipped)}")
        }
        object.raw("]}\n")
        return Self.jsonResponse(object.bytes)
    }

    private static func integerQuery(_ request: Request, _ key: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = request.uri.queryParameters[Substring(key)] else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw ServeError(.badRequest, "query parameter \(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)", field: key)
        }
        return number
    }

    private static func boolQuery(_ request: Request, _ key: String) throws -> Bool {
        guard let text = request.uri.queryParameters[Substring(key)] else { return false }
        switch text.lowercased() {
        case "", "1", "true", "yes": return true
        case "0", "false", "no": return false
        default: throw ServeError(.badRequest, "query parameter \(key) must be true or false", field: key)
        }
    }

    /// A file name for an upload or a download: a plain name, never a path.
    static func fileName(_ name: String, field: String) throws -> String {
        let forbidden = name.isEmpty || name.count > 200 || name.hasPrefix(".") || name.contains("/") || name.contains("\\")
            || name.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == "\"" }
        guard !forbidden else {
            throw ServeError(
                .badRequest, "\"\(name)\" is not a plain file name (no folders, no leading dot, no quotes or control characters)",
                field: field)
        }
        return name
    }

    // MARK: Import and export

    private static let tmxTypes = ["application/xml", "text/xml", "application/x-tmx+xml", "application/tmx+xml", "application/octet-stream"]

    /// Streams a TMX upload into the memory in one transaction, recording who made it.
    private func importTMX(_ request: Request, user: AccessToken?) async throws -> Response {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard Self.tmxTypes.contains(where: { type.hasPrefix($0) }) else {
            throw ServeError(
                .unsupportedMediaType,
                "send the TMX file itself as the body, with `Content-Type: application/xml` (not \(type.isEmpty ? "no type" : type))")
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limits.importBytes {
            throw ServeError.tooLarge(limit: limits.importBytes, what: "upload", option: "--max-import")
        }
        let name = try Self.fileName(String(request.uri.queryParameters["name"] ?? "upload.tmx"), field: "name")
        let story = request.uri.queryParameters["story"].map(String.init)
        let dryRun = try Self.boolQuery(request, "dry_run")
        guard imports.enter() else {
            var error = ServeError(
                .tooManyRequests,
                "\(imports.limit) import\(imports.limit == 1 ? " is" : "s are") running, as many as this service takes at once; try again shortly")
            error.headers[.retryAfter] = "10"
            throw error
        }
        defer { imports.leave() }

        let pipe = try ServePipe()
        pipe.handOverReadEnd()
        let readEnd = pipe.readEnd
        let abort = AbortFlag()
        let memory = memory
        let options = ImportOptions(
            origin: .imported(file: name), storyID: story, dryRun: dryRun, user: user?.name, priority: limits.importPriority)
        let importing = Task { () async throws -> (ImportReport, Int) in
            let opened = try await OffThread.onOwnThread { Lent(try TMXReader(descriptor: readEnd, name: name)) }
            var source = AbortableSource(reader: opened.value, abort: abort)
            let report = try await memory.importUnits(from: &source, options: options)
            return (report, source.reader.warnings.count)
        }
        let limit = limits.importBytes
        let body = request.body
        let pump = Task { () -> ServeError? in
            var received = 0
            do {
                for try await chunk in body {
                    received += chunk.readableBytes
                    if received > limit { return .tooLarge(limit: limit, what: "upload", option: "--max-import") }
                    // False when the reader stopped: the import failed, and says why below.
                    if await !pipe.write(chunk) { break }
                    if Task.isCancelled { break }
                }
            } catch {
                return ServeError(.badRequest, "the upload broke off after \(received) bytes; nothing was imported")
            }
            if Task.isCancelled {
                return ServeError(.serviceUnavailable, "the service is stopping; the upload was abandoned and nothing was imported")
            }
            return nil
        }
        // Asked to stop, the service gives an upload the grace period, then abandons it.
        let grace = limits.shutdownGrace
        let failure = await withGracefulShutdownHandler {
            await pump.value
        } onGracefulShutdown: {
            Task {
                try? await Task.sleep(for: .milliseconds(Int(grace * 1000)))
                abort.set()
                pump.cancel()
            }
        }
        if failure != nil || abort.value { abort.set() }
        pipe.closeWriteEnd()
        let result = await importing.result
        if let failure { throw failure }
        if abort.value {
            throw ServeError(.serviceUnavailable, "the service is stopping; the upload was abandoned and nothing was imported")
        }
        let (report, warnings) = try result.get()
        var object = JSONBuffer(capacity: 256)
        object.raw("{\"file\": ")
        object.string(name)
        object.raw(", \"user\": ")
        if let name = user?.name { object.string(name) } else { object.raw("null") }
        object.raw(", \"read\": \(report.read), \"created\": \(report.created), \"alternatives\": \(report.alternatives)")
        object.raw(", \"updated\": \(report.updated), \"duplicates\": \(report.duplicates), \"skipped\": \(report.skipped)")
        object.raw(", \"monolingual\": \(report.monolingual), \"warnings\": \(warnings), \"dry_run\": \(dryRun)}\n")
        return Self.jsonResponse(object.bytes, status: dryRun ? .ok : .created)
    }

    /// Streams the memory (or the part the query asks for) as TMX 1.4.
    private func exportTMX(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let name = try Self.fileName(String(query["name"] ?? "memory.tmx"), field: "name")
        var filter = ExportFilter()
        if let languages = query["lang"] {
            filter.languages = try languages.split(separator: ",").map { try Self.known(String($0), field: "lang") }
        }
        if let origin = query["origin"] {
            guard ["import", "aligned", "manual"].contains(String(origin)) else {
                throw ServeError(.badRequest, "origin must be import, aligned or manual", field: "origin")
            }
            filter.originKind = String(origin)
        }
        if let since = query["since"] {
            guard let date = TMExportCommand.tmxDate(String(since)) else {
                throw ServeError(.badRequest, "since must be a date, YYYY-MM-DD or 20240131T000000Z", field: "since")
            }
            filter.changedSince = date
        }
        filter.storyID = query["story"].map(String.init)
        let sourceLanguage = try query["srclang"].map { try Self.known(String($0), field: "srclang") }

        let pipe = try ServePipe()
        pipe.handOverWriteEnd()
        let writer = Lent<TMXWriter?>(
            TMXWriter(descriptor: pipe.writeEnd, name: name, sourceLanguage: sourceLanguage, creationToolVersion: BylineCommand.version))
        let memory = memory
        let exporting = Task { () async throws -> Int in
            defer { writer.value = nil }
            let count = try await memory.exportUnits(matching: filter) { unit in try writer.value?.write(unit) }
            try writer.value?.finish()
            return count
        }
        let grace = limits.shutdownGrace
        let abandoned = AbortFlag()
        let body = ResponseBody { output in
            defer { pipe.closeReadEnd() }
            // Asked to stop, the service gives a download the grace period, then ends it.
            try await withGracefulShutdownHandler {
                while !abandoned.value {
                    let chunk = try await pipe.read()
                    if chunk.readableBytes == 0 { break }
                    try await output.write(chunk)
                }
            } onGracefulShutdown: {
                Task {
                    try? await Task.sleep(for: .milliseconds(Int(grace * 1000)))
                    abandoned.set()
                }
            }
            if abandoned.value { throw CancellationError() }
            // An export that failed half-way ends the transfer without its last chunk, so
            // the client sees a broken download, never a short file that looks whole.
            _ = try await exporting.value
            try await output.finish(nil)
        }
        return Response(
            status: .ok,
            headers: [.contentType: "application/x-tmx+xml; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: body)
    }

    // MARK: Aligning

    private func align(_ line: BatchLine, user: AccessToken?) async throws -> JSONBuffer {
        let sourceText = try Self.required(line, "source")
        let targetText = try Self.required(line, "target")
        let from = try Self.known(Self.required(line, "from"), field: "from")
        let to = try Self.known(Self.required(line, "to"), field: "to")
        let lines = try line.bool("lines") ?? false
        let store = try line.bool("into_tm") ?? false
        let story = try line.string("story")
        if store, (user?.role ?? .reader) < .editor {
            throw ServeError(.forbidden, "storing aligned units (\"into_tm\") needs an editor's token")
        }
        let lexicons = lexicons
        let document = try await desks.withDesk { desk -> AlignedDocument in
            let resources = desk.resources
            func sentences(_ text: String, _ language: LanguageTag) throws -> [String] {
                if lines {
                    var result = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                        line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
                    }
                    if result.last == "" { result.removeLast() }
                    return result
                }
                return try desk.segmentation.sentenceSegmenter(for: language).sentences(in: text).map { String(text[$0.range]) }
            }
            let source = try sentences(sourceText, from)
            let target = try sentences(targetText, to)
            var stopWords = [from: try resources.stopWords(for: from).words]
            stopWords[to] = try resources.stopWords(for: to).words
            let (lexicon, outlines) = try lexicons.lexicon(between: from, and: to, resources: resources)
            let aligner = Aligner(lexicon: lexicon, outlines: outlines, names: desk.names.gazetteer, stopWords: stopWords)
            let alignment = try aligner.align(source: source, from: from, target: target, to: to, lengthRatio: nil)
            return AlignedDocument(alignment: alignment, source: source, target: target, from: from, to: to)
        }
        var object = JSONBuffer(capacity: 4096)
        document.writeJSON(to: &object)
        while object.bytes.last == UInt8(ascii: "\n") { object.bytes.removeLast() }
        var fields = Self.fields(of: object)
        if store {
            var source = UnitArraySource(units: document.units(story: story))
            let report = try await memory.importUnits(
                from: &source, options: ImportOptions(origin: .aligned, storyID: story, user: user?.name, priority: limits.importPriority))
            fields.raw(", \"stored\": {\"created\": \(report.created), \"duplicates\": \(report.duplicates)}")
        }
        return fields
    }

    // MARK: Tokens

    private func listTokens() async throws -> Response {
        let tokens = try await memory.tokens()
        var object = JSONBuffer(capacity: 128 + tokens.count * 128)
        object.raw("{\"tokens\": [")
        for (index, token) in tokens.enumerated() {
            if index > 0 { object.raw(", ") }
            AccessTokens.writeJSON(token, to: &object)
        }
        object.raw("]}\n")
        return Self.jsonResponse(object.bytes)
    }

    private func createToken(_ line: BatchLine) async throws -> JSONBuffer {
        let name = try Self.required(line, "name")
        try AccessTokens.checkName(name)
        let roleName = try Self.required(line, "role")
        guard let role = AccessRole(rawValue: roleName) else {
            throw ServeError(.badRequest, "role must be reader, editor or admin", field: "role")
        }
        let token = AccessTokens.generate()
        try await memory.addToken(name: name, role: role, hash: AccessTokens.hash(token))
        var reply = JSONBuffer(capacity: 256)
        reply.raw(", \"name\": ")
        reply.string(name)
        reply.raw(", \"role\": ")
        reply.string(role.rawValue)
        reply.raw(", \"token\": ")
        reply.string(token)
        return reply
    }

    private func revokeToken(_ name: String) async throws -> Response {
        guard try await memory.revokeToken(named: name) else {
            throw ServeError(.notFound, "no working token is called \"\(name)\"")
        }
        var object = JSONBuffer(capacity: 64)
        object.raw("{\"revoked\": ")
        object.string(name)
        object.raw("}\n")
        return Self.jsonResponse(object.bytes)
    }
}

/// Set when an upload is refused or broken off: the import must fail, even if what
/// arrived so far happens to be a whole document.
final class AbortFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func set() { lock.withLock { isSet = true } }
    var value: Bool { lock.withLock { isSet } }
}

/// A TMX reader that fails once the upload it reads is refused.
struct AbortableSource: UnitSource {
    let reader: TMXReader
    let abort: AbortFlag

    mutating func nextUnit() throws -> TranslationUnit? {
        if abort.value { throw CancellationError() }
        let unit = try reader.nextUnit()
        if unit == nil, abort.value { throw CancellationError() }
        return unit
    }
}

/// Bilingual lexicons read once per language pair and kept: the pair's own, or a close
/// language's read as outlines (``BilingualLexicon/outlines(of:standingFor:)``).
final class LexiconCache: @unchecked Sendable {
    typealias Entry = (lexicon: BilingualLexicon?, outlines: BilingualLexicon?)
    private let lock = NSLock()
    private var cache: [String: Entry] = [:]

    func lexicon(between from: LanguageTag, and to: LanguageTag, resources: ResourceBundle) throws -> Entry {
        let key = "\(from.language)-\(to.language)"
        if let cached = lock.withLock({ cache[key] }) { return cached }
        let entry = try AlignCommand.bundledWordLists(between: from, and: to, resources: resources)
        lock.withLock { cache[key] = entry }
        return entry
    }
}

/// API tokens: made from 32 random bytes, kept by their SHA-256 only.
enum AccessTokens {
    /// A new token: `byl_` and 43 URL-safe characters.
    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let encoded = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        return "byl_" + encoded
    }

    /// The hex SHA-256 the store keeps.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A token name: letters, digits, `.`, `_`, `-` and `@`, up to 64.
    static func checkName(_ name: String) throws {
        let allowed = !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || ".-_@".unicodeScalars.contains($0) }
        guard allowed else {
            throw ServeError(.badRequest, "a token's name is 1 to 64 letters, digits, dots, dashes, underscores or @", field: "name")
        }
    }

    static func writeJSON(_ token: AccessToken, to buffer: inout JSONBuffer) {
        buffer.raw("{\"name\": ")
        buffer.string(token.name)
        buffer.raw(", \"role\": ")
        buffer.string(token.role.rawValue)
        buffer.raw(", \"created_at\": ")
        buffer.string(token.createdAt)
        buffer.raw(", \"revoked_at\": ")
        if let revoked = token.revokedAt { buffer.string(revoked) } else { buffer.raw("null") }
        buffer.raw("}")
    }
}

extension AlignedDocument: @unchecked Sendable {}

/// The desk page, its script and style, and the OpenAPI description: files of the
/// resource bundle, read once at start and served from memory.
struct PageFiles: Sendable {
    enum File: String, CaseIterable, Sendable {
        case html = "page.html"
        case script = "page.js"
        case style = "page.css"
        case openAPI = "openapi.json"

        var contentType: String {
            switch self {
            case .html: "text/html; charset=utf-8"
            case .script: "text/javascript; charset=utf-8"
            case .style: "text/css; charset=utf-8"
            case .openAPI: "application/json; charset=utf-8"
            }
        }
    }

    private let contents: [File: [UInt8]]

    /// Reads the files from `serve/` in the data folder.
    init(resources: ResourceBundle) throws {
        var contents: [File: [UInt8]] = [:]
        for file in File.allCases {
            let url = resources.dataDirectory.appendingPathComponent("serve").appendingPathComponent(file.rawValue)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CLIError.input("\(url.path): missing from the resources; the desk page cannot be served")
            }
            contents[file] = [UInt8](data)
        }
        self.contents = contents
    }

    func bytes(_ file: File) -> [UInt8] { contents[file] ?? [] }

    func response(_ file: File) -> Response {
        var headers: HTTPFields = [.contentType: file.contentType, .cacheControl: "no-cache"]
        if file == .html {
            // Everything the page needs comes from the service itself.
            headers[.contentSecurityPolicy] =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
            headers[.xContentTypeOptions] = "nosniff"
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes(file))))
    }
}
