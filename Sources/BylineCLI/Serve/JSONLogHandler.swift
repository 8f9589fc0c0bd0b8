import Foundation
import Logging

/// A swift-log handler that writes one JSON object a line to standard error: `time`,
/// `level`, `message` and the metadata as fields, so that a log collector reads each
/// request's method, path, status, duration and user without parsing prose.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String

    init(label: String) { self.label = label }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var buffer = JSONBuffer(capacity: 256)
        buffer.raw("{\"time\": ")
        buffer.string(Self.timestamp())
        buffer.raw(", \"level\": ")
        buffer.string(event.level.rawValue)
        buffer.raw(", \"message\": ")
        buffer.string(event.message.description)
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { $1 } }
        for key in fields.keys.sorted() {
            buffer.raw(", ")
            buffer.string(key)
            buffer.raw(": ")
            Self.write(fields[key]!, to: &buffer)
        }
        buffer.raw("}\n")
        buffer.bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { if errno == EINTR { continue } else { break } }
                offset += written
            }
        }
    }

    private static func write(_ value: Logger.Metadata.Value, to buffer: inout JSONBuffer) {
        switch value {
        case .string(let text):
            // Numbers logged as strings (a status, a duration) are written as numbers.
            if let number = Double(text), number.isFinite, !text.hasPrefix("+"), text.first != "." {
                buffer.raw(text)
            } else {
                buffer.string(text)
            }
        case .stringConvertible(let value):
            write(.string(value.description), to: &buffer)
        case .array(let values):
            buffer.raw("[")
            for (index, value) in values.enumerated() {
                if index > 0 { buffer.raw(", ") }
                write(value, to: &buffer)
            }
            buffer.raw("]")
        case .dictionary(let values):
            buffer.raw("{")
            for (index, key) in values.keys.sorted().enumerated() {
                if index > 0 { buffer.raw(", ") }
                buffer.string(key)
                buffer.raw(": ")
                write(values[key]!, to: &buffer)
            }
            buffer.raw("}")
        }
    }

    private static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var seconds = now.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday, parts.tm_hour,
            parts.tm_min, parts.tm_sec, now.tv_nsec / 1_000_000)
    }
}
