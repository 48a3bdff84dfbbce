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
        .executableTarget(
            name: "switchboard",
            dependencies: [
                "SwitchboardCore",
                "SwitchboardEngine",
                "SwitchboardSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(name: "SwitchboardCoreTests", dependencies: ["SwitchboardCore"], swiftSettings: upcomingFeatures),
        .testTarget(
            name: "SwitchboardEngineTests",
            dependencies: ["SwitchboardCore", "SwitchboardEngine", "SwitchboardSimulation"],
            swiftSettings: upcomingFeatures
        ),
    ]
)
