// Reads CSV text into a DataFrame through SwiftCSV, with pandas' type inference, missing values and error texts.
import Foundation
import SwiftCSV

/// `pandas.read_csv` essentials: a header row, RFC 4180 quoting (SwiftCSV does the tokenising), per-column
/// type inference (int64, else float64, else text), pandas' missing-value tokens, short rows padded with
/// missing values, and a row with too many fields rejected with pandas' message and its line number.
public enum CSVReader {
    /// Tokens pandas reads as missing (its default `na_values`).
    static let missingTokens: Set<String> = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN", "<NA>",
        "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ]

    /// Reads the file at `path` (pandas: `FileNotFoundError: [Errno 2] No such file or directory: 'path'`).
    public static func read(path: String) throws -> DataFrame {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DataError("FileNotFoundError", "[Errno 2] No such file or directory: '\(path)'")
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw DataError("UnicodeDecodeError", "'utf-8' codec can't decode the file '\(path)'")
        }
        return try parse(text)
    }

    /// Parses CSV text whose first row is the header.
    public static func parse(_ text: String) throws -> DataFrame {
        if text.allSatisfy({ $0.isWhitespace }) {
            throw DataError("EmptyDataError", "No columns to parse from file")
        }
        let quoteCount = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\"") ? 1 : 0) }
        let records = Records()
        do {
            // rowLimit 0 parses only the header; the rows are streamed below so each keeps its line number.
            let csv = try EnumeratedCSV(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            records.header = csv.header
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in records.append(fields) }
        } catch let error as CSVParseError {
            let detail: String
            switch error {
            case .generic(let m), .quotation(let m): detail = m
            }
            throw DataError("ParserError", "Error tokenizing data. C error: \(detail) in line \(records.nextLine)")
        }
        if quoteCount % 2 == 1 {
            throw DataError("ParserError", "Error tokenizing data. C error: EOF inside string starting at row \(max(records.lastStartLine - 1, 0))")
        }
        let header = records.header
        guard !header.isEmpty else { throw DataError("EmptyDataError", "No columns to parse from file") }
        var cells = [[String]](repeating: [], count: header.count)
        for (fields, line) in zip(records.rows, records.lines) {
            if fields.count > header.count {
                throw DataError("ParserError", "Error tokenizing data. C error: Expected \(header.count) fields in line \(line), saw \(fields.count)")
            }
            for j in 0..<header.count { cells[j].append(j < fields.count ? fields[j] : "") }
        }
        return try DataFrame(columnNames: header, columns: cells.map(inferColumn), index: nil)
    }

    /// pandas' inference: all present values integers → int64 (float64 if any is missing); all True/False → bool;
    /// all numbers → float64; else text.
    static func inferColumn(_ raw: [String]) -> DataColumn {
        var ints: [Int64] = []
        ints.reserveCapacity(raw.count)
        var anyMissing = false
        var allInts = true
        for s in raw {
            let t = s.trimmingCharacters(in: .whitespaces)
            if missingTokens.contains(t) { anyMissing = true; ints.append(0); continue }
            guard let v = Int64(t) else { allInts = false; break }
            ints.append(v)
        }
        if raw.isEmpty { return .string([]) }
        if allInts && !anyMissing { return .int(ints) }
        // pandas' default true/false values; a missing one leaves the column as text.
        let truth: [String: Bool] = ["True": true, "TRUE": true, "true": true, "False": false, "FALSE": false, "false": false]
        let flags = raw.compactMap { truth[$0.trimmingCharacters(in: .whitespaces)] }
        if flags.count == raw.count { return .bool(flags) }
        var doubles: [Double] = []
        doubles.reserveCapacity(raw.count)
        for s in raw {
            let t = s.trimmingCharacters(in: .whitespaces)
            if missingTokens.contains(t) { doubles.append(.nan); continue }
            guard let v = parseDouble(t) else {
                return .string(raw.map { missingTokens.contains($0) ? nil : $0 })
            }
            doubles.append(v)
        }
        return .float(doubles)
    }

    /// A decimal number as pandas accepts it (no hex floats, which Swift's parser would take).
    static func parseDouble(_ s: String) -> Double? {
        if s.contains("x") || s.contains("X") { return nil }
        switch s.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return Double(s)
        }
    }
}

/// Collects streamed rows with the 1-based file line each starts on (fields may hold newlines).
private final class Records: @unchecked Sendable {
    var header: [String] = []
    var rows: [[String]] = []
    var lines: [Int] = []
    /// The line the next row starts on; the header occupies line 1 (plus any newlines inside its fields).
    var nextLine = 2
    var lastStartLine = 2
    func append(_ fields: [String]) {
        let start = nextLine
        lastStartLine = start
        var extra = 0
        for f in fields { for c in f.utf8 where c == UInt8(ascii: "\n") { extra += 1 } }
        nextLine = start + 1 + extra
        if fields.count == 1 && fields[0].isEmpty { return }  // pandas skips blank lines
        rows.append(fields)
        lines.append(start)
    }
}
