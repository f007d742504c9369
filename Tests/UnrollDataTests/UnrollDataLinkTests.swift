// Smoke test that the UnrollData module links; real suites live beside it.
import Testing
import UnrollData

@Test func UnrollDataLinks() { #expect(UnrollDataInfo.moduleName == "UnrollData") }
