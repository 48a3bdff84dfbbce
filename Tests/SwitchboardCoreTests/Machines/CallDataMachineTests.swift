import Foundation
@testable import SwitchboardCore
import Testing

/// The call-data machine (H3, H4, K4) and what a value of each type may be (H1).
@Suite("Call data machine")
struct CallDataMachineTests {
    @Test("K4 a save names the version it was made from and moves it on by one")
    func conditionalSave() {
        var data = CallData(values: ["caseNumber": "C-1"])
        #expect(data.save(["caseNumber": "C-2"], expecting: 1) == .saved(changed: ["caseNumber"]))
        #expect(data.version == 2 && data.values["caseNumber"] == "C-2")
    }

    @Test("H4 the second of two saves from one version is stale and changes nothing")
    func firstSaveWins() {
        var data = CallData(values: [:])
        _ = data.save(["caseNumber": "first"], expecting: 1)
        #expect(data.save(["caseNumber": "second"], expecting: 1) == .stale)
        #expect(data.values["caseNumber"] == "first" && data.version == 2)
    }

    @Test("H3 saving what is already saved moves nothing; an empty value clears one")
    func unchangedAndCleared() {
        var data = CallData(values: ["topic": "Billing"])
        #expect(data.save(["topic": "Billing", "other": ""], expecting: 1) == .unchanged)
        #expect(data.version == 1)
        #expect(data.save(["topic": ""], expecting: 1) == .saved(changed: ["topic"]))
        #expect(data.values["topic"] == nil)
    }

    @Test("A5 a new interaction starts from the defaults, and routing's values take their place")
    func initialValues() {
        let variables = [
            CADVariable(id: "a", name: "a", label: "A", order: 1, defaultValue: "default"),
            CADVariable(id: "b", name: "b", label: "B", order: 2, defaultValue: "kept"),
            CADVariable(id: "c", name: "c", label: "C", order: 3),
        ]
        let data = CallData.initial(for: variables, routing: ["a": "from routing"])
        #expect(data.values == ["a": "from routing", "b": "kept"])
        #expect(data.version == 1)
    }

    @Test("K5 snapshot format 2's flat values read back as version 1; today's round-trips")
    func codable() throws {
        let old = try JSONDecoder().decode(CallData.self, from: Data(#"{"version":"x","values":"y"}"#.utf8))
        #expect(old.values == ["version": "x", "values": "y"] && old.version == 1, "variables named like today's keys")
        var data = CallData(values: ["a": "1"])
        _ = data.save(["a": "2"], expecting: 1)
        let back = try JSONDecoder().decode(CallData.self, from: try JSONEncoder().encode(data))
        #expect(back == data)
    }

    static func variable(_ type: CADVariable.ValueType) -> CADVariable {
        CADVariable(id: "v", name: "v", label: "Value", type: type, isEditable: true, order: 1)
    }

    @Test("H1 at most 256 characters, counted as typed (é is one), empty always allowed")
    func length() {
        let text = Self.variable(.string)
        #expect(throwsCode(.valueTooLong) { () throws -> Void in try text.validate(String(repeating: "x", count: 257)) })
        #expect(!throwsAny { try text.validate(String(repeating: "é", count: 256)) })
        #expect(!throwsAny { try Self.variable(.integer).validate("") })
    }

    @Test("H1 integer, boolean and ISO 8601 datetime values are checked by type", arguments: [
        (CADVariable.ValueType.integer, "42", true), (.integer, "-7", true), (.integer, "4.2", false),
        (.integer, "forty", false), (.boolean, "true", true), (.boolean, "false", true), (.boolean, "yes", false),
        (.datetime, "2026-12-03T14:30:00+01:00", true), (.datetime, "2026-12-03T13:30Z", true),
        (.datetime, "2026-12-03T13:30:05.250Z", true), (.datetime, "2024-02-29T00:00:00Z", true),
        (.datetime, "2026-02-29T00:00:00Z", false), (.datetime, "2026-12-03T14:30:00", false),
        (.datetime, "2026-13-03T14:30:00Z", false), (.datetime, "2026-12-03 14:30:00Z", false),
        (.datetime, "2026-12-03T24:00:00Z", false), (.datetime, "tomorrow", false), (.string, "anything", true),
    ])
    func types(type: CADVariable.ValueType, value: String, valid: Bool) {
        #expect(throwsAny { try Self.variable(type).validate(value) } == !valid)
    }
}

private func throwsAny(_ body: () throws -> Void) -> Bool {
    do { try body() } catch { return true }
    return false
}
