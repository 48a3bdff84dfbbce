/// H1: what a value of each type may be.
extension CADVariable {
    /// Checks a value an agent saves or routing sets: at most `CallData.maximumLength` characters
    /// and of the variable's type. An empty value clears the variable and is always valid.
    public func validate(_ value: String) throws(CommandError) {
        let length = value.unicodeScalars.count
        guard length <= CallData.maximumLength else {
            throw CommandError(
                .valueTooLong, "\(label) may hold at most \(CallData.maximumLength) characters; this value has \(length).",
                field: "values.\(name)")
        }
        guard !value.isEmpty, !type.accepts(value) else { return }
        throw CommandError(
            .invalidRequest, reason: "invalid_value", "\(label) must be \(type.expectation).", field: "values.\(name)")
    }
}

extension CADVariable.ValueType {
    /// Whether a (non-empty) value is of this type.
    public func accepts(_ value: String) -> Bool {
        switch self {
        case .string: true
        case .integer: Int64(value) != nil
        case .boolean: value == "true" || value == "false"
        case .datetime: ISO8601DateTime(value) != nil
        }
    }

    /// The value expected, for the error that refuses another.
    var expectation: String {
        switch self {
        case .string: "text"
        case .integer: "a whole number (such as 42 or -7)"
        case .boolean: "true or false"
        case .datetime: "an ISO 8601 date and time with its offset (such as 2026-12-03T14:30:00+01:00 or 2026-12-03T13:30:00Z)"
        }
    }
}

/// An ISO 8601 date and time as a datetime variable holds it: `YYYY-MM-DDTHH:MM`, optional
/// seconds and fraction, then `Z` or an offset `±HH:MM`. The offset is required: a contact center
/// spans time zones, and a time without one means a different moment to each agent.
struct ISO8601DateTime: Equatable {
    var year, month, day, hour, minute, second: Int
    var offsetMinutes: Int

    init?(_ text: String) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.take("-"), let month = scanner.number(2), scanner.take("-"),
            let day = scanner.number(2), scanner.take("T") || scanner.take("t"), let hour = scanner.number(2),
            scanner.take(":"), let minute = scanner.number(2)
        else { return nil }
        var second = 0
        if scanner.take(":") {
            guard let seconds = scanner.number(2) else { return nil }
            second = seconds
            if scanner.take(".") || scanner.take(",") {
                guard scanner.digits(atLeast: 1) else { return nil }
            }
        }
        var offset = 0
        if scanner.take("Z") || scanner.take("z") {
            offset = 0
        } else {
            let sign: Int
            if scanner.take("+") { sign = 1 } else if scanner.take("-") { sign = -1 } else { return nil }
            guard let hours = scanner.number(2), scanner.take(":"), let minutes = scanner.number(2),
                hours <= 23, minutes <= 59
            else { return nil }
            offset = sign * (hours * 60 + minutes)
        }
        guard scanner.isAtEnd, (1...12).contains(month), (1...Self.days(in: month, of: year)).contains(day),
            hour <= 23, minute <= 59, second <= 60
        else { return nil }
        (self.year, self.month, self.day, self.hour, self.minute, self.second) = (year, month, day, hour, minute, second)
        self.offsetMinutes = offset
    }

    static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// Reads fixed-width numbers and single characters off ASCII bytes.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// Exactly `width` digits as a number.
    mutating func number(_ width: Int) -> Int? {
        guard index + width <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + width] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        index += width
        return value
    }

    /// Skips a run of digits; says whether it had at least `count`.
    mutating func digits(atLeast count: Int) -> Bool {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start >= count
    }
}
