// Persistent REPL history: one escaped entry per line, appended as each command is entered, capped, locked.
import Foundation

/// The history file (`$XDG_STATE_HOME/unroll/history`, default `~/.local/state/unroll/history`).
/// Each entry is appended under an exclusive `flock` with `O_APPEND`, so two sessions interleave whole
/// entries; when the file grows past twice the cap it is trimmed to the newest `cap` entries by an atomic rename.
public final class HistoryStore {
    public let url: URL
    public let cap: Int

    public init(url: URL, cap: Int = 1000) {
        self.url = url
        self.cap = cap
    }

    /// The default location, honouring `XDG_STATE_HOME`.
    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let base: URL
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            base = URL(fileURLWithPath: state)
        } else {
            let home = environment["HOME"] ?? NSHomeDirectory()
            base = URL(fileURLWithPath: home).appendingPathComponent(".local/state")
        }
        return base.appendingPathComponent("unroll/history")
    }

    /// Multi-line entries are stored on one line: backslash and newline are escaped.
    static func encode(_ entry: String) -> String {
        entry.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    static func decode(_ line: String) -> String {
        var out = ""
        var escaping = false
        for c in line {
            if escaping {
                out.append(c == "n" ? "\n" : c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// The newest `cap` entries, oldest first. A missing or unreadable file is an empty history.
    public func load() -> [String] {
        guard let data = try? Data(contentsOf: url) else { return [] }
        let text = String(decoding: data, as: UTF8.self)
        let entries = text.split(separator: "\n", omittingEmptySubsequences: true).map { HistoryStore.decode(String($0)) }
        return Array(entries.suffix(cap))
    }

    /// Appends one entry; errors are returned, not thrown at the user's session.
    @discardableResult
    public func append(_ entry: String) -> Error? {
        let trimmed = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let fd = try openLocked()
            defer { close(fd) }
            defer { flock(fd, LOCK_UN) }
            let bytes = Array((HistoryStore.encode(entry) + "\n").utf8)
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else { return HistoryError.cannotWrite(url.path, errno) }
            try trimIfNeeded(lockedDescriptor: fd)
            return nil
        } catch {
            return error
        }
    }

    /// Opens the file for appending and takes its lock. Another session's trim may have renamed a new file into
    /// place while this one waited for the lock; then the descriptor names the old, unlinked file and the entry
    /// would be lost, so it opens again.
    private func openLocked() throws -> Int32 {
        for _ in 0..<50 {
            let fd = open(url.path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
            guard fd >= 0 else { throw HistoryError.cannotOpen(url.path, errno) }
            flock(fd, LOCK_EX)
            var opened = stat(), current = stat()
            if fstat(fd, &opened) == 0, stat(url.path, &current) == 0,
               opened.st_ino == current.st_ino, opened.st_dev == current.st_dev {
                return fd
            }
            flock(fd, LOCK_UN)
            close(fd)
        }
        throw HistoryError.cannotWrite(url.path, EAGAIN)
    }

    /// Rewrites the file with the newest `cap` entries once it holds more than twice that many.
    private func trimIfNeeded(lockedDescriptor fd: Int32) throws {
        guard let data = try? Data(contentsOf: url) else { return }
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
        guard lines.count > cap * 2 else { return }
        var kept = Data()
        for line in lines.suffix(cap) {
            kept.append(contentsOf: line)
            kept.append(UInt8(ascii: "\n"))
        }
        let temp = url.deletingLastPathComponent().appendingPathComponent(".history.\(getpid()).tmp")
        try kept.write(to: temp)
        if rename(temp.path, url.path) != 0 {
            unlink(temp.path)
            throw HistoryError.cannotWrite(url.path, errno)
        }
    }
}

public enum HistoryError: Error, CustomStringConvertible {
    case cannotOpen(String, Int32)
    case cannotWrite(String, Int32)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code): return "cannot open history file \(path): \(String(cString: strerror(code)))"
        case .cannotWrite(let path, let code): return "cannot write history file \(path): \(String(cString: strerror(code)))"
        }
    }
}
