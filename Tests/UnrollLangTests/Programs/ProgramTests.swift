// Whole course programs (Tests/Fixtures/programs/*.py) run end to end and compared with what real PyTorch printed.
import Foundation
import Testing
import UnrollNN
@testable import UnrollLang

/// Locates Tests/Fixtures/programs and the package's datasets/ folder from this file.
enum ProgramFixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = packageRoot.appendingPathComponent("Tests/Fixtures/programs")
    static let checkpointLine = "CHECKPOINT_FILE_PATH = \"checkpoints\""

    /// Runs a program as `unroll run` does (no echo), with its checkpoints in `scratch` and each `plt.show()` also
    /// saving `scratch/figure.svg`; returns stdout and the error.
    static func run(_ name: String, scratch: URL) throws -> (output: String, error: String?) {
        // The programs read the shipped CSVs by file name; every test sets the same folder, so no race matters.
        setenv("UNROLL_DATASETS", packageRoot.appendingPathComponent("datasets").path, 0)
        let source = try String(contentsOf: directory.appendingPathComponent(name + ".py"), encoding: .utf8)
            .replacingOccurrences(of: checkpointLine, with: "CHECKPOINT_FILE_PATH = \"\(scratch.path)/checkpoints\"")
            .replacingOccurrences(of: "    plt.show()\n", with: "    plt.savefig(\"\(scratch.path)/figure.svg\")\n    plt.show()\n")
        var output = ""
        let session = Session(output: { output += $0 }, printsErrors: false)
        let outcome = session.run(source, file: name + ".py", echo: false)
        return (output, outcome.errorText)
    }

    static func expected(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(name + ".out"), encoding: .utf8)
    }

    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-programs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Compares printed output line by line: the text between numbers exactly, the numbers within a tolerance (float
/// summation order differs between Unroll and PyTorch), wall-clock fields masked.
enum OutputComparison {
    private static let number = try? NSRegularExpression(pattern: #"-?\d+(?:,\d{3})*(?:\.\d+)?(?:e[-+]?\d+)?"#)
    private static let clocks: [(String, String)] = [
        (#"T_time: \d+:\d\d:\d\d, T_speed: [0-9.]+"#, "T_time: <clock>, T_speed: <speed>"),
        (#"Final training time: \d+:\d\d:\d\d"#, "Final training time: <clock>"),
    ]

    static func maskClocks(_ line: String) -> String {
        clocks.reduce(line) { $0.replacingOccurrences(of: $1.0, with: $1.1, options: .regularExpression) }
    }

    /// The numbers of a line and the text around them (numbers replaced by `#`).
    static func split(_ line: String) -> (skeleton: String, numbers: [(text: String, value: Double)]) {
        let ns = line as NSString
        var skeleton = "", numbers: [(String, Double)] = [], last = 0
        for match in number?.matches(in: line, range: NSRange(location: 0, length: ns.length)) ?? [] {
            skeleton += ns.substring(with: NSRange(location: last, length: match.range.location - last)) + "#"
            let text = ns.substring(with: match.range)
            numbers.append((text, Double(text.replacingOccurrences(of: ",", with: "")) ?? .nan))
            last = match.range.location + match.range.length
        }
        skeleton += ns.substring(from: last)
        return (skeleton, numbers)
    }

    /// Relative 1e-4, or one and a half units of the last printed decimal (a 4-decimal loss may round either way).
    static func close(_ actual: Double, _ expected: (text: String, value: Double)) -> Bool {
        let decimals = expected.text.split(separator: ".").dropFirst().first.map { $0.prefix { $0.isNumber }.count } ?? 0
        let printedUnit = decimals > 0 ? pow(10, -Double(decimals)) : 0
        return abs(actual - expected.value) <= max(1e-4 * abs(expected.value), 1.5 * printedUnit, 1e-9)
    }

    /// Problems found, one message per differing line.
    static func differences(actual: String, expected: String) -> [String] {
        let a = actual.components(separatedBy: "\n").map(maskClocks)
        let e = expected.components(separatedBy: "\n").map(maskClocks)
        var problems: [String] = []
        for (i, (got, want)) in zip(a, e).enumerated() {
            let (gs, gn) = split(got), (ws, wn) = split(want)
            if gs != ws || gn.count != wn.count || zip(gn, wn).contains(where: { !close($0.value, $1) }) {
                problems.append("line \(i + 1): expected \(want.debugDescription), got \(got.debugDescription)")
            }
        }
        if a.count != e.count { problems.append("expected \(e.count) lines, got \(a.count)") }
        return problems
    }
}

@Suite struct ProgramTests {
    @Test func electricityLSTMAndGRUMatchPyTorch() throws {
        let scratch = try ProgramFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (output, error) = try ProgramFixtures.run("electricity_lstm_gru", scratch: scratch)
        #expect(error == nil, "\(error ?? "")")
        for problem in OutputComparison.differences(actual: output, expected: try ProgramFixtures.expected("electricity_lstm_gru")) {
            Issue.record("electricity_lstm_gru: \(problem)")
        }
    }

    @Test func bikeSharingTrainerMatchesPyTorch() throws {
        let scratch = try ProgramFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let (output, error) = try ProgramFixtures.run("bikes_rnn", scratch: scratch)
        #expect(error == nil, "\(error ?? "")")
        // PyTorch's run draws its figure off screen; Unroll's plt.show() prints it after the text both print.
        let expected = try ProgramFixtures.expected("bikes_rnn")
        let lines = output.components(separatedBy: "\n")
        let textLines = expected.components(separatedBy: "\n").count - 1
        let text = lines.prefix(textLines).joined(separator: "\n") + "\n"
        for problem in OutputComparison.differences(actual: text, expected: expected) {
            Issue.record("bikes_rnn: \(problem)")
        }
        // The three-panel prediction plot: a title per panel, both series in each legend, braille curves, 80 columns.
        let figure = Array(lines.dropFirst(textLines))
        #expect(figure.map { $0.trimmingCharacters(in: .whitespaces) }.filter { ["train", "validation", "test"].contains($0) }
                == ["train", "validation", "test"])
        #expect(figure.filter { $0.contains("── target") && $0.contains("── prediction") }.count == 3)
        #expect(figure.contains { $0.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) } })
        #expect(figure.allSatisfy { $0.count <= 80 })
        let svg = try String(contentsOf: scratch.appendingPathComponent("figure.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") || svg.hasPrefix("<svg"))
        for title in [">train<", ">validation<", ">test<", ">target<", ">prediction<"] {
            #expect(svg.contains(title), "figure.svg lacks \(title)")
        }
        // EarlyStopping left a run checkpoint and the latest one, both safetensors files holding MyModel's weights
        // (safetensors stores names sorted, so compare them as a set).
        let files = try FileManager.default.contentsOfDirectory(atPath: scratch.appendingPathComponent("checkpoints").path)
        #expect(files.contains("rnn_bikes_checkpoint_latest.safetensors"))
        #expect(files.filter { $0.hasPrefix("rnn_bikes_checkpoint_") && $0.hasSuffix(".safetensors") }.count == 2)
        let latest = try SafeTensors.load(from: scratch.appendingPathComponent("checkpoints/rnn_bikes_checkpoint_latest.safetensors").path)
        #expect(Set(latest.tensors.map(\.0)) == ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                                            "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1",
                                            "fcn.weight", "fcn.bias"])
    }

    @Test func comparisonCatchesDifferences() {
        #expect(OutputComparison.differences(actual: "Test MSE: 0.0663533", expected: "Test MSE: 0.06635328").isEmpty)
        #expect(!OutputComparison.differences(actual: "Test MSE: 0.0670", expected: "Test MSE: 0.0663").isEmpty)
        #expect(!OutputComparison.differences(actual: "Test RMSE: 0.0663", expected: "Test MSE: 0.0663").isEmpty)
        #expect(!OutputComparison.differences(actual: "a\nb", expected: "a").isEmpty)
        #expect(OutputComparison.differences(actual: "[Epoch   1] T_time: 00:00:03, T_speed: 0.002",
                                             expected: "[Epoch   1] T_time: 00:00:00, T_speed: 0.015").isEmpty)
    }
}
