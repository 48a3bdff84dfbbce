import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import SwitchboardCore
import SwitchboardServer
import Testing

/// The desktop translates a disabled control's reason by its code; its English must say what the
/// server's `message` says, and Danish must have every reason (K2: one text per reason).
@Suite("Desktop reason texts")
struct DesktopStringsTests {
    @Test("K2 the desktop's English reason texts are the server's messages; Danish has every reason")
    func reasonTexts() async throws {
        let app = try await makeTestServer().makeApplication(logger: Logger(label: "test"))
        try await app.test(.router) { client in
            let source = try await APIClient(client: client).call(.get, "/desktop/strings.js").text
            let english = try #require(Self.reasons(in: source, language: "en"))
            let danish = try #require(Self.reasons(in: source, language: "da"))
            for reason in DisabledReason.allCases {
                #expect(english[reason.rawValue] == reason.message, "en \(reason.rawValue)")
                #expect(danish[reason.rawValue]?.isEmpty == false, "da \(reason.rawValue)")
            }
            #expect(Set(english.keys) == Set(DisabledReason.allCases.map(\.rawValue)), "no reason the server lacks")
        }
    }

    /// The `"reason.<code>": "<text>"` entries of one language's block of `strings.js`.
    private static func reasons(in source: String, language: String) -> [String: String]? {
        guard let start = source.range(of: "\n  \(language): {"),
            let end = source[start.upperBound...].range(of: "\n  }")
        else { return nil }
        let block = source[start.upperBound..<end.lowerBound]
        let entry = /"reason\.([a-z_]+)": "([^"]*)"/
        return Dictionary(block.matches(of: entry).map { (String($0.output.1), String($0.output.2)) }) { first, _ in first }
    }
}
