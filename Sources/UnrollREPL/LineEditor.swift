// Line editing on libedit: prompts with non-printing colour escapes, emacs keys, history, Ctrl-R, Tab completion, Ctrl-C.
import CEditLine
import Foundation

/// What reading one line produced.
public enum LineReadResult: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line was cleared.
    case interrupted
    /// Ctrl-D on an empty line, or the input ended.
    case endOfInput
}

/// Reads lines from somewhere: the terminal through libedit, or a plain stream.
public protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineReadResult
    /// Adds an entered statement to the in-memory history (arrow keys, Ctrl-R).
    func addHistory(_ entry: String)
}

/// Completion as the editor asks for it: the text before the cursor, answered with candidates that
/// replace the last `replacing` characters of it.
public struct CompletionRequest {
    public var textBeforeCursor: String
}

public struct CompletionAnswer {
    /// How many characters before the cursor the candidates replace.
    public var replacing: Int
    public var candidates: [String]
    public init(replacing: Int, candidates: [String]) {
        self.replacing = replacing
        self.candidates = candidates
    }
}

/// A libedit-backed line reader for an interactive terminal.
public final class EditLineReader: LineReader {
    private var editLine: OpaquePointer?
    private var history: OpaquePointer?
    private var promptBuffer: UnsafeMutablePointer<CChar>?
    private var interruptedAtPrompt = false
    /// Called on Tab; nil disables completion.
    public var complete: ((CompletionRequest) -> CompletionAnswer)?

    /// - Parameter historySize: how many entries libedit keeps in memory.
    public init?(programName: String = "unroll", historySize: Int32 = 1000) {
        setlocale(LC_CTYPE, "")
        guard let el = unroll_el_init(programName) else { return nil }
        editLine = el
        history = unroll_history_init(historySize)
        unroll_el_set_clientdata(el, Unmanaged.passUnretained(self).toOpaque())
        unroll_el_set_editor(el, "emacs")
        unroll_el_set_signal(el, 1)
        unroll_el_set_prompt(el, { el in
            guard let el, let data = unroll_el_get_clientdata(el) else { return nil }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().promptBuffer
        })
        if let history { unroll_el_set_history(el, history) }
        // Ctrl-R searches history backwards, as in bash and Python's readline REPL.
        unroll_el_bind(el, "^R", "em-inc-search-prev")
        unroll_el_add_function(el, "unroll-complete", "complete the word before the cursor", { el, _ in
            guard let el, let data = unroll_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue().handleTab(el)
        })
        unroll_el_bind(el, "^I", "unroll-complete")
        // Ctrl-C arrives as a key while editing, so it can clear the line without a signal.
        unroll_el_setty(el, "-d", "-isig")
        unroll_el_add_function(el, "unroll-interrupt", "clear the line", { el, _ in
            guard let el, let data = unroll_el_get_clientdata(el) else { return UInt8(CC_ERROR) }
            let reader = Unmanaged<EditLineReader>.fromOpaque(data).takeUnretainedValue()
            reader.interruptedAtPrompt = true
            if let info = el_line(el) {
                let count = info.pointee.lastchar - info.pointee.buffer
                let after = info.pointee.lastchar - info.pointee.cursor
                el_cursor(el, Int32(after))
                el_deletestr(el, Int32(count))
            }
            return UInt8(CC_NEWLINE)
        })
        unroll_el_bind(el, "^C", "unroll-interrupt")
        // Ctrl-D: end of input on an empty line (without libedit's visible "^D", as Python's REPL), else delete
        // the character under the cursor.
        unroll_el_add_function(el, "unroll-eof-or-delete", "end of input on an empty line, else delete a character", { el, _ in
            guard let el, let info = el_line(el) else { return UInt8(CC_ERROR) }
            if info.pointee.buffer == info.pointee.lastchar { return UInt8(CC_EOF) }
            if info.pointee.cursor == info.pointee.lastchar { return UInt8(CC_REFRESH_BEEP) }
            el_cursor(el, 1)
            el_deletestr(el, 1)
            return UInt8(CC_REFRESH)
        })
        unroll_el_bind(el, "^D", "unroll-eof-or-delete")
    }

    deinit {
        if let editLine { el_end(editLine) }
        if let history { history_end(history) }
        promptBuffer?.deallocate()
    }

    public func readLine(prompt: String) -> LineReadResult {
        guard let el = editLine else { return .endOfInput }
        setPrompt(prompt)
        interruptedAtPrompt = false
        // libedit draws the prompt before it leaves canonical mode; a key typed in between (Ctrl-D right after
        // `>>> ` appears) would be taken by the line discipline and lost. Raw mode first, then the prompt.
        unroll_el_prep_term(el, 1)
        var count: Int32 = 0
        guard let raw = el_gets(el, &count), count > 0 else {
            return interruptedAtPrompt ? .interrupted : .endOfInput
        }
        if interruptedAtPrompt {
            FileHandle.standardOutput.write("^C\n".data(using: .utf8) ?? Data())
            return .interrupted
        }
        var line = String(cString: raw)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Puts `text` on the next prompt, already typed, so Enter runs it and the learner may edit it first.
    /// A multi-line statement is typed line by line: all but the last line are entered (the block continues at
    /// `... `), the last waits for Enter, and a block then needs the usual blank line.
    public func prefill(_ text: String) {
        guard let editLine else { return }
        el_push(editLine, text)
    }

    public func addHistory(_ entry: String) {
        guard let history, !entry.isEmpty else { return }
        unroll_history_enter(history, entry)
    }

    /// Marks colour escapes as non-printing with libedit's `\1` brackets so the cursor column stays right.
    private func setPrompt(_ prompt: String) {
        var marked = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" && !inEscape {
                marked += "\u{1}"
                inEscape = true
            }
            marked.unicodeScalars.append(scalar)
            if inEscape && scalar == "m" {
                marked += "\u{1}"
                inEscape = false
            }
        }
        promptBuffer?.deallocate()
        let bytes = Array(marked.utf8CString)
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count)
        buffer.initialize(from: bytes, count: bytes.count)
        promptBuffer = buffer
    }

    private func handleTab(_ el: OpaquePointer) -> UInt8 {
        guard let complete, let info = el_line(el) else { return UInt8(CC_ERROR) }
        let length = info.pointee.cursor - info.pointee.buffer
        let bytes = UnsafeRawBufferPointer(start: info.pointee.buffer, count: max(length, 0))
        let before = String(decoding: bytes, as: UTF8.self)
        let answer = complete(CompletionRequest(textBeforeCursor: before))
        guard !answer.candidates.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
        let typed = String(before.suffix(answer.replacing))
        let common = Completion.commonPrefix(answer.candidates)
        if answer.candidates.count == 1 || common.count > typed.count {
            let insertion = answer.candidates.count == 1 ? answer.candidates[0] : common
            el_deletestr(el, Int32(typed.utf8.count))
            el_insertstr(el, insertion)
            return UInt8(CC_REFRESH)
        }
        let listing = Completion.columns(answer.candidates, width: Terminal.width())
        FileHandle.standardOutput.write(("\n" + listing).data(using: .utf8) ?? Data())
        return UInt8(CC_REDISPLAY)
    }
}

/// Reads lines from a non-terminal stream: no editing, no prompts.
public final class PlainLineReader: LineReader {
    public init() {}

    public func readLine(prompt: String) -> LineReadResult {
        guard let line = Swift.readLine(strippingNewline: true) else { return .endOfInput }
        return .line(line)
    }

    public func addHistory(_ entry: String) {}
}
