// swift-tools-version:6.2
import PackageDescription

// The settings Hummingbird itself builds with: explicit existentials, imports visible only where
// declared, and internal imports unless a type leaks through the public surface.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

// usrsctp's build on Linux (usrsctplib/CMakeLists.txt and CMakeLists.txt at 0.9.5.0, with the
// options Debian builds with: SCTP_DEBUG, INET, INET6, no INVARIANTS) and upstream's two warning
// exceptions. No unsafe flags, so the package stays usable as a dependency: SwiftPM compiles C at
// -O2 in release builds (the demo, `collab serve`, the benchmarks) and -O0 in debug ones (tests).
let usrsctpSettings: [CSetting] = [
    .headerSearchPath("usrsctplib"),
    .define("__Userspace__"),
    .define("SCTP_SIMPLE_ALLOCATOR"),
    .define("SCTP_PROCESS_LEVEL_LOCKS"),
    .define("SCTP_DEBUG"),
    .define("INET"),
    .define("INET6"),
    .define("HAVE_SYS_QUEUE_H"),
    .define("HAVE_NETINET_IP_ICMP_H"),
    .define("HAVE_STDATOMIC_H"),
    .define("_GNU_SOURCE", .when(platforms: [.linux])),
    .define("HAVE_LINUX_IF_ADDR_H", .when(platforms: [.linux])),
    .define("HAVE_LINUX_RTNETLINK_H", .when(platforms: [.linux])),
    // Upstream's checks on macOS (not built here: Linux is what we test and deploy).
    .define("__APPLE_USE_RFC_2292", .when(platforms: [.macOS])),
    .define("HAVE_SA_LEN", .when(platforms: [.macOS])),
    .define("HAVE_SIN_LEN", .when(platforms: [.macOS])),
    .define("HAVE_SIN6_LEN", .when(platforms: [.macOS])),
    .disableWarning("address-of-packed-member"),
    .disableWarning("deprecated-declarations"),
]

