import SwitchboardCore
import Testing

@Suite("F dial numbers")
struct DialNumberTests {
    @Test(
        "F1 3 to 18 digits pass, 2 and 19 fail",
        arguments: [
            ("123", true), ("12", false), ("123456789012345678", true), ("1234567890123456789", false),
            ("+12", false), ("+123", true), ("*#:", false), ("1*2#3:", true),
        ])
    func digitCount(text: String, isValid: Bool) {
        #expect((DialNumber.valid(text) != nil) == isValid)
    }

    @Test(
        "F1 pasted text keeps digits and + # * : and drops everything else",
        arguments: [
            ("+45 70 10 01 00", "+4570100100"), ("(201) 553-2447", "2015532447"), ("call 1234 ext. 5", "12345"),
            ("*31#5551234", "*31#5551234"), ("1:2:3", "1:2:3"), ("abc", ""), ("+1-201-ABC-2447", "+12012447"),
            ("½ 12 ٣ 4", "124"),
        ])
    func sanitize(text: String, expected: String) {
        #expect(DialNumber.sanitize(text) == expected)
    }

    @Test("F1 errors say how many digits there were")
    func errorMessage() {
        #expect(throws: DialNumberError.tooFewDigits(2)) { try DialNumber(parsing: "1-2") }
        #expect(throws: DialNumberError.tooManyDigits(19)) { try DialNumber(parsing: String(repeating: "9", count: 19)) }
        #expect(DialNumberError.tooFewDigits(2).message.contains("3 to 18 digits"))
    }

    @Test(
        "F2 the US, E.164 and IDD formats are recognized; short internal numbers are valid too",
        arguments: [
            ("+12015532447", DialNumber.Format.unitedStates), ("+11234567890", .unitedStates),
            ("+4570100100", .e164), ("01161123456789", .internationalDirectDial), ("004570100100", .internationalDirectDial),
            ("1001", .internal), ("123", .internal), ("*31#1234", .other),
        ])
    func formats(text: String, format: DialNumber.Format) throws {
        #expect(try DialNumber(parsing: text).format == format)
    }
}
