// Smoke test that the UnrollLang module links; real suites live beside it.
import Testing
import UnrollLang

@Test func UnrollLangLinks() { #expect(UnrollLangInfo.moduleName == "UnrollLang") }