let package = Package(
    name: "collab",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "RTCBase", targets: ["RTCBase"]),
        .library(name: "STUN", targets: ["STUN"]),
        .library(name: "ICE", targets: ["ICE"]),
        .library(name: "RTCDriver", targets: ["RTCDriver"]),
        .library(name: "SDP", targets: ["SDP"]),
        .library(name: "DCEP", targets: ["DCEP"]),
        .library(name: "DTLS", targets: ["DTLS"]),
        .library(name: "SCTP", targets: ["SCTP"]),
        .library(name: "WebRTC", targets: ["WebRTC"]),
        .library(name: "SignalingProtocol", targets: ["SignalingProtocol"]),
        .library(name: "SignalingServer", targets: ["SignalingServer"]),
        .library(name: "SignalingClient", targets: ["SignalingClient"]),
        .library(name: "Opus", targets: ["Opus"]),
        .library(name: "Collaboration", targets: ["Collaboration"]),
        .library(name: "RTCSimulation", targets: ["RTCSimulation"]),
        .executable(name: "collab", targets: ["collab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        // The DTLS shim (CDTLS) compiles against the BoringSSL this package vendors, which is not
        // its public API: a new minor version is taken only after the shim is checked against it.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", "2.37.6"..<"2.38.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", exact: "5.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // What several protocols share: the instant, the transport address, byte reader and
        // writer, hex and base64url.
        .target(
            name: "RTCBase",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "STUN",
            dependencies: ["RTCBase", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ICE",
            dependencies: ["RTCBase", "STUN", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RTCDriver",
            dependencies: [
                "ICE",
                "RTCBase",
                "STUN",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // The simulation kit (virtual clock, lossy network, NAT, in-memory TURN server) and the
        // bounded-wait tools: for tests and for benchmarks under loss.
        .target(
            name: "RTCSimulation",
            dependencies: ["RTCBase", "STUN", "ICE"],
            swiftSettings: swiftSettings
        ),
        // Test-only: coturn started by the tests, a CA made in the test, fixtures.
        .target(
            name: "RTCTestSupport",
            dependencies: ["RTCSimulation", "RTCBase", "ICE", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SDP",
            dependencies: ["RTCBase"],
            swiftSettings: swiftSettings
        ),
        // C shim over BoringSSL: one call per TLS operation plus its error-queue check, datagram
        // BIOs, certificate generation. BoringSSL is swift-nio-ssl's vendored copy (its C target
        // CNIOBoringSSL, prefixed symbols), reached through the NIOSSL product: SwiftPM gives a C
        // target the header paths of all the C targets it depends on, transitively. CNIOBoringSSL
        // is not a public product of swift-nio-ssl, so its API may move with a minor release:
        // the version range is pinned to one minor series (see `dependencies`).
        .target(
            name: "CDTLS",
            dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        .target(
            name: "DTLS",
            dependencies: ["CDTLS", "RTCBase", .product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DCEP",
            dependencies: ["RTCBase"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "WebRTC",
            dependencies: [
                "DCEP",
                "DTLS",
                "ICE",
                "RTCDriver",
                "SCTP",
                "RTCBase",
                "SDP",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // usrsctp 0.9.5.0 from source (Sources/CUsrsctpLib/README.md): the defines upstream's
        // CMake uses on Linux, optimised in release builds: Debian's libusrsctp2 is built at -O0,
        // which cost ~10 µs per echo round trip. Its public header is include/usrsctp.h, a
        // symlink into the unchanged upstream tree.
        .target(
            name: "CUsrsctpLib",
            exclude: [
                "LICENSE.md", "README.md", "usrsctplib/CMakeLists.txt", "usrsctplib/Makefile.am",
                "usrsctplib/Makefile.nmake", "usrsctplib/meson.build", "usrsctplib/netinet/meson.build",
                "usrsctplib/netinet6/meson.build",
            ],
            sources: ["usrsctplib"],
            cSettings: usrsctpSettings
        ),
        // The shim over usrsctp (AF_CONN only); Swift sees its header, never usrsctp's.
        .target(name: "CUsrsctp", dependencies: ["CUsrsctpLib"]),
        .target(
            name: "SCTP",
            dependencies: ["CUsrsctp", "RTCBase"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignalingProtocol",
            dependencies: ["RTCBase"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignalingServer",
            dependencies: [
                "RTCBase",
                "RTCDriver",
                "SignalingProtocol",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Web")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignalingClient",
            dependencies: [
                "RTCBase",
                "SignalingProtocol",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The system libopus 1.3 (libopus-dev): a module map with `link "opus"` and a shim for the
        // variadic ctl calls Swift cannot make.
        .target(name: "COpus"),
        // The system liblz4 (liblz4-dev): LZ4 blocks for large reliable payloads.
        .systemLibrary(
            name: "CLZ4",
            pkgConfig: "liblz4",
            providers: [.apt(["liblz4-dev"]), .brew(["lz4"])]
        ),
        .target(
            name: "Opus",
            dependencies: ["COpus"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Collaboration",
            // Only the facades: WebRTC, the signaling client, the base module and the codecs.
            dependencies: [
                "CLZ4",
                "Opus",
                "RTCBase",
                "SignalingClient",
                "SignalingProtocol",
                "WebRTC",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "collab",
            dependencies: [
                "Collaboration",
                "ICE",
                "Opus",
                "RTCSimulation",
                "DTLS",
                "RTCBase",
                "STUN",
                "WebRTC",
                "SignalingProtocol",
                "SignalingServer",
                "SignalingClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RTCBaseTests",
            dependencies: ["RTCBase"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "STUNTests",
            dependencies: ["RTCBase", "STUN", "RTCTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ICETests",
            dependencies: ["ICE", "RTCBase", "STUN", "RTCTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RTCDriverTests",
            dependencies: [
                "RTCDriver",
                "RTCTestSupport",
                "ICE",
                "RTCBase",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SDPTests",
            dependencies: ["SDP", "RTCTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DCEPTests",
            dependencies: ["DCEP"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WebRTCTests",
            dependencies: [
                "DTLS",
                "ICE",
                "RTCDriver",
                "RTCTestSupport",
                "RTCBase",
                "WebRTC",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DTLSTests",
            dependencies: ["DTLS", "RTCBase", "RTCTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SCTPTests",
            dependencies: ["SCTP", "RTCBase", "RTCTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignalingProtocolTests",
            dependencies: ["SignalingProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpusTests",
            dependencies: ["Opus"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CollaborationTests",
            dependencies: ["Collaboration", "Opus", "RTCBase", "RTCTestSupport", "SignalingProtocol"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: [
                "Collaboration",
                "Opus",
                "RTCSimulation",
                "SignalingClient",
                "SignalingProtocol",
                "SignalingServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignalingServerTests",
            dependencies: [
                "RTCBase",
                "STUN",
                "SignalingProtocol",
                "SignalingServer",
                "SignalingClient",
                "RTCTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
