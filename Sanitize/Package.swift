// swift-tools-version:6.2
import PackageDescription

// The two C shims (CDTLS over the BoringSSL that swift-nio-ssl vendors, CUsrsctp over the vendored
// usrsctp; both libraries are instrumented too) and the Swift cores that drive them, with their tests, for
// AddressSanitizer runs: kept out of the main package so the sanitized build is those libraries and
// nothing of the server stack. Sources and Tests are symlinks to the main package's folders; the
// BoringSSL sources are those of the main package's swift-nio-ssl checkout (scripts/asan-shims links
// Sources/CNIOBoringSSL to it), built here as a target of their own, so neither NIO, NIOSSL nor
// swift-crypto's second BoringSSL are built under the sanitizer. TestSupport/RTCTestSupport holds
// symlinks to the few test-support files the two test targets use. Run with scripts/asan-shims.
let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Sanitize",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        .target(name: "RTCBase", swiftSettings: settings),
        .target(name: "RTCTestSupport", dependencies: ["RTCBase"], path: "TestSupport/RTCTestSupport", swiftSettings: settings),
        // swift-nio-ssl's target of the same name, with its settings (its Package.swift).
        .target(
            name: "CNIOBoringSSL",
            exclude: ["hash.txt"],
            cSettings: [.define("_GNU_SOURCE"), .define("_POSIX_C_SOURCE", to: "200112L"), .define("_DARWIN_C_SOURCE")]
        ),
        .target(name: "CDTLS", dependencies: ["CNIOBoringSSL"]),
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
    ],
    cxxLanguageStandard: .cxx17
)
