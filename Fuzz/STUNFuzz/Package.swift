// swift-tools-version:6.2
import PackageDescription

// libFuzzer target for the STUN parser, kept out of the main package because `-sanitize=fuzzer`
// cannot be scoped to one target there. Sources/STUN is a symlink to the main package's sources.
// Build and run with scripts/fuzz.
let package = Package(
    name: "STUNFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "STUN",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: [
                .enableUpcomingFeature("ExistentialAny"),
                .enableUpcomingFeature("MemberImportVisibility"),
                .enableUpcomingFeature("InternalImportsByDefault"),
            ]
        ),
        .target(name: "CFuzzerDriver"),
        .executableTarget(
            name: "STUNFuzz",
            dependencies: ["STUN", "CFuzzerDriver"]
        ),
    ]
)
