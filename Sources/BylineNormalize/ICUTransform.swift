import BylineText
import CBylineICU

/// A reusable ICU edit buffer: the output and changed spans of one ICU transformation.
///
/// Not thread-safe; a ``TextNormalizer`` owns one.
final class ICUEditBuffer {
    private let buffer: OpaquePointer

    init() {
        guard let buffer = byline_edit_buffer_create() else { preconditionFailure("out of memory") }
        self.buffer = buffer
    }

    deinit { byline_edit_buffer_destroy(buffer) }

    /// Runs `call` (one of the shim's `…_utf8` functions) on `text` and turns what it wrote
    /// into an edit map labelled `kind`.
    func transform(
        _ text: String, kind: NormalizationChange.Kind, operation: String,
        _ call: (UnsafePointer<UInt8>?, Int64, OpaquePointer) -> Int32
    ) throws(NormalizationError) -> EditMap {
        let status = text.withUTF8Bytes { bytes in call(bytes.baseAddress, Int64(bytes.count), buffer) }
        if status < 0 { throw .icu(operation: operation, name: String(cString: byline_icu_error_name(-status))) }
        if status == 0 { return .identity(text) }
        var length: Int64 = 0
        let output = byline_edit_buffer_bytes(buffer, &length)
        let string = String(decoding: UnsafeBufferPointer(start: output, count: Int(length)), as: UTF8.self)
        let count = Int(byline_edit_buffer_span_count(buffer))
        let spans = byline_edit_buffer_spans(buffer)
        var edits: [EditMap.Edit] = []
        edits.reserveCapacity(count)
        for index in 0..<count {
            let base = index * 4
            let sourceStart = Int(spans![base])
            let outputStart = Int(spans![base + 2])
            edits.append(
                EditMap.Edit(
                    source: sourceStart..<(sourceStart + Int(spans![base + 1])),
                    output: outputStart..<(outputStart + Int(spans![base + 3])), label: kind.rawValue))
        }
        return EditMap(source: text, output: string, edits: edits)
    }

    /// A normalization form of `text`; returns the input untouched when ICU's quick check
    /// says it is already in the form.
    func normalize(_ text: String, form: Int32, operation: String) throws(NormalizationError) -> EditMap {
        try transform(text, kind: .normalization, operation: operation) { bytes, length, buffer in
            byline_normalize_utf8(form, bytes, length, buffer)
        }
    }

    /// A case mapping of `text` for an ICU locale id.
    func mapCase(_ text: String, kind: Int32, locale: String, operation: String) throws(NormalizationError) -> EditMap {
        try transform(text, kind: .case, operation: operation) { bytes, length, buffer in
            byline_case_map_utf8(kind, locale, bytes, length, buffer)
        }
    }
}
