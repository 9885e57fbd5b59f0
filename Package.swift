// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Airlock",
    products: [
        .executable(name: "airlock", targets: ["airlock"]),
        .executable(name: "airlock-bench", targets: ["airlock-bench"]),
        .library(name: "AirlockCore", targets: ["AirlockCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .target(
            name: "AirlockCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The C API, for `list` to read rows in place.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(name: "AirlockAgents", dependencies: ["AirlockCore"]),
        .target(
            name: "AirlockTUI",
            dependencies: ["AirlockCore", .product(name: "TOMLKit", package: "TOMLKit")]
        ),
        .systemLibrary(
            name: "CNcursesW",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "AirlockTerminal", dependencies: ["CNcursesW", "AirlockCore", "AirlockTUI"]),
        .executableTarget(
            name: "airlock",
            dependencies: [
                "AirlockCore", "AirlockAgents", "AirlockTUI", "AirlockTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "airlock-bench",
            dependencies: ["AirlockCore", "AirlockAgents", "AirlockTUI", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(name: "airlock-fuzz", dependencies: ["AirlockCore"]),
        .testTarget(
            name: "AirlockCoreTests",
            dependencies: ["AirlockCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "AirlockTUITests", dependencies: ["AirlockTUI", "AirlockCore"]),
        .testTarget(name: "AirlockAgentsTests", dependencies: ["AirlockAgents", "AirlockCore"]),
        // What the benchmarks measure with: markers on a pseudo-terminal, peak memory, the corpus, the reporters.
        .testTarget(name: "AirlockBenchTests", dependencies: ["airlock-bench", "AirlockCore"]),
        .testTarget(name: "AirlockTerminalTests", dependencies: ["AirlockTerminal", "AirlockTUI", "AirlockCore", "CNcursesW"]),
        .testTarget(
            name: "AirlockCLITests",
            dependencies: [
                "airlock", "AirlockCore", "AirlockTUI", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
