// swift-tools-version:6.2
import PackageDescription

// The two C shims (CDTLS over swift-nio-ssl's vendored BoringSSL, CUsrsctp over the vendored
// usrsctp; both libraries are instrumented too) and the Swift cores that drive them, with their tests, for AddressSanitizer runs: kept out
// of the main package so the sanitized build is a minute, not the whole server stack. Sources and Tests are symlinks to
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
        // BoringSSL for CDTLS, as in ../Package.swift (same pinned range).
        .package(url: "https://github.com/apple/swift-nio-ssl.git", "2.37.6"..<"2.38.0"),
    ],
    targets: [
        .target(name: "RTCBase", swiftSettings: settings),
        .target(name: "STUN", dependencies: ["RTCBase", .product(name: "Crypto", package: "swift-crypto")], swiftSettings: settings),
        .target(name: "ICE", dependencies: ["RTCBase", "STUN", .product(name: "DequeModule", package: "swift-collections")],
                swiftSettings: settings),
        .target(name: "RTCSimulation", dependencies: ["RTCBase", "STUN", "ICE"], swiftSettings: settings),
        .target(name: "RTCTestSupport",
                dependencies: ["RTCSimulation", "RTCBase", "ICE", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: settings),
        .target(name: "CDTLS", dependencies: [.product(name: "NIOSSL", package: "swift-nio-ssl")]),
        .target(name: "DTLS", dependencies: ["CDTLS", "RTCBase", .product(name: "DequeModule", package: "swift-collections")],
                swiftSettings: settings),
        // The vendored usrsctp, instrumented too; the settings of ../Package.swift's usrsctpSettings.
        .target(
            name: "CUsrsctpLib",
            exclude: [
                "LICENSE.md", "README.md", "usrsctplib/CMakeLists.txt", "usrsctplib/Makefile.am",
                "usrsctplib/Makefile.nmake", "usrsctplib/meson.build", "usrsctplib/netinet/meson.build",
                "usrsctplib/netinet6/meson.build",
            ],
            sources: ["usrsctplib"],
            cSettings: [
                .headerSearchPath("usrsctplib"),
                .define("__Userspace__"), .define("SCTP_SIMPLE_ALLOCATOR"), .define("SCTP_PROCESS_LEVEL_LOCKS"),
                .define("SCTP_DEBUG"), .define("INET"), .define("INET6"), .define("HAVE_SYS_QUEUE_H"),
                .define("HAVE_NETINET_IP_ICMP_H"), .define("HAVE_STDATOMIC_H"), .define("_GNU_SOURCE"),
                .define("HAVE_LINUX_IF_ADDR_H"), .define("HAVE_LINUX_RTNETLINK_H"),
                .disableWarning("address-of-packed-member"),
                .disableWarning("deprecated-declarations"),
            ]
        ),
        .target(name: "CUsrsctp", dependencies: ["CUsrsctpLib"]),
        .target(name: "SCTP", dependencies: ["CUsrsctp", "RTCBase"], swiftSettings: settings),
        .testTarget(name: "DTLSTests", dependencies: ["DTLS", "RTCBase", "RTCTestSupport"], swiftSettings: settings),
        .testTarget(name: "SCTPTests", dependencies: ["SCTP", "RTCBase", "RTCTestSupport"], swiftSettings: settings),
    ]
)
