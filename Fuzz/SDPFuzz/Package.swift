// swift-tools-version:6.2
import PackageDescription

// libFuzzer target for the SDP parser, kept out of the main package because `-sanitize=fuzzer`
// cannot be scoped to one target there. Sources/SDP is a symlink to the main package's sources and
// Sources/CFuzzerDriver to STUNFuzz's. Build and run with scripts/fuzz.
let package = Package(
    name: "SDPFuzz",
    targets: [
        .target(
            name: "SDP",
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "SDPFuzz",
            dependencies: ["SDP", "CFuzzerDriver"]
        ),
    ]
)
