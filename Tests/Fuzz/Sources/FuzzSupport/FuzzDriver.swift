import CFuzzDriver
import Foundation

/// Runs libFuzzer with this process's arguments on one target and exits with its status.
///
/// Called from each target's `main.swift`: SwiftPM links executables with a `main` of their own, so the
/// targets enter libFuzzer through `LLVMFuzzerRunDriver` rather than libFuzzer's `main`.
public func runFuzzer(_ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    let status = withUnsafeMutablePointer(to: &argv) { argvPointer in
        argvPointer.withMemoryRebound(to: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?.self, capacity: 1) { rebound in
            LLVMFuzzerRunDriver(&argc, rebound, target)
        }
    }
    exit(status)
}
