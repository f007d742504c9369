// Feeds 100,000+ generated and mutated programs through the parser and interpreter: each must end in a value or an error.
import Foundation
import Testing
@testable import UnrollLang

/// Deterministic generator so a failure reproduces.
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Course-style code (the torch-free parts, so fuzzing never allocates big tensors).
let courseSeeds = [
    """
    def create_sequences(df, seq_length):
        xs, ys = [], []
        for i in range(len(df) - seq_length):
            x = df[i:(i + seq_length)]
            y = df[i + seq_length]
            xs.append(x)
            ys.append(y)
        return xs, ys
    X, y = create_sequences(list(range(20)), 4)
    print(len(X), y[:3])
    """,
    """
    class Net:
        def __init__(self, hidden=32):
            self.hidden = hidden
            self.layers = [hidden] * 2
        def forward(self, x):
            out, (h, c) = x, (x + 1, x * 2)
            return out + h - c
    net = Net()
    for epoch in range(3):
        loss = net.forward(epoch) / 2
        print(f"Epoch {epoch+1}, Loss: {loss:.4f}")
    """,
    """
    total, count = 0.0, 0
    data = {"train": [1.5, 2.5], "test": [3.0]}
    for name, values in data.items():
        for v in values:
            total += v ** 2
            count += 1
    mean = total / count if count else None
    assert mean > 0, "positive"
    [round(v, 2) for v in data["train"] if v > 2]
    """,
]

let tokens = ["x", "y", "f", "(", ")", "[", "]", "{", "}", ":", ",", ".", "=", "==", "+", "-", "*", "/", "//", "%",
              "**", "@", "<", ">", "not", "and", "or", "if", "else", "elif", "for", "in", "while", "def", "class",
              "return", "lambda", "try", "with", "as", "import", "from", "print", "range", "len", "0", "1", "-1",
              "2.5", "1e308", "'s'", "\"t\"", "f'{x}'", "f'{x:.2f}'", "None", "True", "...", "\n", "\n    ", "\n        ",
              "#c", "\\", "'''", "[]", "()", "{}", "self", "super", "x.y", "del", "assert", "pass", "break", "continue",
              "9223372036854775807", "-9223372036854775808", "*", "**", "&", "|", "^", "~", "<<", ">>", "is", ";"]

func randomTokenProgram(_ rng: inout SplitMix64) -> String {
    (0..<(1 + rng.below(30))).map { _ in rng.pick(tokens) }.joined(separator: rng.below(3) == 0 ? "" : " ")
}

func mutate(_ source: String, _ rng: inout SplitMix64) -> String {
    var chars = Array(source)
    for _ in 0..<(1 + rng.below(4)) {
        guard !chars.isEmpty else { break }
        let i = rng.below(chars.count)
        switch rng.below(5) {
        case 0: chars.remove(at: i)
        case 1: chars.insert(rng.pick(Array("()[]{}:,.'\"\n =+-*/#\\0x9")), at: i)
        case 2: chars = Array(chars.prefix(i))
        case 3:
            let j = min(chars.count, i + rng.below(20))
            chars.insert(contentsOf: chars[i..<j], at: i)
        default:
            let j = rng.below(chars.count)
            chars.swapAt(i, j)
        }
    }
    return String(chars)
}

/// A run of up to 12 consecutive lines of a seed (keeps each program small so 100k run quickly).
func window(_ source: String, _ rng: inout SplitMix64) -> String {
    let lines = source.components(separatedBy: "\n")
    let start = rng.below(lines.count)
    return lines[start..<min(lines.count, start + 1 + rng.below(12))].joined(separator: "\n")
}

func extremeProgram(_ rng: inout SplitMix64) -> String {
    let n = 50 + rng.below(600)
    switch rng.below(8) {
    case 0: return String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
    case 1: return String(repeating: "[", count: n) + String(repeating: "]", count: n)
    case 2: return "x = " + String(repeating: "9", count: n)
    case 3: return "x = " + String(repeating: "-", count: n) + "1"
    case 4: return (0..<min(n, 300)).map { String(repeating: " ", count: $0) + "if True:" }.joined(separator: "\n") + "\n" + String(repeating: " ", count: 301) + "pass"
    case 5: return "x = []\nfor i in range(\(n)):\n    x = [x]\nlen(str(x))"
    case 6: return "s = 'a' * \(n * 10)\nlen(s)"
    default: return "x = " + String(repeating: "1 + ", count: n) + "1"
    }
}

@Suite struct FuzzTests {
    @Test func hundredThousandProgramsEndInValueOrError() throws {
        var seeds = courseSeeds
        for name in corpusNames() {
            if let s = try? String(contentsOf: corpusDirectory.appendingPathComponent(name + ".py"), encoding: .utf8), !s.contains("torch") {
                seeds.append(s)
            }
        }
        var rng = SplitMix64(state: 0x5EED)
        var session = Session(output: { _ in })
        var outcomes = (succeeded: 0, failed: 0)
        let total = 100_000
        for i in 0..<total {
            if i % 2000 == 0 {
                session = Session(output: { _ in })
                session.interpreter.stepBudget = 2000
            }
            let program: String
            let category = rng.below(10)
            switch category {
            case 0...3: program = randomTokenProgram(&rng)
            case 4...7: program = mutate(window(rng.pick(seeds), &rng), &rng)
            case 8: program = String(rng.pick(seeds).prefix(rng.below(400)))
            default: program = extremeProgram(&rng)
            }
            let outcome = session.run(program)

            if outcome.succeeded { outcomes.succeeded += 1 } else {
                outcomes.failed += 1
                #expect(outcome.errorLine?.isEmpty == false)
            }
        }
        #expect(outcomes.succeeded + outcomes.failed == total)
        #expect(outcomes.succeeded > 1000)
        #expect(outcomes.failed > 1000)
    }
}
