// A pseudo-terminal driver for end-to-end tests: starts a program on a pty, types keys, reads the screen text.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a child process whose stdin/stdout/stderr are the slave side of a new pty, as a terminal would.
final class PseudoTerminal {
    private let master: Int32
    private let pid: pid_t
    private(set) var transcript = ""

    /// Starts `executable` with `arguments` and extra environment on a pty of `columns`×`rows`.
    init?(executable: String, arguments: [String] = [], environment: [String: String] = [:], columns: UInt16 = 100, rows: UInt16 = 40) {
        var masterFD: Int32 = -1
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        let child = forkpty(&masterFD, nil, nil, &size)
        if child < 0 { return nil }
        if child == 0 {
            var env = ProcessInfo.processInfo.environment
            env["TERM"] = "xterm"
            env["LANG"] = env["LANG"] ?? "C.UTF-8"
            for (k, v) in environment { env[k] = v.isEmpty ? nil : v }
            // The test runner's thread may block or ignore SIGINT; a terminal program starts with neither.
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            signal(SIGINT, SIG_DFL)
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
            execve(executable, argv, envp)
            _exit(127)
        }
        master = masterFD
        pid = child
        let flags = fcntl(master, F_GETFL)
        _ = fcntl(master, F_SETFL, flags | O_NONBLOCK)
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
    }

    /// Sends raw bytes (use "\r" for Enter, "\u{03}" for Ctrl-C, "\u{04}" for Ctrl-D, "\t" for Tab).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Reads output until `predicate` holds for the transcript or `timeout` seconds pass; returns whether it held.
    @discardableResult
    func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            let n = read(master, &buffer, buffer.count)
            if n > 0 {
                transcript += String(decoding: buffer[0..<n], as: UTF8.self)
                if predicate(transcript) { return true }
            } else {
                if predicate(transcript) { return true }
                usleep(20_000)
            }
        }
        return predicate(transcript)
    }

    /// Waits until the transcript contains `text` after position `from`.
    @discardableResult
    func waitFor(_ text: String, after from: Int = 0, timeout: Double = 10) -> Bool {
        waitFor(timeout: timeout) { t in
            let start = t.index(t.startIndex, offsetBy: min(from, t.count))
            return t[start...].contains(text)
        }
    }

    /// Waits until the screen ends at an idle prompt, so the line editor owns the terminal before keys are sent.
    @discardableResult
    func waitForPrompt(timeout: Double = 10) -> Bool {
        waitFor(timeout: timeout) { _ in self.plainText.hasSuffix(">>> ") }
    }

    /// Waits for the child to exit and returns its status, or nil on timeout.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            waitFor(timeout: 0.05) { _ in false }
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { return (status >> 8) & 0xff }
            usleep(20_000)
        }
        return nil
    }

    /// The transcript with ANSI escape sequences and carriage returns removed.
    var plainText: String {
        var out = ""
        var inEscape = false
        for scalar in transcript.unicodeScalars {
            if inEscape {
                if scalar.properties.isAlphabetic || scalar == "~" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" { inEscape = true; continue }
            if scalar == "\r" || scalar == "\u{7}" { continue }
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}

/// Where `swift build` put the `unroll` binary, found from this file's path.
enum BuiltBinary {
    static var unroll: String? {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        for config in ["debug", "release"] {
            let candidate = url.appendingPathComponent(".build/\(config)/unroll").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
