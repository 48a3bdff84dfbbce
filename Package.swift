// swift-tools-version: 6.1
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Switchboard",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "switchboard", targets: ["switchboard"]),
        .library(name: "SwitchboardCore", targets: ["SwitchboardCore"]),
        .library(name: "SwitchboardEngine", targets: ["SwitchboardEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/swift-websocket", from: "1.6.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Pure domain: state machines, routing, controls, dial numbers, events. No I/O, no Foundation.
        .target(name: "SwitchboardCore", swiftSettings: upcomingFeatures),
        // One serial executor per tenant: applies commands, signals and timers; sequences events.
        .target(name: "SwitchboardEngine", dependencies: ["SwitchboardCore"], swiftSettings: upcomingFeatures),
        // A seeded, deterministic contact-center day, shared by the scenario tests and the benchmark.
        .target(
            name: "SwitchboardSimulation",
            dependencies: ["SwitchboardCore", "SwitchboardEngine"],
            swiftSettings: upcomingFeatures
        ),
        // The storage port's SQLite implementation: the event and input journal, snapshots,
        // configuration, users and tokens.
        .target(
            name: "SwitchboardStore",
            dependencies: [
                "SwitchboardCore", "SwitchboardEngine", "CZstd", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // zlib, from the system (Debian's zlib1g-dev): the store deflates event messages.
        .systemLibrary(name: "CZstd", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SIP (RFC 3261): messages read and written; transactions, dialogs and the provider follow.
        .target(
            name: "SwitchboardSIP",
            dependencies: [
                "SwitchboardCore", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // Media: RTP read in place, the RTP port range and the plain relay between two legs.
        .target(
            name: "SwitchboardMedia",
            dependencies: [.product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: upcomingFeatures
        ),
        // The telephony providers: the simulated phone network (`sim`: customers' calls, agents'
        // phones, outside parties) and SIP (`sip`: agents' phones registering, trunks and calls).
        .target(
            name: "SwitchboardTelephony",
            dependencies: [
                "SwitchboardCore", "SwitchboardEngine", "SwitchboardMedia", "SwitchboardSIP",
                .product(name: "Logging", package: "swift-log"), .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // The Hummingbird application: the HTTP and WebSocket API of API.md, auth, metrics.
        .target(
            name: "SwitchboardServer",
            dependencies: [
                "SwitchboardCore", "SwitchboardEngine", "SwitchboardSIP", "SwitchboardStore", "SwitchboardTelephony",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            // The OpenAPI document (docs/openapi.yaml links here) and the web pages.
            resources: [.copy("Resources/openapi.yaml"), .copy("Resources/web")],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardCore",
                "SwitchboardEngine",
                "SwitchboardSimulation",
                "SwitchboardServer",
                "SwitchboardStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(name: "SwitchboardCoreTests", dependencies: ["SwitchboardCore"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "SwitchboardMediaTests",
            dependencies: [
                "SwitchboardMedia", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: upcomingFeatures
        ),
        // RFC4475: the torture-test messages of RFC 4475, byte for byte.
        .testTarget(
            name: "SwitchboardSIPTests",
            dependencies: [
                "SwitchboardCore", "SwitchboardSIP", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("RFC4475")],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "SwitchboardStoreTests",
            dependencies: [
                "SwitchboardCore", "SwitchboardEngine", "SwitchboardStore", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "SwitchboardServerTests",
            dependencies: [
                "SwitchboardCore", "SwitchboardEngine", "SwitchboardServer", "SwitchboardSimulation", "SwitchboardSIP",
                "SwitchboardStore", "SwitchboardTelephony", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "WSClient", package: "swift-websocket"),
            ],
            // Databases of earlier releases, read in place by the upgrade tests (`#filePath`).
            exclude: ["Fixtures"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "SwitchboardEngineTests",
            dependencies: ["SwitchboardCore", "SwitchboardEngine", "SwitchboardSimulation"],
            swiftSettings: upcomingFeatures
        ),
    ]
)
