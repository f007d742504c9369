// `unroll bench`: the speed tables (tensor kernels, recurrent layers, interpreter, start-up) that the README reports.
import ArgumentParser
import Foundation
import UnrollBench

/// `unroll bench [tensor|rnn|lang|startup|train|all]`. Each table has a PyTorch or CPython counterpart in
/// `tools/` printing the same rows on the same machine; the README reports the ratios.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Unroll's speed: tensor kernels, recurrent layers, the interpreter and start-up.",
        discussion: "Build with `swift build -c release` first: debug builds are many times slower.")

    enum Which: String, ExpressibleByArgument, CaseIterable {
        case tensor, rnn, lang, startup, train, all
    }

    @Argument(help: "Which table: \(Which.allCases.map(\.rawValue).joined(separator: ", ")).")
    var which: Which = .all

    @Option(help: "Worker threads for the tensor kernels (results are identical at any count).")
    var threads: Int?

    @Option(help: "Only the recurrent sizes whose label starts with this, e.g. H128 (rnn table).")
    var size: String?

    @Option(help: "Only this recurrent model: RNN, LSTM or GRU (rnn table).")
    var model: String?

    func validate() throws {
        if let model, !["RNN", "LSTM", "GRU"].contains(model) {
            throw ValidationError("--model must be RNN, LSTM or GRU, not '\(model)'.")
        }
    }

    func run() throws {
        if which == .tensor || which == .all {
            print(try TensorBench.run(threads: threads))
            print("")
        }
        if which == .rnn || which == .all {
            print(try RNNBench.run(threads: threads, kinds: model.map { [$0] }, size: size))  // PyTorch side: python3 tools/bench_rnn.py THREADS [SIZE]
            print("")
        }
        if which == .lang || which == .all {
            print(LangBench.run())
            print("")
        }
        if which == .startup || which == .all {
            print(StartupBench.report(unrollPath: CommandLine.arguments.first.map(Bench.resolve) ?? "unroll"))
        }
        if which == .train || which == .all {
            if which == .all { print("") }
            print(try TrainBench.run(threads: threads))  // PyTorch side: python3 tools/bench_train.py
        }
    }

    /// The running binary's absolute path, so start-up is measured on the same build.
    static func resolve(_ argv0: String) -> String {
        if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return link }
        return argv0
    }
}
