import Foundation

/// libFuzzer's driver, for a target that has its own `main`: SwiftPM gives every executable
/// one (it renames the module's entry point and points `main` at it when linking), so a
/// target cannot rely on the `main` libFuzzer brings; its `main` hands over to this instead.
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ testOneInput: @convention(c) (UnsafeRawPointer, Int) -> CInt
) -> CInt

/// Runs libFuzzer with the process's arguments (`-max_total_time=`, corpus folders…) on
/// `testOneInput`, the target's `LLVMFuzzerTestOneInput`, and exits with its status.
public func runFuzzer(_ testOneInput: @convention(c) (UnsafeRawPointer, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}
