// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "WorkshopKit",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "WorkshopKit", targets: ["WorkshopKit"]),
    .executable(name: "workshopkit", targets: ["workshopkit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
  ],
  targets: [
    // libxml2 behind one door: only Sources/WorkshopKit/Rendering/XML imports it.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    .target(
      name: "WorkshopKit",
      dependencies: ["CLibXML2", .product(name: "Yams", package: "Yams")]
    ),
    .executableTarget(
      name: "workshopkit",
      dependencies: [
        "WorkshopKit",
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
      dependencies: ["WorkshopKit", "workshopkit"],
      exclude: ["Fixtures"]
    ),
  ]
)
