// Smoke test that the UnrollREPL module links; real suites live beside it.
import Testing
import UnrollREPL

@Test func UnrollREPLLinks() { #expect(UnrollREPLInfo.moduleName == "UnrollREPL") }
