// tqdm's bar text, the course's EarlyStopping and strfdelta against Tests/Fixtures/training_utils, plus Ctrl-C in training loops.
import Foundation
import Testing
@testable import UnrollLang

private let fixtures = ProgramFixtures.packageRoot.appendingPathComponent("Tests/Fixtures/training_utils")

private func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: fixtures.appendingPathComponent(name))
    return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
}

/// Runs `source` in a fresh session (no echo) and returns what it printed and its error text.
private func run(_ source: String) -> (output: String, error: String?) {
    var output = ""
    let session = Session(output: { output += $0 }, printsErrors: false)
    let outcome = session.run(source, echo: false)
    return (output, outcome.errorText)
}

@Suite struct TqdmMeterTests {
    @Test func metersMatchTqdm() throws {
        let cases = try json("tqdm_meter.json")["meters"] as? [[String: Any]] ?? []
        #expect(cases.count >= 10)
        for c in cases {
            let text = TqdmMeter.format(n: c["n"] as? Int ?? -1, total: c["total"] as? Int,
                                        elapsed: (c["elapsed"] as? NSNumber)?.doubleValue ?? -1, ncols: c["ncols"] as? Int,
                                        prefix: c["prefix"] as? String ?? "", unit: c["unit"] as? String ?? "",
                                        postfix: c["postfix"] as? String ?? "")
            #expect(text == c["text"] as? String, "\(c)")
        }
    }

    @Test func intervalsAndNumbersMatchTqdm() throws {
        let data = try json("tqdm_meter.json")
        for c in data["intervals"] as? [[String: Any]] ?? [] {
            #expect(TqdmMeter.interval((c["seconds"] as? NSNumber)?.doubleValue ?? .nan) == c["text"] as? String, "\(c)")
        }
        let numbers = data["numbers"] as? [[String: Any]] ?? []
        #expect(numbers.count >= 8)
        for c in numbers {
            let n = c["value"] as? NSNumber ?? 0
            let value: Value = (c["is_int"] as? Bool ?? false) ? .int(n.int64Value) : .float(n.doubleValue)
            #expect(TqdmMeter.number(value) == c["text"] as? String, "\(c)")
        }
    }

    @Test func extremeCountsAndTimesDoNotCrash() {
        #expect(TqdmMeter.format(n: -1_000_000_000_000_000_000, total: 10, elapsed: 1, ncols: 80, prefix: "").contains("%|"))
        #expect(TqdmMeter.format(n: 1, total: 1_000_000_000_000_000_000, elapsed: 1e9, ncols: 80, prefix: "").contains("1/"))
        #expect(TqdmMeter.interval(.infinity) == TqdmMeter.interval(1e300))
        let (output, error) = run("""
            from tqdm import tqdm
            from datetime import datetime, timedelta
            bar = tqdm(total=1e30)
            bar.update(2 ** 62)
            bar.update(2 ** 62)
            print(bar.n > 0)
            timedelta(days=100000000) + timedelta(days=100000000)
            """)
        #expect(output == "True\n")
        #expect(error?.hasPrefix("OverflowError") == true, "\(error ?? "")")
    }

    @Test func barIsSilentWhenStderrIsNotATerminal() {
        // Under `swift test` stderr may or may not be a terminal; the bar must not touch stdout either way.
        let (output, error) = run("from tqdm import tqdm\nfor i in tqdm(range(3), desc='x'):\n    pass\n")
        #expect(error == nil)
        #expect(output == "")
    }
}

@Suite struct EarlyStoppingTests {
    @Test func messagesMatchTheCourse() throws {
        let runs = try json("early_stopping.json")["runs"] as? [[String: Any]] ?? []
        #expect(runs.count == 4)
        for r in runs {
            let steps = r["steps"] as? [[String: Any]] ?? []
            let scratch = try ProgramFixtures.scratchDirectory()
            defer { try? FileManager.default.removeItem(at: scratch) }
            var source = """
                import torch
                from unroll.training import EarlyStopping
                model = torch.nn.Linear(2, 1)
                stopper = EarlyStopping(patience=\(r["patience"] ?? 0), delta=\(r["delta"] ?? 0), project_name="p", checkpoint_file_path="\(scratch.path)", run_time_str="t")

                """
            for step in steps {
                source += "message, stop = stopper.check_and_save(\(step["loss"] ?? 0), model)\nprint(message, stop, stopper.counter)\n"
            }
            let expected = steps.map { s in
                "\(s["message"] as? String ?? "") \((s["early_stop"] as? Bool ?? false) ? "True" : "False") \(s["counter"] ?? 0)\n"
            }.joined()
            let (output, error) = run(source)
            #expect(error == nil, "\(error ?? "")")
            #expect(output == expected)
            #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("p_checkpoint_t.safetensors").path))
            #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("p_checkpoint_latest.safetensors").path))
        }
    }

    @Test(arguments: [true, false])
    func restoreBestBringsBackTheBestWeights(onDisk: Bool) throws {
        let scratch = try ProgramFixtures.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let place = onDisk ? "checkpoint_file_path=\"\(scratch.path)\"" : "checkpoint_file_path=None"
        let (output, error) = run("""
            import torch
            from unroll.training import EarlyStopping
            torch.manual_seed(0)
            model = torch.nn.Linear(3, 1)
            stopper = EarlyStopping(patience=2, \(place))
            stopper.check_and_save(0.5, model)
            best = model.weight.detach().clone()
            with torch.no_grad():
                model.weight.add_(1.0)
            message, stop = stopper.check_and_save(0.7, model)
            print(message, stop)
            print(torch.equal(model.weight, best))
            stopper.restore_best(model)
            print(torch.equal(model.weight, best), stopper.val_loss_min)
            """)
        #expect(error == nil, "\(error ?? "")")
        #expect(output == "Early stopping counter: 1 out of 2 False\nFalse\nTrue 0.5\n")
    }

