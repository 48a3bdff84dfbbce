/// Dial-number rules of SPEC F1 and F2, used everywhere a number is typed, pasted or received.
///
/// F1: a dial number holds 3 to 18 digits and may contain only `+ # * :` besides digits; pasted
/// text keeps the digits and those four characters and drops everything else.
/// F2: the US, E.164 and IDD forms are recognized for display; they are examples, not a whitelist.
public struct DialNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The sanitized, valid number: digits and `+ # * :` only.
    public let value: String

    public static let minimumDigits = 3
    public static let maximumDigits = 18
    static let allowedSymbols: Set<Character> = ["+", "#", "*", ":"]

    /// Keeps the digits and `+ # * :` of `text`, dropping everything else (F1 paste rule).
    public static func sanitize(_ text: some StringProtocol) -> String {
        String(text.filter { $0.isASCIIDigit || allowedSymbols.contains($0) })
    }

    private init(unchecked value: String) { self.value = value }

    /// Sanitizes `text` and validates the digit count.
    public init(parsing text: some StringProtocol) throws(DialNumberError) {
        let sanitized = Self.sanitize(text)
        let digits = sanitized.count(where: \.isASCIIDigit)
        guard digits >= Self.minimumDigits else { throw .tooFewDigits(digits) }
        guard digits <= Self.maximumDigits else { throw .tooManyDigits(digits) }
        self.init(unchecked: sanitized)
    }

    /// The number if `text` makes a valid one, otherwise nil.
    public static func valid(_ text: some StringProtocol) -> DialNumber? {
        try? DialNumber(parsing: text)
    }

    public var description: String { value }

    /// Which of the F2 forms the number takes.
    public var format: Format {
        let digits = value.filter(\.isASCIIDigit)
        let isPlain = value.allSatisfy { $0.isASCIIDigit || $0 == "+" } && value.dropFirst().allSatisfy(\.isASCIIDigit)
        if isPlain, value.hasPrefix("+1"), digits.count == 11 { return .unitedStates }
        if isPlain, value.hasPrefix("+"), (8...15).contains(digits.count) { return .e164 }
        if isPlain, value.hasPrefix("011") || value.hasPrefix("00"), digits.count > 7 { return .internationalDirectDial }
        if isPlain, !value.hasPrefix("+"), digits.count <= 6 { return .internal }
        return .other
    }

    /// The F2 forms.
    public enum Format: String, Sendable, Codable {
        /// `+1`, area code and 7 digits, e.g. +12015532447.
        case unitedStates
        /// `+`, country code and number, e.g. +4570100100.
        case e164
        /// An international direct-dial prefix (011 or 00), country code and number, e.g. 01161123456789.
        case internationalDirectDial
        /// A short internal number (3 to 6 digits).
        case `internal`
        /// Valid by F1 but none of the forms above (e.g. with `#`, `*` or `:`).
        case other
    }

    /// Decodes a valid number; with `keepsInvalidDialNumbers` set (inputs of journal format 1), a
    /// number that is not valid is kept sanitized, so a replay looks it up as its release did.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { try self.init(parsing: text) } catch {
            guard decoder.userInfo[.keepsInvalidDialNumbers] as? Bool == true else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
            }
            self.init(unchecked: Self.sanitize(text))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

extension DialNumber: ExpressibleByStringLiteral {
    /// A number written in code (tests, the demo tenant); it must be valid.
    public init(stringLiteral text: String) {
        do { try self.init(parsing: text) } catch { preconditionFailure("\(text): \(error.message)") }
    }
}

extension CodingUserInfoKey {
    /// Decode dial numbers that are not valid instead of failing (see `Input.decodingOptions`).
    public static let keepsInvalidDialNumbers = CodingUserInfoKey(rawValue: "switchboard.keepsInvalidDialNumbers")!
}

/// Why a text is not a dial number.
public enum DialNumberError: Error, Equatable, Sendable {
    case tooFewDigits(Int)
    case tooManyDigits(Int)

    /// The F1 message, as the desktop shows it.
    public var message: String {
        switch self {
        case .tooFewDigits(let count):
            "A dial number needs 3 to 18 digits (this one has \(count)); only + # * : are allowed besides digits."
        case .tooManyDigits(let count):
            "A dial number holds at most 18 digits (this one has \(count)); only + # * : are allowed besides digits."
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
