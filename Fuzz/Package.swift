// swift-tools-version:6.2
import PackageDescription

// libFuzzer targets for the parsers of network input, kept out of the main package because
// `-sanitize=fuzzer` cannot be scoped to one target there. Sources/<Module> are symlinks to the
// main package's sources (ClusterFuzz holds symlinks to single files); each <Name>Fuzz executable is one fuzzer. Build and run with scripts/fuzz.
// (The data-channel payload codecs live in the large Collaboration module; they are exercised by
// `fuzzDecodeAllPayloads` in a 100,000-mutation test instead, except the audio channel's codec and
// receive decisions, whose few files AudioFuzz symlinks.)
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CollabFuzz",
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(name: "RTCBase", swiftSettings: settings),
        .target(name: "STUN", dependencies: ["RTCBase", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: settings),
        .target(name: "SDP", dependencies: ["RTCBase"], swiftSettings: settings),
        .target(name: "DCEP", dependencies: ["RTCBase"], swiftSettings: settings),
        .target(name: "SignalingProtocol", dependencies: ["RTCBase"], swiftSettings: settings),
        .target(name: "COpus"),
        .target(name: "Opus", dependencies: ["COpus"], swiftSettings: settings),
        .target(name: "CFuzzerDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"], swiftSettings: settings),
        .executableTarget(name: "STUNFuzz", dependencies: ["STUN", "FuzzSupport"]),
        .executableTarget(name: "SDPFuzz", dependencies: ["SDP", "FuzzSupport"]),
        .executableTarget(name: "DCEPFuzz", dependencies: ["DCEP", "FuzzSupport"]),
        .executableTarget(name: "SignalingFuzz", dependencies: ["SignalingProtocol", "FuzzSupport"]),
        .executableTarget(name: "OpusFuzz", dependencies: ["Opus", "FuzzSupport"]),
        // The audio channel's codec and receiver, symlinked file by file (their module needs NIO).
        .executableTarget(name: "AudioFuzz", dependencies: ["Opus", "FuzzSupport"], swiftSettings: settings),
        // The cluster's wire codecs, symlinked file by file (their module needs NIO and PostgresNIO).
        .executableTarget(name: "ClusterFuzz", dependencies: ["SignalingProtocol", "FuzzSupport"], swiftSettings: settings),
    ]
)
