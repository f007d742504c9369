// tqdm on a real terminal: `unroll run` on a pty draws tqdm's bar on stderr with carriage-return redraws.
import Foundation
import Testing

@Suite struct ProgressBarTerminalTests {
    @Test func barRedrawsInPlaceAndEndsWithTheFullLine() throws {
        let binary = try #require(BuiltBinary.unroll)
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-tqdm-\(UUID().uuidString).py")
        try """
            from tqdm import tqdm
            total = 0
            for i in tqdm(range(7), desc="Epoch 1"):
                total += i
            print("total", total)
            """.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let pty = try #require(PseudoTerminal(executable: binary, arguments: ["run", script.path], columns: 70))
        #expect(pty.waitFor("total 21"), "\(pty.transcript)")
        // tqdm's format at 70 columns: the first draw at 0/7, then the closing draw at 7/7 and a newline.
        #expect(pty.transcript.contains("\rEpoch 1:   0%|"))
        // The pty turns "\n" into "\r\n", which Swift counts as one character: split lines first, then redraws.
        let redraws = pty.transcript.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
            .flatMap { $0.split(separator: "\r") }.map(String.init)
        let final = redraws.first { $0.hasPrefix("Epoch 1: 100%|") } ?? ""
        #expect(final.count == 70, "\(final.debugDescription)")  // the bar fills the terminal's width, as tqdm's
        let parts = final.split(separator: "|", omittingEmptySubsequences: false)
        #expect(parts.count == 3 && parts[1].allSatisfy { $0 == "█" }, "\(final.debugDescription)")
        #expect(parts.last?.hasPrefix(" 7/7 [00:00<00:00, ") == true, "\(final.debugDescription)")
    }
}
