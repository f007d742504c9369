// Writes replay results as JUnit XML: one testsuite per lesson, one testcase per cell.
import Foundation

/// JUnit XML for CI systems.
public enum JUnitReport {
    /// The XML document for `reports`.
    public static func xml(_ reports: [LessonReport]) -> String {
        let tests = reports.reduce(0) { $0 + max(1, $1.cells.count) }
        let failures = reports.reduce(0) { $0 + $1.failedCount + $1.notRunCount + ($1.problem == nil ? 0 : 1) }
        let skipped = reports.reduce(0) { $0 + $1.skippedCount }
        let time = reports.reduce(0) { $0 + $1.seconds }
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        out.append("<testsuites name=\"unroll replay\" tests=\"\(tests)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(seconds(time))\">")
        for report in reports {
            let suiteFailures = report.failedCount + report.notRunCount + (report.problem == nil ? 0 : 1)
            out.append("  <testsuite name=\"\(escape(report.path))\" tests=\"\(max(1, report.cells.count))\" failures=\"\(suiteFailures)\" skipped=\"\(report.skippedCount)\" time=\"\(seconds(report.seconds))\">")
            if let problem = report.problem {
                out.append("    <testcase classname=\"\(escape(report.path))\" name=\"lesson\" time=\"0\">")
                out.append("      <failure message=\"\(escape(problem))\" type=\"lesson\"></failure>")
                out.append("    </testcase>")
            }
            for cell in report.cells {
                let name = "cell \(cell.index + 1) (line \(cell.line))"
                let open = "    <testcase classname=\"\(escape(report.path))\" name=\"\(escape(name))\" time=\"\(seconds(cell.seconds))\""
                switch cell.status {
                case .passed:
                    out.append(open + "/>")
                case .skipped:
                    out.append(open + "><skipped/></testcase>")
                case .notRun:
                    out.append(open + "><failure message=\"not run\" type=\"notRun\"></failure></testcase>")
                case .failed, .timedOut:
                    out.append(open + ">")
                    for failure in cell.failures {
                        var body = ["\(report.path):\(failure.line): \(failure.message)"]
                        if let source = failure.source { body.append(">>> " + source.replacingOccurrences(of: "\n", with: "\n... ")) }
                        body.append(contentsOf: failure.diff)
                        let type = cell.status == .timedOut ? "timeout" : "mismatch"
                        out.append("      <failure message=\"\(escape("line \(failure.line): \(failure.message)"))\" type=\"\(type)\">\(escape(body.joined(separator: "\n")))</failure>")
                    }
                    out.append("    </testcase>")
                }
            }
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// Escapes XML's special characters and drops characters XML 1.0 cannot hold (e.g. ANSI escapes).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
