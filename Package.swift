// swift-tools-version: 6.1
import PackageDescription

// Every target gets the same strictness: Swift 6 language mode, existential `any` spelled out.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "sop",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sop", targets: ["sop"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/JohnSundell/Plot", exact: "0.14.0"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "SOPCore", swiftSettings: strict),
        // How a command line is cut into words: shared by the parser and Tab completion.
        .target(name: "CommandWords", swiftSettings: strict),
        .target(
            name: "WorkflowFile",
            dependencies: ["SOPCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "SOPStore",
            dependencies: [
                "SOPCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The shared store's server side: connection, SOPStore's executor on it, schema with its chain and
        // identity triggers, roles SQL.
        .target(
            name: "SOPPostgres",
            dependencies: ["SOPCore", "SOPStore", .product(name: "PostgresNIO", package: "postgres-nio")],
            swiftSettings: strict
        ),
        .target(name: "LineEditor", dependencies: ["CEditLine", "CommandWords"], swiftSettings: strict),
        // OS plumbing: files the user names, the OS account, the notify hook's process, stdout/stderr.
        .target(name: "SOPSystem", dependencies: ["SOPCore"], swiftSettings: strict),
        // One use case per command: load, let SOPCore decide, store, hand back a typed result.
        .target(
            name: "SOPApp",
            dependencies: ["SOPCore", "SOPStore", "SOPPostgres", "WorkflowFile", "SOPSystem"],
            swiftSettings: strict
        ),
        // Every renderer: text tables, the agenda, the calendar, JSON, error lines, the HTML meeting pack
        // (Plot builds its HTML and SVG as a node tree, escaping every piece of text on the way out).
        .target(
            name: "SOPText",
            dependencies: ["SOPCore", "SOPStore", "SOPSystem", "SOPApp", .product(name: "Plot", package: "Plot")],
            swiftSettings: strict
        ),
        // The command table, parser, completion, help, playbooks and the handlers that wire them.
        .target(
            name: "SOPShell",
            dependencies: ["SOPCore", "SOPStore", "WorkflowFile", "SOPSystem", "SOPApp", "SOPText", "CommandWords"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "sop",
            dependencies: [
                "SOPShell", "SOPApp", "SOPText", "SOPSystem", "LineEditor",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // Reads Sources/ and fails when a module reaches past its layer (README, "Architecture").
        .testTarget(name: "ArchitectureTests", swiftSettings: strict),
        .testTarget(name: "SOPCoreTests", dependencies: ["SOPCore", "SOPText"], swiftSettings: strict),
        .testTarget(name: "WorkflowFileTests", dependencies: ["WorkflowFile", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .testTarget(name: "SOPStoreTests", dependencies: ["SOPStore"], swiftSettings: strict),
        // Runs against a real server: scripts/test starts a throw-away cluster and exports SOP_TEST_PG_URL.
        .testTarget(
            name: "SOPPostgresTests",
            dependencies: ["SOPPostgres", "SOPStore", "SOPCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strict
        ),
        .testTarget(name: "CommandWordsTests", dependencies: ["CommandWords"], swiftSettings: strict),
        .testTarget(name: "LineEditorTests", dependencies: ["LineEditor"], swiftSettings: strict),
        .testTarget(name: "SOPShellTests", dependencies: ["SOPShell", "SOPApp", "SOPText", "SOPSystem"], swiftSettings: strict),
        // Depends on the executable so the binary it drives is always built from the current sources.
        .testTarget(name: "EndToEndTests", dependencies: ["sop", "SOPShell", "SOPApp", "SOPText", "SOPSystem"], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
