// swift-tools-version:6.2
import PackageDescription

// The two C shims (CDTLS over OpenSSL, CUsrsctp over usrsctp) and the Swift cores that drive
// them, with their tests, for AddressSanitizer runs: kept out of the main package so the
// sanitized build is a minute, not the whole server stack. Sources and Tests are symlinks to
// the main package's folders. Run with scripts/asan-shims.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Sanitize",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        .target(name: "STUN", dependencies: [.product(name: "Crypto", package: "swift-crypto")], swiftSettings: settings),
        .target(name: "ICE", dependencies: ["STUN", .product(name: "DequeModule", package: "swift-collections")],
                swiftSettings: settings),
        .target(name: "RTCSimulation", dependencies: ["STUN", "ICE"], swiftSettings: settings),
        .target(name: "RTCTestSupport",
                dependencies: ["RTCSimulation", "STUN", "ICE", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: settings),
        .target(name: "CDTLS", linkerSettings: [.linkedLibrary("ssl"), .linkedLibrary("crypto")]),
        .target(name: "DTLS", dependencies: ["CDTLS", "STUN", .product(name: "DequeModule", package: "swift-collections")],
                swiftSettings: settings),
        .target(name: "CUsrsctp"),
        .target(name: "SCTP", dependencies: ["CUsrsctp", "STUN"], swiftSettings: settings),
        .testTarget(name: "DTLSTests", dependencies: ["DTLS", "STUN", "RTCTestSupport"], swiftSettings: settings),
        .testTarget(name: "SCTPTests", dependencies: ["SCTP", "STUN", "RTCTestSupport"], swiftSettings: settings),
    ]
)
