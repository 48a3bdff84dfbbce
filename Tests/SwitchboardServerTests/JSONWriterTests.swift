import Foundation
@testable import SwitchboardServer
import Testing

@Suite("JSON writer")
struct JSONWriterTests {
    @Test("Escapes quotes, backslashes and control characters; keeps non-ASCII text; parses back")
    func escaping() throws {
        var writer = JSONWriter()
        let tricky = "Søren \"the\" \\ agent\n\t\u{01} ☎"
        writer.object { json in
            json.member("name", tricky)
            json.member("none", nil)
            json.member("seq", Int64(-42))
            json.member("flag", true)
            json.key("list")
            json.array { json in
                json.value("a")
                json.object { json in json.member("b", false) }
                json.array { _ in }
            }
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(writer.string.utf8)) as? [String: Any]
        #expect(parsed?["name"] as? String == tricky)
        #expect(parsed?["none"] is NSNull)
        #expect(parsed?["seq"] as? Int == -42 && parsed?["flag"] as? Bool == true)
        #expect((parsed?["list"] as? [Any])?.count == 3)
        #expect(writer.string.contains(#"\u0001"#))
    }
}
