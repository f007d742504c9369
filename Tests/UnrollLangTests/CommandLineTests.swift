// End-to-end tests of the built binary: `unroll run FILE`, `unroll -c CODE`, and stdin mode.
import Foundation
import Testing

let unrollBinary = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent(".build/debug/unroll")

/// Runs the binary with `arguments`, feeding `input` on stdin; returns stdout and the exit status.
func runUnroll(_ arguments: [String], input: String = "") throws -> (String, Int32) {
    let (out, _, status) = try runUnrollWithErrors(arguments, input: input)
    return (out, status)
}

/// Runs the binary with `arguments`, feeding `input` on stdin; returns stdout, stderr and the exit status.
func runUnrollWithErrors(_ arguments: [String], input: String = "") throws -> (String, String, Int32) {
    let process = Process()
    process.executableURL = unrollBinary
    process.arguments = arguments
    let stdin = Pipe(), stdout = Pipe()
    let stderr = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: stderr.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: stderr) }
    let errorHandle = try FileHandle(forWritingTo: stderr)
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = errorHandle
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errorHandle.close()
    let errors = (try? Data(contentsOf: stderr)) ?? Data()
    return (String(decoding: data, as: UTF8.self), String(decoding: errors, as: UTF8.self), process.terminationStatus)
}

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: unrollBinary.path), "build the unroll product first"))
struct CommandLineTests {
    @Test func dashCRunsASnippet() throws {
        let (out, status) = try runUnroll(["-c", "x = [1, 2]\nprint(len(x), x)"])
        #expect(out == "2 [1, 2]\n")
        #expect(status == 0)
    }

    @Test func dashCFailureExitsOneWithTheErrorOnStandardError() throws {
        let (out, errors, status) = try runUnrollWithErrors(["-c", "print('before')\nprint(undefined)"])
        #expect(out == "before\n")
        #expect(errors.hasPrefix("NameError: name 'undefined' is not defined\n"))
        #expect(status == 1)
    }

    @Test func runFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-e2e-\(UUID().uuidString).py")
        try "import torch\ndef double(t):\n    return t * 2\nprint(double(torch.tensor([1, 2])))\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (out, status) = try runUnroll(["run", file.path])
        #expect(out == "tensor([2, 4])\n")
        #expect(status == 0)
    }

    @Test func stdinModeEchoesAndContinuesAfterErrors() throws {
        let input = "1 + 1\nfor i in range(2):\n    print(i)\n\nnope\n'still running'\n"
        let (out, status) = try runUnroll([], input: input)
        #expect(out == "2\n0\n1\nNameError: name 'nope' is not defined\n    nope\n    ^^^^\n'still running'\n")
        #expect(status == 1)
    }

    @Test func stdinModeSucceeds() throws {
        let (out, status) = try runUnroll([], input: "x = 3\nx * 2\n")
        #expect(out == "6\n")
        #expect(status == 0)
    }

    @Test func stdinModeRunsMetaCommandsBetweenStatements() throws {
        let input = "import torch.nn as nn\n:seed 0\nrnn = nn.RNN(3, 4)\n:shapes rnn\nrnn.hidden_size\n"
        let (out, status) = try runUnroll([], input: input)
        let lines = out.components(separatedBy: "\n")
        #expect(lines.first == "torch.manual_seed(0)")
        #expect(lines.contains { $0.hasPrefix("weight_ih_l0  [4, 3]") })
        #expect(lines.contains { $0.hasPrefix("total ") })
        #expect(lines.dropLast().last == "4")
        #expect(status == 0)
    }

    @Test func stdinModeReportsAnUnknownCommandAndGoesOn() throws {
        let (out, status) = try runUnroll([], input: ":nosuch\n1 + 2\nd = {'a':\n    1}\nd\n")
        #expect(out == "unknown command :nosuch; :help lists them\n3\n{'a': 1}\n")
        #expect(status == 1)
    }

    @Test func stdinModeStopsAtQuit() throws {
        let (out, status) = try runUnroll([], input: "1\n:quit\n2\n")
        #expect(out == "1\n")
        #expect(status == 0)
    }

    @Test func helpCommandOnFunctionsUnknownNamesAndCommandPrefixes() throws {
        let input = "import torch\nimport torch.nn as nn\n:help torch.zeros\n:help nn.LSTMM\n:hist\n:shpes\n"
        let (out, status) = try runUnroll([], input: input)
        #expect(out == """
            Help on built-in function zeros in module torch:

            zeros(...)
                keyword arguments: dtype, requires_grad, device
            no help on 'nn.LSTMM': it is not a meta-command, a layer or a name in this session; :help lists the commands
            Did you mean: 'LSTM'?
            unknown command :hist (did you mean :history?); :help lists them
            unknown command :shpes (did you mean :shapes?); :help lists them

            """)
        #expect(status == 1)
    }

    @Test func warningsGoToStandardErrorOnce() throws {
        let process = Process()
        process.executableURL = unrollBinary
        process.arguments = ["-c", """
            import torch
            import torch.nn as nn
            loss_fn = nn.MSELoss()
            for i in range(3):
                loss = loss_fn(torch.zeros(32, 1), torch.zeros(32))
            print(loss)
            """]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(out == "tensor(0.)\n")
        #expect(err == "UserWarning: Using a target size (torch.Size([32])) that is different to the input size (torch.Size([32, 1])). "
                + "This will likely lead to incorrect results due to broadcasting. Please ensure they have the same size.\n")
        #expect(process.terminationStatus == 0)
    }

    @Test func exitEndsTheRunWithItsStatus() throws {
        var (out, status) = try runUnroll([], input: "print(1)\nquit\nexit(3)\nprint(2)\n")
        #expect(out == "1\nUse quit() or Ctrl-D (i.e. EOF) to exit\n")
        #expect(status == 3)
        (out, status) = try runUnroll([], input: "for i in range(3):\n    print(i)\n    if i == 1: exit()\n\nprint('never')\n")
        #expect(out == "0\n1\n")
        #expect(status == 0)
        (out, status) = try runUnroll(["-c", "def f():\n    exit('bye')\nf()\nprint(7)"])
        #expect(out == "")
        #expect(status == 1)
    }
}
