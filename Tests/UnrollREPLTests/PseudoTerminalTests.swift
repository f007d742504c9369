// Checks the pty driver itself against a known interactive program before it is trusted with unroll.
import Foundation
import Testing

@Suite struct PseudoTerminalTests {
    @Test func drivesAnInteractiveShell() throws {
        let pty = try #require(PseudoTerminal(executable: "/bin/sh", arguments: ["-i"], environment: ["PS1": "$ "]))
        #expect(pty.waitFor("$ "))
        pty.type("echo tty=$(tty | cut -c1-8)\r")
        #expect(pty.waitFor("tty=/dev/pts"))
        pty.type("exit 3\r")
        #expect(pty.waitForExit() == 3)
    }
}
