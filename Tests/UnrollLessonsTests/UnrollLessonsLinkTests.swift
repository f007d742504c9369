// Smoke test that the UnrollLessons module links; real suites live beside it.
import Testing
import UnrollLessons

@Test func UnrollLessonsLinks() { #expect(UnrollLessonsInfo.moduleName == "UnrollLessons") }
