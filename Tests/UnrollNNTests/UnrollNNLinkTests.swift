// Smoke test that the UnrollNN module links; real suites live beside it.
import Testing
import UnrollNN

@Test func UnrollNNLinks() { #expect(UnrollNNInfo.moduleName == "UnrollNN") }