    @Test func restoreWithoutCheckpointIsAnError() {
        let (_, error) = run("import torch\nfrom unroll.training import EarlyStopping\nEarlyStopping().restore_best(torch.nn.Linear(1, 1))\n")
        #expect(error?.hasPrefix("RuntimeError: EarlyStopping has no checkpoint yet") == true)
    }

    @Test func strfdeltaMatchesTheCourse() throws {
        let cases = try json("early_stopping.json")["strfdelta"] as? [[String: Any]] ?? []
        #expect(cases.count >= 5)
        for c in cases {
            let seconds = (c["seconds"] as? NSNumber)?.doubleValue ?? 0
            let format = c["format"] as? String ?? ""
            let (output, error) = run("""
                from datetime import timedelta
                from unroll.training import strfdelta
                print(strfdelta(timedelta(seconds=\(seconds)), \(pythonStringRepr(format))))
                """)
            #expect(error == nil, "\(error ?? "")")
            #expect(output == (c["text"] as? String ?? "") + "\n", "\(c)")
        }
    }

    @Test func elapsedTimeIsATimedelta() {
        let (output, error) = run("""
            from datetime import datetime
            start = datetime.now()
            elapsed = datetime.now() - start
            print(type(elapsed).__name__, elapsed.days, elapsed.seconds < 5, elapsed.total_seconds() >= 0)
            print(len(datetime.now().astimezone().strftime('%Y-%m-%d_%H-%M-%S')))
            """)
        #expect(error == nil, "\(error ?? "")")
        #expect(output == "timedelta 0 True True\n19\n")
    }
}

@Suite struct ProgramRunModeTests {
    @Test func scriptsDoNotEchoExpressions() {
        let (output, error) = run("import torch\ntorch.manual_seed(0)\n1 + 1\nprint('done')\n")
        #expect(error == nil)
        #expect(output == "done\n")
    }

    @Test func signatureClosedOnItsOwnLine() {
        let (output, error) = run("class A:\n    def __init__(\n        self, a\n    ):\n        self.a = a\n\n    def f(self):\n        return self.a\nprint(A(3).f())\n")
        #expect(error == nil, "\(error ?? "")")
        #expect(output == "3\n")
    }

    /// Ctrl-C (the REPL calls `Session.interrupt()` from its signal watcher) stops a training loop over a tqdm-wrapped
    /// DataLoader with KeyboardInterrupt, and the session keeps its variables.
    @Test func interruptStopsATrainingLoop() throws {
        var output = ""
        let session = Session(output: { output += $0 }, printsErrors: false)
        let setup = session.run("""
            import torch
            from torch.utils.data import TensorDataset, DataLoader
            from tqdm import tqdm
            model = torch.nn.Linear(4, 1)
            loader = DataLoader(TensorDataset(torch.randn(64, 4), torch.randn(64, 1)), batch_size=8)
            steps = 0
            """, echo: false)
        #expect(setup.succeeded)
        let flag = session.interpreterForBindings.interruptFlag  // what Session.interrupt() raises
        let stopper = Thread { Thread.sleep(forTimeInterval: 0.3); flag.raise() }
        stopper.start()
        let started = Date()
        let outcome = session.run("""
            while True:
                for x, y in tqdm(loader):
                    loss = ((model(x) - y) ** 2).mean()
                    loss.backward()
                    steps += 1
            """, echo: false)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(outcome.errorText?.hasPrefix("KeyboardInterrupt") == true)
        let steps = try session.evaluate("steps")
        if case .int(let n) = steps { #expect(n > 0) } else { Issue.record("steps is \(steps)") }
    }
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: unrollBinary.path), "build the unroll product first"))
struct ScriptInterruptTests {
    /// `unroll run` turns SIGINT (Ctrl-C) into KeyboardInterrupt: the loop stops, the error goes to stderr, status 1.
    @Test func sigintStopsARunningScript() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-sigint-\(UUID().uuidString).py")
        try "from tqdm import tqdm\nprint('started')\nn = 0\nwhile True:\n    for i in tqdm(range(100)):\n        n += 1\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = unrollBinary
        process.arguments = ["run", file.path]
        let stdout = Pipe()
        let stderr = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-sigint-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: stderr) }
        let errorHandle = try FileHandle(forWritingTo: stderr)
        process.standardOutput = stdout
        process.standardError = errorHandle
        try process.run()
        // Wait until the script is inside its loop, then press Ctrl-C.
        let started = stdout.fileHandleForReading.availableData
        #expect(String(decoding: started, as: UTF8.self) == "started\n")
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.processIdentifier, SIGINT)
        let rest = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errors = String(decoding: (try? Data(contentsOf: stderr)) ?? Data(), as: UTF8.self)
        #expect(String(decoding: rest, as: UTF8.self) == "")
        #expect(errors.hasPrefix("KeyboardInterrupt\n"), "stderr: \(errors.prefix(200))")
        #expect(process.terminationStatus == 1)
    }
}
