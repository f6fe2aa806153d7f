public import CFuzzerDriver

/// Hands control to libFuzzer's driver with the process's arguments and `body` as the test
/// function. SwiftPM links each executable with `main` renamed to `<Target>_main`, which hides
/// libFuzzer's own `main`; each fuzzer's `<Target>_main` is one call to this.
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, body)
}
