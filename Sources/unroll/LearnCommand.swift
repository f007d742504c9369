// `unroll learn [NN|topic]`: steps through a lesson in the REPL, continuing where the learner left off.
import ArgumentParser
import UnrollREPL

struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Step through the lessons: prose, then each cell's code on the prompt, checked as you run it.",
        discussion: "Without an argument, continues where you left off (or opens lesson 1). :lessons lists them.")

    @Argument(help: "A lesson number (3) or topic (unrolling).")
    var lesson: String?

    @Flag(help: "No colours (NO_COLOR does the same).")
    var noColor = false

    func run() throws {
        let status = Interactive.run(runner: LanguageRunner(), noColor: noColor,
                                     lessonsDirectory: LessonsLocator.find(), startLesson: lesson ?? "")
        if status != 0 { throw ExitCode(status) }
    }
}
