// swift-tools-version:6.0
// Unroll: a terminal kit for learning recurrent neural networks the PyTorch way.
import PackageDescription

let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "Unroll",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "unroll", targets: ["unroll"]),
        .library(name: "UnrollTensor", targets: ["UnrollTensor"]),
        .library(name: "UnrollNN", targets: ["UnrollNN"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine", path: "Sources/CEditLine", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        .systemLibrary(
            name: "CBLAS", path: "Sources/CBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"]), .brew(["openblas"])]),
        // The numeric targets are optimised in debug builds too: `make test` replays the training lessons and runs the
        // training-program tests on a debug build, which at -Onone is 20-50x slower than release there.
        .target(name: "UnrollTensor", dependencies: ["CBLAS", "CKernels"], swiftSettings: optimisedInDebug),
        // Hand-vectorised C kernels (AVX2+FMA, chosen at run time) for the recurrent layers' small per-step products,
        // and the worker pool that splits a kernel call across threads.
        .target(name: "CKernels", path: "Sources/CKernels", cSettings: [.unsafeFlags(["-O2"])]),
        .target(name: "UnrollNN", dependencies: ["UnrollTensor", "CBLAS", "CKernels"], swiftSettings: optimisedInDebug),
        .target(
            name: "UnrollData",
            dependencies: ["UnrollTensor", "UnrollNN", .product(name: "SwiftCSV", package: "SwiftCSV")]),
        .target(name: "UnrollPlot"),
        .target(
            name: "UnrollLang", dependencies: ["UnrollTensor", "UnrollNN", "UnrollData", "UnrollPlot"],
            // The interpreter touches its frames and globals on every statement; Swift's dynamic exclusivity
            // checks cost a third of its time there (measured with perf), so release builds skip them.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]),
        .target(name: "UnrollLessons", dependencies: ["UnrollLang"]),
        .target(name: "UnrollREPL", dependencies: ["UnrollLang", "UnrollLessons", "UnrollNN", "UnrollTensor", "CEditLine"]),
        .target(name: "UnrollBench", dependencies: ["UnrollTensor", "UnrollNN", "UnrollLang", "CBLAS"]),
        .executableTarget(
            name: "unroll",
            dependencies: [
                "UnrollREPL", "UnrollLang", "UnrollLessons", "UnrollTensor", "UnrollNN", "UnrollBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "UnrollTensorTests", dependencies: ["UnrollTensor"], path: "Tests/UnrollTensorTests"),
        .testTarget(name: "UnrollNNTests", dependencies: ["UnrollNN"], path: "Tests/UnrollNNTests"),
        .testTarget(name: "UnrollDataTests", dependencies: ["UnrollData"], path: "Tests/UnrollDataTests"),
        .testTarget(name: "UnrollPlotTests", dependencies: ["UnrollPlot"], path: "Tests/UnrollPlotTests"),
        // The corpus snippets and their expected output are read through #filePath, not bundled.
        .testTarget(name: "UnrollLangTests", dependencies: ["UnrollLang"], path: "Tests/UnrollLangTests", exclude: ["Corpus"]),
        .testTarget(name: "UnrollLessonsTests", dependencies: ["UnrollLessons"], path: "Tests/UnrollLessonsTests"),
        .testTarget(name: "UnrollREPLTests", dependencies: ["UnrollREPL", "UnrollNN", "UnrollTensor"], path: "Tests/UnrollREPLTests"),
    ]
)
