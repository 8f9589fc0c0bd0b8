@testable import BylineCLI
import Foundation

/// A scratch file the reader reads each input from, as it reads standard input.
let scratch: Int32 = {
    var template = Array("/tmp/fuzz-batch-XXXXXX".utf8CString)
    let descriptor = mkstemp(&template)
    precondition(descriptor >= 0, "cannot make a scratch file")
    unlink(template)
    return descriptor
}()

let surrogateEscape = try! NSRegularExpression(pattern: #"\\u[dD][89a-fA-F][0-9a-fA-F]{2}"#)
let exponent = try! NSRegularExpression(pattern: #"[eE][+-]?[0-9]+"#)

/// Every line the reader gives for `bytes` with `limit`.
func readLines(_ bytes: [UInt8], limit: Int) -> [LineReader.Line] {
    precondition(ftruncate(scratch, 0) == 0 && lseek(scratch, 0, SEEK_SET) == 0)
    precondition(bytes.withUnsafeBytes { write(scratch, $0.baseAddress, $0.count) } == bytes.count)
    precondition(lseek(scratch, 0, SEEK_SET) == 0)
    var reader = LineReader(fileDescriptor: scratch, maximumLineBytes: limit)
    var lines: [LineReader.Line] = []
    while let line = try! reader.nextLine() { lines.append(line) }
    return lines
}

/// libFuzzer entry: any bytes as batch input. The reader must give back the input's lines
/// exactly (a too-long one as its length); every line must parse or fail with a message,
/// never trap; a parsed `id` must be JSON, since replies echo it as it is.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBatch(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var expected = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
    if bytes.last == 0x0A || bytes.isEmpty { expected.removeLast() }
    let whole = readLines(bytes, limit: .max)
    precondition(whole == expected.map { .text($0) }, "lines differ from the input's")
    let limit = 16
    let limited = readLines(bytes, limit: limit)
    precondition(limited == expected.map { $0.count > limit ? .tooLong($0.count) : .text($0) }, "limited lines differ")
    for line in expected {
        var id = "null"
        do {
            let parsed = try BatchLine.parse(line, id: &id)
            _ = try? parsed.string("text")
            _ = try? parsed.integer("n")
            _ = try? parsed.number("score")
            _ = try? parsed.bool("flag")
        } catch {
            precondition(!error.message.isEmpty)
        }
        // A lone surrogate escape (`"\udde6"`) and an exponent past Double's range (`1e99999`)
        // are JSON's grammar, though Foundation refuses them; the id is echoed as written, so
        // only the grammar is checked here.
        var checked = surrogateEscape.stringByReplacingMatches(
            in: id, range: NSRange(id.startIndex..., in: id), withTemplate: "\\\\u0041")
        checked = exponent.stringByReplacingMatches(
            in: checked, range: NSRange(checked.startIndex..., in: checked), withTemplate: "e0")
        precondition(
            (try? JSONSerialization.jsonObject(with: Data(checked.utf8), options: .fragmentsAllowed)) != nil,
            "echoed id is not JSON: \(id)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The process entry SwiftPM links to: hands over to libFuzzer's driver.
@_cdecl("fuzz_batch_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzBatch)
}
