// Tests of the persistent history file: escaping, capping, concurrent appends, bad locations.
import Foundation
import Testing
@testable import UnrollREPL

@Suite struct HistoryStoreTests {
    func tempURL() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory())
            .appendingPathComponent("unroll-history-\(UUID().uuidString)/unroll/history")
    }

    @Test func multiLineEntriesRoundTrip() {
        let store = HistoryStore(url: tempURL())
        #expect(store.append("for i in range(3):\n    print(i)") == nil)
        #expect(store.append("s = 'a\\\\nb'") == nil)
        #expect(store.load() == ["for i in range(3):\n    print(i)", "s = 'a\\\\nb'"])
    }

    @Test func defaultLocationHonoursXDG() {
        #expect(HistoryStore.defaultURL(environment: ["XDG_STATE_HOME": "/s"]).path == "/s/unroll/history")
        #expect(HistoryStore.defaultURL(environment: ["HOME": "/h"]).path == "/h/.local/state/unroll/history")
    }

    @Test func fileIsCappedToNewestEntries() {
        let store = HistoryStore(url: tempURL(), cap: 5)
        for i in 0..<23 { store.append("x = \(i)") }
        let loaded = store.load()
        #expect(loaded.count == 5)
        #expect(loaded.last == "x = 22")
        let lines = (try? String(contentsOf: store.url, encoding: .utf8))?.split(separator: "\n").count ?? 0
        #expect(lines <= 10)
    }

    @Test func concurrentAppendsKeepWholeEntries() async {
        let url = tempURL()
        await withTaskGroup(of: Void.self) { group in
            for writer in 0..<4 {
                group.addTask {
                    let store = HistoryStore(url: url, cap: 10_000)
                    for i in 0..<50 { store.append("writer\(writer) = \(i)") }
                }
            }
        }
        let entries = HistoryStore(url: url, cap: 10_000).load()
        #expect(entries.count == 200)
        #expect(entries.allSatisfy { $0.hasPrefix("writer") && $0.contains(" = ") })
    }

    @Test func concurrentAppendsWhileTrimmingLoseNoNewEntry() async {
        // Trimming replaces the file by a rename; a writer that was waiting for the lock on the old file
        // must write to the new one, or its entry vanishes with the old inode. Trimming drops only the oldest
        // entries, so what remains of each writer is an unbroken run ending at its last entry.
        let url = tempURL()
        for _ in 0..<3 {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        let store = HistoryStore(url: url, cap: 3)
                        for i in 0..<150 { store.append("writer\(writer) = \(i)") }
                    }
                }
            }
            let entries = HistoryStore(url: url, cap: 10_000).load()
            #expect(entries.count >= 3)
            for writer in 0..<4 {
                let kept = entries.filter { $0.hasPrefix("writer\(writer) = ") }.compactMap { Int($0.split(separator: " ").last ?? "") }
                guard let first = kept.first else { continue }
                #expect(kept == Array(first..<150), "writer\(writer) lost entries: \(kept)")
            }
            try? FileManager.default.removeItem(at: url)
        }
    }

    @Test func unwritableLocationIsAnErrorValue() {
        let store = HistoryStore(url: URL(fileURLWithPath: "/proc/unroll-cannot/history"))
        #expect(store.append("x = 1") != nil)
        #expect(store.load().isEmpty)
    }
}
