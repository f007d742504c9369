// `unroll bench lang`: interpreter overhead on the two loops tools/bench_lang.py times under CPython.
import Foundation
import UnrollLang

public enum LangBench {
    /// The loops, written exactly as tools/bench_lang.py writes them (inside functions, as CPython's
    /// side runs them), with the label the table prints.
    static let programs: [(label: String, define: String, call: String)] = [
        ("for i in range(1000000): x = i * 2 + 1",
         "def simple_loop():\n    for i in range(1000000):\n        x = i * 2 + 1\n", "simple_loop()"),
        ("for i in range(1000000): b.value = b.value + 1",
         "class Box:\n    def __init__(self):\n        self.value = 0\n\n"
            + "def attribute_loop():\n    b = Box()\n    for i in range(1000000):\n        b.value = b.value + 1\n",
         "attribute_loop()"),
    ]

    /// Best-of-`repeats` wall time of each loop, as a table matching tools/bench_lang.py's rows.
    public static func run(repeats: Int = 3) -> String {
        var lines = ["interpreter loops, Unroll (best of \(repeats))"]
        for program in programs {
            let session = Session(output: { _ in })
            guard session.run(program.define).succeeded else {
                lines.append(program.label + "  could not be defined")
                continue
            }
            var best = Double.infinity
            for _ in 0..<max(1, repeats) {
                let start = DispatchTime.now().uptimeNanoseconds
                let outcome = session.run(program.call)
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                guard outcome.succeeded else { best = .nan; break }
                best = min(best, elapsed)
            }
            lines.append(program.label.padding(toLength: 48, withPad: " ", startingAt: 0) + String(format: "%8.1f ms", best))
        }
        return lines.joined(separator: "\n")
    }
}
