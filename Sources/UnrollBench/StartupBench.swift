// `unroll bench startup`: wall time and peak memory of starting a fresh process, against `import torch`.
import Foundation

public enum StartupBench {
    /// Median wall time (ms) and peak resident set (MiB) of `runs` launches of `executable arguments`.
    public static func measure(executable: String, arguments: [String], runs: Int) -> (medianMs: Double, peakMiB: Double)? {
        var times: [Double] = []
        var peak: Int = 0
        for _ in 0..<max(runs, 1) {
            var pid: pid_t = 0
            let argv = ([executable] + arguments).map { strdup($0) } + [nil]
            defer { argv.forEach { free($0) } }
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            let start = DispatchTime.now().uptimeNanoseconds
            guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
            var status: Int32 = 0
            var usage = rusage()
            guard wait4(pid, &status, 0, &usage) == pid else { return nil }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            times.append(elapsed)
            peak = max(peak, Int(usage.ru_maxrss))
        }
        times.sort()
        return (times[times.count / 2], Double(peak) / 1024)
    }

    /// The table `unroll bench startup` prints: unroll against Python importing torch, when Python has it.
    public static func report(unrollPath: String, runs: Int = 20) -> String {
        var lines = ["startup (median of \(runs) launches, peak RSS)"]
        lines.append("what                               time        peak RSS")
        if let u = measure(executable: unrollPath, arguments: ["-c", "pass"], runs: runs) {
            lines.append("unroll -c 'pass'                   " + String(format: "%7.1f ms   %6.1f MiB", u.medianMs, u.peakMiB))
        } else {
            lines.append("unroll -c 'pass'                   could not be started")
        }
        if let python = which("python3"),
           let p = measure(executable: python, arguments: ["-c", "import torch"], runs: min(runs, 5)) {
            lines.append("python3 -c 'import torch'          " + String(format: "%7.1f ms   %6.1f MiB", p.medianMs, p.peakMiB))
        } else {
            lines.append("python3 -c 'import torch'          (Python with torch not found)")
        }
        return lines.joined(separator: "\n")
    }

    static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
