// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "WorkshopKit",
  platforms: [.macOS(.v14)],
  products: [
    .library(name: "WorkshopKit", targets: ["WorkshopKit"]),
    .executable(name: "workshopkit", targets: ["workshopkit"]),
    .executable(name: "workshopkit-server", targets: ["workshopkit-server"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
  ],
  targets: [
    // libxml2 behind one door: only Sources/WorkshopKit/Rendering/XML imports it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // libxml2's memory while a kit document is built and written: a per-thread arena.
    .target(name: "CXMLArena"),
    .target(
      name: "WorkshopKit",
      dependencies: ["CLibXML2", "CXMLArena", .product(name: "Yams", package: "Yams")]
    ),
    // Follow-up answers in SQLite (GRDB): links, answers, export; read by `build` for the recap.
    .target(
      name: "WorkshopKitStore",
      dependencies: [
        "WorkshopKit",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The web server (Hummingbird), kept out of `workshopkit` so the core CLI never compiles it.
    .target(
      name: "WorkshopKitServer",
      dependencies: [
        "WorkshopKit", "WorkshopKitStore",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .executableTarget(
      name: "workshopkit",
      dependencies: [
        "WorkshopKit", "WorkshopKitStore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "workshopkit-server",
      dependencies: [
        "WorkshopKitServer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // `swift run -c release workshopkit-bench --programs 1000`: speed and memory of a batch build.
    .executableTarget(
      name: "workshopkit-bench",
      dependencies: ["WorkshopKit"]
    ),
    .testTarget(
      name: "WorkshopKitTests",
      // The CLI is a dependency so `swift test` builds it for the end-to-end tests.
      dependencies: ["WorkshopKit", "WorkshopKitStore", "workshopkit"],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "WorkshopKitServerTests",
      dependencies: [
        "WorkshopKitServer", "WorkshopKitStore", "workshopkit-server",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        // The hash of the one inline script, worked out apart from the server's own.
        .product(name: "Crypto", package: "swift-crypto"),
        // A second connection that holds the database's write lock.
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
  ]
)
