// The unroll command line: `unroll run FILE`, `unroll -c CODE`, stdin mode, and the interactive REPL.
import ArgumentParser
import Foundation
import UnrollLang
import UnrollREPL

struct Unroll: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unroll",
        abstract: "Learn recurrent neural networks the PyTorch way, in the terminal.",
        discussion: "With no arguments: an interactive session on a terminal, or stdin mode when stdin is piped.",
        subcommands: [RunFile.self, Replay.self, Learn.self, Bench.self])

    @Option(name: .customShort("c"), help: "Run this code and exit.")
    var code: String?

    @Flag(help: "No colours on a terminal (NO_COLOR does the same).")
    var noColor = false

    mutating func run() throws {
        if let code {
            throw ExitCode(runScript(code, file: "<string>"))
        }
        if isatty(STDIN_FILENO) == 0 {
            throw ExitCode(StdinMode.runStandardInput(lessonsDirectory: LessonsLocator.find()))
        }
        throw ExitCode(Interactive.run(runner: LanguageRunner(), noColor: noColor,
                                       lessonsDirectory: LessonsLocator.find(), startLesson: nil))
    }
}

struct RunFile: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Run a script file.")

    @Argument(help: "The script to run.")
    var file: String

    mutating func run() throws {
        guard let data = FileManager.default.contents(atPath: file), let source = String(data: data, encoding: .utf8) else {
            FileHandle.standardError.write(Data("unroll: can't open file '\(file)': No such file or directory\n".utf8))
            throw ExitCode(2)
        }
        throw ExitCode(runScript(source, file: file))
    }
}

HeapPolicy.apply()
// Lesson replay runs each lesson through the same host as the REPL, errors shown as PyTorch's last line.
Replay.makeExecutor = { ReplHost(runner: LanguageRunner(lessonStyleErrors: true), out: nil, lessonsDirectory: LessonsLocator.find()) }
Unroll.main()
