import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The outermost layer: turns every error into the service's JSON error answer and logs
/// one line per request (method, path, status, duration in ms, user) once it is answered.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = ServeContext

    func handle(_ request: Request, context: ServeContext, next: (Request, ServeContext) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        var response: Response
        var userName: String?
        do {
            // The access check runs inside `next` and records who it let in.
            let (answer, user) = try await UserRecorder.$current.withValue(UserRecorder()) {
                let answer = try await next(request, context)
                return (answer, UserRecorder.current?.name)
            }
            response = answer
            userName = user
        } catch {
            var answer = Self.answer(for: error)
            if answer.status == .notFound, case let methods = DeskService.methods(on: request.uri.path), !methods.isEmpty {
                answer = ServeError(
                    .methodNotAllowed,
                    "\(request.uri.path) takes \(methods.map(\.rawValue).joined(separator: " or ")), not \(request.method.rawValue)")
                answer.headers[.allow] = methods.map(\.rawValue).joined(separator: ", ")
            }
            response = try answer.response(from: request, context: context)
            userName = UserRecorder.current?.name
        }
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue),
            "path": .string(request.uri.path),
            "status": .string(String(response.status.code)),
            "duration_ms": .string(String(format: "%.2f", milliseconds)),
        ]
        if let userName { metadata["user"] = .string(userName) }
        context.logger.info("request", metadata: metadata)
        return response
    }

    /// The JSON error for anything a handler threw; Hummingbird's own errors (a route not
    /// found, a method not allowed) keep their status.
    static func answer(for error: any Error) -> ServeError {
        if let error = error as? HTTPError {
            let message: String
            switch error.status {
            case .notFound: message = "no such endpoint; GET /openapi.json lists them"
            case .methodNotAllowed: message = "this endpoint does not take that method; GET /openapi.json lists them"
            case .contentTooLarge: message = "the request body is too large"
            default: message = error.body ?? error.status.reasonPhrase
            }
            return ServeError(error.status, message)
        }
        return ServeError.from(error)
    }
}

/// Who a request came from, told by the access check to the request log, which runs
/// outside the route that checked.
final class UserRecorder: @unchecked Sendable {
    @TaskLocal static var current: UserRecorder?
    private let lock = NSLock()
    private var _name: String?

    var name: String? {
        get { lock.withLock { _name } }
        set { lock.withLock { _name = newValue } }
    }
}
