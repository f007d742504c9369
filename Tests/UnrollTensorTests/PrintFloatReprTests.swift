// Checks PythonFloatRepr against Python's own repr of tricky doubles (fixture from tools/fixtures/repr.py).
import Foundation
import Testing
@testable import UnrollTensor

struct PythonFloatCase: Decodable { let hex: String; let repr: String }

private func fixtureURL(_ relative: String) -> URL {
    var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while dir.path != "/" && !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Fixtures").path) {
        dir = dir.deletingLastPathComponent()
    }
    return dir.appendingPathComponent("Fixtures").appendingPathComponent(relative)
}

@Test func pythonFloatReprMatchesPython() throws {
    let data = try Data(contentsOf: fixtureURL("repr/python_floats.json"))
    let cases = try JSONDecoder().decode([PythonFloatCase].self, from: data)
    #expect(cases.count > 100)
    for item in cases {
        let value = try #require(Double(item.hex), "unparseable \(item.hex)")
        #expect(PythonFloatRepr.format(value) == item.repr, "for \(item.hex)")
    }
}
