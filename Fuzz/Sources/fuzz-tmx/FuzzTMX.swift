import BylineTM
import BylineTMX

/// libFuzzer entry: any bytes as a TMX document. Reading must end in units or a located
/// error, never a crash, a hang or a leak; every unit read must survive its own markup.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTMX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let reader = try TMXReader(bytes: bytes, name: "fuzz.tmx")
        var count = 0
        while let unit = try reader.nextUnit(), count < 10_000 {
            for variant in unit.variants {
                let markup = variant.segment.markup
                guard let back = try? Segment(markup: markup), back == variant.segment else {
                    fatalError("markup does not read back: \(markup)")
                }
            }
            count += 1
        }
    } catch let error as TMXError {
        precondition(error.location.line >= 1 && error.location.column >= 1, "bad location \(error)")
    } catch {
        fatalError("unexpected error \(error)")
    }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The process entry SwiftPM links to: hands over to libFuzzer's driver.
@_cdecl("fuzz_tmx_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzTMX)
}
