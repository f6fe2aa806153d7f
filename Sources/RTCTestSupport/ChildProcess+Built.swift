public import Foundation

extension ChildProcess {
    /// A program SwiftPM built next to the running test bundle (`.build/debug/NAME`), so a test
    /// runs the binary of the same build.
    public static func builtExecutable(_ name: String) -> URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name)
    }
}
